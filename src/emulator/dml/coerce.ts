// Turns a JSON value from a request body into the stored form of a field, or the error
// Salesforce gives for it (type coercion, email format, length, picklists, number range).
// Reference existence is checked later, against the transaction (check-references.ts).
import type { FieldDef } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';
import { formatDateTime } from '../store/clock.js';
import { normalizeId } from '../ids.js';
import { RecordErrors, type RecordError } from './record-error.js';

export type Coerced = { value: FieldValue } | { error: RecordError };

// Close to what Salesforce accepts: a local part, an @, a dotted domain, no spaces.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function coerce(field: FieldDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) {
    // A checkbox is never null in Salesforce.
    return field.type === 'boolean' ? { error: RecordErrors.wrongType(field, null) } : { value: null };
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'phone':
    case 'url':
    case 'combobox':
    case 'email':
    case 'picklist':
    case 'multipicklist':
      return coerceText(field, raw);
    case 'boolean':
      return coerceBoolean(field, raw);
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(field, raw);
    case 'date':
      return coerceDate(raw);
    case 'datetime':
      return coerceDateTime(raw);
    case 'time':
      return coerceTime(raw);
    case 'id':
    case 'reference':
      return coerceReference(field, raw);
  }
}

function coerceText(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw === 'object') return { error: RecordErrors.cannotDeserialize('String', raw) };
  const text = String(raw);
  if (text === '') return { value: null };
  if (field.length > 0 && text.length > field.length) return { error: RecordErrors.stringTooLong(field, text) };
  if (field.type === 'email' && !EMAIL.test(text)) return { error: RecordErrors.invalidEmail(field, text) };
  if (field.type === 'picklist') return coercePicklistValue(field, text);
  if (field.type === 'multipicklist') {
    const values: string[] = [];
    for (const part of text.split(';')) {
      const one = coercePicklistValue(field, part.trim());
      if ('error' in one) return one;
      if (one.value !== null && !values.includes(String(one.value))) values.push(String(one.value));
    }
    return { value: values.length ? values.join(';') : null };
  }
  return { value: text };
}

function coercePicklistValue(field: FieldDef, text: string): Coerced {
  const known = field.picklistValues.find((p) => p.active && p.value.toLowerCase() === text.toLowerCase());
  if (known) return { value: known.value };
  if (field.restrictedPicklist) return { error: RecordErrors.badRestrictedPicklist(field, text) };
  return { value: text };
}

function coerceBoolean(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return { value: raw.toLowerCase() === 'true' };
  if (typeof raw === 'object') return { error: RecordErrors.cannotDeserialize('boolean', raw) };
  return { error: RecordErrors.wrongType(field, raw) };
}

function coerceNumber(field: FieldDef, raw: unknown): Coerced {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && NUMERIC.test(raw.trim())) n = Number(raw.trim());
  else if (typeof raw === 'string' && raw.trim() === '') return { value: null };
  else return { error: RecordErrors.cannotDeserialize(javaNumberType(field), raw) };
  if (!Number.isFinite(n)) return { error: RecordErrors.outOfRange(field, raw) };
  if (field.type === 'int' || field.type === 'long') {
    if (!Number.isInteger(n)) return { error: RecordErrors.cannotDeserialize(javaNumberType(field), raw) };
    const max = field.type === 'int' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
    if (Math.abs(n) > max) return { error: RecordErrors.outOfRange(field, raw) };
    return { value: n };
  }
  const scale = field.scale;
  const rounded = Math.round(n * 10 ** scale) / 10 ** scale;
  const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
  if (field.precision > 0 && integerDigits > field.precision - scale) return { error: RecordErrors.outOfRange(field, raw) };
  return { value: rounded };
}

function javaNumberType(field: FieldDef): string {
  return field.type === 'int' ? 'int' : field.type === 'long' ? 'long' : 'double';
}

function coerceDate(raw: unknown): Coerced {
  if (typeof raw !== 'string') return { error: RecordErrors.cannotDeserialize('date', raw) };
  if (raw === '') return { value: null };
  const m = DATE.exec(raw) ?? DATETIME.exec(raw);
  if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return { error: RecordErrors.cannotDeserialize('date', raw) };
  }
  return { value: `${m[1]}-${m[2]}-${m[3]}` };
}

function coerceDateTime(raw: unknown): Coerced {
  if (typeof raw !== 'string') return { error: RecordErrors.cannotDeserialize('datetime', raw) };
  if (raw === '') return { value: null };
  const m = DATETIME.exec(raw);
  if (!m || !validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return { error: RecordErrors.cannotDeserialize('datetime', raw) };
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone = 'Z'] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return { error: RecordErrors.cannotDeserialize('datetime', raw) };
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${frac.padEnd(3, '0').slice(0, 3)}${offset}`);
  if (Number.isNaN(ms)) return { error: RecordErrors.cannotDeserialize('datetime', raw) };
  return { value: formatDateTime(ms) };
}

function coerceTime(raw: unknown): Coerced {
  if (typeof raw !== 'string') return { error: RecordErrors.cannotDeserialize('time', raw) };
  if (raw === '') return { value: null };
  const m = TIME.exec(raw);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
    return { error: RecordErrors.cannotDeserialize('time', raw) };
  }
  return { value: `${m[1]}:${m[2]}:${m[3] ?? '00'}.${(m[4] ?? '0').padEnd(3, '0')}Z` };
}

function coerceReference(field: FieldDef, raw: unknown): Coerced {
  if (typeof raw !== 'string') return { error: RecordErrors.cannotDeserialize('id', raw) };
  if (raw === '') return { value: null };
  const id = normalizeId(raw);
  if (!id) return { error: RecordErrors.malformedReference(field, raw) };
  return { value: id };
}

function validCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
