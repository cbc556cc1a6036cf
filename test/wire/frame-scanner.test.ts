// The incremental frame scanner, fed every way a stream can be cut: one byte at a time, at
// every split point, merged into one chunk; and malformed frames.
import { describe, expect, it } from 'vitest';
import { FrameAction, FrameScanner, PgError, SqlState, typeTable, type FrameHandler } from '../../src/wire/index.js';

function frame(type: string, body: string | Buffer = ''): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const out = Buffer.alloc(5 + b.length);
  out[0] = type.charCodeAt(0);
  out.writeInt32BE(4 + b.length, 1);
  b.copy(out, 5);
  return out;
}

const Q = 'Q'.charCodeAt(0);

/** Records what the scanner relays and which watched frames it shows; drops frames whose body is "drop\0". */
function recorder(): FrameHandler & { out: Buffer[]; seen: string[]; afters: number } {
  const r = {
    out: [] as Buffer[],
    seen: [] as string[],
    afters: 0,
    frame(type: number, buf: Buffer, start: number, end: number) {
      const body = buf.toString('utf8', start + 5, end);
      r.seen.push(`${String.fromCharCode(type)}:${body}`);
      return body === 'drop\0' ? FrameAction.Drop : FrameAction.Forward;
    },
    forward(buf: Buffer, start: number, end: number) {
      r.out.push(Buffer.from(buf.subarray(start, end)));
    },
    after() {
      r.afters++;
    },
  };
  return r;
}

function scanner(max = 1 << 20): FrameScanner {
  return new FrameScanner({ maxMessageSize: max, watch: typeTable([Q]), valid: typeTable(['Q', 'B', 'S', 'd'].map((c) => c.charCodeAt(0))) });
}

const stream = Buffer.concat([
  frame('B', Buffer.alloc(30, 7)),
  frame('Q', 'SELECT 1\0'),
  frame('S'),
  frame('Q', 'drop\0'),
  frame('d', Buffer.alloc(100, 1)),
  frame('Q', 'SELECT 2\0'),
]);
const beforeDrop = 5 + 30 + 5 + 9 + 5;
const expectedOut = Buffer.concat([stream.subarray(0, beforeDrop), stream.subarray(beforeDrop + 10)]);

describe('FrameScanner', () => {
  it('relays a merged chunk as runs and shows watched frames whole', () => {
    const r = recorder();
    scanner().scan(stream, r);
    expect(r.seen).toEqual(['Q:SELECT 1\0', 'Q:drop\0', 'Q:SELECT 2\0']);
    expect(Buffer.concat(r.out)).toEqual(expectedOut);
    expect(r.out).toHaveLength(2);
    expect(r.afters).toBe(1);
  });

  it('gives the same result at every split point', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const r = recorder();
      const s = scanner();
      s.scan(stream.subarray(0, cut), r);
      s.scan(stream.subarray(cut), r);
      // Compared as strings: thousands of Buffer deep-equals are slow.
      if (r.seen.join('|') !== 'Q:SELECT 1\0|Q:drop\0|Q:SELECT 2\0') expect.fail(`cut at ${cut}: saw ${r.seen.join('|')}`);
      if (!Buffer.concat(r.out).equals(expectedOut)) expect.fail(`cut at ${cut}: relayed bytes differ`);
      if (s.heldBytes !== 0) expect.fail(`cut at ${cut}: bytes left held`);
    }
  });

  it('gives the same result one byte at a time', () => {
    const r = recorder();
    const s = scanner();
    for (let i = 0; i < stream.length; i++) s.scan(stream.subarray(i, i + 1), r);
    expect(r.seen).toEqual(['Q:SELECT 1\0', 'Q:drop\0', 'Q:SELECT 2\0']);
    expect(Buffer.concat(r.out)).toEqual(expectedOut);
  });

  it('relays unwatched frames cut across chunks without holding them', () => {
    const big = frame('d', Buffer.alloc(100_000, 3));
    const r = recorder();
    const s = scanner();
    s.scan(big.subarray(0, 10), r);
    expect(s.heldBytes).toBe(0);
    s.scan(big.subarray(10, 50_000), r);
    s.scan(big.subarray(50_000), r);
    expect(Buffer.concat(r.out)).toEqual(big);
  });

  it('relays an unsplit chunk without copying it', () => {
    const chunk = Buffer.concat([frame('B', 'x'), frame('S')]);
    let relayed: Buffer | undefined;
    scanner().scan(chunk, { frame: () => FrameAction.Forward, forward: (b) => { relayed = b; }, after: () => {} });
    expect(relayed).toBe(chunk);
  });

  it.each([
    ['an unknown type byte', Buffer.concat([frame('Q', 'SELECT 1\0'), frame('!', 'x')]), 'invalid frontend message type 33'],
    ['a length below 4', Buffer.from([0x51, 0, 0, 0, 3]), 'invalid message length 3'],
    ['a negative length', Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff]), 'invalid message length -1'],
    ['an oversize message', frame('d', Buffer.alloc(2000)), 'exceeds pgforce\'s limit of 1024 bytes'],
  ])('rejects %s with FATAL 08P01', (_name, bytes, message) => {
    const r = recorder();
    let error: unknown;
    try {
      scanner(1024).scan(bytes, r);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PgError);
    expect((error as PgError).severity).toBe('FATAL');
    expect((error as PgError).code).toBe(SqlState.ProtocolViolation);
    expect((error as PgError).message).toContain(message);
  });

  it('relays the valid frames before a malformed one', () => {
    const r = recorder();
    const good = frame('S');
    expect(() => scanner().scan(Buffer.concat([good, Buffer.from('!\0\0\0\x04')]), r)).toThrow(PgError);
    expect(Buffer.concat(r.out)).toEqual(good);
  });

  it('defers a frame and everything after it until resumed, then shows it again', () => {
    const s = scanner();
    const out: Buffer[] = [];
    const seen: string[] = [];
    let deferOnce = true;
    const handler: FrameHandler = {
      frame(type, buf, start, end) {
        const body = buf.toString('utf8', start + 5, end);
        seen.push(body);
        if (body === 'SELECT 2\0' && deferOnce) {
          deferOnce = false;
          return FrameAction.Defer;
        }
        return FrameAction.Forward;
      },
      forward: (buf, start, end) => void out.push(Buffer.from(buf.subarray(start, end))),
      after: () => {},
    };
    const first = Buffer.concat([frame('Q', 'SELECT 1\0'), frame('Q', 'SELECT 2\0')]);
    const later = frame('Q', 'SELECT 3\0');
    s.scan(first.subarray(0, first.length - 3), handler);
    s.scan(first.subarray(first.length - 3), handler);
    expect(s.isDeferred).toBe(true);
    s.scan(later, handler);
    expect(Buffer.concat(out)).toEqual(frame('Q', 'SELECT 1\0'));
    s.resume(handler);
    expect(seen).toEqual(['SELECT 1\0', 'SELECT 2\0', 'SELECT 2\0', 'SELECT 3\0']);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([first, later]));
  });

  it('stops when asked from a handler', () => {
    const s = scanner();
    const r = recorder();
    const handler: FrameHandler = { ...r, frame: (...args) => r.frame(...args), forward: (...args) => r.forward(...args), after: () => s.stop() };
    s.scan(stream, handler);
    expect(r.seen).toEqual(['Q:SELECT 1\0', 'Q:drop\0']);
  });
});
