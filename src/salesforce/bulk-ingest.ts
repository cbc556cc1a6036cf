// Bulk API 2.0 ingest jobs, for writing more records than collections take: create the job,
// upload the records as one CSV, close it (UploadComplete), poll until Salesforce has
// processed it, read the successful and failed results and put them back at their input
// records' positions, and delete the job at the end (aborted first when something failed
// before it finished). Salesforce saves every record on its own, so a job can partly
// succeed: a record's failure is a result; only a job that Fails or is aborted is an error.
import { DEFAULT_POLL_MS, removeJob, type BulkDeps } from './bulk.js';
import type { RecordInput } from './collections.js';
import { COLUMN_DELIMITERS, CsvReader, LINE_ENDINGS, csvLine, type ColumnDelimiter, type LineEnding } from './csv.js';
import { SalesforceError } from './errors.js';
import { reportUnknownCode } from './sqlstate.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

export interface BulkIngestOptions {
  /** Upsert (required there): the external id field, or `Id`, that records are matched on. */
  externalIdField?: string;
  /** Wait between job status checks (default 2000 ms); each check is one API request. */
  pollIntervalMs?: number;
  /** Default COMMA. */
  columnDelimiter?: ColumnDelimiter;
  /** Default LF. */
  lineEnding?: LineEnding;
}

export interface IngestRecordError {
  errorCode: string;
  message: string;
  fields: string[];
}

/** Every result names `index`, the record's position in the input, and the input `record`. */
export interface IngestSuccess {
  index: number;
  id: string;
  /** True when the record was inserted (insert, or an upsert that found no match). */
  created: boolean;
  record: RecordInput;
}

export interface IngestFailure {
  index: number;
  /** The record's id, when it had one (update, delete, upsert of an existing record). */
  id?: string;
  error: IngestRecordError;
  record: RecordInput;
}

/** A record Salesforce reported no result for. */
export interface IngestUnprocessed {
  index: number;
  record: RecordInput;
}

export interface BulkIngestResult {
  jobId: string;
  /** Each list in input order. */
  successful: IngestSuccess[];
  failed: IngestFailure[];
  unprocessed: IngestUnprocessed[];
}

/** Salesforce takes at most 150 MB per upload once base64-encoded, which adds about half. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A value Salesforce sets the field to null for; an empty value leaves the field as it is. */
const NULL_VALUE = '#N/A';

interface JobInfo {
  id: string;
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed' | string;
  errorMessage?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
}

const FINAL_STATES = new Set(['JobComplete', 'Aborted', 'Failed']);

/** The records as job data: the header's columns, the CSV, and each record's position key. */
interface Upload {
  columns: string[];
  csv: string;
  keys: string[];
}

export async function bulkIngest(
  deps: BulkDeps,
  sobject: string,
  operation: IngestOperation,
  records: readonly RecordInput[],
  options: BulkIngestOptions = {},
): Promise<BulkIngestResult> {
  if (records.length === 0) throw new RangeError('a Bulk API ingest job takes at least one record');
  if (operation === 'upsert' && !options.externalIdField) throw new TypeError('a Bulk API upsert needs options.externalIdField');
  const delimiter = options.columnDelimiter ?? 'COMMA';
  const lineEnding = options.lineEnding ?? 'LF';
  const data = uploadOf(operation, records, COLUMN_DELIMITERS[delimiter], LINE_ENDINGS[lineEnding]);
  if (Buffer.byteLength(data.csv) > MAX_UPLOAD_BYTES) {
    throw new RangeError(`the records make ${Buffer.byteLength(data.csv)} bytes of CSV; one Bulk API ingest job takes at most ${MAX_UPLOAD_BYTES}`);
  }
  const { rest, dataPath, logger } = deps;
  const definition: Record<string, unknown> = { object: sobject, operation, contentType: 'CSV', columnDelimiter: delimiter, lineEnding };
  if (operation === 'upsert') definition.externalIdFieldName = options.externalIdField;
  // A second job, when a retry creates one, stays Open and empty: harmless.
  const job = await rest.json<JobInfo>({ method: 'POST', path: `${dataPath}/jobs/ingest`, body: definition, idempotent: true });
  const jobPath = `${dataPath}/jobs/ingest/${encodeURIComponent(job.id)}`;
  logger.info({ jobId: job.id, sobject, operation, records: records.length }, 'Bulk API ingest job created');
  let finished = false;
  try {
    await rest.call({ method: 'PUT', path: `${jobPath}/batches`, raw: { contentType: 'text/csv', data: data.csv } });
    await closeJob(deps, jobPath);
    const info = await waitForJob(deps, jobPath, options.pollIntervalMs ?? DEFAULT_POLL_MS);
    finished = true;
    if (info.state !== 'JobComplete') throw jobError(info, jobPath);
    const result = await readResults(deps, jobPath, job.id, records, data, COLUMN_DELIMITERS[delimiter]);
    logger.info(
      { jobId: job.id, successful: result.successful.length, failed: result.failed.length, unprocessed: result.unprocessed.length },
      'Bulk API ingest job done',
    );
    return result;
  } finally {
    await removeJob(deps, jobPath, finished, 'ingest');
  }
}

