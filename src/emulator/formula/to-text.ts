// The text form of any formula value: TEXT() and text-typed formula results.

import { formatDate, formatDateTimeText } from './calendar.js';
import { plainNumber } from './numbers.js';
import { FormulaDate, type Value } from './values.js';

export function toText(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof FormulaDate) return formatDate(value);
  return formatDateTimeText(value);
}
