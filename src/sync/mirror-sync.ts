// The mirror sync: becomes leader (or stands by), creates the mirror tables from describe,
// backfills every object, then polls for changes every interval until stopped. Salesforce
// failures (unavailable, limits, lost sessions) pause and retry without losing anything: the
// cursor only moves with the rows it covers. Losing the leader connection sends the process
// back to standby.
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Logger } from '../log.js';
import type { SyncSettings } from '../config.js';
import { ensureCatalog, loadMirrorTables, saveMirrorTable, type MirrorTable } from '../mirror/catalog.js';
import { guardTriggerDdl } from '../mirror/guard.js';
import { planTable } from '../mirror/plan-table.js';
import { ApiBudget } from './budget.js';
import { chooseObjects } from './choose-objects.js';
import { LeaderLock, sleep } from './leader.js';
import { ObjectSync } from './object-sync.js';
import type { SyncSource } from './source.js';
import { inTransaction } from './transaction.js';

const MAX_ERROR_BACKOFF_MS = 30_000;

export interface MirrorSyncOptions {
  databaseUrl: string | undefined;
  settings: SyncSettings;
  source: SyncSource;
  log: Logger;
}

export class MirrorSync extends EventEmitter {
  private readonly lock: LeaderLock;
  private readonly budget: ApiBudget;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private objects: ObjectSync[] = [];

  constructor(private readonly options: MirrorSyncOptions) {
    super();
    this.lock = new LeaderLock(options.databaseUrl, options.log);
    this.budget = new ApiBudget(options.settings.apiBudgetShare, options.source, options.log);
  }

  /** `pgforce sync --once`: backfill, one poll and one deleted-records check, then return. */
  async runOnce(): Promise<void> {
    const db = await this.lock.tryAcquire();
    if (!db) throw new Error('another pgforce sync holds the leader lock on this database; --once needs it (try again when it stops)');
    try {
      await this.setUp(db);
      for (const o of this.objects) await o.backfill(this.abort.signal);
      for (const o of this.objects) await o.poll(this.abort.signal);
      for (const o of this.objects) await o.checkDeleted(this.abort.signal);
    } finally {
      await this.lock.release();
    }
  }

  /** Runs in the background until stop(); emits `leader`, `backfilled` and `cycle`. */
  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  get mirrorTables(): MirrorTable[] {
    return this.objects.map((o) => o.mirrorTable);
  }

  private async run(): Promise<void> {
    const { settings, log } = this.options;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const db = await this.lock.acquire(settings.leaderRetryMs, signal);
      if (!db) return;
      let lost = false;
      db.on('error', () => (lost = true));
      this.emit('leader');
      try {
        await this.lead(db, signal, () => lost);
      } catch (error) {
        if (!signal.aborted) log.error({ err: error }, 'sync leader stopped');
      } finally {
        await this.lock.release();
      }
      if (!signal.aborted) await sleep(settings.leaderRetryMs, signal);
    }
  }

  private async lead(db: pg.Client, signal: AbortSignal, lost: () => boolean): Promise<void> {
    const { settings, log } = this.options;
    let failures = 0;
    let ready = false;
    let lastDescribe = Date.now();
    let lastDeletedCheck = 0;
    let lastLookBack = 0;
    for (let cycle = 0; !signal.aborted && !lost(); cycle++) {
      const started = Date.now();
      try {
        if (!ready) {
          await this.setUp(db);
          for (const o of this.objects) await o.backfill(signal);
          ready = true;
          this.budget.fill();
          this.emit('backfilled');
        }
        if (Date.now() - lastDescribe >= settings.describeIntervalMs) {
          await this.refreshSchemas(signal);
          lastDescribe = Date.now();
        }
        // Rotate the starting object so that a tight API budget is shared fairly.
        const order = rotate(this.objects, cycle);
        // Re-reading the overlap window costs API requests: do it every half window, not every poll.
        const lookBack = Date.now() - lastLookBack >= settings.overlapMs / 2;
        let changes = 0;
        for (const o of order) changes += await o.poll(signal, lookBack);
        if (lookBack) lastLookBack = Date.now();
        if (Date.now() - lastDeletedCheck >= settings.deletedCheckIntervalMs) {
          for (const o of order) await o.checkDeleted(signal);
          lastDeletedCheck = Date.now();
        }
        failures = 0;
        this.emit('cycle', { changes });
        await sleep(Math.max(0, settings.intervalMs - (Date.now() - started)), signal);
      } catch (error) {
        if (lost() || signal.aborted) throw error;
        failures++;
        const backoff = Math.min(MAX_ERROR_BACKOFF_MS, settings.intervalMs * 2 ** Math.min(failures, 10));
        log.warn({ err: error, retryInMs: backoff }, 'sync cycle failed; retrying');
        this.emit('failure', error);
        await sleep(backoff, signal);
      }
    }
  }

  private async setUp(db: pg.Client): Promise<void> {
    const { source, settings, log } = this.options;
    await ensureCatalog(db);
    const global = await source.describeGlobal();
    const names = chooseObjects(settings, global.sobjects);
    const existing = await loadMirrorTables(db);
    this.objects = [];
    for (const name of names) {
      await this.budget.acquire(this.abort.signal);
      const describe = await source.describe(name);
      const known = existing.find((t) => t.sobject === describe.name);
      const plan = planTable(describe, settings.renames[name] ?? {}, known);
      // A new table's DDL carries its guard; a table made by an older pgforce gets it here.
      const ddl = known ? [...plan.ddl, ...guardTriggerDdl(plan.table.table)] : plan.ddl;
      await inTransaction(db, async () => {
        for (const statement of ddl) await db.query(statement);
        await saveMirrorTable(db, plan.table);
      });
      this.objects.push(new ObjectSync(plan.table, { db, source, budget: this.budget, settings, log: log.child({ object: name }) }));
    }
    log.info({ objects: this.objects.map((o) => `${o.sobject} -> salesforce.${o.mirrorTable.table}`) }, 'mirror tables ready');
  }

  private async refreshSchemas(signal: AbortSignal): Promise<void> {
    for (const o of this.objects) {
      await this.budget.acquire(signal);
      await o.refreshSchema(await this.options.source.describe(o.sobject), signal);
    }
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
