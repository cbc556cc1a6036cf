// Deferred mode (`SET pgforce.write_mode = 'deferred'`, docs/writes.md). Inside a transaction
// block each carried statement is evaluated and checked when it runs, but only staged here;
// COMMIT sends every staged statement, in order, as ONE atomic Composite request (allOrNone,
// not collated). An INSERT's records get placeholder ids until then; a later value equal to a
// placeholder becomes a Composite reference to the record Salesforce creates (`@{s0.id}`,
// `@{s0[3].id}`), so a Contact can point at an Account inserted earlier in the transaction.
import {
  MAX_COLLECTION_RECORDS, MAX_SUBREQUESTS, createRequest, deleteRequest, saveResultsOf, updateRequest, upsertRequest,
  type CompositeRequest, type CompositeResponse, type RecordError, type RecordInput, type SaveResult, type Subrequest, type SubrequestResult,
} from '../salesforce/index.js';
import { Backend, ErrorField, PgError, SqlState, encodeNotice } from '../wire/index.js';
import type { WritePlan } from './plan.js';
import type { Target } from './records.js';
import { MAX_HEAVY_SUBREQUESTS } from './salesforce-request.js';
import { NOT_THE_CAUSE, requestFailure } from './verdict.js';

/** The session setting that selects the mode; unset or 'immediate' is the default. */
export const WRITE_MODE_SETTING = 'pgforce.write_mode';
export type WriteMode = 'immediate' | 'deferred';

/** 18 characters, like a Salesforce id, so that it fits id and reference columns; `#` is never in a real id. */
const PLACEHOLDER_PREFIX = '#pgforce-';
const PLACEHOLDER_DIGITS = 9;

export interface StagedWrite {
  plan: WritePlan;
  /** INSERT and UPDATE: the records as they will be sent. */
  records: RecordInput[];
  /** UPDATE and DELETE: the target ids, and their SystemModstamps when evaluated (re-checked at COMMIT). */
  targets: Target[];
  /** INSERT: one placeholder id per record. */
  placeholders: string[];
}

/** One subrequest of the COMMIT request: a statement's records [first, first + count). */
interface Part {
  statement: number;
  referenceId: string;
  first: number;
  count: number;
  /** A one-record statement goes as a plain sObject call (light), not a Collections call (heavy). */
  single: boolean;
}

export type DeferredOutcome =
  | { accepted: true; ids: string[][]; assigned: Map<string, string> }
  | { accepted: false; statement: number; index: number | undefined; error: RecordError };

export function parseWriteMode(value: string | null): WriteMode {
  if (value === null || value === '' || value === 'immediate') return 'immediate';
  if (value === 'deferred') return 'deferred';
  throw new PgError({
    code: SqlState.InvalidParameterValue,
    message: `invalid value for parameter "${WRITE_MODE_SETTING}": "${value}"`,
    hint: 'Available values: immediate, deferred.',
  });
}

export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PLACEHOLDER_PREFIX);
}

export class DeferredTransaction {
  readonly staged: StagedWrite[] = [];
  private placeholders = 0;
  private subrequests = 0;
  private heavy = 0;

  get empty(): boolean {
    return this.staged.length === 0;
  }

  /**
   * Stages a statement and returns the ids it reports (placeholders for an INSERT). Refused
   * with 54000, and nothing staged, when the transaction would no longer fit one atomic request.
   */
  add(write: Omit<StagedWrite, 'placeholders'>): string[] {
    const single = isSingle(write);
    const chunks = single ? 1 : Math.ceil(recordCount(write) / MAX_COLLECTION_RECORDS);
    const heavy = this.heavy + (single ? 0 : chunks);
    if (this.subrequests + chunks > MAX_SUBREQUESTS || heavy > MAX_HEAVY_SUBREQUESTS) throw tooLargeForCommit(write.plan, this.staged.length + 1);
    this.subrequests += chunks;
    this.heavy = heavy;
    const placeholders = write.plan.operation === 'insert'
      ? write.records.map(() => `${PLACEHOLDER_PREFIX}${String(++this.placeholders).padStart(PLACEHOLDER_DIGITS, '0')}`)
      : [];
    this.staged.push({ ...write, placeholders });
    return write.plan.operation === 'insert' ? placeholders : write.targets.map((t) => t.id);
  }

