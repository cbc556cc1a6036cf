// Salesforce cannot roll back. Inside a transaction block each carried write reaches
// Salesforce (and the mirror) when it runs; when the block, or part of it, is rolled back,
// the client is told with a WARNING which changes stayed. The mirror needs no repair: it was
// written outside the client's transaction and already holds what Salesforce holds.
// Savepoints are tracked from the command tags (SAVEPOINT, RELEASE, ROLLBACK): a ROLLBACK TO
// undoes, for this purpose, the writes since the most recent savepoint.
import { Backend, ErrorField, SqlState, encodeNotice } from '../wire/index.js';

interface BlockWrite {
  operation: string;
  sobject: string;
  ids: string[];
}

export class BlockWrites {
  private writes: BlockWrite[] = [];
  private savepoints: number[] = [];
  /** A ROLLBACK (or ROLLBACK TO) was answered since the last ReadyForQuery. */
  private rollback = false;

  get active(): boolean {
    return this.writes.length > 0;
  }

  /** A carried write succeeded inside a transaction block. */
  add(operation: string, sobject: string, ids: string[]): void {
    if (ids.length > 0) this.writes.push({ operation, sobject, ids });
  }

  /** A command tag from the upstream while writes are pending. */
  tag(tag: string): void {
    if (tag === 'SAVEPOINT') this.savepoints.push(this.writes.length);
    else if (tag === 'RELEASE') this.savepoints.pop();
    else if (tag === 'ROLLBACK') this.rollback = true;
  }

  /**
   * The upstream's ReadyForQuery while writes are pending (`inBlock`: still in a transaction
   * block). Returns the WARNING owed for a rollback; a block that ended otherwise is forgotten.
   */
  readyForQuery(inBlock: boolean): Buffer | undefined {
    const rollback = this.rollback;
    this.rollback = false;
    if (rollback) return this.rolledBack(inBlock);
    if (!inBlock) this.reset();
    return undefined;
  }

  /**
   * After a ROLLBACK: `inBlock` says whether it was a ROLLBACK TO SAVEPOINT. Returns the
   * WARNING to send, if Salesforce kept anything.
   */
  rolledBack(inBlock: boolean): Buffer | undefined {
    const from = inBlock ? (this.savepoints.at(-1) ?? 0) : 0;
    const kept = this.writes.splice(from);
    if (!inBlock) this.reset();
    return kept.length === 0 ? undefined : warning(kept);
  }

  /** The block ended otherwise (COMMIT): nothing to say. */
  reset(): void {
    this.writes = [];
    this.savepoints = [];
  }
}

function warning(kept: BlockWrite[]): Buffer {
  const records = kept.reduce((n, w) => n + w.ids.length, 0);
  const lines = kept.map((w) => `${w.operation.toUpperCase()} on ${w.sobject}: ${w.ids.join(', ')}`);
  return encodeNotice(Backend.NoticeResponse, [
    [ErrorField.Severity, 'WARNING'],
    [ErrorField.SeverityNonLocalized, 'WARNING'],
    [ErrorField.Code, SqlState.Warning],
    [ErrorField.Message, `Salesforce cannot roll back: ${records} record change${records === 1 ? '' : 's'} made in this transaction stay${records === 1 ? 's' : ''} applied`],
    [ErrorField.Detail, lines.join('\n')],
    [ErrorField.Hint, 'The mirror shows what Salesforce holds. Undo the changes with new statements if needed.'],
  ]);
}
