// What formulas compute with: the static types the compiler checks, and the runtime values.
// Dates and datetimes get their own classes because their wire forms are plain strings, and a
// formula must know `Birthdate + 1` is date arithmetic, not string concatenation.

/**
 * Static type of an expression. Picklists are separate from text because Salesforce only lets
 * them into a few functions. `null` is the type of the NULL literal and fits anywhere.
 */
export type FormulaType =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'picklist'
  | 'multipicklist'
  | 'null';

/** A calendar date without a time zone, as days since 1970-01-01. */
export class FormulaDate {
  constructor(readonly epochDay: number) {}
}

/** An instant, as milliseconds since the epoch (UTC, like the datetime wire form). */
export class FormulaDateTime {
  constructor(readonly epochMs: number) {}
}

/** Picklist values are strings at runtime; null is a blank value of any type. */
export type Value = string | number | boolean | FormulaDate | FormulaDateTime | null;

const TYPE_NAMES: Record<FormulaType, string> = {
  text: 'Text',
  number: 'Number',
  boolean: 'Checkbox',
  date: 'Date',
  datetime: 'Date/Time',
  picklist: 'Picklist',
  multipicklist: 'Multi-Select Picklist',
  null: 'Null',
};

/** The type's name as Salesforce's formula editor shows it. */
export function typeName(type: FormulaType): string {
  return TYPE_NAMES[type];
}

/** Text operand: blank counts as "" (Salesforce text is never null). */
export function asText(value: Value | undefined): string {
  return typeof value === 'string' ? value : '';
}

export function asNumber(value: Value | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

export function isBlank(value: Value | undefined): boolean {
  return value === null || value === undefined || value === '';
}
