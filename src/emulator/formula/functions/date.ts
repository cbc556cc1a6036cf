// Date and datetime functions. TODAY and NOW read the context's clock; calendar results are
// in GMT (the emulator has no user time zone). An impossible date gives a blank result.

import { addMonths, dateOf, dateParts, makeDate, parseDate, parseDateTime, startOfDay } from '../calendar.js';
import { FormulaDate, FormulaDateTime, type FormulaType, type Value } from '../values.js';
import { DATE, eager, NUMBER, type FunctionSpec } from './spec.js';

const DATE_SOURCES: readonly FormulaType[] = ['text', 'date', 'datetime'];

function toDate(value: Value | undefined): Value {
  if (value instanceof FormulaDate) return value;
  if (value instanceof FormulaDateTime) return dateOf(value);
  if (typeof value !== 'string') return null;
  // `2024-05-01`, or the date part of a datetime text such as `2024-05-01 10:00:00`.
  const dateTime = parseDate(value) ? null : parseDateTime(value);
  return dateTime ? dateOf(dateTime) : parseDate(value);
}

function toDateTime(value: Value | undefined): Value {
  if (value instanceof FormulaDateTime) return value;
  if (value instanceof FormulaDate) return startOfDay(value);
  return typeof value === 'string' ? parseDateTime(value) : null;
}

function makeDateOf(year: Value | undefined, month: Value | undefined, day: Value | undefined): Value {
  if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') return null;
  return makeDate(Math.trunc(year), Math.trunc(month), Math.trunc(day));
}

function part(pick: 'year' | 'month' | 'day'): FunctionSpec {
  return eager([DATE], 'number', ([date]) => (date instanceof FormulaDate ? dateParts(date)[pick] : null));
}

export const DATE_FUNCTIONS: Record<string, FunctionSpec> = {
  TODAY: eager([], 'date', (_, ctx) => dateOf(new FormulaDateTime(ctx.now.getTime()))),
  NOW: eager([], 'datetime', (_, ctx) => new FormulaDateTime(ctx.now.getTime())),
  DATE: eager([NUMBER, NUMBER, NUMBER], 'date', ([year, month, day]) => makeDateOf(year, month, day)),
  DATEVALUE: eager([DATE_SOURCES], 'date', ([value]) => toDate(value)),
  DATETIMEVALUE: eager([DATE_SOURCES], 'datetime', ([value]) => toDateTime(value)),
  YEAR: part('year'),
  MONTH: part('month'),
  DAY: part('day'),
  ADDMONTHS: eager([DATE, NUMBER], 'date', ([date, months]) =>
    date instanceof FormulaDate && typeof months === 'number' ? addMonths(date, months) : null,
  ),
};
