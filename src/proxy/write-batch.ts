// Coalesces what the proxy writes to one socket during one turn of the event loop into one
// system call. Why: a carried write answers the client in pieces (ParseComplete, its own
// RowDescription, the rows, ReadyForQuery) and sends the upstream several messages of its
// own, each a separate write(); on loopback every write is a system call that also runs the
// receiver's side of TCP, and these were ~45 % of the proxy's CPU on the write path
// (bench/RESULTS.md, issue 5). The pass-through path does not use it: there every read is
// already forwarded as one write.
import type { Socket } from 'node:net';

export class WriteBatch {
  private holding = false;

  constructor(private readonly socket: Socket) {}

  /**
   * Holds the socket's writes until the current turn ends (process.nextTick runs once the
   * promise callbacks queued in this turn have run, so writes made along a chain of awaits
   * leave together).
   */
  hold(): void {
    if (this.holding) return;
    this.holding = true;
    this.socket.cork();
    process.nextTick(this.release);
  }

  private readonly release = (): void => {
    this.holding = false;
    this.socket.uncork();
  };
}
