// The sync of one sObject into its mirror table: backfill (resumable), incremental polls of
// queryAll on SystemModstamp with an overlap window, deletes (IsDeleted and getDeleted), and
// schema drift (new fields become columns, removed fields are reported and kept).
import type pg from 'pg';
import type { Logger } from '../log.js';
import type { SyncSettings } from '../config.js';
import type { SfObject } from '../mirror/describe-types.js';
import { saveMirrorTable, type MirrorTable } from '../mirror/catalog.js';
import { planTable } from '../mirror/plan-table.js';
import { TableWriter, type Deletion, type SfRow } from './apply-rows.js';
import type { SyncSource } from './source.js';
import type { ApiBudget } from './budget.js';
import { Progress } from './progress.js';
import { prefetch } from './prefetch.js';
import { inTransaction } from './transaction.js';
import { countSince, selectChanged } from './soql.js';
import { finishBackfill, loadState, saveBackfillProgress, saveCursor, saveDeletedCheck } from './sync-state.js';

/** getDeleted answers whole minutes within the last 30 days. */
const MINUTE_MS = 60_000;
const DELETED_WINDOW_MS = 29 * 24 * 3600_000;
/** Field types SOQL cannot filter on (long and rich text areas, encrypted text). */
const UNFILTERABLE_TYPES = new Set(['textarea', 'encryptedstring', 'base64']);
/** Bulk results arrive in large pages; write them in slices of this many rows. */
const WRITE_SLICE = 5000;

export interface ObjectSyncDeps {
  db: pg.ClientBase;
  source: SyncSource;
  budget: ApiBudget;
  settings: SyncSettings;
  log: Logger;
}

export class ObjectSync {
  private writer: TableWriter;
  /** id -> SystemModstamp already applied inside the overlap window, to skip re-reads. */
  private readonly seen = new Map<string, string>();
  /** Look-backs need not reach before what this process's own backfill read. */
  private lookBackFloor: string | null = null;

  constructor(
    private table: MirrorTable,
    private readonly deps: ObjectSyncDeps,
  ) {
    this.writer = new TableWriter(table);
  }

  get sobject(): string {
    return this.table.sobject;
  }

  get mirrorTable(): MirrorTable {
    return this.table;
  }

  /** Copies every record not yet mirrored; resumes from the last committed batch. */
  async backfill(signal: AbortSignal): Promise<void> {
    const { db, source, budget, settings, log } = this.deps;
    const state = await loadState(db, this.sobject);
    if (state.backfillDone) return;
    const started = new Date().toISOString();
    await budget.acquire(signal);
    const total = await countRecords(source, countSince(this.sobject, state.backfillFrom));
    const soql = selectChanged(this.sobject, this.writer.fields, state.backfillFrom);
    const useBulk = total > settings.bulkThreshold;
    log.info({ object: this.sobject, total, resumeFrom: state.backfillFrom, bulk: useBulk }, 'backfill starting');
    const progress = new Progress(this.sobject, total, log);
    let newest: string | null = state.backfillFrom;
    for await (const rows of prefetch(this.pages(soql, useBulk, false, signal))) {
      if (signal.aborted) return;
      for (let i = 0; i < rows.length; i += WRITE_SLICE) {
        const slice = rows.slice(i, i + WRITE_SLICE);
        const sliceNewest = newestStamp(slice) ?? newest;
        await inTransaction(db, async () => {
          await this.writer.upsert(db, slice);
          await saveBackfillProgress(db, this.sobject, sliceNewest, slice.length);
        });
        newest = sliceNewest;
        progress.add(slice.length);
      }
    }
    progress.finish();
    await finishBackfill(db, this.sobject, newest ?? started);
    this.lookBackFloor = newest;
  }

  /**
   * One incremental pass: everything changed since the cursor. A look-back pass reads from
   * the cursor minus the overlap window instead, for changes whose transaction committed
   * after later ones (their SystemModstamp is behind the cursor when they become visible).
   */
  async poll(signal: AbortSignal, lookBack = true): Promise<number> {
    const { db, settings } = this.deps;
    const state = await loadState(db, this.sobject);
    const since = state.cursor ? this.pollFrom(state.cursor, lookBack ? settings.overlapMs : 0) : null;
    if (lookBack) this.forgetBefore(since);
    let applied = 0;
    for await (const rows of prefetch(this.pages(selectChanged(this.sobject, this.writer.fields, since), false, true, signal))) {
      const fresh = rows.filter((r) => this.seen.get(String(r.Id)) !== String(r.SystemModstamp));
      if (fresh.length === 0) continue;
      const deletions: Deletion[] = fresh.filter(isDeleted).map((r) => ({ id: String(r.Id), stamp: String(r.SystemModstamp) }));
      const upserts = fresh.filter((r) => !isDeleted(r));
      const newest = newestStamp(fresh);
      await inTransaction(db, async () => {
        await this.writer.upsert(db, upserts);
        await this.writer.delete(db, deletions);
        if (newest) await saveCursor(db, this.sobject, newest);
      });
      for (const r of fresh) this.seen.set(String(r.Id), String(r.SystemModstamp));
      applied += fresh.length;
    }
    return applied;
  }

