import { describe, expect, it } from 'vitest';
import { check, num, run } from './fixtures.js';

const stored = { FirstName: 'Ada', Email: 'ada@example.com', Score__c: 0, Level__c: 'Silver', Languages__c: 'English' };

describe('ISNEW', () => {
  it('is true on insert (no prior record) and false on update', () => {
    expect(check('ISNEW()', stored)).toBe(true);
    expect(check('ISNEW()', stored, { prior: stored })).toBe(false);
  });
});

describe('ISCHANGED', () => {
  it('is false on insert', () => {
    expect(check('ISCHANGED(Email)', stored)).toBe(false);
  });

  it('compares the saved value with the prior one', () => {
    expect(check('ISCHANGED(Email)', { ...stored, Email: 'new@example.com' }, { prior: stored })).toBe(true);
    expect(check('ISCHANGED(Email)', stored, { prior: stored })).toBe(false);
    expect(check('ISCHANGED(email)', { ...stored, Email: 'new@example.com' }, { prior: stored })).toBe(true);
  });

  it('sees a text field going from blank to a value, but not from null to ""', () => {
    expect(check('ISCHANGED(Phone)', { ...stored, Phone: '555' }, { prior: stored })).toBe(true);
    expect(check('ISCHANGED(Phone)', { ...stored, Phone: '' }, { prior: { ...stored, Phone: null } })).toBe(false);
  });

  it('sees a number going from zero to blank as a change', () => {
    expect(check('ISCHANGED(Score__c)', { ...stored, Score__c: null }, { prior: stored })).toBe(true);
  });

  it('works on picklists, multi-select picklists and formula fields', () => {
    const prior = { ...stored, LastName: 'Byron' };
    expect(check('ISCHANGED(Level__c)', { ...stored, Level__c: 'Gold' }, { prior })).toBe(true);
    expect(check('ISCHANGED(Languages__c)', { ...stored, Languages__c: 'English;French' }, { prior })).toBe(true);
    expect(check('ISCHANGED(Full_Name__c)', { ...stored, LastName: 'Lovelace' }, { prior })).toBe(true);
    expect(check('ISCHANGED(Full_Name__c)', prior, { prior })).toBe(false);
  });
});

describe('PRIORVALUE', () => {
  it('reads the prior value on update', () => {
    expect(run('PRIORVALUE(Email)', { ...stored, Email: 'new@example.com' }, { prior: stored })).toBe('ada@example.com');
    expect(num('Score__c - PRIORVALUE(Score__c)', { ...stored, Score__c: 5 }, { prior: { ...stored, Score__c: 2 } })).toBe(
      3,
    );
  });

  it('reads the current value on insert, as Salesforce documents', () => {
    expect(run('PRIORVALUE(Email)', stored)).toBe('ada@example.com');
  });

  it('keeps the picklist type for ISPICKVAL and TEXT', () => {
    const saved = { ...stored, Level__c: 'Gold' };
    expect(check('ISPICKVAL(PRIORVALUE(Level__c), "Silver")', saved, { prior: stored })).toBe(true);
    expect(run('TEXT(PRIORVALUE(Level__c)) & " -> " & TEXT(Level__c)', saved, { prior: stored })).toBe('Silver -> Gold');
    expect(check('INCLUDES(PRIORVALUE(Languages__c), "English")', saved, { prior: stored })).toBe(true);
  });

  it('gives a blank prior value as blank', () => {
    expect(check('ISBLANK(PRIORVALUE(Phone))', { ...stored, Phone: '555' }, { prior: stored })).toBe(true);
  });
});

describe('a validation rule that blocks changes once closed', () => {
  const rule = 'AND(ISCHANGED(Score__c), PRIORVALUE(Score__c) > 10, NOT(ISNEW()))';

  it('fires only on an update that changes a high score', () => {
    const prior = { ...stored, Score__c: 20 };
    expect(check(rule, { ...stored, Score__c: 5 }, { prior })).toBe(true);
    expect(check(rule, prior, { prior })).toBe(false);
    expect(check(rule, { ...stored, Score__c: 5 }, { prior: stored })).toBe(false);
    expect(check(rule, { ...stored, Score__c: 50 })).toBe(false);
  });
});