  clear(): void {
    this.staged.length = 0;
    this.placeholders = this.subrequests = this.heavy = 0;
  }

  /** The COMMIT request: every staged statement in order, placeholders replaced by references. */
  request(dataPath: string): { composite: CompositeRequest; parts: Part[] } {
    const references = new Map<string, string>();
    const parts: Part[] = [];
    const subrequests: Subrequest[] = [];
    this.staged.forEach((write, statement) => {
      const { plan } = write;
      const sobject = plan.table.sobject;
      const records = write.records.map((r) => withReferences(r, references));
      const count = recordCount(write);
      const single = isSingle(write);
      for (let first = 0, k = 0; first < count; first += MAX_COLLECTION_RECORDS, k++) {
        const n = Math.min(MAX_COLLECTION_RECORDS, count - first);
        const referenceId = `s${statement}_${k}`;
        const chunk = records.slice(first, first + n);
        const ids = write.targets.slice(first, first + n).map((t) => t.id);
        const call = single ? singleCall(dataPath, plan, sobject, chunk[0], ids[0]) : collectionCall(dataPath, plan, sobject, chunk, ids);
        subrequests.push({ ...call, referenceId });
        parts.push({ statement, referenceId, first, count: n, single });
        write.placeholders.slice(first, first + n).forEach((p, i) => references.set(p, single ? `@{${referenceId}.id}` : `@{${referenceId}[${i}].id}`));
      }
    });
    return { composite: { allOrNone: true, compositeRequest: subrequests }, parts };
  }

