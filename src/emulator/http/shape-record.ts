// A stored record as the REST API returns it: `attributes` first, then fields in describe
// order (formula fields computed), or only the requested ones.
import type { FieldDef, SObjectDef } from '../schema/types.js';
import type { RecordSource, StoredRecord } from '../store/record.js';
import type { Org } from '../org.js';

export function recordUrl(version: string, sobject: string, id: string): string {
  return `/services/data/v${version}/sobjects/${sobject}/${id}`;
}

export function shapeStoredRecord(
  org: Org,
  object: SObjectDef,
  record: StoredRecord,
  version: string,
  source: RecordSource,
  fields: readonly FieldDef[] = object.fields,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: object.name, url: recordUrl(version, object.name, record.Id as string) },
  };
  for (const field of fields) out[field.name] = org.readValue(object, record, field, source);
  return out;
}
