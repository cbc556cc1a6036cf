// Runs carried statements in a client's session, once the relay has handed the upstream over
// (the client's messages wait meanwhile). A Query string runs statement by statement — other
// statements through the upstream as usual, writes through the write path — stopping at the
// first error like Postgres; several statements outside a transaction block are wrapped in
// one, as Postgres runs a multi-statement string. An extended-protocol Execute of a carried
// portal first flushes what the client sent before it (with a Sync of the proxy's own: the
// implicit transaction of a pipeline ends there), then evaluates with the Bind's parameters.
// A rejected write inside a transaction block fails the block, as a failed statement would.
// In deferred mode (src/writes/deferred.ts) a write inside a block is evaluated and staged
// instead, and the block's COMMIT sends them all (runCommit).
import {
  PgError, SqlState, TransactionStatus, commandComplete, frontend, textDataRow, textRowDescription, type BindMessage,
} from '../wire/index.js';
import type { Logger } from '../log.js';
import { quoteLiteral } from '../mirror/sql-identifiers.js';
import { textArrayLiteral } from '../mirror/text-array.js';
import type { WritePlan } from '../writes/plan.js';
import type { Evaluate, JournalAhead, LargeWrites, Returning, WriteResult } from '../writes/write-path.js';
import { LARGE_WRITES_SETTING, parseLargeWrites } from '../writes/bulk-write.js';
import { DeferredTransaction, WRITE_MODE_SETTING, assignedIdsNotice, parseWriteMode, type StagedWrite } from '../writes/deferred.js';
import { returningDeferred } from '../writes/errors.js';
import type { EvalRow } from '../writes/records.js';
import type { CarriedStatement } from './interceptor.js';
import { BlockWrites } from './block-writes.js';
import type { OwnRequests } from './own-requests.js';

/** The write path as one session sees it (the proxy user is bound in). */
export interface SessionWrites {
  execute(plan: WritePlan, evaluate: Evaluate, returning?: Returning, largeWrites?: LargeWrites, journal?: JournalAhead): Promise<WriteResult>;
  /** An INSERT's journal entry, started while the statement is evaluated (WritePath.journalAhead). */
  journalAhead(plan: WritePlan): JournalAhead;
  /** Removes an entry started ahead for a statement that is not executed after all. */
  dropJournal(journal: JournalAhead): Promise<void>;
  /** Deferred mode: check and stage (nothing is sent). */
  stage(plan: WritePlan, rows: EvalRow[], tx: DeferredTransaction): WriteResult;
  /** Deferred mode's COMMIT: returns the ids Salesforce gave the placeholders. */
  commit(tx: DeferredTransaction): Promise<Map<string, string>>;
}

export interface RunnerPort {
  readonly own: OwnRequests;
  /** The upstream's transaction status (updated by every ReadyForQuery, own ones included). */
  status(): number;
  writeClient(bytes: Buffer): void;
  /** A carried write succeeded inside the client's transaction block (a ROLLBACK will not undo it). */
  noteBlockWrite(plan: WritePlan, ids: string[]): void;
  readonly logger: Logger;
}

export const CHANGED_IDS = 'changed_ids';
const EVAL_PORTAL = 'pgforce_eval';
const RETURNING_STATEMENT = 'pgforce_returning';
const SETTING_STATEMENT = 'pgforce_setting';
/** Fails the upstream's transaction block, as the rejected statement would have. */
const FAIL_BLOCK = "DO $pgforce$ BEGIN RAISE EXCEPTION 'pgforce: the Salesforce write failed'; END $pgforce$";

export class WriteRunner {
  /** Deferred mode: the writes staged in the open transaction block. */
  readonly deferred = new DeferredTransaction();

  constructor(
    private readonly port: RunnerPort,
    private readonly writes: SessionWrites,
  ) {}

