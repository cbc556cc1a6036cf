// A Salesforce rejection as the Postgres error the client sees (DESIGN.md): "salesforce
// validation error", a DETAIL in Postgres's style naming the column and value, the SQLSTATE
// from the catalogue, and schema/table/column/constraint (= the Salesforce code) filled in.
// CONTEXT says which record failed and quotes Salesforce.
import type { MirrorColumn } from '../mirror/catalog.js';
import { sqlstateFor, type RecordError, type RecordInput } from '../salesforce/index.js';
import { PgError } from '../wire/index.js';
import type { WritePlan } from './plan.js';
import { displayValue } from './records.js';

/** How each kind of rejection reads after `Key (column)=(value)`. */
const PHRASES: Record<string, (e: RecordError, column: MirrorColumn | undefined) => string> = {
  INVALID_EMAIL_ADDRESS: () => 'is not a valid email address',
  REQUIRED_FIELD_MISSING: () => 'is required: the field cannot be empty',
  DUPLICATE_VALUE: () => 'already exists',
  DUPLICATES_DETECTED: () => 'already exists (a duplicate rule matched)',
  STRING_TOO_LONG: (_e, c) => (c && c.length > 0 ? `is longer than ${c.length} characters` : 'is too long'),
  INVALID_CROSS_REFERENCE_KEY: () => 'does not refer to an existing record',
  FIELD_INTEGRITY_EXCEPTION: () => 'does not refer to a record of the right type',
  ENTITY_IS_DELETED: () => 'refers to a deleted record',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: (e) => `violates a validation rule: ${e.message}`,
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: () => 'is not an allowed picklist value',
  NUMBER_OUTSIDE_VALID_RANGE: () => 'is out of range',
  INVALID_TYPE_ON_FIELD_IN_RECORD: (e) => `is not a valid value for the field: ${e.message}`,
  MALFORMED_ID: () => 'is not a valid Salesforce id',
  INVALID_FIELD_FOR_INSERT_UPDATE: () => 'cannot be written by this Salesforce user',
};

export interface RejectedRecord {
  plan: WritePlan;
  /** What was sent (for the value in DETAIL); for a DELETE, `{ Id }`. */
  record: RecordInput | undefined;
  /** 0-based position of the record in the statement, and how many there were. */
  index: number | undefined;
  total: number;
  error: RecordError;
  /** Appended to CONTEXT (e.g. which statement of a deferred transaction). */
  note?: string;
}

export function rejectionError(r: RejectedRecord): PgError {
  const { plan, error } = r;
  const field = error.fields[0] ?? fieldInMessage(error.message);
  const column = field === undefined ? undefined : columnFor(plan, field);
  const phrase = (PHRASES[error.statusCode] ?? ((e: RecordError) => `was rejected: ${e.message}`))(error, column);
  let detail: string;
  if (column !== undefined) {
    const sent = r.record !== undefined && Object.hasOwn(r.record, column.field);
    detail = sent ? `Key (${column.column})=(${displayValue(r.record![column.field])}) ${phrase}.` : `Key (${column.column}) ${phrase}.`;
  } else {
    const row = r.index === undefined ? 'The statement' : r.total > 1 ? `Row ${r.index + 1}` : 'The row';
    detail = error.statusCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION' ? `${row} violates a validation rule: ${error.message}.` : `${row} was rejected: ${error.message}`;
  }
  const which = r.index === undefined ? 'the request' : `record ${r.index + 1} of ${r.total}`;
  const none = r.total > 1 ? '; none of the records was applied' : '';
  return new PgError({
    code: sqlstateFor(error.statusCode),
    message: 'salesforce validation error',
    detail,
    where: `Salesforce rejected ${which} of ${plan.operation.toUpperCase()} on ${plan.table.sobject} (${error.statusCode}: ${error.message})${none}${r.note ?? ''}`,
    schema: plan.schema,
    table: plan.table.table,
    column: column?.column,
    constraint: error.statusCode,
  });
}

/** Salesforce leaves `fields` empty for a duplicate, but names the field in the message. */
function fieldInMessage(message: string): string | undefined {
  return /duplicate value found: (\w+) duplicates/.exec(message)?.[1];
}

function columnFor(plan: WritePlan, field: string): MirrorColumn | undefined {
  const lower = field.toLowerCase();
  return plan.table.columns.find((c) => c.field.toLowerCase() === lower);
}
