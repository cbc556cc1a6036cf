import { describe, expect, it } from 'vitest';
import { num } from './fixtures.js';

describe('math functions', () => {
  it('ROUND rounds half away from zero, to any number of digits', () => {
    expect(num('ROUND(2.5, 0)')).toBe(3);
    expect(num('ROUND(-2.5, 0)')).toBe(-3);
    expect(num('ROUND(2.675, 2)')).toBe(2.68);
    expect(num('ROUND(1234.5678, -2)')).toBe(1200);
    expect(num('ROUND(Score__c, 1)')).toBeNull();
  });

  it('ABS', () => {
    expect(num('ABS(-4.5)')).toBe(4.5);
  });

  it('FLOOR and CEILING work on the magnitude, as Salesforce documents', () => {
    expect(num('FLOOR(2.5)')).toBe(2);
    expect(num('FLOOR(-2.5)')).toBe(-2);
    expect(num('CEILING(2.1)')).toBe(3);
    expect(num('CEILING(-2.5)')).toBe(-3);
  });

  it('MAX and MIN take any number of arguments; a blank one makes them blank', () => {
    expect(num('MAX(1, 7, 3)')).toBe(7);
    expect(num('MIN(4, -1, 3)')).toBe(-1);
    expect(num('MAX(5)')).toBe(5);
    expect(num('MAX(1, Score__c)')).toBeNull();
  });

  it('MOD keeps the sign of the dividend; MOD by zero is blank', () => {
    expect(num('MOD(10, 3)')).toBe(1);
    expect(num('MOD(-10, 3)')).toBe(-1);
    expect(num('MOD(5.5, 2)')).toBe(1.5);
    expect(num('MOD(1, 0)')).toBeNull();
  });

  it('SQRT; of a negative number is blank', () => {
    expect(num('SQRT(16)')).toBe(4);
    expect(num('SQRT(2)')).toBe(1.41421356237310);
    expect(num('SQRT(-1)')).toBeNull();
  });
});
