// One client connection from accept to close: startup packet (TLS, GSSENC, cancel), limits,
// allowlist, authentication, the upstream connection, then the relay. Every PgError thrown
// during the handshake ends here, in the one place that turns it into an ErrorResponse.
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { performance } from 'node:perf_hooks';
import {
  PgError, SSL_ACCEPTED, SSL_REFUSED, backendKeyData, databaseDoesNotExist, frontend, ipNotAllowed, negotiateProtocolVersion,
  mirrorWriterSetting, noUserName, parseStartupPacket, protocolViolation, readyForQuery, startupTimeout, tooManyConnections, Backend,
} from '../wire/index.js';
import type { Logger } from '../log.js';
import { authenticateClient, type AuthMethod, type UserLookup } from './client-auth.js';
import type { CancelKeys } from './cancel-keys.js';
import type { Interceptor } from './interceptor.js';
import { ConnectionClosed, MessageReader } from './message-reader.js';
import type { MirrorState } from './mirror-state.js';
import { SessionPolicy } from './policy.js';
import { Relay } from './relay.js';
import { MIRROR_WRITER_SETTING } from '../mirror/guard.js';
import type { WritePath } from '../writes/write-path.js';
import { connectUpstream, sendCancelRequest, type UpstreamConnection, type UpstreamOptions } from './upstream.js';

/** What all sessions of one proxy share. */
export interface ProxyContext {
  upstream: UpstreamOptions;
  databaseName: string;
  users: UserLookup;
  allowlist: { allows(address: string | undefined): boolean } | undefined;
  secureContext: SecureContext | undefined;
  authMethod: AuthMethod;
  maxClientConnections: number;
  maxMessageSize: number;
  startupTimeoutMs: number;
  logger: Logger;
  wireTrace: boolean;
  interceptor: Interceptor;
  writePath: WritePath | undefined;
  mirror: MirrorState;
  cancelKeys: CancelKeys;
  /** Sessions past their startup packet (cancel requests do not count). */
  sessions: Set<SessionHandle>;
}

export interface SessionHandle {
  /** Ends the session with this FATAL error (e.g. proxy shutdown). */
  terminate(error: PgError): void;
}

/** Client startup parameters that are not passed on to the upstream. */
const NOT_FORWARDED = new Set(['user', 'database', 'replication']);

let nextSessionId = 1;

