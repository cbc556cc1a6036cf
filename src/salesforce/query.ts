// SOQL through `/query` and `/queryAll` (notes §5.1, §5.2), one page at a time: the first
// page, then every `nextRecordsUrl` until `done`. Also getUpdated and getDeleted (§5.3).
import type { RestCaller } from './rest.js';

/** A record as the REST API returns it: `attributes`, then fields (parents as nested records). */
export interface SfRecord {
  attributes?: { type: string; url?: string };
  [field: string]: unknown;
}

export interface QueryPage {
  records: SfRecord[];
  totalSize: number;
  done: boolean;
}

export interface QueryOptions {
  /** queryAll: deleted (recycle bin) and archived records too. */
  all?: boolean;
  /** Records per page, 200–2000 (a hint Salesforce may round). */
  batchSize?: number;
}

interface QueryResponse extends QueryPage {
  nextRecordsUrl?: string;
}

export async function* queryPages(rest: RestCaller, dataPath: string, soql: string, options: QueryOptions = {}): AsyncGenerator<QueryPage> {
  const headers: Record<string, string> = {};
  if (options.batchSize !== undefined) headers['sforce-query-options'] = `batchSize=${options.batchSize}`;
  let path: string | undefined = `${dataPath}/${options.all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`;
  while (path) {
    const page: QueryResponse = await rest.json<QueryResponse>({ method: 'GET', path, headers });
    path = page.done ? undefined : page.nextRecordsUrl;
    yield { records: page.records, totalSize: page.totalSize, done: page.done || !path };
  }
}

export interface UpdatedResult {
  ids: string[];
  latestDateCovered: string;
}

export interface DeletedResult {
  deletedRecords: Array<{ id: string; deletedDate: string }>;
  earliestDateAvailable: string;
  latestDateCovered: string;
}

export function getUpdated(rest: RestCaller, dataPath: string, sobject: string, start: Date, end: Date): Promise<UpdatedResult> {
  return rest.json<UpdatedResult>({ method: 'GET', path: windowPath(dataPath, sobject, 'updated', start, end) });
}

export function getDeleted(rest: RestCaller, dataPath: string, sobject: string, start: Date, end: Date): Promise<DeletedResult> {
  return rest.json<DeletedResult>({ method: 'GET', path: windowPath(dataPath, sobject, 'deleted', start, end) });
}

function windowPath(dataPath: string, sobject: string, kind: 'updated' | 'deleted', start: Date, end: Date): string {
  return `${dataPath}/sobjects/${encodeURIComponent(sobject)}/${kind}/?start=${encodeURIComponent(utc(start))}&end=${encodeURIComponent(utc(end))}`;
}

/** `2026-01-10T00:00:00+00:00`, the form Salesforce's examples use (seconds are ignored anyway). */
function utc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('getUpdated/getDeleted need valid dates');
  return `${date.toISOString().slice(0, 19)}+00:00`;
}
