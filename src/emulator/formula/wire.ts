// Reading stored field values (JSON wire form) into formula values, and the static type each
// Salesforce field type has inside a formula.

import type { FieldType } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';
import { parseDate, parseDateTime } from './calendar.js';
import { tidy } from './numbers.js';
import type { FormulaType, Value } from './values.js';

const FORMULA_TYPES: Record<FieldType, FormulaType> = {
  id: 'text',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  combobox: 'text',
  reference: 'text',
  // Time fields are carried as their `HH:mm:ss.SSSZ` text; the time functions are not modelled.
  time: 'text',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
};

export function formulaTypeOf(type: FieldType): FormulaType {
  return FORMULA_TYPES[type];
}

/** A stored value as a formula sees it; anything malformed reads as blank. */
export function fromWire(type: FieldType, wire: FieldValue | undefined): Value {
  switch (formulaTypeOf(type)) {
    case 'boolean':
      // A checkbox is never blank in Salesforce: unset means false.
      return wire === true;
    case 'number':
      if (typeof wire !== 'number') return null;
      // Percent fields hold 10 for 10%; formulas compute with 0.1 (Salesforce semantics).
      return type === 'percent' ? tidy(wire / 100) : wire;
    case 'date':
      return typeof wire === 'string' ? parseDate(wire) : null;
    case 'datetime':
      return typeof wire === 'string' ? parseDateTime(wire) : null;
    default:
      return wire === null || wire === undefined ? null : String(wire);
  }
}