export function handleConnection(socket: Socket, ctx: ProxyContext): void {
  socket.setNoDelay(true);
  const id = nextSessionId++;
  const logger = ctx.logger.child({ session: id, client: socket.remoteAddress ?? 'unix' });
  const opened = performance.now();
  let client: Socket = socket;
  let relay: Relay | undefined;
  let upstream: UpstreamConnection | undefined;
  let finished = false;
  const handle: SessionHandle = {
    terminate(error) {
      if (relay) relay.fatal(error, 'terminated');
      else fail(error);
    },
  };
  const fail = (error: PgError): void => {
    if (finished) return;
    finished = true;
    client.end(error.encode());
    client.destroySoon();
    upstream?.socket.destroy();
    ctx.sessions.delete(handle);
    logger.info({ code: error.code, reason: error.message, durationMs: Math.round(performance.now() - opened) }, 'session refused');
  };
  socket.on('error', () => {});
  let clientClosed = false;
  socket.once('close', () => {
    clientClosed = true;
  });
  const timer = setTimeout(() => fail(startupTimeout(ctx.startupTimeoutMs)), ctx.startupTimeoutMs);

  const run = async (): Promise<void> => {
    const reader = new MessageReader(socket);
    let overTls = false;
    let startup;
    for (;;) {
      const packet = parseStartupPacket(await reader.readStartupPacket());
      if (packet.kind === 'CancelRequest') {
        clearTimeout(timer);
        finished = true;
        ctx.cancelKeys.cancel(packet.processId, packet.secretKey);
        reader.detach();
        socket.destroy();
        return;
      }
      if (packet.kind === 'SSLRequest' && ctx.secureContext !== undefined && !overTls) {
        if (reader.pending > 0) throw protocolViolation('received unencrypted data after SSL request');
        socket.write(SSL_ACCEPTED);
        const tls = new TLSSocket(socket, { isServer: true, secureContext: ctx.secureContext });
        tls.on('error', () => {});
        reader.replaceSocket(tls);
        client = tls;
        overTls = true;
        continue;
      }
      if (packet.kind === 'SSLRequest' || packet.kind === 'GSSENCRequest') {
        socket.write(SSL_REFUSED);
        continue;
      }
      startup = packet;
      break;
    }
    if (startup.minorVersion > 0 || startup.protocolOptions.length > 0) {
      client.write(negotiateProtocolVersion(0, startup.protocolOptions));
    }
    if (ctx.sessions.size >= ctx.maxClientConnections) throw tooManyConnections();
    ctx.sessions.add(handle);
    if (ctx.allowlist !== undefined && !ctx.allowlist.allows(socket.remoteAddress)) throw ipNotAllowed(socket.remoteAddress);
    const userName = startup.parameters.get('user');
    if (userName === undefined || userName === '') throw noUserName();
    const database = startup.parameters.get('database') || userName;
    const user = await authenticateClient(client, reader, userName, ctx.users, ctx.authMethod, overTls);
    if (database !== ctx.databaseName) throw databaseDoesNotExist(database);

    const forwarded = new Map<string, string>();
    for (const [name, value] of startup.parameters) {
      if (name.includes(MIRROR_WRITER_SETTING) || (name === 'options' && value.includes(MIRROR_WRITER_SETTING))) throw mirrorWriterSetting(MIRROR_WRITER_SETTING, 'FATAL');
      if (!NOT_FORWARDED.has(name)) forwarded.set(name, value);
    }
    // Belt and braces: the upstream also refuses writes the classifier might miss.
    if (user.readOnly) forwarded.set('default_transaction_read_only', 'on');
    upstream = await connectUpstream(ctx.upstream, forwarded);
    let searchPath = upstream.parameters.get('search_path');
    const searchPathReported = searchPath !== undefined;
    if (searchPath === undefined) searchPath = await showSearchPath(upstream);

    const up = upstream;
    clearTimeout(timer);
    if (finished || clientClosed) {
      // Timed out or the client left while we were connecting upstream.
      finished = true;
      up.socket.end(frontend.TERMINATE);
      ctx.sessions.delete(handle);
      return;
    }
    const key = ctx.cancelKeys.register(() => {
      void sendCancelRequest(ctx.upstream, up.processId, up.secretKey);
    });
    client.write(Buffer.concat([...upstream.parameterFrames, backendKeyData(key.processId, key.secretKey), readyForQuery(upstream.status)]));
    logger.info({ user: userName, tls: overTls, readOnly: user.readOnly, applicationName: startup.parameters.get('application_name') }, 'session open');
    const policy = new SessionPolicy(user, ctx.mirror, ctx.interceptor, searchPath, searchPathReported, ctx.upstream.user);
    relay = new Relay({
      client,
      upstream: up.socket,
      policy,
      logger,
      maxMessageSize: ctx.maxMessageSize,
      wireTrace: ctx.wireTrace,
      status: up.status,
      cancelUpstream: () => sendCancelRequest(ctx.upstream, up.processId, up.secretKey),
      ...(ctx.writePath && {
        writes: {
          execute: (plan, evaluate, returning, largeWrites, journal) => ctx.writePath!.execute(plan, evaluate, userName, returning, largeWrites, journal),
          journalAhead: (plan) => ctx.writePath!.journalAhead(plan, userName),
          dropJournal: (journal) => ctx.writePath!.dropJournal(journal),
          stage: (plan, rows, tx) => ctx.writePath!.stage(plan, rows, tx),
          commit: (tx) => ctx.writePath!.commitDeferred(tx, userName),
        },
      }),
      onClose: (reason) => {
        finished = true;
        ctx.cancelKeys.unregister(key.processId);
        ctx.sessions.delete(handle);
        logger.info({
          reason, durationMs: Math.round(performance.now() - opened), bytesFromClient: relay?.bytesFromClient, bytesToClient: relay?.bytesToClient,
        }, 'session close');
      },
    });
    relay.start(reader.detach(), up.rest);
  };

  run().catch((e: unknown) => {
    clearTimeout(timer);
    if (e instanceof PgError) fail(e);
    else if (e instanceof ConnectionClosed) {
      finished = true;
      upstream?.socket.destroy();
      ctx.sessions.delete(handle);
      client.destroy();
    } else {
      logger.error({ err: e }, 'session failure');
      fail(new PgError({ severity: 'FATAL', code: 'XX000', message: 'internal error in pgforce' }));
    }
  });
}

/** Asks the upstream for its search_path (servers before PostgreSQL 18 do not report it). */
async function showSearchPath(upstream: UpstreamConnection): Promise<string> {
  const reader = new MessageReader(upstream.socket);
  upstream.socket.write(frontend.query('SHOW search_path'));
  let value = '';
  try {
    for (;;) {
      const { type, body } = await reader.read();
      if (type === Backend.DataRow) {
        const length = body.readInt32BE(2);
        value = length < 0 ? '' : body.toString('utf8', 6, 6 + length);
      } else if (type === Backend.ReadyForQuery) {
        upstream.status = body[0]!;
        break;
      }
    }
  } finally {
    upstream.rest = reader.detach();
  }
  return value;
}
