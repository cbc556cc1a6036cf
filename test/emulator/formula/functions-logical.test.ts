import { describe, expect, it } from 'vitest';
import { check, num, run } from './fixtures.js';

describe('IF', () => {
  it('picks a branch', () => {
    expect(run('IF(Visits__c > 3, "regular", "new")', { Visits__c: 5 })).toBe('regular');
    expect(run('IF(Visits__c > 3, "regular", "new")', { Visits__c: 1 })).toBe('new');
  });

  it('takes the else branch when the condition is blank', () => {
    expect(run('IF(Visits__c > 3, "regular", "new")')).toBe('new');
  });

  it('evaluates only the chosen branch', () => {
    expect(num('IF(TRUE, 1, 1 / 0)')).toBe(1);
  });

  it('lets a branch be NULL', () => {
    expect(num('IF(FALSE, 1, NULL)')).toBeNull();
  });
});

describe('CASE', () => {
  it('returns the result of the first matching value', () => {
    expect(run('CASE(Visits__c, 1, "one", 2, "two", "many")', { Visits__c: 2 })).toBe('two');
    expect(run('CASE(Visits__c, 1, "one", 2, "two", "many")', { Visits__c: 7 })).toBe('many');
  });

  it('matches picklist values as text', () => {
    const formula = 'CASE(Level__c, "Gold", 3, "Silver", 2, 0)';
    expect(num(formula, { Level__c: 'Silver' })).toBe(2);
    expect(num(formula, {})).toBe(0);
  });

  it('matches text', () => {
    expect(num('CASE(FirstName, "Ada", 1, 0)', { FirstName: 'Ada' })).toBe(1);
  });
});

describe('AND, OR, NOT', () => {
  it('combines conditions', () => {
    expect(check('AND(TRUE, TRUE, 1 = 1)')).toBe(true);
    expect(check('AND(TRUE, FALSE)')).toBe(false);
    expect(check('OR(FALSE, FALSE, TRUE)')).toBe(true);
    expect(check('OR(FALSE)')).toBe(false);
    expect(check('NOT(FALSE)')).toBe(true);
    expect(check('NOT(1 = 1)')).toBe(false);
  });

  it('reads checkbox fields', () => {
    expect(check('AND(HasOptedOutOfEmail, NOT(ISBLANK(Email)))', { HasOptedOutOfEmail: true, Email: 'a@b.c' })).toBe(
      true,
    );
    expect(check('HasOptedOutOfEmail')).toBe(false);
  });
});

describe('ISBLANK and ISNULL', () => {
  it('ISBLANK is true for null and for ""', () => {
    expect(check('ISBLANK(Email)')).toBe(true);
    expect(check('ISBLANK(Email)', { Email: '' })).toBe(true);
    expect(check('ISBLANK(Email)', { Email: 'a@b.c' })).toBe(false);
    expect(check('ISBLANK(Score__c)')).toBe(true);
    expect(check('ISBLANK(Score__c)', { Score__c: 0 })).toBe(false);
    expect(check('ISBLANK(Birthdate)')).toBe(true);
    expect(check('ISBLANK(Level__c)')).toBe(true);
    expect(check('ISBLANK(Languages__c)', { Languages__c: 'English' })).toBe(false);
    expect(check('ISBLANK("")')).toBe(true);
  });

  it('ISNULL is true for blank numbers and dates', () => {
    expect(check('ISNULL(Score__c)')).toBe(true);
    expect(check('ISNULL(Score__c)', { Score__c: 1 })).toBe(false);
    expect(check('ISNULL(Birthdate)')).toBe(true);
  });

  it('ISNULL of text is always false, as in Salesforce (text is never null)', () => {
    expect(check('ISNULL(Email)')).toBe(false);
  });
});

describe('BLANKVALUE and NULLVALUE', () => {
  it('BLANKVALUE substitutes blank values', () => {
    expect(run('BLANKVALUE(Phone, "none")')).toBe('none');
    expect(run('BLANKVALUE(Phone, "none")', { Phone: '' })).toBe('none');
    expect(run('BLANKVALUE(Phone, "none")', { Phone: '555' })).toBe('555');
    expect(num('BLANKVALUE(Score__c, 0) + 1')).toBe(1);
  });

  it('NULLVALUE substitutes null numbers', () => {
    expect(num('NULLVALUE(Score__c, 5)')).toBe(5);
    expect(num('NULLVALUE(Score__c, 5)', { Score__c: 2 })).toBe(2);
  });

  it('evaluates the substitute only when needed', () => {
    expect(num('BLANKVALUE(Score__c, 1 / 0)', { Score__c: 3 })).toBe(3);
  });
});
