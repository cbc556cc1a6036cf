// Reads an established socket into a buffer of the relay's own (Node's `onread` mode) instead of
// through its Readable stream. Why: at 8 pgbench clients on 2 cores the proxy's cost per
// transaction is Node's per-read machinery (push, 'data' emit, maybeReadMore's nextTick, a new
// 64 KB allocation per read), not the relay; a bare relay measured ~55 us of CPU per
// transaction with 'data' events and ~42 us with onread (pgbouncer: ~37 us). See bench/RESULTS.md.
//
// Node only offers `onread` as an option of new sockets (net.connect), not for accepted ones nor
// for a socket that already did its handshake, so this sets the same three internal fields the
// constructor option sets and registers the buffer with the handle exactly as Node does at
// construction (lib/net.js initSocketHandle). If this Node's internals do not look as expected,
// nothing is changed and the caller keeps using 'data' events.
//
// Buffer lifetime: a chunk is only valid during `onData`. The handle reads the next bytes into the
// same memory, so anything kept past the call must be a copy (FrameScanner copies what it holds).
// A write that the kernel does not take at once keeps a reference to the chunk until it completes:
// `peer.writableLength > 0` after `onData` means some chunk may still be queued, and the socket
// then reads into a fresh buffer; the old one belongs to the pending write.
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** Bytes per read, as Node's own default. Untouched pages of an idle session's buffer cost no RSS. */
export const READ_BUFFER_SIZE = 64 * 1024;

interface OnreadFields {
  buffer: symbol;
  callback: symbol;
  generator: symbol;
}

let fields: OnreadFields | null | undefined;

/** The symbols net.Socket keeps its `onread` option under (Node 20: kBuffer, kBufferCb, kBufferGen). */
function onreadFields(socket: Socket): OnreadFields | null {
  if (fields !== undefined) return fields;
  const own = Object.getOwnPropertySymbols(socket);
  const find = (name: string): symbol | undefined => own.find((s) => s.description === name);
  const buffer = find('kBuffer');
  const callback = find('kBufferCb');
  const generator = find('kBufferGen');
  fields = buffer && callback && generator ? { buffer, callback, generator } : null;
  return fields;
}

type Internal = Socket & Record<symbol, unknown> & { _handle?: { useUserBuffer?: (buf: Uint8Array) => void } | null };

/**
 * From now on calls `onData(chunk)` for every read of `socket`, `chunk` valid only during the call;
 * every chunk must be written to `peer` (or copied) only. Returns false, changing nothing, when the
 * socket cannot be switched (TLS, already buffered data, unexpected Node internals): use 'data' then.
 * pause()/resume() keep working (net.Socket stops and starts the handle's reads in this mode).
 */
export function readIntoOwnBuffer(socket: Socket, peer: Socket, onData: (chunk: Buffer) => void): boolean {
  const s = socket as Internal;
  const handle = s._handle;
  if (socket instanceof TLSSocket || socket.destroyed || socket.connecting || socket.readableLength > 0) return false;
  if (handle === undefined || handle === null || typeof handle.useUserBuffer !== 'function') return false;
  const f = onreadFields(socket);
  if (f === null || s[f.buffer] !== null || s[f.callback] !== null || s[f.generator] !== null) return false;
  let buffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  s[f.buffer] = buffer;
  s[f.callback] = (nread: number, buf: Buffer): void => {
    onData(buf.subarray(0, nread));
    // A write still queued on the peer may hold (part of) this chunk: leave it that memory.
    if (peer.writableLength > 0) buffer = Buffer.allocUnsafe(READ_BUFFER_SIZE);
  };
  // Called by Node after each callback; the handle reads into what it returns next.
  s[f.generator] = (): Buffer => buffer;
  handle.useUserBuffer(buffer);
  return true;
}
