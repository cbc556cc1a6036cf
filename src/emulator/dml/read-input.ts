// Maps a request body's keys to fields (case-insensitively, as Salesforce does), refuses
// unknown and read-only fields, and coerces each value to its stored form.
import { findField, type FieldDef, type SObjectDef } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';
import { coerce } from './coerce.js';
import { RecordErrors, type RecordError } from './record-error.js';

export type InputMode = 'create' | 'update';

export type ReadInput = { values: Map<FieldDef, FieldValue> } | { errors: RecordError[] };

/** Keys that describe the record rather than set a field. */
const META_KEYS = new Set(['attributes']);

export function readInput(object: SObjectDef, body: Record<string, unknown>, mode: InputMode): ReadInput {
  const values = new Map<FieldDef, FieldValue>();
  const readOnly: string[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (META_KEYS.has(key)) continue;
    const field = findField(object, key);
    if (!field) return { errors: [RecordErrors.noSuchField(key, object.name)] };
    // The id travels in the body of updates; it is the target, not a field to set.
    if (field.type === 'id') {
      if (mode === 'update') continue;
      readOnly.push(field.name);
      continue;
    }
    if (mode === 'create' ? !field.createable : !field.updateable) {
      readOnly.push(field.name);
      continue;
    }
    const coerced = coerce(field, raw);
    if ('error' in coerced) return { errors: [coerced.error] };
    values.set(field, coerced.value);
  }
  if (readOnly.length > 0) return { errors: [RecordErrors.notWritable(readOnly)] };
  return { values };
}
