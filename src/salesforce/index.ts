// pgforce's Salesforce client (the only code that talks to Salesforce): OAuth, REST with
// retries and typed errors, query, describe, collections, Composite, Bulk API 2.0 queries
// and ingest jobs, and the Salesforce error code → SQLSTATE catalogue.
export { SalesforceClient, type SalesforceClientOptions } from './client.js';
export type { SalesforceConfig, Grant } from './config.js';
export {
  SalesforceError,
  SalesforceAuthError,
  SalesforceUnavailableError,
  SalesforceRequestLimitError,
  SalesforceOutcomeUnknownError,
  errorItemsOf,
  type ApiErrorItem,
  type SalesforceErrorKind,
} from './errors.js';
export {
  sqlstateFor,
  isCatalogued,
  SALESFORCE_SQLSTATES,
  DEFAULT_SQLSTATE_ENTRY,
  SQLSTATE,
  type ConditionName,
  type SqlstateEntry,
} from './sqlstate.js';
export type { ApiUsage, LimitEntry } from './limits.js';
export type { SfRecord, QueryPage, QueryOptions, UpdatedResult, DeletedResult } from './query.js';
export type { DescribeGlobal, DescribeGlobalSObject, SObjectDescribe, FieldDescribe, PicklistValue, ChildRelationship } from './describe.js';
export {
  MAX_COLLECTION_RECORDS,
  createRequest,
  updateRequest,
  upsertRequest,
  deleteRequest,
  saveResultsOf,
  type CollectionOptions,
  type CollectionRequest,
  type RecordInput,
  type RecordError,
  type SaveResult,
} from './collections.js';
export { MAX_SUBREQUESTS, type CompositeRequest, type CompositeResponse, type Subrequest, type SubrequestResult } from './composite.js';
export type { BulkQueryOptions, BulkRow } from './bulk.js';
export {
  MAX_UPLOAD_BYTES,
  parseSfError,
  type BulkIngestOptions,
  type BulkIngestResult,
  type IngestOperation,
  type IngestRecordError,
  type IngestSuccess,
  type IngestFailure,
  type IngestUnprocessed,
} from './bulk-ingest.js';
export { CsvReader, csvLine, type ColumnDelimiter, type LineEnding } from './csv.js';
