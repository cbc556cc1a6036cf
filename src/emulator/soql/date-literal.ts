// Date and datetime literals (`2026-01-15`, `2026-01-15T09:30:00+01:00`) and the relative
// date keywords (`TODAY`, `LAST_N_DAYS:7`). Everything is converted to the stored wire form
// (record.ts): `YYYY-MM-DD` and UTC `YYYY-MM-DDTHH:mm:ss.SSS+0000`, which sort as text, so
// filters compare plain strings.

const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PARTS = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):?(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MAX_HOUR = 23;
const MAX_MINUTE = 59;
const MAX_SECOND = 59;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_DATE_LENGTH = 10;
/** Keeps keyword arithmetic inside the four-digit years that sort correctly as text. */
const MIN_EPOCH_DAY = daysFromCivil(0, 1, 1);
const MAX_EPOCH_DAY = daysFromCivil(9999, 12, 31);

const START_OF_DAY = 'T00:00:00.000+0000';
const END_OF_DAY = 'T23:59:59.999+0000';

/** The relative date keywords the emulator understands. */
export type DateKeyword = 'TODAY' | 'YESTERDAY' | 'TOMORROW' | 'LAST_N_DAYS' | 'NEXT_N_DAYS';

export const FIXED_DATE_KEYWORDS: ReadonlySet<string> = new Set(['TODAY', 'YESTERDAY', 'TOMORROW']);
export const N_DATE_KEYWORDS: ReadonlySet<string> = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS']);

/** The other date literals of real SOQL, recognised so the error can say they are unsupported. */
export const OTHER_SOQL_DATE_LITERAL =
  /^(?:(?:THIS|LAST|NEXT)_(?:WEEK|MONTH|QUARTER|YEAR|FISCAL_QUARTER|FISCAL_YEAR|90_DAYS)|(?:LAST|NEXT)_N_(?:WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)|N_(?:DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)_AGO)$/i;

/** An inclusive range of stored values (dates or datetimes). */
export interface ValueRange {
  readonly lo: string;
  readonly hi: string;
}

/** `YYYY-MM-DD` when the literal names a real calendar day. */
export function parseDateLiteral(text: string): string | undefined {
  const parts = DATE_PARTS.exec(text);
  if (!parts) return undefined;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return isCalendarDay(year, month, day) ? text : undefined;
}

/** The stored UTC form of a datetime literal, or undefined when it is not a real instant. */
export function parseDateTimeLiteral(text: string): string | undefined {
  const parts = DATETIME_PARTS.exec(text);
  if (!parts || parseDateLiteral(parts[1] ?? '') === undefined) return undefined;
  const [hour, minute, second] = [Number(parts[2]), Number(parts[3]), Number(parts[4])];
  if (hour > MAX_HOUR || minute > MAX_MINUTE || second > MAX_SECOND) return undefined;
  const millis = Number((parts[5] ?? '').padEnd(3, '0'));
  const offsetMinutes = parts[6] === 'Z' ? 0 : parseOffset(parts[7], parts[8], parts[9]);
  if (offsetMinutes === undefined) return undefined;
  const [year, month, day] = (parts[1] ?? '').split('-').map(Number) as [number, number, number];
  const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return formatInstant(local - offsetMinutes * MS_PER_MINUTE);
}

function parseOffset(sign?: string, hours?: string, minutes?: string): number | undefined {
  const [h, m] = [Number(hours), Number(minutes)];
  if (h > MAX_HOUR || m > MAX_MINUTE) return undefined;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

function formatInstant(ms: number): string | undefined {
  const day = Math.floor(ms / MS_PER_DAY);
  if (day < MIN_EPOCH_DAY || day > MAX_EPOCH_DAY) return undefined;
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const monthLength = (DAYS_IN_MONTH[month - 1] ?? 0) + (month === 2 && isLeapYear(year) ? 1 : 0);
  return day <= monthLength;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The UTC day of `now` as days since the epoch. */
export function epochDay(now: Date): number {
  return Math.floor(now.getTime() / MS_PER_DAY);
}

/** The days a keyword covers, relative to `today`, as inclusive stored values. */
export function dateKeywordRange(keyword: DateKeyword, n: number, today: number, datetime: boolean): ValueRange {
  const [first, last] = keywordDays(keyword, n, today);
  const lo = formatDay(first);
  const hi = formatDay(last);
  return datetime ? { lo: lo + START_OF_DAY, hi: hi + END_OF_DAY } : { lo, hi };
}

function keywordDays(keyword: DateKeyword, n: number, today: number): [number, number] {
  switch (keyword) {
    case 'TODAY':
      return [today, today];
    case 'YESTERDAY':
      return [today - 1, today - 1];
    case 'TOMORROW':
      return [today + 1, today + 1];
    case 'LAST_N_DAYS':
      // Salesforce counts today in, going back n days.
      return [today - n, today];
    case 'NEXT_N_DAYS':
      // Starts tomorrow; NEXT_N_DAYS:0 is empty.
      return [today + 1, today + n];
  }
}

function formatDay(day: number): string {
  const clamped = Math.max(MIN_EPOCH_DAY, Math.min(MAX_EPOCH_DAY, day));
  return new Date(clamped * MS_PER_DAY).toISOString().slice(0, ISO_DATE_LENGTH);
}