  /** A simple-protocol Query; returns the error to send before ReadyForQuery, if one is ours. */
  async runQuery(statements: readonly CarriedStatement[]): Promise<PgError | undefined> {
    const { own } = this.port;
    const wrap = statements.length > 1 && this.port.status() === TransactionStatus.Idle && !statements.some((s) => s.transactionControl);
    if (wrap) await own.send(frontend.query('BEGIN'), 'collect');
    // Writes Salesforce keeps if the string's own transaction is rolled back.
    const kept = new BlockWrites();
    let failure: PgError | undefined;
    let failed = false;
    let relayedError: Buffer | undefined;
    for (const statement of statements) {
      if (statement.plan !== undefined) {
        const plan = statement.plan;
        const returning = plan.returning && ((ids: string[]) => this.returnedRows(frontend.query(plan.returning!.query(idArrayLiteral(ids)))));
        const evaluation = frontend.query(plan.evalSql);
        failure = await this.attempt(() => this.write(plan, evaluation, returning, wrap, this.journalAhead(plan, wrap)), (result) => {
          // RETURNING: its RowDescription and rows as Postgres answered them; else changed_ids.
          const rows = result.returned ?? Buffer.concat([textRowDescription([CHANGED_IDS]), ...result.ids.map((id) => textDataRow([id]))]);
          this.port.writeClient(Buffer.concat([...warningsOf(result), rows, commandComplete(result.tag)]));
          if (wrap) kept.add(plan.operation, plan.table.sobject, result.ids);
          else this.noteIfInBlock(plan, result);
        });
        failed = failure !== undefined;
      } else {
        relayedError = (await own.send(frontend.query(statement.sql), 'relay')).errorFrame;
        failed = relayedError !== undefined;
      }
      if (failed) break;
    }
    if (wrap) {
      const end = await own.send(frontend.query(failed ? 'ROLLBACK' : 'COMMIT'), 'collect');
      if (end.errorFrame !== undefined) this.port.writeClient(end.errorFrame);
      const warning = failed || end.error !== undefined ? kept.rolledBack(false) : undefined;
      if (warning !== undefined) this.port.writeClient(warning);
    } else if (failure !== undefined) {
      await this.failBlock();
    }
    if (relayedError !== undefined) this.port.writeClient(relayedError);
    return failure;
  }

  /** An Execute of a carried portal; false when the client's messages up to Sync must be skipped. */
  async runExecute(plan: WritePlan, bind: BindMessage): Promise<boolean> {
    // An INSERT's journal entry is written while the pipeline is flushed and the rows evaluated.
    const journal = this.journalAhead(plan, false);
    const flushed = await this.port.own.send(frontend.SYNC, 'relay');
    // An earlier message of the pipeline failed: Postgres skips this Execute.
    if (flushed.errorFrame !== undefined) {
      if (journal !== undefined) await this.writes.dropJournal(journal);
      this.port.writeClient(flushed.errorFrame);
      return false;
    }
    const evaluation = Buffer.concat([
      frontend.bind(EVAL_PORTAL, bind.statement, bind.paramFormats, bind.params, []),
      frontend.execute(EVAL_PORTAL),
      frontend.close('P', EVAL_PORTAL),
      frontend.SYNC,
    ]);
    // RETURNING rows come in the formats the client's Bind asked for.
    // Closing first: a Close of a statement that does not exist is no error, and one left by a failed attempt would be.
    const returning = plan.returning && ((ids: string[]) => this.returnedRows(Buffer.concat([
      frontend.close('S', RETURNING_STATEMENT),
      frontend.parse(RETURNING_STATEMENT, plan.returning!.query('$1::text[]')),
      frontend.bind(RETURNING_STATEMENT, RETURNING_STATEMENT, [], [Buffer.from(textArrayLiteral(ids))], bind.resultFormats),
      frontend.execute(RETURNING_STATEMENT),
      frontend.close('P', RETURNING_STATEMENT),
      frontend.close('S', RETURNING_STATEMENT),
      frontend.SYNC,
    ])));
    const failure = await this.attempt(() => this.write(plan, evaluation, returning, false, journal), (result) => {
      const rows = result.returned ?? Buffer.concat(result.ids.map((id) => textDataRow([id])));
      this.port.writeClient(Buffer.concat([...warningsOf(result), rows, commandComplete(result.tag)]));
      this.noteIfInBlock(plan, result);
    });
    if (failure === undefined) return true;
    await this.failBlock();
    this.port.writeClient(failure.encode());
    return false;
  }

