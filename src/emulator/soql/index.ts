// The emulator's SOQL engine: prepareQuery parses and resolves a query once, runQuery filters
// and sorts records, shapeRecord renders one result row as REST JSON. Used by the /query and
// /queryAll resources (and Bulk API query jobs) of the emulator's HTTP layer.

export { SoqlError, MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, type SoqlErrorCode } from './errors.js';
export type { PreparedQuery, ResolvedPath } from './prepared-query.js';
export type { QueryContext } from './query-context.js';
export { prepareQuery, MAX_SOQL_LENGTH } from './prepare-query.js';
export { runQuery, type QueryResult } from './run-query.js';
export { shapeRecord, flattenRecord } from './shape-record.js';
export { MAX_OFFSET } from './parser.js';
