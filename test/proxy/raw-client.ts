// A minimal raw-socket client for protocol tests: logs in with SCRAM through the real
// ScramClientExchange, then lets the test write arbitrary bytes.
import { connect, type Socket } from 'node:net';
import { AuthenticationCode, StartupCode, decodeNoticeFields, frontend } from '../../src/wire/index.js';
import { ScramClientExchange } from '../../src/proxy/auth/scram.js';

export async function rawLogin(
  port: number, database: string, credentials: { user: string; password: string }, opts: { minor?: number; options?: Record<string, string | undefined> } = {},
): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = `user\0${credentials.user}\0database\0${database}\0`;
  for (const name of Object.keys(opts.options ?? {})) text += `_pq_.${name}\0x\0`;
  const body = Buffer.from(`${text}\0`);
  const startup = Buffer.alloc(8 + body.length);
  startup.writeInt32BE(8 + body.length, 0);
  startup.writeInt32BE(StartupCode.ProtocolVersion3 | (opts.minor ?? 0), 4);
  body.copy(startup, 8);
  socket.write(startup);
  let buffer = Buffer.alloc(0);
  let scram: ScramClientExchange | undefined;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const type = String.fromCharCode(buffer[0]!);
        const msg = buffer.subarray(5, 1 + buffer.readInt32BE(1));
        buffer = buffer.subarray(1 + buffer.readInt32BE(1));
        if (type === 'R') {
          const code = msg.readInt32BE(0);
          if (code === AuthenticationCode.SASL) {
            scram = new ScramClientExchange(credentials.user, credentials.password);
            socket.write(frontend.saslInitialResponse('SCRAM-SHA-256', scram.clientFirst()));
          } else if (code === AuthenticationCode.SASLContinue) {
            socket.write(frontend.saslResponse(scram!.clientFinal(msg.toString('utf8', 4))));
          }
        } else if (type === 'E') {
          socket.off('data', onData);
          reject(new Error(decodeNoticeFields(msg).get('M')));
        } else if (type === 'Z') {
          socket.off('data', onData);
          resolve(socket);
          return;
        }
      }
    };
    socket.on('data', onData);
  });
}

export function readUntilClosed(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** Fields of the first ErrorResponse in a byte stream. */
export function errorFields(bytes: Buffer): Map<string, string> {
  let pos = 0;
  while (pos + 5 <= bytes.length) {
    const length = bytes.readInt32BE(pos + 1);
    if (bytes[pos] === 'E'.charCodeAt(0)) return decodeNoticeFields(bytes.subarray(pos + 5, pos + 1 + length));
    pos += 1 + length;
  }
  return new Map();
}