  private async attempt(run: () => Promise<WriteResult>, done: (result: WriteResult) => void): Promise<PgError | undefined> {
    try {
      done(await run());
      return undefined;
    } catch (error) {
      if (error instanceof PgError) return error;
      this.port.logger.error({ err: error }, 'write path failure');
      return internalWriteError();
    }
  }

  private async evaluate(bytes: Buffer): Promise<Array<Array<string | null>>> {
    const result = await this.port.own.send(bytes, 'collect');
    if (result.error !== undefined) throw result.error;
    return result.rows;
  }

  private noteIfInBlock(plan: WritePlan, result: WriteResult): void {
    if (this.port.status() === TransactionStatus.InBlock && !result.staged) this.port.noteBlockWrite(plan, result.ids);
  }

  /**
   * Whether this write is staged: deferred mode applies inside an explicit transaction block
   * (not the block pgforce wraps around a multi-statement string). The setting is read in the
   * client's session, so SET, SET LOCAL and ALTER ROLE … SET all work as Postgres scopes them.
   */
  private async deferredMode(wrapped: boolean): Promise<boolean> {
    if (wrapped || this.port.status() !== TransactionStatus.InBlock) return false;
    return parseWriteMode(await this.setting(WRITE_MODE_SETTING)) === 'deferred';
  }

  /** Whether the client's session opted in to large writes through the Bulk API (bulk-write.ts). */
  private readonly largeWrites = async (): Promise<boolean> => parseLargeWrites(await this.setting(LARGE_WRITES_SETTING)) === 'bulk';

  /** A setting of the client's session (NULL when never set). */
  private async setting(name: string): Promise<string | null> {
    // Named, so that the client's unnamed statement and portal (a carried Execute's) survive.
    const result = await this.port.own.send(Buffer.concat([
      frontend.parse(SETTING_STATEMENT, `SELECT pg_catalog.current_setting(${quoteLiteral(name)}, true)`),
      frontend.bind(SETTING_STATEMENT, SETTING_STATEMENT, [], [], []),
      frontend.execute(SETTING_STATEMENT),
      frontend.close('P', SETTING_STATEMENT),
      frontend.close('S', SETTING_STATEMENT),
      frontend.SYNC,
    ]), 'collect');
    if (result.error !== undefined) throw result.error;
    return result.rows[0]?.[0] ?? null;
  }

  /**
   * One carried write: staged in deferred mode, else through the write path. Inside a
   * transaction block the session's write mode is asked in the same round trip as the
   * evaluation (both requests leave in one write; the answers come back in order), except for
   * a RETURNING, which deferred mode refuses before anything is evaluated.
   */
  private async write(plan: WritePlan, evaluation: Buffer, returning: Returning | undefined, wrapped: boolean, journal: JournalAhead | undefined): Promise<WriteResult> {
    let executed = false;
    try {
      const deferred = this.deferredMode(wrapped);
      if (plan.returning !== undefined && (await deferred)) throw returningDeferred(plan);
      let first: Promise<EvalRow[]> | undefined = this.evaluate(evaluation);
      // Observed now: the mode's answer is awaited first, and a failed evaluation is not unhandled meanwhile.
      first.catch(() => undefined);
      if (await deferred) return { ...this.writes.stage(plan, await first, this.deferred), staged: true };
      // The write path evaluates once more only when it re-checks locked records.
      const evaluate = (): Promise<EvalRow[]> => {
        const rows = first ?? this.evaluate(evaluation);
        first = undefined;
        return rows;
      };
      executed = true;
      return await this.writes.execute(plan, evaluate, returning, this.largeWrites, journal);
    } finally {
      // Staged or refused before the write path: nothing was sent under that entry.
      if (journal !== undefined && !executed) await this.writes.dropJournal(journal);
    }
  }

  /**
   * An INSERT's journal entry, started now so that it overlaps the evaluation; not inside a
   * transaction block the client opened, where deferred mode may stage the statement instead
   * (a block opened further up a pipeline is found later, and the entry dropped).
   */
  private journalAhead(plan: WritePlan, wrapped: boolean): JournalAhead | undefined {
    if (plan.operation !== 'insert' || (!wrapped && this.port.status() === TransactionStatus.InBlock)) return undefined;
    return this.writes.journalAhead(plan);
  }