  /** Removes records purged from the recycle bin, which queryAll no longer shows (getDeleted). */
  async checkDeleted(signal: AbortSignal): Promise<void> {
    const { db, source, budget } = this.deps;
    const state = await loadState(db, this.sobject);
    const end = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
    const start = Math.max(state.deletedCheckedAt ? Date.parse(state.deletedCheckedAt) : end - DELETED_WINDOW_MS, end - DELETED_WINDOW_MS);
    if (end - start < MINUTE_MS) return;
    await budget.acquire(signal);
    const { deletedRecords } = await source.getDeleted(this.sobject, new Date(start), new Date(end));
    await inTransaction(db, async () => {
      await this.writer.delete(db, deletedRecords.map((d) => ({ id: d.id, stamp: d.deletedDate })));
      await saveDeletedCheck(db, this.sobject, new Date(end).toISOString());
    });
  }

  /** Applies a fresh describe: new fields become columns (and get their values), removed ones are reported. */
  async refreshSchema(describe: SfObject, signal: AbortSignal): Promise<void> {
    const { db, log, settings } = this.deps;
    const plan = planTable(describe, settings.renames[this.sobject] ?? {}, this.table);
    const metadataChanged = JSON.stringify(plan.table.columns) !== JSON.stringify(this.table.columns);
    if (plan.ddl.length === 0 && !metadataChanged) return;
    await inTransaction(db, async () => {
      for (const statement of plan.ddl) await db.query(statement);
      await saveMirrorTable(db, plan.table);
    });
    this.table = plan.table;
    this.writer = new TableWriter(plan.table);
    for (const c of plan.removed) log.warn({ object: this.sobject, field: c.field, column: c.column }, 'field removed in Salesforce: the column stays with its last values');
    if (plan.added.length === 0) return;
    log.info({ object: this.sobject, columns: plan.added.map((c) => c.column) }, 'new fields in Salesforce: columns added');
    // Records that already hold a value in a new field need it now: their SystemModstamp may be
    // behind the cursor. Long text fields cannot be filtered in SOQL: then every record is re-read.
    const filterable = plan.added.every((c) => !UNFILTERABLE_TYPES.has(c.sfType));
    const filter = filterable ? ` WHERE ${plan.added.map((c) => `${c.field} != null`).join(' OR ')}` : '';
    const soql = `SELECT ${this.writer.fields.join(', ')} FROM ${this.sobject}${filter}`;
    for await (const rows of this.pages(soql, false, false, signal)) {
      await inTransaction(db, () => this.writer.upsert(db, rows, { sameStamp: true }));
    }
  }

  private async *pages(soql: string, bulk: boolean, all: boolean, signal: AbortSignal): AsyncGenerator<SfRow[]> {
    const { source, budget } = this.deps;
    if (bulk) {
      await budget.acquire(signal);
      for await (const rows of source.bulkQuery(soql, { all })) yield rows;
      return;
    }
    await budget.acquire(signal);
    for await (const page of source.query(soql, { all })) {
      yield page.records;
      if (!page.done) await budget.acquire(signal);
    }
  }

  private pollFrom(cursor: string, overlapMs: number): string {
    const from = Date.parse(cursor) - overlapMs;
    const floor = this.lookBackFloor ? Date.parse(this.lookBackFloor) : -Infinity;
    return new Date(Math.max(from, Math.min(floor, Date.parse(cursor)))).toISOString();
  }

  private forgetBefore(since: string | null): void {
    if (!since) return;
    const sinceMs = Date.parse(since);
    for (const [id, stamp] of this.seen) if (Date.parse(stamp) < sinceMs) this.seen.delete(id);
  }
}

async function countRecords(source: SyncSource, soql: string): Promise<number> {
  for await (const page of source.query(soql)) return page.totalSize;
  return 0;
}

function isDeleted(row: SfRow): boolean {
  return row.IsDeleted === true || row.IsDeleted === 'true';
}

function newestStamp(rows: readonly SfRow[]): string | null {
  let newest: string | null = null;
  for (const r of rows) {
    const stamp = r.SystemModstamp;
    if (typeof stamp === 'string' && (newest === null || Date.parse(stamp) > Date.parse(newest))) newest = stamp;
  }
  return newest;
}