/**
 * Delete jobs send only the ids. Other jobs send every field any record names, in the order
 * first seen; a record without one leaves it empty: unset on insert, unchanged on update.
 * `null` (and `''`, which the REST API also stores as null) is sent as `#N/A`, so the text
 * `#N/A` itself cannot be written.
 *
 * Matching results to records: Salesforce returns result rows in no guaranteed order, each
 * with the values that were uploaded for it, and refuses any column that is not a field
 * (a row number cannot be added). So each record's key is its uploaded values, and a result
 * row goes to the first record not yet matched with the same values. Records with identical
 * values are identical to Salesforce too: which of them got which result is arbitrary there
 * as here, and any assignment is one Salesforce could have produced.
 */
function uploadOf(operation: IngestOperation, records: readonly RecordInput[], delimiter: string, eol: string): Upload {
  const isDelete = operation === 'delete' || operation === 'hardDelete';
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (key === 'attributes' || seen.has(key) || (isDelete && key.toLowerCase() !== 'id')) continue;
      seen.add(key);
      columns.push(key);
    }
  }
  const lines = [csvLine(columns, delimiter, eol)];
  const keys: string[] = [];
  for (const record of records) {
    const values = columns.map((column) => csvValue(record[column], column));
    keys.push(positionKey(values));
    lines.push(csvLine(values, delimiter, eol));
  }
  return { columns, csv: lines.join(''), keys };
}

function csvValue(value: unknown, column: string): string {
  if (value === undefined) return '';
  if (value === null || value === '') return NULL_VALUE;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new TypeError(`${column}: a Bulk API ingest job cannot send ${typeof value === 'number' ? String(value) : `a ${typeof value}`} value`);
}

function positionKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Closes the job. When the answer is lost, the job's state tells whether it was closed. */
async function closeJob(deps: BulkDeps, jobPath: string): Promise<void> {
  try {
    await deps.rest.call({ method: 'PATCH', path: jobPath, body: { state: 'UploadComplete' } });
  } catch (error) {
    const info = await deps.rest.json<JobInfo>({ method: 'GET', path: jobPath }).catch(() => undefined);
    if (!info || info.state === 'Open') throw error;
  }
}

/** Polls until the job is JobComplete, Failed or Aborted, logging its progress. */
async function waitForJob(deps: BulkDeps, jobPath: string, pollMs: number): Promise<JobInfo> {
  for (;;) {
    const info = await deps.rest.json<JobInfo>({ method: 'GET', path: jobPath });
    const { id: jobId, state, numberRecordsProcessed, numberRecordsFailed } = info;
    deps.logger.info({ jobId, state, numberRecordsProcessed, numberRecordsFailed }, 'Bulk API ingest job progress');
    if (FINAL_STATES.has(state)) return info;
    if (state === 'Open') throw jobError(info, jobPath);
    await deps.sleep(pollMs);
  }
}

function jobError(info: JobInfo, jobPath: string): SalesforceError {
  const processed = info.numberRecordsProcessed ?? 0;
  const saved = processed > 0 ? `; ${processed} records were processed before (${info.numberRecordsFailed ?? 0} of them failed), and those saved stay saved` : '';
  const what =
    info.state === 'Failed'
      ? `failed: ${info.errorMessage || 'Salesforce gave no reason'}`
      : info.state === 'Aborted'
        ? 'was aborted before it completed'
        : 'is still Open after it was closed';
  return new SalesforceError({
    errorCode: info.state === 'Aborted' ? 'BULK_JOB_ABORTED' : 'BULK_JOB_FAILED',
    message: `Bulk API ingest job ${info.id} ${what}${saved}`,
    body: info,
    request: `GET ${jobPath}`,
  });
}

