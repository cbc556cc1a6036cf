// The Salesforce requests of one statement. Up to 200 records: ONE API request — a Composite
// (allOrNone) holding the sObject Collections call and a SOQL query that reads back what
// Salesforce computed (ids, defaults, formulas, SystemModstamp), referring to the new ids with
// `@{rows[n].id}`. A DELETE needs no read-back: one Collections call. Up to 1,000 records: one
// atomic Composite of up to 5 Collections calls, then one Composite of read-back queries.
import {
  MAX_COLLECTION_RECORDS, createRequest, deleteRequest, updateRequest, upsertRequest, type CompositeRequest, type RecordInput, type Subrequest,
} from '../salesforce/index.js';
import type { WriteOperation } from './plan.js';

/** A Composite request holds at most 5 Collections or query subrequests (notes §4.1). */
export const MAX_HEAVY_SUBREQUESTS = 5;
export const MAX_ATOMIC_RECORDS = MAX_COLLECTION_RECORDS * MAX_HEAVY_SUBREQUESTS;

export interface WriteRequest {
  composite: CompositeRequest;
  /** referenceId of each Collections subrequest, with the index of its first record. */
  chunks: Array<{ referenceId: string; first: number; count: number }>;
  /** referenceId of the read-back query in the same request, if any. */
  readback?: string;
}

/** `upsertField`: an INSERT sent as a Salesforce upsert on that external id field. */
export function writeRequest(
  dataPath: string, operation: WriteOperation, sobject: string, records: RecordInput[], ids: string[], fields: string[], upsertField?: string,
): WriteRequest {
  const count = operation === 'delete' ? ids.length : records.length;
  const chunks: WriteRequest['chunks'] = [];
  const subrequests: Subrequest[] = [];
  for (let first = 0, k = 0; first < count; first += MAX_COLLECTION_RECORDS, k++) {
    const n = Math.min(MAX_COLLECTION_RECORDS, count - first);
    const referenceId = `rows${k}`;
    const chunk = records.slice(first, first + n);
    const request = operation === 'insert'
      ? upsertField === undefined ? createRequest(dataPath, sobject, chunk, { allOrNone: true }) : upsertRequest(dataPath, sobject, upsertField, chunk, { allOrNone: true })
      : operation === 'update'
        ? updateRequest(dataPath, sobject, chunk, { allOrNone: true })
        : deleteRequest(dataPath, ids.slice(first, first + n), { allOrNone: true });
    subrequests.push({ method: request.method, url: request.url, referenceId, ...(request.body && { body: request.body }) });
    chunks.push({ referenceId, first, count: n });
  }
  const request: WriteRequest = { composite: { allOrNone: true, compositeRequest: subrequests }, chunks };
  if (operation !== 'delete' && count <= MAX_COLLECTION_RECORDS) {
    const idList = operation === 'insert' ? records.map((_, i) => `'@{rows0[${i}].id}'`) : ids.map(soqlString);
    subrequests.push({ method: 'GET', url: queryUrl(dataPath, fields, sobject, idList), referenceId: 'readback' });
    request.readback = 'readback';
  }
  return request;
}

/** Read-back of records by id after a large write: one Composite of up to 5 queries. */
export function readbackRequest(dataPath: string, sobject: string, ids: string[], fields: string[]): CompositeRequest {
  const subrequests: Subrequest[] = [];
  for (let first = 0, k = 0; first < ids.length; first += MAX_COLLECTION_RECORDS, k++) {
    const chunk = ids.slice(first, first + MAX_COLLECTION_RECORDS).map(soqlString);
    subrequests.push({ method: 'GET', url: queryUrl(dataPath, fields, sobject, chunk), referenceId: `readback${k}` });
  }
  return { allOrNone: false, compositeRequest: subrequests };
}

/**
 * A query URL whose `@{…}` references stay literal (Salesforce resolves them before running
 * the subrequest) while everything else is URL-encoded.
 */
function queryUrl(dataPath: string, fields: string[], sobject: string, idList: string[]): string {
  const soql = `SELECT ${fields.join(', ')} FROM ${sobject} WHERE Id IN (${idList.join(', ')})`;
  const encoded = soql.split(/(@\{[^}]+\})/).map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part))).join('');
  return `${dataPath}/query?q=${encoded}`;
}

function soqlString(id: string): string {
  return `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
