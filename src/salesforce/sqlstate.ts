// Salesforce error code → SQLSTATE: one table, so that a rejection reaches Postgres clients
// classified like the equivalent local failure (a missing required field like a NOT NULL
// violation, a duplicate like a unique violation …). The table is published in
// docs/errors.md ("pgforce (Postgres side)"); a test keeps the two in step and checks every
// condition name against a real Postgres.
import type { Logger } from '../log.js';

/** The SQLSTATEs pgforce uses, by Postgres's condition name (errcodes.txt). */
export const SQLSTATE = {
  sqlclient_unable_to_establish_sqlconnection: '08001',
  cardinality_violation: '21000',
  string_data_right_truncation: '22001',
  numeric_value_out_of_range: '22003',
  invalid_parameter_value: '22023',
  invalid_text_representation: '22P02',
  not_null_violation: '23502',
  foreign_key_violation: '23503',
  unique_violation: '23505',
  check_violation: '23514',
  in_failed_sql_transaction: '25P02',
  invalid_authorization_specification: '28000',
  invalid_cursor_name: '34000',
  statement_completion_unknown: '40003',
  insufficient_privilege: '42501',
  syntax_error: '42601',
  undefined_column: '42703',
  undefined_object: '42704',
  undefined_function: '42883',
  undefined_table: '42P01',
  disk_full: '53100',
  too_many_connections: '53300',
  configuration_limit_exceeded: '53400',
  program_limit_exceeded: '54000',
  object_not_in_prerequisite_state: '55000',
  lock_not_available: '55P03',
  query_canceled: '57014',
  cannot_connect_now: '57P03',
  raise_exception: 'P0001',
  internal_error: 'XX000',
} as const;

export type ConditionName = keyof typeof SQLSTATE;

export interface SqlstateEntry {
  condition: ConditionName;
  /** Why this is the equivalent local failure (also the docs' "why" column). */
  why: string;
}