async function readResults(
  deps: BulkDeps,
  jobPath: string,
  jobId: string,
  records: readonly RecordInput[],
  data: Upload,
  delimiter: string,
): Promise<BulkIngestResult> {
  const successRows = await resultFile(deps, jobPath, 'successfulResults', data.columns, delimiter);
  const failureRows = await resultFile(deps, jobPath, 'failedResults', data.columns, delimiter);
  const positions = new Positions(data.keys);
  const successful: IngestSuccess[] = [];
  const failed: IngestFailure[] = [];
  /** Adds a result that matched no record, once it has a position. */
  const unmatched: Array<(index: number) => void> = [];
  for (const row of successRows) {
    const add = (index: number) => successful.push({ index, id: row.sf.sf__Id ?? '', created: row.sf.sf__Created === 'true', record: records[index]! });
    const index = positions.take(row.values);
    if (index === undefined) unmatched.push(add);
    else add(index);
  }
  for (const row of failureRows) {
    const error = parseSfError(row.sf.sf__Error ?? '');
    reportUnknownCode(deps.logger, error.errorCode, { statusCode: error.errorCode, fields: error.fields });
    const add = (index: number) => failed.push({ index, ...(row.sf.sf__Id ? { id: row.sf.sf__Id } : {}), error, record: records[index]! });
    const index = positions.take(row.values);
    if (index === undefined) unmatched.push(add);
    else add(index);
  }
  if (unmatched.length > 0) {
    // Salesforce changed the values it echoed: such results take the records left without
    // one, in order. Said without the values, which logs never hold.
    const free = positions.left();
    deps.logger.warn({ jobId, results: unmatched.length, recordsWithoutResult: free.length }, 'Bulk API ingest results match no uploaded record; placed in upload order');
    unmatched.forEach((add, k) => {
      const index = free[k];
      if (index === undefined) return;
      positions.claim(index);
      add(index);
    });
  }
  const unprocessed = positions.left().map((index) => ({ index, record: records[index]! }));
  const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index;
  return { jobId, successful: successful.sort(byIndex), failed: failed.sort(byIndex), unprocessed };
}

/** Input positions by record key; each result row takes the first one left with its key. */
class Positions {
  private readonly waiting = new Map<string, number[]>();
  private readonly taken: boolean[];

  constructor(keys: readonly string[]) {
    this.taken = keys.map(() => false);
    keys.forEach((key, index) => {
      const list = this.waiting.get(key);
      if (list) list.push(index);
      else this.waiting.set(key, [index]);
    });
  }

  take(values: readonly string[]): number | undefined {
    const list = this.waiting.get(positionKey(values));
    let index = list?.shift();
    while (index !== undefined && this.taken[index]) index = list?.shift();
    if (index !== undefined) this.taken[index] = true;
    return index;
  }

  claim(index: number): void {
    this.taken[index] = true;
  }

  /** Positions no result has taken, in order. */
  left(): number[] {
    return this.taken.flatMap((taken, index) => (taken ? [] : [index]));
  }
}

interface ResultRow {
  /** The `sf__` columns by name. */
  sf: Record<string, string>;
  /** The uploaded columns, in upload order. */
  values: string[];
}

async function resultFile(deps: BulkDeps, jobPath: string, file: string, columns: string[], delimiter: string): Promise<ResultRow[]> {
  const res = await deps.rest.call({ method: 'GET', path: `${jobPath}/${file}`, headers: { accept: 'text/csv' } });
  const reader = new CsvReader(delimiter);
  const rows = reader.push(res.body.toString('utf8'));
  rows.push(...reader.end());
  const header = rows.shift() ?? [];
  const at = columns.map((column) => header.indexOf(column));
  const sfColumns = header.flatMap((name, k) => (name.startsWith('sf__') ? [[name, k] as const] : []));
  return rows.map((row) => ({
    sf: Object.fromEntries(sfColumns.map(([name, k]) => [name, row[k] ?? ''])),
    values: at.map((k) => (k < 0 ? '' : (row[k] ?? ''))),
  }));
}

/**
 * `sf__Error` as Salesforce writes it, `CODE:message:fields --` (`REQUIRED_FIELD_MISSING:
 * Required fields are missing: [Name]:Name --`; `…:--` without fields); the message may hold
 * colons. Text of another shape is the message, with what precedes its first colon as code.
 */
export function parseSfError(text: string): IngestRecordError {
  const colon = text.indexOf(':');
  if (colon < 0) return { errorCode: text || 'UNKNOWN_EXCEPTION', message: text, fields: [] };
  const errorCode = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const m = /^([\s\S]*):([^:]*?)\s*--$/.exec(rest);
  if (!m) return { errorCode, message: rest, fields: [] };
  return { errorCode, message: m[1]!, fields: m[2]!.split(/[,\s]+/).filter(Boolean) };
}
