// Backfill progress: a bar on a terminal (stderr), a log line every few seconds otherwise.
import type { Logger } from '../log.js';

const LOG_EVERY_MS = 5000;
const BAR_WIDTH = 30;

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastLog = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly log: Logger,
    stream: NodeJS.WriteStream = process.stderr,
    private readonly out = stream,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  add(n: number): void {
    this.done += n;
    const now = Date.now();
    if (this.tty) this.draw();
    else if (now - this.lastLog >= LOG_EVERY_MS) {
      this.lastLog = now;
      this.log.info({ object: this.label, done: this.done, total: this.total, perSecond: this.rate() }, 'backfill progress');
    }
  }

  finish(): void {
    if (this.tty) {
      this.draw();
      this.out.write('\n');
    }
    this.log.info({ object: this.label, rows: this.done, seconds: (Date.now() - this.started) / 1000, perSecond: this.rate() }, 'backfill done');
  }

  private rate(): number {
    return Math.round(this.done / Math.max(0.001, (Date.now() - this.started) / 1000));
  }

  private draw(): void {
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    this.out.write(`\r${this.label.padEnd(16)} ${bar} ${(share * 100).toFixed(0).padStart(3)}% ${this.done}/${this.total} ${this.rate()} rec/s`);
  }
}