/** Salesforce error code (top-level `errorCode` or per-record `statusCode`) → SQLSTATE. */
export const SALESFORCE_SQLSTATES: Readonly<Record<string, SqlstateEntry>> = {
  // Values the field or record cannot take: class 23 (integrity) and 22 (data).
  REQUIRED_FIELD_MISSING: { condition: 'not_null_violation', why: 'a required field left empty is a NOT NULL column left null' },
  DUPLICATE_VALUE: { condition: 'unique_violation', why: 'a unique or external-id field already holds the value, as a unique index would' },
  DUPLICATES_DETECTED: { condition: 'unique_violation', why: "a duplicate rule blocked the save; callers' \"already exists\" handling fits" },
  DUPLICATE_EXTERNAL_ID: { condition: 'cardinality_violation', why: 'an upsert key given twice or matching several records: Postgres\'s "ON CONFLICT DO UPDATE cannot affect row a second time"' },
  INVALID_CROSS_REFERENCE_KEY: { condition: 'foreign_key_violation', why: 'the referenced (or targeted) record does not exist' },
  FIELD_INTEGRITY_EXCEPTION: { condition: 'foreign_key_violation', why: 'a lookup holds an id of another sObject: no such row in the referenced table' },
  ENTITY_IS_DELETED: { condition: 'foreign_key_violation', why: 'the referenced or targeted record is deleted; the same class as a missing one' },
  FIELD_FILTER_VALIDATION_EXCEPTION: { condition: 'foreign_key_violation', why: "a lookup filter refuses the referenced record: the reference is not allowed" },
  DELETE_FAILED: { condition: 'foreign_key_violation', why: 'other records still refer to it, as ON DELETE RESTRICT' },
  STRING_TOO_LONG: { condition: 'string_data_right_truncation', why: 'what Postgres raises for a value too long for varchar(n)' },
  FIELD_CUSTOM_VALIDATION_EXCEPTION: { condition: 'check_violation', why: 'a validation rule is a CHECK constraint written in Salesforce' },
  INVALID_EMAIL_ADDRESS: { condition: 'check_violation', why: 'a format rule on a text value, as a CHECK or domain constraint' },
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: { condition: 'check_violation', why: 'the mirror column is text; the allowed values are a CHECK (col IN …), not an enum type' },
  INVALID_TYPE_ON_FIELD_IN_RECORD: { condition: 'invalid_text_representation', why: 'a value that cannot be read as the field\'s type, as \'abc\'::integer' },
  JSON_PARSER_ERROR: { condition: 'invalid_text_representation', why: 'a value that cannot be deserialized as the field\'s type' },
  MALFORMED_ID: { condition: 'invalid_text_representation', why: 'not a valid id, as an invalid uuid literal' },
  INVALID_ID_FIELD: { condition: 'invalid_text_representation', why: 'an id that does not fit the operation' },
  NUMBER_OUTSIDE_VALID_RANGE: { condition: 'numeric_value_out_of_range', why: 'too many digits for numeric(p, s)' },
  INVALID_REPLICATION_DATE: { condition: 'invalid_parameter_value', why: 'a getUpdated/getDeleted window Salesforce does not accept' },
  // Names and rights: class 42.
  INVALID_FIELD: { condition: 'undefined_column', why: 'no such field on the sObject' },
  INVALID_TYPE: { condition: 'undefined_table', why: 'no such sObject' },
  NOT_FOUND: { condition: 'undefined_object', why: 'the resource, sObject or external-id field does not exist' },
  MALFORMED_QUERY: { condition: 'syntax_error', why: 'SOQL Salesforce cannot parse' },
  INVALID_QUERY_FILTER_OPERATOR: { condition: 'undefined_function', why: 'an operator the field type does not have: Postgres\'s "operator does not exist"' },
  INVALID_FIELD_FOR_INSERT_UPDATE: { condition: 'insufficient_privilege', why: 'the field is not writable for this user (field-level security, system or formula field); Salesforce words it as a permission' },
  INSUFFICIENT_ACCESS_OR_READONLY: { condition: 'insufficient_privilege', why: 'sharing or profile forbids the change' },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: { condition: 'insufficient_privilege', why: 'no access to the referenced record' },
  API_DISABLED_FOR_ORG: { condition: 'insufficient_privilege', why: 'the org or user may not use the API' },
  API_CURRENTLY_DISABLED: { condition: 'insufficient_privilege', why: 'the API is switched off for this user' },
  FEATURENOTENABLED: { condition: 'insufficient_privilege', why: 'the org lacks the feature (Bulk API) or the user its permission (Bulk API Hard Delete for hardDelete jobs)' },
  // Transactions, locks, cursors.
  UNABLE_TO_LOCK_ROW: { condition: 'lock_not_available', why: 'row lock contention, as SELECT … FOR UPDATE NOWAIT; retried before it is reported' },
  ALL_OR_NONE_OPERATION_ROLLED_BACK: { condition: 'in_failed_sql_transaction', why: 'rolled back because another record of the same all-or-none call failed' },
  PROCESSING_HALTED: { condition: 'in_failed_sql_transaction', why: 'a Composite subrequest not run because another one failed' },
  ENTITY_IS_LOCKED: { condition: 'object_not_in_prerequisite_state', why: 'an approval process locks the record; retrying does not help' },
  UNDELETE_FAILED: { condition: 'object_not_in_prerequisite_state', why: 'the record is not in the recycle bin' },
  INVALID_QUERY_LOCATOR: { condition: 'invalid_cursor_name', why: 'the query cursor expired or is closed' },
  BULK_JOB_FAILED: { condition: 'query_canceled', why: "(pgforce's code) a Bulk API query or ingest job ended Failed, usually a time or size limit or, for ingest, data Salesforce could not read: the statement did not finish (records an ingest job saved before stay saved)" },
  BULK_JOB_ABORTED: { condition: 'query_canceled', why: "(pgforce's code) a Bulk API query or ingest job was aborted before it finished: a cancelled statement (records an ingest job saved before stay saved)" },
  QUERY_TIMEOUT: { condition: 'query_canceled', why: "Salesforce's query time limit, as statement_timeout" },
  // Limits and resources: class 53/54.
  REQUEST_LIMIT_EXCEEDED: { condition: 'configuration_limit_exceeded', why: "the org's daily API allocation (a configured limit) is spent; the concurrent-request variant is reported as too_many_connections" },
  EXCEEDED_ID_LIMIT: { condition: 'program_limit_exceeded', why: 'too many records or ids for one call' },
  INVALID_BATCH_REQUEST: { condition: 'program_limit_exceeded', why: 'too many chunks or Composite subrequests' },
  REQUEST_ENTITY_TOO_LARGE: { condition: 'program_limit_exceeded', why: 'the request body is over Salesforce\'s size limit' },
  LIMIT_EXCEEDED: { condition: 'program_limit_exceeded', why: 'a Salesforce governor limit' },
  OPERATION_TOO_LARGE: { condition: 'program_limit_exceeded', why: 'the query or operation touches too many rows' },
  STORAGE_LIMIT_EXCEEDED: { condition: 'disk_full', why: "the org's data storage is full" },
  // Availability and credentials.
  SERVER_UNAVAILABLE: { condition: 'cannot_connect_now', why: 'maintenance or overload: "try again later", as a server starting or shutting down; retried before it is reported' },
  INVALID_SESSION_ID: { condition: 'invalid_authorization_specification', why: 'pgforce\'s Salesforce session was refused even after logging in again' },
  // Org logic and pgforce bugs.
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: { condition: 'raise_exception', why: 'an Apex trigger or flow threw: a trigger raising an exception' },
  UNKNOWN_EXCEPTION: { condition: 'internal_error', why: "Salesforce's own internal error" },
  INVALID_REQUEST: { condition: 'internal_error', why: 'pgforce built a request Salesforce refuses: a pgforce bug' },
  MISSING_ARGUMENT: { condition: 'internal_error', why: 'pgforce left out a required parameter or id: a pgforce bug' },
  METHOD_NOT_ALLOWED: { condition: 'internal_error', why: 'pgforce used a wrong method: a pgforce bug' },
  UNSUPPORTED_MEDIA_TYPE: { condition: 'internal_error', why: 'pgforce sent a wrong content type: a pgforce bug' },
  INVALIDJOB: { condition: 'internal_error', why: 'Bulk API refused the job pgforce defined: a pgforce bug' },
  API_ERROR: { condition: 'internal_error', why: 'Bulk API refused a value pgforce sent (a job property such as the operation or line ending, a query it cannot run): a pgforce bug' },
  BULK_API_ERROR: { condition: 'internal_error', why: 'Bulk API refused a call pgforce made on a job (a second data upload): a pgforce bug' },
};

