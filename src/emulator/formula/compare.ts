// Equality and ordering of formula values, shared by the comparison operators, CASE and
// ISCHANGED. Blank text equals "" because Salesforce text is never null; otherwise null only
// equals null, and ordering anything against null is false.

import { FormulaDate, FormulaDateTime, type Value } from './values.js';

export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null) return (a ?? '') === (b ?? '');
  if (a instanceof FormulaDate) return b instanceof FormulaDate && a.epochDay === b.epochDay;
  if (a instanceof FormulaDateTime) return b instanceof FormulaDateTime && a.epochMs === b.epochMs;
  return a === b;
}

/** Negative, zero or positive; undefined when either side is blank or they do not compare. */
export function compareValues(a: Value, b: Value): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof FormulaDate && b instanceof FormulaDate) return a.epochDay - b.epochDay;
  if (a instanceof FormulaDateTime && b instanceof FormulaDateTime) return a.epochMs - b.epochMs;
  return undefined;
}
