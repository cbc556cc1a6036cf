// Runs carried statements in a client's session, once the relay has handed the upstream over
// (the client's messages wait meanwhile). A Query string runs statement by statement — other
// statements through the upstream as usual, writes through the write path — stopping at the
// first error like Postgres; several statements outside a transaction block are wrapped in
// one, as Postgres runs a multi-statement string. An extended-protocol Execute of a carried
// portal first flushes what the client sent before it (with a Sync of the proxy's own: the
// implicit transaction of a pipeline ends there), then evaluates with the Bind's parameters.
// A rejected write inside a transaction block fails the block, as a failed statement would.
import {
  PgError, SqlState, TransactionStatus, commandComplete, frontend, textDataRow, textRowDescription, type BindMessage,
} from '../wire/index.js';
import type { Logger } from '../log.js';
import { quoteLiteral } from '../mirror/sql-identifiers.js';
import type { WritePlan } from '../writes/plan.js';
import type { Evaluate, Returning, WriteResult } from '../writes/write-path.js';
import type { CarriedStatement } from './interceptor.js';
import { BlockWrites } from './block-writes.js';
import type { OwnRequests } from './own-requests.js';

/** The write path as one session sees it (the proxy user is bound in). */
export interface SessionWrites {
  execute(plan: WritePlan, evaluate: Evaluate, returning?: Returning): Promise<WriteResult>;
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
/** Fails the upstream's transaction block, as the rejected statement would have. */
const FAIL_BLOCK = "DO $pgforce$ BEGIN RAISE EXCEPTION 'pgforce: the Salesforce write failed'; END $pgforce$";

export class WriteRunner {
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
        failure = await this.attempt(() => this.writes.execute(plan, () => this.evaluate(frontend.query(plan.evalSql)), returning), (result) => {
          // RETURNING: its RowDescription and rows as Postgres answered them; else changed_ids.
          const rows = result.returned ?? Buffer.concat([textRowDescription([CHANGED_IDS]), ...result.ids.map((id) => textDataRow([id]))]);
          this.port.writeClient(Buffer.concat([rows, commandComplete(result.tag)]));
          if (wrap) kept.add(plan.operation, plan.table.sobject, result.ids);
          else this.noteIfInBlock(plan, result.ids);
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
    const flushed = await this.port.own.send(frontend.SYNC, 'relay');
    // An earlier message of the pipeline failed: Postgres skips this Execute.
    if (flushed.errorFrame !== undefined) {
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
      frontend.bind(RETURNING_STATEMENT, RETURNING_STATEMENT, [], [Buffer.from(`{${ids.join(',')}}`)], bind.resultFormats),
      frontend.execute(RETURNING_STATEMENT),
      frontend.close('P', RETURNING_STATEMENT),
      frontend.close('S', RETURNING_STATEMENT),
      frontend.SYNC,
    ])));
    const failure = await this.attempt(() => this.writes.execute(plan, () => this.evaluate(evaluation), returning), (result) => {
      const rows = result.returned ?? Buffer.concat(result.ids.map((id) => textDataRow([id])));
      this.port.writeClient(Buffer.concat([rows, commandComplete(result.tag)]));
      this.noteIfInBlock(plan, result.ids);
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

  private noteIfInBlock(plan: WritePlan, ids: string[]): void {
    if (this.port.status() === TransactionStatus.InBlock) this.port.noteBlockWrite(plan, ids);
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

/** Salesforce ids as a text[] literal (they are letters and digits; quoted all the same). */
function idArrayLiteral(ids: readonly string[]): string {
  return `ARRAY[${ids.map(quoteLiteral).join(', ')}]::text[]`;
}

/** A PgError for an unexpected failure inside the write path (the session lives on). */
export function internalWriteError(): PgError {
  return new PgError({ code: SqlState.InternalError, message: 'internal error in pgforce while writing to Salesforce' });
}
