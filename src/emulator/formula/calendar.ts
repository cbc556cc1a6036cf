// Calendar arithmetic and the text forms of dates and datetimes. Everything is UTC: the
// emulator has no user time zone, and datetimes are stored in UTC.

import { FormulaDate, FormulaDateTime } from './values.js';

export const MS_PER_DAY = 86_400_000;

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds of a UTC wall-clock time; setUTCFullYear keeps years below 100 literal. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/** DATE(y, m, d): null for a date that does not exist (Feb 30, month 13). */
export function makeDate(year: number, month: number, day: number): FormulaDate | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return new FormulaDate(Math.round(utcMs(year, month, day) / MS_PER_DAY));
}

export function dateParts(date: FormulaDate): { year: number; month: number; day: number } {
  const utc = new Date(date.epochDay * MS_PER_DAY);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

/** `YYYY-MM-DD`, the date wire form and the form DATEVALUE() reads. */
export function parseDate(text: string): FormulaDate | null {
  const match = DATE_TEXT.exec(text.trim());
  if (!match) return null;
  return makeDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * The datetime wire form (`2024-05-01T10:00:00.000+0000`) and the `2024-05-01 10:00:00` text
 * DATETIMEVALUE() reads (GMT when no offset is given); a bare date means midnight.
 */
export function parseDateTime(text: string): FormulaDateTime | null {
  const match = DATETIME_TEXT.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
  const date = makeDate(Number(year), Number(month), Number(day));
  if (!date || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wallClock = date.epochDay * MS_PER_DAY + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000 + ms;
  return new FormulaDateTime(wallClock - offsetMinutes(offset) * 60_000);
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

export function formatDate(date: FormulaDate): string {
  return new Date(date.epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The datetime wire form, `YYYY-MM-DDTHH:mm:ss.SSS+0000`. */
export function formatDateTimeWire(dateTime: FormulaDateTime): string {
  return `${new Date(dateTime.epochMs).toISOString().slice(0, 23)}+0000`;
}

/** What TEXT() makes of a datetime: `YYYY-MM-DD HH:mm:ssZ`, in GMT. */
export function formatDateTimeText(dateTime: FormulaDateTime): string {
  const iso = new Date(dateTime.epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** The GMT calendar date of an instant. */
export function dateOf(dateTime: FormulaDateTime): FormulaDate {
  return new FormulaDate(Math.floor(dateTime.epochMs / MS_PER_DAY));
}

/** Midnight GMT of a date. */
export function startOfDay(date: FormulaDate): FormulaDateTime {
  return new FormulaDateTime(date.epochDay * MS_PER_DAY);
}

/**
 * ADDMONTHS: the same day of the month, clamped to the month's end; the last day of a month
 * maps to the last day of the resulting month (Salesforce's rule).
 */
export function addMonths(date: FormulaDate, months: number): FormulaDate | null {
  const { year, month, day } = dateParts(date);
  const total = year * 12 + (month - 1) + Math.trunc(months);
  const newYear = Math.floor(total / 12);
  const newMonth = total - newYear * 12 + 1;
  const lastDay = daysInMonth(newYear, newMonth);
  const newDay = day === daysInMonth(year, month) ? lastDay : Math.min(day, lastDay);
  return makeDate(newYear, newMonth, newDay);
}
