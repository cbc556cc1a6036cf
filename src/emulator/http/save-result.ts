// A record's outcome as Salesforce reports it in collection results: SaveResult,
// UpsertResult (`created`), DeleteResult, or the allOrNone roll-back of a record that was fine.
import type { SaveOutcome } from '../dml/context.js';
import { RecordErrors, type RecordError } from '../dml/record-error.js';

export type Kind = 'create' | 'update' | 'upsert' | 'delete' | 'undelete';

export function toResult(o: SaveOutcome, kind: Kind): Record<string, unknown> {
  if (o.success) return kind === 'upsert' ? { id: o.id, success: true, errors: [], created: Boolean(o.created) } : { id: o.id, success: true, errors: [] };
  return o.id === undefined ? { success: false, errors: o.errors } : { id: o.id, success: false, errors: o.errors };
}

export function rolledBack(o: Extract<SaveOutcome, { success: true }>, kind: Kind): Record<string, unknown> {
  const errors: RecordError[] = [RecordErrors.rolledBack()];
  // A create that never happened has no id to report.
  const wasCreate = kind === 'create' || (kind === 'upsert' && o.created === true);
  return wasCreate ? { success: false, errors } : { id: o.id, success: false, errors };
}
