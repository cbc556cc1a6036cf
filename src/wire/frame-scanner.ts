// Incremental framing of a v3 message stream (type byte + int32 length + body) arriving in
// arbitrary chunks. Built for the pass-through path: bytes are handed on as runs of the
// chunk that carried them (no copy, no per-message allocation); only frames whose type the
// caller asks to see are reassembled when a chunk boundary cuts them. Pure: no sockets.
import { PgError } from './pg-error.js';
import { invalidMessageLength, messageTooLarge, unknownMessageType } from './errors.js';

/** What the handler wants done with a frame it was shown. */
export const FrameAction = {
  /** Leave it in the byte run being relayed. */
  Forward: 0,
  /** Relay what came before it, then leave it out; `after()` runs next. */
  Drop: 1,
  /** Relay everything up to and including it now; `after()` runs next. */
  ForwardThenFlush: 2,
  /**
   * Relay what came before it, then hold it and everything after it until `resume()`
   * (the handler must wait for something first); the frame is shown again then.
   */
  Defer: 3,
} as const;
export type FrameAction = (typeof FrameAction)[keyof typeof FrameAction];

export interface FrameHandler {
  /** A complete frame `buf[start, end)` of a type marked in `watch`. */
  frame(type: number, buf: Buffer, start: number, end: number): FrameAction;
  /** Bytes to relay unchanged: `buf[start, end)`. */
  forward(buf: Buffer, start: number, end: number): void;
  /** Runs after a Drop or ForwardThenFlush, once the bytes before have been relayed. */
  after(type: number): void;
}

export interface FrameScannerOptions {
  /** Largest acceptable length field (the length counts itself, not the type byte). */
  maxMessageSize: number;
  /** Type bytes whose frames the handler sees whole (index = type byte, non-zero = watch). */
  watch: Uint8Array;
  /** Type bytes allowed at all; undefined = any. Others are a protocol violation. */
  valid?: Uint8Array;
}

/** A 256-entry table with the given type bytes set. */
export function typeTable(types: readonly number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const t of types) table[t] = 1;
  return table;
}

export const ALL_TYPES: Uint8Array = new Uint8Array(256).fill(1);

export class FrameScanner {
  /** Which frames the handler sees; may be swapped between chunks (e.g. to drop everything). */
  watch: Uint8Array;
  private readonly valid: Uint8Array | undefined;
  private readonly maxMessageSize: number;
  /** Bytes of an incomplete header or watched frame, kept until the rest arrives. */
  private held: Buffer | undefined;
  /** Bytes still to come of a relayed frame that a chunk boundary cut. */
  private skip = 0;
  private stopped = false;
  private deferred = false;
  /** Frames whose header has been read so far (watched or not). */
  framesSeen = 0;

  constructor(options: FrameScannerOptions) {
    this.watch = options.watch;
    this.valid = options.valid;
    this.maxMessageSize = options.maxMessageSize;
  }

  /** Stops scanning (e.g. the session is closing); the rest of the current chunk is ignored. */
  stop(): void {
    this.stopped = true;
  }

  /** Whether a handler deferred a frame and `resume()` has not been called yet. */
  get isDeferred(): boolean {
    return this.deferred;
  }

  /** Scans again from the deferred frame on. */
  resume(handler: FrameHandler): void {
    if (!this.deferred) return;
    this.deferred = false;
    const held = this.held ?? Buffer.alloc(0);
    this.held = undefined;
    this.scan(held, handler);
  }

  /** Bytes buffered for an incomplete frame (for tests and diagnostics). */
  get heldBytes(): number {
    return this.held?.length ?? 0;
  }

  /** Scans one chunk. Throws a FATAL PgError on a malformed frame; bytes before it were already relayed. */
  scan(chunk: Buffer, handler: FrameHandler): void {
    if (this.stopped) return;
    if (this.deferred) {
      this.held = this.held === undefined ? Buffer.from(chunk) : Buffer.concat([this.held, chunk]);
      return;
    }
    let buf = chunk;
    let pos = 0;
    if (this.held !== undefined) {
      buf = Buffer.concat([this.held, chunk]);
      this.held = undefined;
    } else if (this.skip > 0) {
      if (chunk.length <= this.skip) {
        this.skip -= chunk.length;
        handler.forward(chunk, 0, chunk.length);
        return;
      }
      pos = this.skip;
      this.skip = 0;
    }
    let runStart = 0;
    const length = buf.length;
    let runEnd = length;
    let watch = this.watch;
    while (pos < length) {
      if (length - pos < 5) {
        this.hold(buf, pos);
        runEnd = pos;
        break;
      }
      const type = buf[pos]!;
      const size = buf.readInt32BE(pos + 1);
      if (this.valid !== undefined && this.valid[type] === 0) {
        this.flush(handler, buf, runStart, pos);
        throw unknownMessageType(type);
      }
      if (size < 4) {
        this.flush(handler, buf, runStart, pos);
        throw invalidMessageLength(String.fromCharCode(type), size);
      }
      if (size > this.maxMessageSize) {
        this.flush(handler, buf, runStart, pos);
        throw messageTooLarge(size, this.maxMessageSize);
      }
      const end = pos + 1 + size;
      this.framesSeen++;
      if (watch[type] === 0) {
        if (end > length) {
          this.skip = end - length;
          pos = length;
          break;
        }
        pos = end;
        continue;
      }
      if (end > length) {
        this.framesSeen--;
        this.hold(buf, pos);
        runEnd = pos;
        break;
      }
      const action = handler.frame(type, buf, pos, end);
      if (action === FrameAction.Defer) {
        this.framesSeen--;
        this.flush(handler, buf, runStart, pos);
        this.hold(buf, pos);
        this.deferred = true;
        return;
      }
      if (action !== FrameAction.Forward) {
        if (action === FrameAction.Drop) {
          this.flush(handler, buf, runStart, pos);
        } else {
          this.flush(handler, buf, runStart, end);
        }
        runStart = end;
        handler.after(type);
        if (this.stopped) return;
        watch = this.watch;
      }
      pos = end;
    }
    this.flush(handler, buf, runStart, runEnd);
  }

  private hold(buf: Buffer, pos: number): void {
    // A copy, so a small tail does not pin a large chunk.
    this.held = Buffer.from(buf.subarray(pos));
  }

  private flush(handler: FrameHandler, buf: Buffer, start: number, end: number): void {
    if (end > start) handler.forward(buf, start, end);
  }
}

export function isPgError(e: unknown): e is PgError {
  return e instanceof PgError;
}
