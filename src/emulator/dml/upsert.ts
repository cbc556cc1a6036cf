// Upsert by external id (or Id): update the one live record holding the key, create one
// when none does, report every match when several do (HTTP 300 for single-record upsert).
import { findField, type FieldDef, type SObjectDef } from '../schema/types.js';
import { coerce } from './coerce.js';
import { failed, type DmlContext, type SaveOutcome } from './context.js';
import { createRecord, updateRecord } from './save.js';
import { RecordErrors } from './record-error.js';

export type UpsertOutcome = SaveOutcome | { multiple: string[] };

/** The field an upsert may key on: Id, or an external-id / idLookup field. */
export function upsertKeyField(object: SObjectDef, name: string): FieldDef | undefined {
  const field = findField(object, name);
  return field && (field.externalId || field.idLookup) ? field : undefined;
}

export function upsertRecord(
  ctx: DmlContext,
  object: SObjectDef,
  key: FieldDef,
  rawValue: unknown,
  body: Record<string, unknown>,
): UpsertOutcome {
  if (key.type === 'id') {
    if (rawValue === undefined || rawValue === null || rawValue === '') return withCreated(createRecord(ctx, object, body), true);
    return withCreated(updateRecord(ctx, object, rawValue, body), false);
  }
  if (rawValue === undefined || rawValue === null || rawValue === '') return failed([RecordErrors.externalIdMissing(key.name)]);
  const coerced = coerce(key, rawValue);
  if ('error' in coerced) return failed([coerced.error]);
  const matches = ctx.txn.findLiveByUnique(object, key.name, coerced.value, key.caseSensitive);
  if (matches.length > 1) return { multiple: matches };
  const fields = withoutKey(body, key);
  if (matches[0]) return withCreated(updateRecord(ctx, object, matches[0], fields), false);
  return withCreated(createRecord(ctx, object, { ...fields, [key.name]: rawValue }), true);
}

function withoutKey(body: Record<string, unknown>, key: FieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() !== key.name.toLowerCase()) out[k] = v;
  return out;
}

function withCreated(outcome: SaveOutcome, created: boolean): SaveOutcome {
  return outcome.success ? { ...outcome, created } : outcome;
}
