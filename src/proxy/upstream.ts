// The proxy's own connection to the mirror database, one per client session: TCP connect,
// startup with the proxy's credentials, authentication (SCRAM-SHA-256, md5, cleartext,
// trust), then ParameterStatus/BackendKeyData up to the first ReadyForQuery.
import { connect, type Socket } from 'node:net';
import { AuthenticationCode, Backend, SqlState, frontend, parameterStatusBody, pgErrorFromBody, saslMechanisms, upstreamUnavailable, PgError } from '../wire/index.js';
import { SCRAM_MECHANISM, ScramClientExchange } from './auth/scram.js';
import { md5PasswordHash, md5Response } from './auth/md5.js';
import { MessageReader } from './message-reader.js';

export interface UpstreamOptions {
  /** A host name or address, or a Unix socket directory (starting with '/'), as libpq takes it. */
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  /** Milliseconds to wait for the TCP connection. */
  connectTimeoutMs?: number;
}

export interface UpstreamConnection {
  socket: Socket;
  /** The upstream's ParameterStatus frames, to relay to the client as they are. */
  parameterFrames: Buffer[];
  parameters: Map<string, string>;
  processId: number;
  secretKey: number;
  /** Transaction status of the first ReadyForQuery. */
  status: number;
  /** Bytes received after that ReadyForQuery (normally none). */
  rest: Buffer;
}

/** Connects and logs in; `parameters` are the client's startup parameters to pass on (not user/database). */
export async function connectUpstream(options: UpstreamOptions, parameters: ReadonlyMap<string, string>): Promise<UpstreamConnection> {
  const socket = await openSocket(options);
  try {
    return await handshake(socket, options, parameters);
  } catch (e) {
    socket.destroy();
    throw e;
  }
}

/** The socket address: `<dir>/.s.PGSQL.<port>` for a socket directory, else host and port. */
function address(options: UpstreamOptions): { path: string } | { host: string; port: number } {
  return options.host.startsWith('/') ? { path: `${options.host}/.s.PGSQL.${options.port}` } : { host: options.host, port: options.port };
}

function openSocket(options: UpstreamOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(address(options));
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(upstreamUnavailable(`connect to ${options.host}:${options.port} timed out`));
    }, options.connectTimeoutMs ?? 10_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (e: Error): void => {
      clearTimeout(timer);
      reject(upstreamUnavailable(`${options.host}:${options.port}: ${e.message}`));
    };
    socket.once('error', onError);
  });
}

async function handshake(socket: Socket, options: UpstreamOptions, clientParameters: ReadonlyMap<string, string>): Promise<UpstreamConnection> {
  const reader = new MessageReader(socket);
  // Errors after connect surface through the reader (close); keep them from being unhandled.
  const swallow = (): void => {};
  socket.on('error', swallow);
  const startup = new Map<string, string>();
  for (const [name, value] of clientParameters) startup.set(name, value);
  startup.set('user', options.user);
  startup.set('database', options.database);
  socket.write(frontend.startupMessage(startup));

  const password = options.password;
  const needPassword = (): string => {
    if (password === undefined) throw upstreamUnavailable('the mirror database asks for a password and none is configured');
    return password;
  };
  let scram: ScramClientExchange | undefined;
  const parameterFrames: Buffer[] = [];
  const parameters = new Map<string, string>();
  let processId = 0;
  let secretKey = 0;
  try {
    for (;;) {
      const { type, body } = await reader.read();
      switch (type) {
        case Backend.Authentication: {
          const code = body.readInt32BE(0);
          if (code === AuthenticationCode.Ok) break;
          if (code === AuthenticationCode.CleartextPassword) socket.write(frontend.passwordMessage(needPassword()));
          else if (code === AuthenticationCode.MD5Password) {
            socket.write(frontend.passwordMessage(md5Response(md5PasswordHash(options.user, needPassword()), body.subarray(4, 8))));
          } else if (code === AuthenticationCode.SASL) {
            if (!saslMechanisms(body).includes(SCRAM_MECHANISM)) throw upstreamUnavailable('the mirror database offers no SASL mechanism pgforce supports');
            scram = new ScramClientExchange(options.user, needPassword());
            socket.write(frontend.saslInitialResponse(SCRAM_MECHANISM, scram.clientFirst()));
          } else if (code === AuthenticationCode.SASLContinue && scram) {
            socket.write(frontend.saslResponse(scram.clientFinal(body.toString('utf8', 4))));
          } else if (code === AuthenticationCode.SASLFinal && scram) {
            scram.verifyServerFinal(body.toString('utf8', 4));
          } else {
            throw upstreamUnavailable(`the mirror database asks for an unsupported authentication method (${code})`);
          }
          break;
        }
        case Backend.ParameterStatus: {
          const frame = Buffer.allocUnsafe(5 + body.length);
          frame[0] = type;
          frame.writeInt32BE(4 + body.length, 1);
          body.copy(frame, 5);
          parameterFrames.push(frame);
          const [name, value] = parameterStatusBody(body);
          parameters.set(name, value);
          break;
        }
        case Backend.BackendKeyData:
          processId = body.readInt32BE(0);
          secretKey = body.readInt32BE(4);
          break;
        case Backend.ErrorResponse: {
          // The client did nothing wrong: the proxy's own login failed. Only "too many
          // connections" keeps its SQLSTATE, so that clients back off as they would.
          const error = pgErrorFromBody(body);
          if (error.code === SqlState.TooManyConnections) throw error;
          throw upstreamUnavailable(`${error.code}: ${error.message}`);
        }
        case Backend.NoticeResponse:
        case Backend.NegotiateProtocolVersion:
          break;
        case Backend.ReadyForQuery:
          return { socket, parameterFrames, parameters, processId, secretKey, status: body[0]!, rest: reader.detach() };
        default:
          throw upstreamUnavailable(`unexpected message "${String.fromCharCode(type)}" from the mirror database during startup`);
      }
    }
  } catch (e) {
    reader.detach();
    if (e instanceof PgError) throw e;
    throw upstreamUnavailable(e instanceof Error ? e.message : String(e));
  } finally {
    socket.off('error', swallow);
  }
}

/** Sends a CancelRequest for an upstream backend on a connection of its own. */
export function sendCancelRequest(options: UpstreamOptions, processId: number, secretKey: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(address(options));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, 5000);
    socket.once('connect', () => socket.end(frontend.cancelRequest(processId, secretKey)));
    socket.once('close', done);
    socket.once('error', done);
  });
}
