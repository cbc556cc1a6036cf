// Conversion of a formula's result to the wire form of its return type.
import { describe, expect, it } from 'vitest';
import { num, run } from './fixtures.js';

describe('formula results', () => {
  it('text: empty text is null', () => {
    expect(run('""')).toBeNull();
    expect(run('NULL')).toBeNull();
    expect(run('"x"', {}, { returnType: 'textarea' })).toBe('x');
  });

  it('text results may be numbers, dates or checkboxes turned into text by TEXT()', () => {
    expect(run('TEXT(1.50)')).toBe('1.5');
    expect(run('TEXT(DATE(2024, 1, 2))')).toBe('2024-01-02');
  });

  it('integers round half away from zero', () => {
    expect(run('2.5', {}, { returnType: 'int' })).toBe(3);
    expect(run('-2.5', {}, { returnType: 'int' })).toBe(-3);
  });

  it('other numbers keep their decimals and lose binary noise', () => {
    expect(num('10 / 3')).toBe(3.33333333333333);
    expect(run('0.1 * 3', {}, { returnType: 'currency' })).toBe(0.3);
  });

  it('percent results are sent as percent points', () => {
    expect(run('0.125', {}, { returnType: 'percent' })).toBe(12.5);
    expect(run('Discount__c', { Discount__c: 15 }, { returnType: 'percent' })).toBe(15);
  });

  it('checkbox results are never null', () => {
    expect(run('NULL', {}, { returnType: 'boolean' })).toBe(false);
    expect(run('IF(TRUE, NULL, TRUE)', {}, { returnType: 'boolean' })).toBe(false);
  });

  it('dates and datetimes use the wire forms', () => {
    expect(run('DATE(2024, 1, 2)', {}, { returnType: 'date' })).toBe('2024-01-02');
    expect(run('NOW() + 1', {}, { returnType: 'datetime' })).toBe('2024-05-16T10:30:00.000+0000');
    expect(run('Birthdate', {}, { returnType: 'date' })).toBeNull();
  });
});
