// Keeps the proxy's list of mirrored tables current: a LISTEN on the channel the sync
// notifies when it creates a mirrored table, so that writes to a new table are intercepted
// from its first moment, plus a periodic re-read as a safety net (and to re-LISTEN after the
// listening connection was lost).
import type pg from 'pg';
import type { Logger } from '../log.js';
import { MIRROR_CHANGED_CHANNEL } from '../mirror/catalog.js';

export class MirrorWatch {
  private listener: pg.PoolClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly refresh: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Listens, then re-reads every `intervalMs` (0: never). */
  async start(intervalMs: number): Promise<void> {
    await this.listen();
    if (intervalMs > 0) {
      this.timer = setInterval(() => void this.tick(), intervalMs);
      this.timer.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.listener?.release(true);
    this.listener = undefined;
  }

  private async tick(): Promise<void> {
    try {
      if (this.listener === undefined) await this.listen();
      await this.refresh();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-read the mirrored tables');
    }
  }

  private async listen(): Promise<void> {
    const cannot = (error: unknown): void => this.logger.warn({ err: error }, 'cannot listen for new mirrored tables; re-reading periodically');
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      return cannot(error);
    }
    client.on('notification', () => void this.refresh().catch((e: unknown) => this.logger.warn({ err: e }, 'could not re-read the mirrored tables')));
    client.on('error', (e) => {
      if (this.listener !== client) return; // released already (close, or a failed LISTEN)
      this.listener = undefined;
      this.logger.warn({ err: e }, 'lost the connection listening for new mirrored tables; re-reading periodically');
      client.release(true);
    });
    try {
      await client.query(`LISTEN ${MIRROR_CHANGED_CHANNEL}`);
    } catch (error) {
      client.release(true);
      return cannot(error);
    }
    if (this.closed) client.release(true);
    else this.listener = client;
  }
}
