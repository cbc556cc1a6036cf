// The shapes of formulas an org actually has: validation-rule conditions (TRUE blocks the
// save) and formula-field expressions.
import { describe, expect, it } from 'vitest';
import { check, ids, OPPORTUNITY, run } from './fixtures.js';

describe('validation-rule conditions', () => {
  it('an email without @ is blocked; blank or valid email passes', () => {
    const rule = 'NOT(ISBLANK(Email)) && NOT(CONTAINS(Email, "@"))';
    expect(check(rule, { Email: 'ada.example.com' })).toBe(true);
    expect(check(rule, { Email: 'ada@example.com' })).toBe(false);
    expect(check(rule, { Email: null })).toBe(false);
    expect(check(rule, {})).toBe(false);
  });

  it('a negative amount is blocked; a blank amount is not', () => {
    const opportunity = { object: OPPORTUNITY };
    expect(check('Amount < 0', { Amount: -1 }, opportunity)).toBe(true);
    expect(check('Amount < 0', { Amount: 0 }, opportunity)).toBe(false);
    expect(check('Amount < 0', { Amount: null }, opportunity)).toBe(false);
  });

  it('a closed-won opportunity needs a close date', () => {
    const rule = 'AND(ISPICKVAL(StageName, "Closed Won"), ISBLANK(CloseDate))';
    const opportunity = { object: OPPORTUNITY };
    expect(check(rule, { StageName: 'Closed Won', CloseDate: null }, opportunity)).toBe(true);
    expect(check(rule, { StageName: 'Closed Won', CloseDate: '2024-06-30' }, opportunity)).toBe(false);
    expect(check(rule, { StageName: 'Prospecting', CloseDate: null }, opportunity)).toBe(false);
  });

  it('a phone number must look like one when given', () => {
    const rule = 'AND(NOT(ISBLANK(Phone)), NOT(REGEX(Phone, "\\\\+?[0-9 ()-]{7,20}")))';
    expect(check(rule, { Phone: '+44 (20) 7946-0000' })).toBe(false);
    expect(check(rule, { Phone: 'call me' })).toBe(true);
    expect(check(rule, {})).toBe(false);
  });

  it('a contact of an account owned by an inactive user is blocked', () => {
    const rule = 'NOT(ISBLANK(AccountId)) && NOT(Account.Owner.IsActive)';
    expect(check(rule, { AccountId: ids.account })).toBe(false);
    expect(check(rule, {})).toBe(false);
  });

  it('a birthdate in the future is blocked', () => {
    expect(check('Birthdate > TODAY()', { Birthdate: '2030-01-01' })).toBe(true);
    expect(check('Birthdate > TODAY()', { Birthdate: '1990-01-01' })).toBe(false);
  });
});

describe('formula-field expressions', () => {
  it('a full name', () => {
    expect(run('FirstName & " " & LastName', { FirstName: 'Ada', LastName: 'Lovelace' })).toBe('Ada Lovelace');
    expect(run('FirstName & " " & LastName', { LastName: 'Lovelace' })).toBe(' Lovelace');
  });

  it('an amount with tax', () => {
    const currency = { object: OPPORTUNITY, returnType: 'currency' as const };
    expect(run('Amount * 1.2', { Amount: 100 }, currency)).toBe(120);
    expect(run('Amount * 1.2', { Amount: 99.99 }, currency)).toBe(119.988);
    expect(run('Amount * 1.2', { Amount: null }, currency)).toBeNull();
  });

  it('a size label', () => {
    const formula = 'IF(Amount > 1000, "Big", "Small")';
    expect(run(formula, { Amount: 5000 }, { object: OPPORTUNITY })).toBe('Big');
    expect(run(formula, { Amount: 10 }, { object: OPPORTUNITY })).toBe('Small');
    expect(run(formula, {}, { object: OPPORTUNITY })).toBe('Small');
  });

  it('days until close', () => {
    expect(run('CloseDate - TODAY()', { CloseDate: '2024-05-25' }, { object: OPPORTUNITY, returnType: 'int' })).toBe(10);
  });

  it('a weighted amount from a percent field', () => {
    const formula = 'Amount * Probability';
    const record = { Amount: 2000, Probability: 10 };
    expect(run(formula, record, { object: OPPORTUNITY, returnType: 'currency' })).toBe(200);
  });

  it('an account name through the lookup, with a fallback', () => {
    expect(run('BLANKVALUE(Account.Name, "(no account)")', { AccountId: ids.account })).toBe('Acme');
    expect(run('BLANKVALUE(Account.Name, "(no account)")', {})).toBe('(no account)');
  });

  it('a checkbox formula', () => {
    expect(run('Visits__c > 10', { Visits__c: 11 }, { returnType: 'boolean' })).toBe(true);
    expect(run('Visits__c > 10', {}, { returnType: 'boolean' })).toBe(false);
  });
});
