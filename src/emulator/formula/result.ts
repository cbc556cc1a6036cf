// The formula's result in the wire form of its return type, and the compile-time check that
// the formula computes that kind of value at all.

import type { FieldValue } from '../store/record.js';
import { dateOf, formatDate, formatDateTimeWire, parseDate, parseDateTime, startOfDay } from './calendar.js';
import type { FormulaReturnType } from './context.js';
import { roundHalfAwayFromZero, tidy } from './numbers.js';
import type { BindScope, Bound } from './scope.js';
import { toText } from './to-text.js';
import { picklistMisuse } from './type-check.js';
import { FormulaDate, FormulaDateTime, typeName, type FormulaType, type Value } from './values.js';
import { formulaTypeOf } from './wire.js';

/** What a formula of this return type must compute; picklist-typed results are plain text. */
function resultType(returnType: FormulaReturnType): FormulaType {
  const type = formulaTypeOf(returnType);
  return type === 'picklist' || type === 'multipicklist' ? 'text' : type;
}

export function checkResultType(body: Bound, returnType: FormulaReturnType, scope: BindScope): void {
  const expected = resultType(returnType);
  if (body.type === 'null' || body.type === expected) return;
  if (body.type === 'picklist' || body.type === 'multipicklist') throw scope.error(0, picklistMisuse(body.type));
  throw scope.error(
    0,
    `the formula returns ${typeName(body.type)}, but a ${returnType} result needs ${typeName(expected)}`,
  );
}

/**
 * Converts to the wire form. `scale` is the formula field's decimal places when known; without
 * it integers round to whole numbers and other numbers keep 15 significant digits.
 */
export function toWire(value: Value, returnType: FormulaReturnType, scale: number | undefined): FieldValue {
  switch (resultType(returnType)) {
    case 'boolean':
      // A checkbox formula is never blank: blank means false.
      return value === true;
    case 'number':
      return toNumber(value, returnType, scale);
    case 'date':
      return toDate(value);
    case 'datetime':
      return toDateTime(value);
    default: {
      // Salesforce returns an empty text result as null.
      const text = toText(value);
      return text === '' ? null : text;
    }
  }
}

function toNumber(value: Value, returnType: FormulaReturnType, scale: number | undefined): FieldValue {
  if (typeof value !== 'number') return null;
  // A percent formula computing 0.1 shows, and is sent as, 10 (percent).
  const n = tidy(returnType === 'percent' ? value * 100 : value);
  if (n === null) return null;
  if (scale !== undefined) return roundHalfAwayFromZero(n, scale);
  return returnType === 'int' || returnType === 'long' ? roundHalfAwayFromZero(n, 0) : n;
}

function toDate(value: Value): FieldValue {
  if (value instanceof FormulaDateTime) return formatDate(dateOf(value));
  const date = typeof value === 'string' ? parseDate(value) : value;
  return date instanceof FormulaDate ? formatDate(date) : null;
}

function toDateTime(value: Value): FieldValue {
  if (value instanceof FormulaDate) return formatDateTimeWire(startOfDay(value));
  const dateTime = typeof value === 'string' ? parseDateTime(value) : value;
  return dateTime instanceof FormulaDateTime ? formatDateTimeWire(dateTime) : null;
}
