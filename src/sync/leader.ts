// Only one sync writes the mirror, however many pgforce processes share the database: the
// leader holds a session-level Postgres advisory lock on its own connection and does all its
// writes on that connection. If the leader dies, Postgres ends its session and releases the
// lock; a standby polling for it takes over.
import pg from 'pg';
import type { Logger } from '../log.js';
import { allowMirrorWrites } from '../mirror/guard.js';

/** `pgforce.sync` as a stable 64-bit advisory lock key. */
const SYNC_LOCK_KEY = '7234017283807667300';

export class LeaderLock {
  private client: pg.Client | undefined;

  constructor(
    private readonly databaseUrl: string | undefined,
    private readonly log: Logger,
  ) {}

  /** Tries once; on success the returned client is the leader's connection. */
  async tryAcquire(): Promise<pg.Client | undefined> {
    const client = new pg.Client(this.databaseUrl ? { connectionString: this.databaseUrl } : {});
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [SYNC_LOCK_KEY]);
    if (!rows[0]?.ok) {
      await client.end();
      return undefined;
    }
    client.on('error', (error) => this.log.error({ err: error }, 'the leader connection failed; leadership is lost'));
    // The mirror can always be re-read from Salesforce and the resume point commits with the
    // rows it covers, so a crash may lose the last moments of progress, never consistency:
    // no need to wait for the WAL flush on every batch.
    await client.query('SET synchronous_commit = off');
    // The mirror's guard triggers refuse writes from any other session (src/mirror/guard.ts).
    await allowMirrorWrites(client);
    this.client = client;
    this.log.info('this process is the sync leader');
    return client;
  }

  /** Waits until this process is the leader (or `signal` aborts). */
  async acquire(retryMs: number, signal: AbortSignal): Promise<pg.Client | undefined> {
    let announced = false;
    while (!signal.aborted) {
      const client = await this.tryAcquire().catch((error: unknown) => {
        this.log.warn({ err: error }, 'could not reach Postgres to take the sync lock');
        return undefined;
      });
      if (client) return client;
      if (!announced) this.log.info('another process is the sync leader; standing by');
      announced = true;
      await sleep(retryMs, signal);
    }
    return undefined;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [SYNC_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