  /** The ids written per statement, or the first record Salesforce rejected for a reason of its own. */
  outcome(response: CompositeResponse, parts: Part[]): DeferredOutcome {
    const byRef = new Map(response.compositeResponse.map((r) => [r.referenceId, r]));
    const ids = this.staged.map(() => [] as string[]);
    const assigned = new Map<string, string>();
    let halted: { statement: number; error: RecordError } | undefined;
    for (const part of parts) {
      const sub = byRef.get(part.referenceId);
      const write = this.staged[part.statement]!;
      if (sub === undefined) return { accepted: false, statement: part.statement, index: undefined, error: { statusCode: 'UNKNOWN_EXCEPTION', message: `no answer for ${part.referenceId}`, fields: [] } };
      const results = resultsOf(sub, part);
      if (results === undefined) {
        const failure = requestFailure(sub);
        if (!NOT_THE_CAUSE.has(failure.statusCode)) return { accepted: false, statement: part.statement, index: part.single ? 0 : undefined, error: failure };
        halted ??= { statement: part.statement, error: failure };
        continue;
      }
      const failing = results.findIndex((r) => !r.success && r.errors.some((e) => !NOT_THE_CAUSE.has(e.statusCode)));
      if (failing >= 0) {
        return { accepted: false, statement: part.statement, index: part.first + failing, error: results[failing]!.errors.find((e) => !NOT_THE_CAUSE.has(e.statusCode))! };
      }
      results.forEach((r, i) => {
        const id = r.id ?? write.targets[part.first + i]?.id;
        if (!r.success || id === undefined) {
          halted ??= { statement: part.statement, error: r.errors[0] ?? { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back', fields: [] } };
          return;
        }
        ids[part.statement]!.push(id);
        const placeholder = write.placeholders[part.first + i];
        if (placeholder !== undefined) assigned.set(placeholder, id);
      });
    }
    if (halted !== undefined) return { accepted: false, statement: halted.statement, index: undefined, error: halted.error };
    return { accepted: true, ids, assigned };
  }
}

type Sized = Pick<StagedWrite, 'plan' | 'records' | 'targets'>;

/** The records a staged statement changes (a DELETE sends only its targets' ids). */
export function recordCount(write: Sized): number {
  return write.plan.operation === 'delete' ? write.targets.length : write.records.length;
}

/** A one-record statement goes as a plain sObject call (light); an upsert always as a Collections call. */
function isSingle(write: Sized): boolean {
  return recordCount(write) === 1 && write.plan.upsert?.action !== 'update';
}

/** Placeholder values of earlier INSERTs become references to what Salesforce created. */
function withReferences(record: RecordInput, references: Map<string, string>): RecordInput {
  let out: RecordInput | undefined;
  for (const [field, value] of Object.entries(record)) {
    if (!isPlaceholder(value)) continue;
    const reference = references.get(value);
    if (reference === undefined) continue;
    out ??= { ...record };
    out[field] = reference;
  }
  return out ?? record;
}

function singleCall(dataPath: string, plan: WritePlan, sobject: string, record: RecordInput | undefined, id: string | undefined): Omit<Subrequest, 'referenceId'> {
  const base = `${dataPath}/sobjects/${sobject}`;
  if (plan.operation === 'insert') return { method: 'POST', url: base, body: record };
  const path = `${base}/${encodeURIComponent(id!)}`;
  if (plan.operation === 'delete') return { method: 'DELETE', url: path };
  const { Id: _id, ...fields } = record!;
  return { method: 'PATCH', url: path, body: fields };
}

function collectionCall(dataPath: string, plan: WritePlan, sobject: string, records: RecordInput[], ids: string[]): Omit<Subrequest, 'referenceId'> {
  const options = { allOrNone: true };
  const upsertField = plan.upsert?.action === 'update' ? plan.upsert.column.field : undefined;
  const call = plan.operation === 'insert'
    ? upsertField === undefined ? createRequest(dataPath, sobject, records, options) : upsertRequest(dataPath, sobject, upsertField, records, options)
    : plan.operation === 'update' ? updateRequest(dataPath, sobject, records, options) : deleteRequest(dataPath, ids, options);
  return { method: call.method, url: call.url, ...(call.body && { body: call.body }) };
}

/** Per-record results of a subrequest; undefined when the subrequest itself failed. */
function resultsOf(sub: SubrequestResult, part: Part): SaveResult[] | undefined {
  if (sub.httpStatusCode >= 400) return undefined;
  if (!part.single) return saveResultsOf(sub.body);
  // POST answers {id, success, errors}; PATCH and DELETE answer 204 without a body.
  const body = sub.body as { id?: string } | null;
  return [{ success: true, errors: [], ...(typeof body?.id === 'string' && { id: body.id }) }];
}

function tooLargeForCommit(plan: WritePlan, statements: number): PgError {
  return new PgError({
    code: SqlState.ProgramLimitExceeded,
    message: 'deferred transaction would no longer fit one atomic Salesforce request',
    detail: `With statement ${statements} the COMMIT would need more than ${MAX_SUBREQUESTS} Composite subrequests, or more than ${MAX_HEAVY_SUBREQUESTS} sObject Collections calls (a statement of 2 to 200 records is one, of one record a light one). Nothing was sent; the statement was not staged.`,
    hint: 'Commit what is staged and continue in a new transaction, or use immediate mode for large statements.',
    schema: plan.schema,
    table: plan.table.table,
  });
}

/** The NOTICE a successful deferred COMMIT sends first: which record each placeholder became. */
export function assignedIdsNotice(assigned: Map<string, string>): Buffer {
  return encodeNotice(Backend.NoticeResponse, [
    [ErrorField.Severity, 'NOTICE'],
    [ErrorField.SeverityNonLocalized, 'NOTICE'],
    [ErrorField.Code, '00000'],
    [ErrorField.Message, `deferred writes applied in Salesforce: ${assigned.size} new record${assigned.size === 1 ? '' : 's'}`],
    [ErrorField.Detail, [...assigned].map(([placeholder, id]) => `${placeholder} = ${id}`).join('\n')],
  ]);
}
