// sObject Collections (`/composite/sobjects`, notes §3): create, update, upsert and delete of
// up to 200 records in one request. Builds the requests (also usable as Composite
// subrequests) and reads the per-record results, which stay results: a record's error is not
// an exception.

export const MAX_COLLECTION_RECORDS = 200;

/** A record to write: field values, with `Id` for an update. */
export type RecordInput = Record<string, unknown>;

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  /** Absent for a failed create. */
  id?: string;
  success: boolean;
  errors: RecordError[];
  /** Upsert only: true when the record was inserted. */
  created?: boolean;
}

export interface CollectionOptions {
  /** All records or none (default false, as Salesforce). */
  allOrNone?: boolean;
}

export interface CollectionRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** Under the data path, e.g. `/services/data/v62.0/composite/sobjects`. */
  url: string;
  body?: { allOrNone: boolean; records: RecordInput[] };
}

export function createRequest(dataPath: string, sobject: string, records: RecordInput[], options: CollectionOptions = {}): CollectionRequest {
  checkCount(records.length);
  return { method: 'POST', url: `${dataPath}/composite/sobjects`, body: { allOrNone: options.allOrNone ?? false, records: typed(sobject, records) } };
}

export function updateRequest(dataPath: string, sobject: string, records: RecordInput[], options: CollectionOptions = {}): CollectionRequest {
  checkCount(records.length);
  return { method: 'PATCH', url: `${dataPath}/composite/sobjects`, body: { allOrNone: options.allOrNone ?? false, records: typed(sobject, records) } };
}

export function upsertRequest(
  dataPath: string,
  sobject: string,
  externalIdField: string,
  records: RecordInput[],
  options: CollectionOptions = {},
): CollectionRequest {
  checkCount(records.length);
  return {
    method: 'PATCH',
    url: `${dataPath}/composite/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(externalIdField)}`,
    body: { allOrNone: options.allOrNone ?? false, records: typed(sobject, records) },
  };
}

export function deleteRequest(dataPath: string, ids: string[], options: CollectionOptions = {}): CollectionRequest {
  checkCount(ids.length);
  const list = ids.map((id) => encodeURIComponent(id)).join(',');
  return { method: 'DELETE', url: `${dataPath}/composite/sobjects?ids=${list}&allOrNone=${options.allOrNone ?? false}` };
}

/** Each record with `attributes.type`, unless it names its own type. */
function typed(sobject: string, records: RecordInput[]): RecordInput[] {
  return records.map((r) => (r.attributes ? r : { attributes: { type: sobject }, ...r }));
}

function checkCount(n: number): void {
  if (n < 1 || n > MAX_COLLECTION_RECORDS) {
    throw new RangeError(`an sObject Collections call takes 1 to ${MAX_COLLECTION_RECORDS} records, got ${n}`);
  }
}

/** Per-record results as SaveResults (each `errors` item always has `fields`). */
export function saveResultsOf(body: unknown): SaveResult[] {
  if (!Array.isArray(body)) throw new TypeError('sObject Collections answered without a result array');
  return body.map((raw: Record<string, unknown>) => {
    const result: SaveResult = {
      success: raw.success === true,
      errors: Array.isArray(raw.errors) ? raw.errors.map(recordErrorOf) : [],
    };
    if (typeof raw.id === 'string') result.id = raw.id;
    if (typeof raw.created === 'boolean') result.created = raw.created;
    return result;
  });
}

function recordErrorOf(raw: Record<string, unknown>): RecordError {
  return {
    statusCode: String(raw.statusCode ?? raw.errorCode ?? 'UNKNOWN'),
    message: String(raw.message ?? ''),
    fields: Array.isArray(raw.fields) ? raw.fields.map(String) : [],
  };
}
