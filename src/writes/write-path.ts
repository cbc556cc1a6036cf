// The write path: one mutation on a mirrored table, Salesforce first, mirror second, client
// last. Evaluate the statement in the client's session (a read), lock and re-check the target
// records, journal, send one atomic Salesforce request, then — only if Salesforce accepted —
// write what Salesforce now holds into the mirror and settle the journal in one transaction,
// and only then release the record locks.
import type pg from 'pg';
import type { Logger } from '../log.js';
import type { MirrorTable } from '../mirror/catalog.js';
import { allowMirrorWrites } from '../mirror/guard.js';
import { SalesforceError, type SalesforceClient } from '../salesforce/index.js';
import { prepared, TableWriter, type SfRow } from '../sync/apply-rows.js';
import { PgError } from '../wire/index.js';
import { columnNotWritable, concurrentUpdate, tooManyRecords } from './errors.js';
import { ensureJournal, failureDetails, journalDrop, journalFinish, journalSettledCte, journalStart, type JournalDetails, type JournalEntry } from './journal.js';
import { commandTagFor, type WritePlan } from './plan.js';
import { lockRecords, targetsCurrent, unlockRecords } from './record-locks.js';
import { recordsOf, targetsOf, uncreatableValue, uniqueById, withoutConflicts, withoutSkippedUpdates, type EvalRow } from './records.js';
import { recordCount, type DeferredTransaction } from './deferred.js';
import { rejectionError } from './rejection.js';
import { BULK_JOB_AFTERMATH, bulkRejections, bulkWarnings, journaledRejections } from './bulk-write.js';
import { salesforceFailure } from './salesforce-failure.js';
import { MAX_ATOMIC_RECORDS, readbackRequest, writeRequest } from './salesforce-request.js';
import { verdictOf } from './verdict.js';

/** Evaluates the plan in the client's session; throws the upstream's PgError when Postgres refuses it. */
export type Evaluate = () => Promise<EvalRow[]>;

/** Answers a RETURNING list for these records (in the client's session); the result is the caller's. */
export type Returning = (ids: string[]) => Promise<Buffer>;

export interface WriteResult {
  /** Salesforce ids of the records created, updated or deleted, in statement order. */
  ids: string[];
  /** The command tag (`INSERT 0 n`, `UPDATE n`, `DELETE n`). */
  tag: string;
  /** What `returning` answered, when the statement has a RETURNING list. */
  returned?: Buffer;
  /** Deferred mode: staged for COMMIT, not sent yet. */
  staged?: boolean;
  /** A large write through the Bulk API: the records Salesforce rejected (the others were applied). */
  warnings?: PgError[];
}

/** Whether the session opted in to large writes through the Bulk API (read only when needed). */
export type LargeWrites = () => Promise<boolean>;

export interface WritePathOptions {
  salesforce: SalesforceClient;
  /** The mirror database with pgforce's own credentials: mirror rows, journal, locks. */
  db: pg.Pool;
  logger: Logger;
  /** Bulk API job status checks of large writes (default: the client's, 2 s). */
  bulkPollMs?: number;
}

