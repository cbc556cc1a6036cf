// Date and datetime literals converted to the stored UTC wire form.

import { describe, expect, it } from 'vitest';
import {
  dateKeywordRange,
  epochDay,
  parseDateLiteral,
  parseDateTimeLiteral,
} from '../../../src/emulator/soql/date-literal.js';

describe('parseDateLiteral', () => {
  it.each([
    ['2026-01-15', '2026-01-15'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900-02-29', undefined],
    ['2026-02-29', undefined],
    ['2026-04-31', undefined],
    ['2026-00-10', undefined],
    ['2026-01-00', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(parseDateLiteral(text)).toBe(expected);
  });
});

describe('parseDateTimeLiteral', () => {
  it.each([
    ['2026-01-15T09:30:00Z', '2026-01-15T09:30:00.000+0000'],
    ['2026-01-15T09:30:00.123Z', '2026-01-15T09:30:00.123+0000'],
    ['2026-01-15T09:30:00.1Z', '2026-01-15T09:30:00.100+0000'],
    ['2026-01-15T09:30:00+01:00', '2026-01-15T08:30:00.000+0000'],
    ['2026-01-15T09:30:00-0800', '2026-01-15T17:30:00.000+0000'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000+0000'],
    ['2024-02-28T23:00:00-02:00', '2024-02-29T01:00:00.000+0000'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000+0000'],
    ['2026-01-15T24:00:00Z', undefined],
    ['2026-01-15T09:60:00Z', undefined],
    ['2026-01-15T09:30:60Z', undefined],
    ['2026-01-15T09:30:00+24:00', undefined],
    ['2026-02-30T09:30:00Z', undefined],
    ['0000-01-01T00:00:00+00:01', undefined],
    ['9999-12-31T23:59:59-00:01', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(parseDateTimeLiteral(text)).toBe(expected);
  });
});

describe('dateKeywordRange', () => {
  const today = epochDay(new Date('2026-03-01T05:00:00Z'));

  it('covers whole UTC days', () => {
    expect(dateKeywordRange('YESTERDAY', 0, today, true)).toEqual({
      lo: '2026-02-28T00:00:00.000+0000',
      hi: '2026-02-28T23:59:59.999+0000',
    });
    expect(dateKeywordRange('LAST_N_DAYS', 2, today, false)).toEqual({ lo: '2026-02-27', hi: '2026-03-01' });
    expect(dateKeywordRange('NEXT_N_DAYS', 3, today, false)).toEqual({ lo: '2026-03-02', hi: '2026-03-04' });
  });

  it('stays within four-digit years', () => {
    expect(dateKeywordRange('LAST_N_DAYS', 1_000_000, today, false).lo).toBe('0000-01-01');
    expect(dateKeywordRange('NEXT_N_DAYS', 5_000_000, today, false).hi).toBe('9999-12-31');
  });
});
