// Reads whole messages from a socket during the handshake (startup, authentication), where
// awaiting each message costs nothing that matters. Once the session is established the
// reader detaches and hands over any bytes it already received to the relay.
import type { Socket } from 'node:net';
import { startupPacketLength, protocolViolation } from '../wire/index.js';
import { PgError } from '../wire/index.js';

export interface Message {
  type: number;
  /** The body, without type byte and length. */
  body: Buffer;
}

/** Handshake messages are small; anything bigger is not a client speaking the protocol. */
const MAX_HANDSHAKE_MESSAGE = 64 * 1024;

export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private ended = false;
  private readonly onData = (chunk: Buffer): void => {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.wake();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };

  constructor(private socket: Socket) {
    this.attach(socket);
  }

  /** Follows the connection onto a new socket (the TLS socket after SSLRequest). */
  replaceSocket(socket: Socket): void {
    this.detachListeners();
    this.buffer = Buffer.alloc(0);
    this.socket = socket;
    this.attach(socket);
  }

  /** Bytes received and not yet read. */
  get pending(): number {
    return this.buffer.length;
  }

  /** The next untyped startup-phase packet (length included). */
  async readStartupPacket(): Promise<Buffer> {
    for (;;) {
      const length = startupPacketLength(this.buffer);
      if (length !== undefined && this.buffer.length >= length) return this.take(length);
      await this.more();
    }
  }

  /** The next typed message. */
  async read(): Promise<Message> {
    for (;;) {
      if (this.buffer.length >= 5) {
        const length = this.buffer.readInt32BE(1);
        if (length < 4 || length > MAX_HANDSHAKE_MESSAGE) throw protocolViolation(`invalid message length ${length} during startup`);
        if (this.buffer.length >= length + 1) {
          const frame = this.take(length + 1);
          return { type: frame[0]!, body: frame.subarray(5) };
        }
      }
      await this.more();
    }
  }

  /** Stops listening; returns the bytes already received beyond the last message read. */
  detach(): Buffer {
    this.detachListeners();
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
  }

  private detachListeners(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
  }

  private take(n: number): Buffer {
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  private more(): Promise<void> {
    if (this.ended) return Promise.reject(new ConnectionClosed());
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}

/** The peer went away during the handshake: nothing to answer. */
export class ConnectionClosed extends Error {
  constructor() {
    super('connection closed during startup');
  }
}

export { PgError };
