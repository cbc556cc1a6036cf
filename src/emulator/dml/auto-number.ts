// Auto-number fields (`INV-{0000}`): Salesforce fills them on create with the next number of
// the field's sequence. The sequence continues after the records already in the org.
import type { FieldDef, SObjectDef } from '../schema/types.js';
import type { Org } from '../org.js';

const sequences = new WeakMap<FieldDef, number>();

export function nextAutoNumber(org: Org, object: SObjectDef, field: FieldDef): string {
  let next = sequences.get(field);
  if (next === undefined) next = field.autoNumberStart + org.store.count(object.name);
  sequences.set(field, next + 1);
  return formatAutoNumber(field.autoNumberFormat ?? '{0}', next, new Date());
}

/** `{0000}` is the zero-padded number; `{YYYY}`, `{YY}`, `{MM}`, `{DD}` the date of creation. */
export function formatAutoNumber(format: string, n: number, date: Date): string {
  return format.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_m, token: string) => {
    switch (token) {
      case 'YYYY':
        return String(date.getUTCFullYear());
      case 'YY':
        return String(date.getUTCFullYear()).slice(2);
      case 'MM':
        return String(date.getUTCMonth() + 1).padStart(2, '0');
      case 'DD':
        return String(date.getUTCDate()).padStart(2, '0');
      default:
        return String(n).padStart(token.length, '0');
    }
  });
}