/**
 * The SQLSTATE for codes not in the table: P0001 raise_exception. An unknown code is a
 * rejection by the org (its rules, automation or a platform condition we have not
 * catalogued), not a pgforce bug (XX000) and not a specific constraint kind (class 23 would
 * tell ORMs it was a unique/not-null/check problem when we do not know that). A trigger
 * raising an error with a human message is Postgres's closest equivalent.
 */
export const DEFAULT_SQLSTATE_ENTRY: SqlstateEntry = {
  condition: 'raise_exception',
  why: 'an uncatalogued rejection by the org: like a trigger raising an error with a message',
};

/** `ERROR_HTTP_<status>` (an error answer that was not Salesforce's JSON) by status. */
function httpStatusCondition(code: string): ConditionName | undefined {
  const m = /^ERROR_HTTP_(\d{3})$/.exec(code);
  if (!m) return undefined;
  const status = Number(m[1]);
  if (status === 502 || status === 503 || status === 504) return 'cannot_connect_now';
  if (status === 401) return 'invalid_authorization_specification';
  return 'internal_error';
}

export function sqlstateFor(code: string): string {
  if (isCatalogued(code)) return SQLSTATE[SALESFORCE_SQLSTATES[code]!.condition];
  return SQLSTATE[httpStatusCondition(code) ?? DEFAULT_SQLSTATE_ENTRY.condition];
}

export function isCatalogued(code: string): boolean {
  return Object.hasOwn(SALESFORCE_SQLSTATES, code);
}

const reported = new Set<string>();

/**
 * Warns once per process about a code missing from the table, with the raw body it came in,
 * so the table can grow from what real orgs send.
 */
export function reportUnknownCode(logger: Logger, code: string, raw: unknown): void {
  if (isCatalogued(code) || reported.has(code)) return;
  reported.add(code);
  logger.warn({ errorCode: code, sqlstate: sqlstateFor(code), raw }, 'Salesforce error code not in the SQLSTATE table; using the default');
}
