// Bulk API 2.0 query jobs (notes §5.5), for backfills: create the job, poll until it is
// complete, read the CSV results page by page (`Sforce-Locator`), and delete the job at the
// end — also when the reader stops early or something fails (then it is aborted first).
import type { Logger } from '../log.js';
import { COLUMN_DELIMITERS, CsvReader, rowsToRecords, type ColumnDelimiter } from './csv.js';
import { SalesforceError } from './errors.js';
import type { RestCaller } from './rest.js';

export interface BulkQueryOptions {
  /** queryAll: deleted and archived records too. */
  all?: boolean;
  /** Records per results page (`maxRecords`); Salesforce picks when absent. */
  pageSize?: number;
  /** Wait between job status checks (default 2000 ms); each check is one API request. */
  pollIntervalMs?: number;
  /** Default COMMA. */
  columnDelimiter?: ColumnDelimiter;
}

export type BulkRow = Record<string, string | null>;

interface JobInfo {
  id: string;
  state: 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed' | string;
  columnDelimiter?: ColumnDelimiter;
  errorMessage?: string;
  numberRecordsProcessed?: number;
}

/** Wait between job status checks unless told otherwise (query and ingest jobs). */
export const DEFAULT_POLL_MS = 2000;

export interface BulkDeps {
  rest: RestCaller;
  dataPath: string;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

export async function* bulkQuery(deps: BulkDeps, soql: string, options: BulkQueryOptions = {}): AsyncGenerator<BulkRow[]> {
  const { rest, dataPath } = deps;
  const delimiter = options.columnDelimiter ?? 'COMMA';
  const job = await rest.json<JobInfo>({
    method: 'POST',
    path: `${dataPath}/jobs/query`,
    body: { operation: options.all ? 'queryAll' : 'query', query: soql, contentType: 'CSV', columnDelimiter: delimiter, lineEnding: 'LF' },
    // A second job for the same query is harmless (and the first would expire by itself).
    idempotent: true,
  });
  const jobPath = `${dataPath}/jobs/query/${encodeURIComponent(job.id)}`;
  let complete = false;
  try {
    const info = await waitForJob(deps, jobPath, job, options.pollIntervalMs ?? DEFAULT_POLL_MS);
    complete = true;
    const reader = COLUMN_DELIMITERS[info.columnDelimiter ?? delimiter] ?? ',';
    let locator: string | undefined;
    do {
      const params = new URLSearchParams();
      if (options.pageSize !== undefined) params.set('maxRecords', String(options.pageSize));
      if (locator) params.set('locator', locator);
      const query = params.size ? `?${params.toString()}` : '';
      const res = await rest.call({ method: 'GET', path: `${jobPath}/results${query}`, headers: { accept: 'text/csv' } });
      const next = header(res.headers['sforce-locator']);
      locator = next && next !== 'null' ? next : undefined;
      const rows = parseCsvPage(res.body.toString('utf8'), reader);
      if (rows.length > 0) yield rows;
    } while (locator);
  } finally {
    await removeJob(deps, jobPath, complete, 'query');
  }
}

async function waitForJob(deps: BulkDeps, jobPath: string, created: JobInfo, pollMs: number): Promise<JobInfo> {
  let info = created;
  for (;;) {
    if (info.state === 'JobComplete') return info;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new SalesforceError({
        errorCode: info.state === 'Failed' ? 'BULK_JOB_FAILED' : 'BULK_JOB_ABORTED',
        message: info.errorMessage || `Bulk API query job ${info.id} ${info.state.toLowerCase()}`,
        body: info,
        request: `GET ${jobPath}`,
      });
    }
    await deps.sleep(pollMs);
    info = await deps.rest.json<JobInfo>({ method: 'GET', path: jobPath });
  }
}

/**
 * Deletes a query or ingest job; one not finished is aborted first, as Salesforce requires
 * (an ingest job keeps the rows it saved before). Best effort.
 */
export async function removeJob(deps: BulkDeps, jobPath: string, complete: boolean, kind: 'query' | 'ingest'): Promise<void> {
  try {
    if (!complete) await deps.rest.call({ method: 'PATCH', path: jobPath, body: { state: 'Aborted' }, idempotent: true }).catch(() => undefined);
    await deps.rest.call({ method: 'DELETE', path: jobPath, idempotent: true });
  } catch (error) {
    deps.logger.warn({ request: `DELETE ${jobPath}`, err: error }, `could not delete a Bulk API ${kind} job; Salesforce removes it after 7 days`);
  }
}

/** One results page: a header row, then records. */
export function parseCsvPage(text: string, delimiter: string): BulkRow[] {
  const reader = new CsvReader(delimiter);
  const rows = reader.push(text);
  rows.push(...reader.end());
  const head = rows.shift();
  if (!head) return [];
  return rowsToRecords(head, rows);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
