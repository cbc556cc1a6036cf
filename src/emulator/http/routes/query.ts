// `/query` and `/queryAll`: SOQL with paging through nextRecordsUrl; the batch size comes
// from `Sforce-Query-Options: batchSize=N` (200..2000, default 2000).
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiError, ApiErrors } from '../api-error.js';
import type { Env } from '../env.js';
import { prepareQuery, runQuery, shapeRecord, SoqlError, type QueryContext } from '../../soql/index.js';
import type { CursorStore } from './query-cursors.js';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

export function handleQuery(req: ApiRequest, env: Env): ApiResponse {
  if (req.method !== 'GET') throw ApiErrors.methodNotAllowed(req.method, ['GET']);
  const [resource, locator, ...rest] = req.segments;
  if (rest.length) throw ApiErrors.notFound();
  if (locator !== undefined) return nextPage(env.cursors, locator, req.version);
  const soql = req.query.get('q');
  if (soql === null) throw ApiErrors.missingArgument('A query string must be provided in the q parameter');
  const context: QueryContext = {
    schema: env.org.schema,
    source: req.txn,
    readValue: (object, record, field) => env.org.readValue(object, record, field, req.txn),
    includeDeleted: resource === 'queryAll',
  };
  try {
    const prepared = prepareQuery(soql, env.org.schema);
    const { rows, totalSize } = runQuery(prepared, context);
    const shape = (row: (typeof rows)[number]) => shapeRecord(prepared, row, context, req.version);
    return page(env.cursors, { rows, totalSize, shape, batchSize: batchSizeOf(req) }, undefined, 0, req.version);
  } catch (error) {
    if (error instanceof SoqlError) throw new ApiError(400, error.errorCode, error.message);
    throw error;
  }
}

function nextPage(cursors: CursorStore, locator: string, version: string): ApiResponse {
  const dash = locator.lastIndexOf('-');
  const id = locator.slice(0, dash);
  const offset = Number(locator.slice(dash + 1));
  const cursor = dash > 0 ? cursors.get(id) : undefined;
  if (!cursor || !Number.isInteger(offset) || offset < 0 || offset > cursor.rows.length) throw ApiErrors.invalidQueryLocator();
  return page(cursors, cursor, id, offset, version);
}

function page(
  cursors: CursorStore,
  result: { rows: readonly unknown[]; totalSize: number; batchSize: number; shape(row: never): Record<string, unknown> },
  cursorId: string | undefined,
  offset: number,
  version: string,
): ApiResponse {
  const end = Math.min(offset + result.batchSize, result.rows.length);
  const records = result.rows.slice(offset, end).map((row) => result.shape(row as never));
  const done = end >= result.rows.length;
  const body: Record<string, unknown> = { totalSize: result.totalSize, done, records };
  if (!done) {
    const id = cursorId ?? cursors.open(result as Parameters<CursorStore['open']>[0]);
    body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${end}`;
  } else if (cursorId) {
    cursors.close(cursorId);
  }
  return json(200, body);
}

function batchSizeOf(req: ApiRequest): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(req.headers['sforce-query-options'] ?? '');
  if (!m) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1])));
}
