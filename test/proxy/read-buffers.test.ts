// The relay reads into buffers of its own (socket-reads.ts) and reuses a buffer for the next read
// unless a write to the peer still holds it. These tests make the peer's writes pend (a reader
// that does not read for a while, then reads slowly) and compare every byte: a buffer reused
// while a pending write still pointed into it would show up as corrupted data.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { readIntoOwnBuffer } from '../../src/proxy/socket-reads.js';
import { frontend } from '../../src/wire/index.js';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, useProxy } from '../support/proxy.js';
import { rawLogin } from './raw-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes where every 4-byte word holds its own index: any shifted or overwritten run is detectable. */
function pattern(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) out.writeUInt32BE(i / 4, i);
  return out;
}

/** Reads everything (until `done(last bytes)` or close), pausing at first and then every few chunks, like a slow client. */
function slowRead(socket: Socket, done: (tail: Buffer) => boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let tail = Buffer.alloc(0);
  socket.pause();
  return new Promise((resolve, reject) => {
    let n = 0;
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      total += c.length;
      if (++n % 4 === 0) {
        socket.pause();
        setTimeout(() => socket.resume(), 2);
      }
      tail = Buffer.concat([tail, c]).subarray(-16);
      if (done(tail)) resolve(Buffer.concat(chunks, total));
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks, total)));
    setTimeout(() => socket.resume(), 300);
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe('readIntoOwnBuffer', () => {
  it.each([
    ['pausing the source when the peer is full', true],
    ['writing regardless of backpressure', false],
  ])('relays 16 MB to a slow reader unchanged, %s', async (_name, backpressure) => {
    const data = pattern(16 * 1024 * 1024);
    const source = createServer((s) => s.end(data));
    let received: Promise<Buffer> | undefined;
    const sink = createServer((s) => {
      received = slowRead(s, () => false);
    });
    const sourcePort = await listen(source);
    const sinkPort = await listen(sink);
    try {
      const dst = connect(sinkPort, '127.0.0.1');
      await new Promise((r) => dst.once('connect', r));
      const src = connect(sourcePort, '127.0.0.1');
      await new Promise((r) => src.once('connect', r));
      src.pause();
      const engaged = readIntoOwnBuffer(src, dst, (chunk) => {
        if (!dst.write(chunk) && backpressure) src.pause();
      });
      // Node 20 and later: the relay is meant to run in this mode; 'data' is only the fallback.
      expect(engaged).toBe(true);
      dst.on('drain', () => src.resume());
      src.on('end', () => dst.end());
      src.resume();
      while (received === undefined) await sleep(5);
      const out = await received;
      expect(out.length).toBe(data.length);
      expect(out.equals(data)).toBe(true);
    } finally {
      source.close();
      sink.close();
    }
  });

  it('leaves a socket with data already buffered alone', async () => {
    const server = createServer((s) => s.end(Buffer.from('hello')));
    const port = await listen(server);
    try {
      const s = connect(port, '127.0.0.1');
      s.pause();
      await new Promise((r) => s.once('readable', r));
      expect(s.readableLength).toBeGreaterThan(0);
      expect(readIntoOwnBuffer(s, s, () => {})).toBe(false);
      expect(s.read()?.toString()).toBe('hello');
      s.destroy();
    } finally {
      server.close();
    }
  });
});

describe('through the proxy', () => {
  const db = useTestDatabase();
  const proxy = useProxy(db);

  it('delivers a large result unchanged to a client that reads slowly', async () => {
    const rows = 3000;
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    // Rows of about 6.4 KB, each derived from its number so that every byte can be checked.
    socket.write(frontend.query(`SELECT i, repeat(md5(i::text), 200) FROM generate_series(1, ${rows}) i`));
    // Ends with ReadyForQuery ('Z', length 5, status).
    const isDone = (tail: Buffer): boolean => tail.length >= 6 && tail[tail.length - 6] === 0x5a && tail.readInt32BE(tail.length - 5) === 5;
    const bytes = await slowRead(socket, isDone);
    socket.destroy();
    let pos = 0;
    let seen = 0;
    while (pos < bytes.length) {
      const type = String.fromCharCode(bytes[pos]!);
      const end = pos + 1 + bytes.readInt32BE(pos + 1);
      if (type === 'D') {
        seen++;
        let p = pos + 7;
        const n = bytes.readInt32BE(p);
        const i = Number(bytes.toString('utf8', p + 4, p + 4 + n));
        p += 4 + n;
        const m = bytes.readInt32BE(p);
        const text = bytes.toString('utf8', p + 4, p + 4 + m);
        expect(i).toBe(seen);
        expect(text).toBe(createHash('md5').update(String(i)).digest('hex').repeat(200));
      }
      pos = end;
    }
    expect(seen).toBe(rows);
  });
});