type UseConnection = <T>(work: (db: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * An INSERT's `pending` journal entry (its id), started by journalAhead() while the statement
 * is still being evaluated; execute() settles it, or drops it if nothing is sent.
 */
export type JournalAhead = Promise<string>;

/** An entry started ahead, and whether the write has taken it over (and so settles it). */
interface Ahead {
  entry: JournalAhead;
  taken: boolean;
}

/** Re-evaluations after a concurrent change before giving up with 40001. */
const MAX_REEVALUATIONS = 5;

/**
 * The apply's statement commits asynchronously (no WAL flush on the write's path): the mirror
 * can always be re-read from Salesforce, and the `pending` journal entry, committed durably
 * before the request left, is what recovery starts from. set_config(…, true) lasts until the
 * end of the statement's own (implicit) transaction.
 */
const ASYNC_COMMIT = `SELECT set_config('synchronous_commit', 'off', true)`;

export class WritePath {
  private readonly writers = new WeakMap<MirrorTable, TableWriter>();
  private readonly writerSessions = new WeakSet<pg.PoolClient>();

  constructor(private readonly options: WritePathOptions) {}

  async start(): Promise<void> {
    await ensureJournal(this.options.db);
  }

  /**
   * Starts an INSERT's `pending` journal entry before its records are evaluated, so that the
   * entry's commit (a WAL flush) overlaps the evaluation instead of following it; the number
   * of records is filled in when the entry is settled. Hand it to execute(), or to
   * dropJournal() if the statement is not executed after all.
   */
  journalAhead(plan: WritePlan, user: string): JournalAhead {
    const journal = this.withConnection((db) => journalStart(db, { user, statement: plan.statement, sobject: plan.table.sobject, operation: plan.operation, records: null, ids: [] }));
    // Observed now: its failure is the write's, reported when the write needs the entry.
    journal.catch(() => undefined);
    return journal;
  }

  /** Removes an entry started ahead whose statement sent nothing. A failure is logged, not thrown: the write's own outcome stands. */
  async dropJournal(journal: JournalAhead): Promise<void> {
    const id = await journal.catch(() => undefined);
    if (id === undefined) return;
    await this.withConnection((db) => journalDrop(db, id)).catch((error: unknown) => {
      this.options.logger.warn({ err: error, journal: id }, 'could not remove the journal entry of a statement that sent nothing; it stays pending');
    });
  }

  /**
   * `returning` answers a RETURNING list: after the mirror holds the result, or for a DELETE
   * once the records are locked, just before they go. `journal`: an INSERT's entry started
   * ahead (journalAhead); dropped here unless the write gets as far as sending.
   */
  async execute(plan: WritePlan, evaluate: Evaluate, user: string, returning?: Returning, largeWrites?: LargeWrites, journal?: JournalAhead): Promise<WriteResult> {
    const ahead = journal && { entry: journal, taken: false };
    try {
      const result = await this.write(plan, evaluate, user, plan.operation === 'delete' ? returning : undefined, largeWrites, ahead);
      if (returning !== undefined && plan.operation !== 'delete') result.returned = await returning(result.ids);
      return result;
    } finally {
      if (ahead !== undefined && !ahead.taken) await this.dropJournal(ahead.entry);
    }
  }

  private async write(
    plan: WritePlan, evaluate: Evaluate, user: string, beforeDelete: Returning | undefined, largeWrites: LargeWrites | undefined, ahead: Ahead | undefined,
  ): Promise<WriteResult> {
    const keyed = plan.operation !== 'insert';
    let rows = this.checked(plan, await evaluate());
    const bulk = rows.length > MAX_ATOMIC_RECORDS && largeWrites !== undefined && (await largeWrites());
    if (!bulk) this.checkSize(plan, rows.length);
    const none = async (): Promise<WriteResult> => ({ ids: [], tag: commandTagFor(plan.operation, 0), ...(beforeDelete && { returned: await beforeDelete([]) }) });
    if (rows.length === 0) return none();
    // An INSERT locks nothing: it takes a pool connection only for each database step, not
    // across the Salesforce call.
    if (!keyed) return this.send(plan, rows, user, (work) => this.withConnection(work), ahead);
    // UPDATE and DELETE keep one connection, which holds the record locks, until the mirror
    // holds the result. Never two at once: a write holding one while waiting for another
    // would deadlock the pool under load.
    const db = await this.connect();
    try {
      rows = await this.lockTargets(db, plan, rows, evaluate, bulk);
      if (rows.length === 0) return await none();
      const returned = beforeDelete && (await beforeDelete(rows.map((r) => r[0]!)));
      const result = await this.send(plan, rows, user, (work) => work(db));
      return returned === undefined ? result : { ...result, returned };
    } finally {
      // A connection that cannot release its locks is not handed out again.
      const unlocked = await unlockRecords(db).then(() => true, () => false);
      db.release(!unlocked);
    }
  }

  /** Locks the evaluated records; evaluates again while the mirror changed under them. */
  private async lockTargets(db: pg.PoolClient, plan: WritePlan, first: EvalRow[], evaluate: Evaluate, bulk: boolean): Promise<EvalRow[]> {
    let rows = first;
    for (let attempt = 0; ; attempt++) {
      const targets = targetsOf(rows);
      await lockRecords(db, targets.map((t) => t.id));
      if (await targetsCurrent(db, plan.table, targets)) return rows;
      if (attempt === MAX_REEVALUATIONS) throw concurrentUpdate({ schema: plan.schema, table: plan.table });
      rows = uniqueById(await evaluate());
      if (!bulk) this.checkSize(plan, rows.length);
    }
  }

  /** The evaluated rows that become records, checked as far as can be before any call. */
  private checked(plan: WritePlan, evaluated: EvalRow[]): EvalRow[] {
    let rows = plan.operation === 'insert' ? evaluated : uniqueById(evaluated);
    if (plan.upsert?.action === 'nothing') rows = withoutConflicts(plan, rows);
    else if (plan.upsert !== undefined) rows = withoutSkippedUpdates(plan, rows);
    const uncreatable = plan.operation === 'insert' ? uncreatableValue(plan, rows) : undefined;
    if (uncreatable !== undefined) throw columnNotWritable(uncreatable, 'insert', { schema: plan.schema, table: plan.table });
    return rows;
  }

  /**
   * Deferred mode: checks the statement's records and stages them in `tx` for its COMMIT
   * (deferred.ts); nothing is sent. Reports placeholder ids for new records.
   */
  stage(plan: WritePlan, evaluated: EvalRow[], tx: DeferredTransaction): WriteResult {
    const rows = this.checked(plan, evaluated);
    this.checkSize(plan, rows.length);
    if (rows.length === 0) return { ids: [], tag: commandTagFor(plan.operation, 0) };
    const ids = tx.add({
      plan,
      records: plan.operation === 'delete' ? [] : recordsOf(plan, rows),
      targets: plan.operation === 'insert' ? [] : targetsOf(rows),
    });
    return { ids, tag: commandTagFor(plan.operation, rows.length) };
  }

  /**
   * Deferred mode's COMMIT: every staged statement in one atomic Composite request, after the
   * records they update or delete are locked and found unchanged since their statement ran;
   * then the mirror, as for immediate writes. Returns the ids Salesforce gave each placeholder.
   * Throws the Salesforce rejection (naming the statement's table and record) or 40001.
   */
  async commitDeferred(tx: DeferredTransaction, user: string): Promise<Map<string, string>> {
    const { salesforce, logger } = this.options;
    const db = await this.connect();
    try {
      const targets = tx.staged.flatMap((w) => w.targets);
      if (targets.length > 0) await lockRecords(db, targets.map((t) => t.id));
      for (const write of tx.staged) {
        if (write.targets.length > 0 && !(await targetsCurrent(db, write.plan.table, write.targets))) {
          throw concurrentUpdate({ schema: write.plan.schema, table: write.plan.table });
        }
      }
      const journals: string[] = [];
      for (const write of tx.staged) {
        const { plan } = write;
        journals.push(await journalStart(db, {
          user, statement: plan.statement, sobject: plan.table.sobject, operation: plan.operation, records: recordCount(write), ids: write.targets.map((t) => t.id),
        }));
      }
      const settleAll = (outcome: 'rejected' | 'unknown' | 'failed', error: PgError) => Promise.all(journals.map((j) => journalFinish(db, j, outcome, failureDetails(error, 1))));
      const request = tx.request(salesforce.dataPath);
      let outcome;
      try {
        outcome = tx.outcome(await salesforce.composite(request.composite), request.parts);
      } catch (error) {
        if (!(error instanceof SalesforceError)) throw error;
        const failure = salesforceFailure(error, tx.staged[0]!.plan);
        await settleAll(error.kind === 'outcome_unknown' ? 'unknown' : 'failed', failure);
        throw failure;
      }
      if (!outcome.accepted) {
        const write = tx.staged[outcome.statement]!;
        const { plan } = write;
        const record = outcome.index === undefined ? undefined : plan.operation === 'delete' ? { Id: write.targets[outcome.index]!.id } : write.records[outcome.index];
        const note = `; statement ${outcome.statement + 1} of ${tx.staged.length} of the deferred transaction, none of which was applied`;
        const rejection = rejectionError({ plan, record, index: outcome.index, total: recordCount(write), error: outcome.error, note });
        await settleAll('rejected', rejection);
        throw rejection;
      }
      for (const [n, write] of tx.staged.entries()) {
        const { plan } = write;
        const ids = outcome.ids[n]!;
        const writer = this.writerFor(plan.table);
        const readback = plan.operation === 'delete' ? undefined : await this.readBack(plan, ids, writer.fields);
        await this.applyToMirror(db, plan, writer, ids, readback, journals[n]!, { ids, apiRequests: 1 });
      }
      logger.debug({ statements: tx.staged.length }, 'deferred transaction applied');
      return outcome.assigned;
    } finally {
      const unlocked = await unlockRecords(db).then(() => true, () => false);
      db.release(!unlocked);
    }
  }

  private checkSize(plan: WritePlan, count: number): void {
    if (count > MAX_ATOMIC_RECORDS) throw tooManyRecords(count, MAX_ATOMIC_RECORDS, { schema: plan.schema, table: plan.table });
  }

  /** The pending entry: the one started ahead (from now on this write settles it), or a new one. */
  private startJournal(use: UseConnection, ahead: Ahead | undefined, entry: JournalEntry): Promise<string> {
    if (ahead === undefined) return use((db) => journalStart(db, entry));
    ahead.taken = true;
    return ahead.entry;
  }

  private async send(plan: WritePlan, rows: EvalRow[], user: string, use: UseConnection, ahead?: Ahead): Promise<WriteResult> {
    if (rows.length > MAX_ATOMIC_RECORDS) return this.sendBulk(plan, rows, user, use, ahead);
    const { salesforce, logger } = this.options;
    const keyed = plan.operation !== 'insert';
    const ids = keyed ? rows.map((r) => r[0]!) : [];
    const records = plan.operation === 'delete' ? [] : recordsOf(plan, rows);
    const writer = this.writerFor(plan.table);
    const upsertField = plan.upsert?.action === 'update' ? plan.upsert.column.field : undefined;
    const request = writeRequest(salesforce.dataPath, plan.operation, plan.table.sobject, records, ids, writer.fields, upsertField);
    const count = rows.length;
    const journal = await this.startJournal(use, ahead, {
      user, statement: plan.statement, sobject: plan.table.sobject, operation: plan.operation, records: count, ids,
    });
    let apiRequests = 1;
    let verdict;
    try {
      verdict = verdictOf(await salesforce.composite(request.composite), request, plan, records, ids);
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      const failure = salesforceFailure(error, plan);
      const outcome = error.kind === 'outcome_unknown' ? 'unknown' : 'failed';
      await use((db) => journalFinish(db, journal, outcome, failureDetails(failure, apiRequests, count)));
      throw failure;
    }
    if (!verdict.accepted) {
      const rejection = verdict.error;
      await use((db) => journalFinish(db, journal, 'rejected', failureDetails(rejection, apiRequests, count)));
      throw rejection;
    }
    let readback = verdict.readback;
    if (readback === undefined && plan.operation !== 'delete') {
      apiRequests++;
      readback = await this.readBack(plan, verdict.ids, writer.fields);
    }
    const accepted: JournalDetails = { ids: verdict.ids, apiRequests, records: count };
    await use((db) => this.applyToMirror(db, plan, writer, verdict.ids, readback, journal, accepted));
    logger.debug({ sobject: plan.table.sobject, operation: plan.operation, records: count, apiRequests }, 'salesforce write applied');
    return { ids: verdict.ids, tag: commandTagFor(plan.operation, count) };
  }

  /**
   * A large write the session opted in to: one Bulk API 2.0 ingest job, not atomic
   * (bulk-write.ts). The records applied go to the mirror as usual (read back by the thousand);
   * the rejected ones come back as WARNINGs and are journaled.
   */
  private async sendBulk(plan: WritePlan, rows: EvalRow[], user: string, use: UseConnection, ahead: Ahead | undefined): Promise<WriteResult> {
    const { salesforce, logger } = this.options;
    const sobject = plan.table.sobject;
    const ids = plan.operation === 'insert' ? [] : rows.map((r) => r[0]!);
    const records = plan.operation === 'delete' ? ids.map((Id) => ({ Id })) : recordsOf(plan, rows);
    const upsertField = plan.upsert?.action === 'update' ? plan.upsert.column.field : undefined;
    const journal = await this.startJournal(use, ahead, { user, statement: plan.statement, sobject, operation: plan.operation, records: rows.length, ids });
    logger.info({ sobject, operation: plan.operation, records: rows.length }, 'large write: sending it through a Bulk API 2.0 ingest job');
    let result;
    try {
      result = await salesforce.bulkIngest(sobject, upsertField === undefined ? plan.operation : 'upsert', records, {
        ...(upsertField !== undefined && { externalIdField: upsertField }),
        ...(this.options.bulkPollMs !== undefined && { pollIntervalMs: this.options.bulkPollMs }),
      });
    } catch (error) {
      if (!(error instanceof SalesforceError)) throw error;
      const failure = salesforceFailure(error, plan, BULK_JOB_AFTERMATH);
      await use((db) => journalFinish(db, journal, 'unknown', failureDetails(failure, 0, rows.length)));
      throw failure;
    }
    const written = result.successful.map((s) => s.id);
    const rejections = bulkRejections(result);
    const writer = this.writerFor(plan.table);
    let readback: SfRow[] | undefined;
    let readbacks = 0;
    if (plan.operation !== 'delete') {
      readback = [];
      for (let first = 0; first < written.length && readback !== undefined; first += MAX_ATOMIC_RECORDS, readbacks++) {
        const rowsRead: SfRow[] | undefined = await this.readBack(plan, written.slice(first, first + MAX_ATOMIC_RECORDS), writer.fields);
        if (rowsRead === undefined) readback = undefined;
        else readback.push(...rowsRead);
      }
    }
    // The job's own requests (create, upload, close, two result files, delete) and the read-backs; status checks are not counted.
    const accepted: JournalDetails = {
      ids: written, records: rows.length, apiRequests: 6 + readbacks, errorCode: rejections.length > 0 ? 'PARTIAL' : undefined, errorMessage: journaledRejections(rows.length, rejections),
    };
    await use((db) => this.applyToMirror(db, plan, writer, written, readback, journal, accepted));
    logger.info({ sobject, jobId: result.jobId, applied: written.length, rejected: rejections.length }, 'large write applied through the Bulk API');
    return { ids: written, tag: commandTagFor(plan.operation, written.length), warnings: bulkWarnings(plan, rows.length, rejections) };
  }

  /** Values Salesforce computed, after a write too large to read back in the same request. */
  private async readBack(plan: WritePlan, ids: string[], fields: string[]): Promise<SfRow[] | undefined> {
    const { salesforce, logger } = this.options;
    try {
      const response = await salesforce.composite(readbackRequest(salesforce.dataPath, plan.table.sobject, ids, fields));
      return response.compositeResponse.flatMap((r) => (r.httpStatusCode < 400 ? ((r.body as { records?: SfRow[] }).records ?? []) : []));
    } catch (error) {
      // The write itself succeeded: the sync brings the mirror up to date.
      logger.warn({ err: error, sobject: plan.table.sobject }, 'reading back written records failed; the sync will settle the mirror');
      return undefined;
    }
  }

  /**
   * The mirror rows and the settled journal entry, committed together by one statement in one
   * round trip. If the mirror cannot take them, the entry is still settled: Salesforce holds
   * the change, only the mirror is behind, and the sync will catch it up.
   */
  private async applyToMirror(
    db: pg.PoolClient, plan: WritePlan, writer: TableWriter, ids: string[], readback: SfRow[] | undefined, journal: string, accepted: JournalDetails,
  ): Promise<void> {
    const mirror = plan.operation === 'delete' ? writer.deletedParts(ids) : writer.writtenParts(readback ?? []);
    const settled = journalSettledCte(journal, 'accepted', accepted, mirror.values.length);
    try {
      await db.query(prepared(`WITH ${[...mirror.ctes, settled.cte].join(',\n')}\n${ASYNC_COMMIT}`, [...mirror.values, ...settled.values]));
    } catch (error) {
      this.options.logger.error({ err: error, sobject: plan.table.sobject }, 'applying an accepted write to the mirror failed; the sync will settle it');
      await journalFinish(db, journal, 'accepted', accepted);
    }
  }

  private async withConnection<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.connect();
    try {
      return await work(db);
    } finally {
      db.release();
    }
  }

  /** A pool connection, made a mirror writer (guard.ts) the first time the write path uses it. */
  private async connect(): Promise<pg.PoolClient> {
    const db = await this.options.db.connect();
    if (!this.writerSessions.has(db)) {
      try {
        await allowMirrorWrites(db);
      } catch (error) {
        db.release(true);
        throw error;
      }
      this.writerSessions.add(db);
    }
    return db;
  }

  private writerFor(table: MirrorTable): TableWriter {
    let writer = this.writers.get(table);
    if (writer === undefined) this.writers.set(table, (writer = new TableWriter(table)));
    return writer;
  }
}