  /**
   * A simple-protocol COMMIT while writes are staged: Salesforce first, as one atomic request;
   * then the client's COMMIT. A rejection rolls the transaction back and fails the COMMIT with
   * the Salesforce error, as a deferred constraint would. Returns the error to send.
   */
  async runCommit(sql: string): Promise<PgError | undefined> {
    const sent = await this.sendStaged();
    if (sent instanceof PgError) return sent;
    await this.finishCommit(frontend.query(sql), sent);
    return undefined;
  }

  /**
   * The Execute of a prepared COMMIT while writes are staged: what the client sent before is
   * flushed first (as for a carried Execute), then as runCommit. False when the client's
   * messages up to its Sync must be skipped.
   */
  async runCommitPortal(portal: string): Promise<boolean> {
    const flushed = await this.port.own.send(frontend.SYNC, 'relay');
    if (flushed.errorFrame !== undefined) {
      this.port.writeClient(flushed.errorFrame);
      return false;
    }
    const sent = await this.sendStaged();
    if (sent instanceof PgError) {
      this.port.writeClient(sent.encode());
      return false;
    }
    return this.finishCommit(Buffer.concat([frontend.execute(portal), frontend.SYNC]), sent);
  }

  /** The staged writes to Salesforce (and the mirror); on failure the transaction is rolled back. */
  private async sendStaged(): Promise<PgError | { staged: StagedWrite[]; assigned: Map<string, string> }> {
    const staged = [...this.deferred.staged];
    try {
      return { staged, assigned: await this.writes.commit(this.deferred) };
    } catch (error) {
      await this.port.own.send(frontend.query('ROLLBACK'), 'collect');
      if (error instanceof PgError) return error;
      this.port.logger.error({ err: error }, 'deferred commit failure');
      return internalWriteError();
    } finally {
      this.deferred.clear();
    }
  }

  /** The client's own COMMIT, after Salesforce accepted; false if it failed. */
  private async finishCommit(commit: Buffer, { staged, assigned }: { staged: StagedWrite[]; assigned: Map<string, string> }): Promise<boolean> {
    if (assigned.size > 0) this.port.writeClient(assignedIdsNotice(assigned));
    const end = await this.port.own.send(commit, 'relay');
    if (end.errorFrame === undefined) return true;
    // Salesforce and the mirror hold the writes; the client's own changes were rolled back.
    const kept = new BlockWrites();
    for (const write of staged) {
      const ids = write.plan.operation === 'insert' ? write.placeholders.map((p) => assigned.get(p) ?? p) : write.targets.map((t) => t.id);
      kept.add(write.plan.operation, write.plan.table.sobject, ids);
    }
    this.port.writeClient(end.errorFrame);
    const warning = kept.rolledBack(false);
    if (warning !== undefined) this.port.writeClient(warning);
    return false;
  }

  /** The RowDescription (simple protocol) and DataRows of a RETURNING query, as Postgres sent them. */
  private async returnedRows(bytes: Buffer): Promise<Buffer> {
    const result = await this.port.own.send(bytes, 'raw');
    if (result.error !== undefined) throw result.error;
    return Buffer.concat(result.frames);
  }

  /** A failure inside a transaction block leaves it failed (unless Postgres already failed it). */
  private async failBlock(): Promise<void> {
    if (this.port.status() === TransactionStatus.InBlock) await this.port.own.send(frontend.query(FAIL_BLOCK), 'collect');
  }
}

/** A large write's WARNINGs (records the Bulk API rejected), sent before its rows. */
function warningsOf(result: WriteResult): Buffer[] {
  return (result.warnings ?? []).map((w) => w.encodeWarning());
}

/** Salesforce ids as a text[] literal (they are letters and digits; quoted all the same). */
function idArrayLiteral(ids: readonly string[]): string {
  return `ARRAY[${ids.map(quoteLiteral).join(', ')}]::text[]`;
}

/** A PgError for an unexpected failure inside the write path (the session lives on). */
export function internalWriteError(): PgError {
  return new PgError({ code: SqlState.InternalError, message: 'internal error in pgforce while writing to Salesforce' });
}
