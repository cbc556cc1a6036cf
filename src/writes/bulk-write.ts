// Large writes (docs/writes.md, "Large writes"): a statement above the atomic limit is refused
// unless the session opted in with `SET pgforce.large_writes = 'bulk'`; then it goes through
// one Bulk API 2.0 ingest job. Salesforce saves each record on its own there, so some may be
// rejected while the others are applied: the statement succeeds with the records applied, and
// each rejected record comes back as a WARNING shaped like the error a rejection raises (the
// same SQLSTATE, DETAIL and fields), and is journaled.
import type { BulkIngestResult, RecordError, RecordInput } from '../salesforce/index.js';
import { PgError, SqlState } from '../wire/index.js';
import type { WritePlan } from './plan.js';
import { rejectionError } from './rejection.js';

export const LARGE_WRITES_SETTING = 'pgforce.large_writes';

/** WARNINGs sent one by one; the rest are counted in one more (all are in the journal). */
const MAX_WARNINGS = 20;
/** Rejected records written out in the journal entry's error_message. */
const MAX_JOURNALED = 1000;

export function parseLargeWrites(value: string | null): 'refuse' | 'bulk' {
  if (value === null || value === '' || value === 'refuse') return 'refuse';
  if (value === 'bulk') return 'bulk';
  throw new PgError({
    code: SqlState.InvalidParameterValue,
    message: `invalid value for parameter "${LARGE_WRITES_SETTING}": "${value}"`,
    hint: 'Available values: refuse, bulk.',
  });
}

export interface BulkRejection {
  index: number;
  record: RecordInput;
  error: RecordError;
}

/** The records of a job Salesforce did not apply: rejected, or never processed. */
export function bulkRejections(result: BulkIngestResult): BulkRejection[] {
  const rejected = result.failed.map((f) => ({ index: f.index, record: f.record, error: { statusCode: f.error.errorCode, message: f.error.message, fields: f.error.fields } }));
  const unprocessed = result.unprocessed.map((u) => ({
    index: u.index, record: u.record, error: { statusCode: 'UNPROCESSED', message: 'Salesforce reported no result for this record; it was not applied', fields: [] },
  }));
  return [...rejected, ...unprocessed].sort((a, b) => a.index - b.index);
}

/** The WARNINGs for the client: one per rejected record (the first ones), then a count of the rest. */
export function bulkWarnings(plan: WritePlan, total: number, rejections: readonly BulkRejection[]): PgError[] {
  const note = '; sent through the Bulk API, which applies each record on its own: the others were applied';
  const warnings = rejections.slice(0, MAX_WARNINGS).map((r) => rejectionError({ plan, record: r.record, index: r.index, total, error: r.error, note }));
  if (rejections.length > MAX_WARNINGS) {
    warnings.push(new PgError({
      code: SqlState.Warning,
      message: `${rejections.length - MAX_WARNINGS} more records were rejected by Salesforce and not applied`,
      detail: `${rejections.length} of ${total} records were rejected in all.`,
      hint: 'pgforce.write_journal lists them (error_message of this statement\'s entry).',
      schema: plan.schema,
      table: plan.table.table,
    }));
  }
  return warnings;
}

/** The journal's account of the rejected records: `row n: CODE: message`, one a line. */
export function journaledRejections(total: number, rejections: readonly BulkRejection[]): string | undefined {
  if (rejections.length === 0) return undefined;
  const lines = rejections.slice(0, MAX_JOURNALED).map((r) => `row ${r.index + 1}: ${r.error.statusCode}: ${r.error.message}`);
  const more = rejections.length > MAX_JOURNALED ? [`… and ${rejections.length - MAX_JOURNALED} more`] : [];
  return [`${rejections.length} of ${total} records rejected by Salesforce (Bulk API; the others applied)`, ...lines, ...more].join('\n');
}

/**
 * What a Bulk API job that failed as a whole leaves behind. Unlike a Composite request it is
 * not atomic: records it processed before it failed or was aborted stay applied, so the error
 * says so (and the journal records the outcome as `unknown`); the sync settles the mirror.
 */
export const BULK_JOB_AFTERMATH = 'The Bulk API applies records one by one: some may have been applied before the job stopped. pgforce does not retry it; the sync brings the mirror to what Salesforce holds.';
