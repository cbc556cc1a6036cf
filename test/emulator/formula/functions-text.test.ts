import { describe, expect, it } from 'vitest';
import { check, num, run } from './fixtures.js';

describe('text functions', () => {
  it('LEN counts characters; blank is 0', () => {
    expect(num('LEN(FirstName)', { FirstName: 'Ada' })).toBe(3);
    expect(num('LEN(FirstName)')).toBe(0);
  });

  it('CONTAINS and BEGINS are case-sensitive', () => {
    expect(check('CONTAINS(Email, "@")', { Email: 'a@b.c' })).toBe(true);
    expect(check('CONTAINS(Email, "@")')).toBe(false);
    expect(check('CONTAINS("Hello", "hello")')).toBe(false);
    expect(check('BEGINS(Phone, "+44")', { Phone: '+44 20 7946 0000' })).toBe(true);
    expect(check('BEGINS("Hello", "he")')).toBe(false);
  });

  it('LEFT, RIGHT and MID cut text', () => {
    expect(run('LEFT("Salesforce", 5)')).toBe('Sales');
    expect(run('RIGHT("Salesforce", 5)')).toBe('force');
    expect(run('MID("Salesforce", 6, 3)')).toBe('for');
    expect(run('LEFT("abc", 10)')).toBe('abc');
    expect(run('LEFT("abc", -1)')).toBeNull();
    expect(run('RIGHT("abc", 0)')).toBeNull();
    expect(run('MID("abc", 0, 2)')).toBe('ab');
  });

  it('FIND gives a 1-based position, 0 when absent', () => {
    expect(num('FIND("force", "Salesforce")')).toBe(6);
    expect(num('FIND("x", "Salesforce")')).toBe(0);
    expect(num('FIND("s", "Salesforce", 2)')).toBe(5);
    expect(num('FIND("", "abc")')).toBe(0);
  });

  it('UPPER, LOWER and TRIM', () => {
    expect(run('UPPER("abc")')).toBe('ABC');
    expect(run('LOWER("ABC", "en_US")')).toBe('abc');
    expect(run('TRIM("  padded \t")')).toBe('padded');
  });

  it('SUBSTITUTE replaces every occurrence', () => {
    expect(run('SUBSTITUTE("a-b-c", "-", "+")')).toBe('a+b+c');
    expect(run('SUBSTITUTE(Phone, " ", "")', { Phone: '020 7946 0000' })).toBe('02079460000');
  });

  it('TEXT turns numbers, dates, datetimes, checkboxes and picklists into text', () => {
    expect(run('TEXT(1234.5)')).toBe('1234.5');
    expect(run('TEXT(Score__c)', { Score__c: 42 })).toBe('42');
    expect(run('TEXT(10 ^ 21)')).toBe('1000000000000000000000');
    expect(run('TEXT(Birthdate)', { Birthdate: '1990-07-04' })).toBe('1990-07-04');
    expect(run('TEXT(LastCallAt__c)', { LastCallAt__c: '2024-05-01T10:00:00.000+0000' })).toBe('2024-05-01 10:00:00Z');
    expect(run('TEXT(HasOptedOutOfEmail)', { HasOptedOutOfEmail: true })).toBe('true');
    expect(run('TEXT(Level__c)', { Level__c: 'Gold' })).toBe('Gold');
    expect(run('TEXT(Score__c)')).toBeNull();
  });

  it('VALUE parses numbers and gives null for anything else', () => {
    expect(num('VALUE("42.5")')).toBe(42.5);
    expect(num('VALUE(" -3 ")')).toBe(-3);
    expect(num('VALUE("abc")')).toBeNull();
    expect(num('VALUE("")')).toBeNull();
  });

  it('ISNUMBER tells whether VALUE would work', () => {
    expect(check('ISNUMBER("12")')).toBe(true);
    expect(check('ISNUMBER("1.5e3")')).toBe(false);
    expect(check('ISNUMBER(Phone)', { Phone: '12ab' })).toBe(false);
  });

  it('REGEX matches the whole text', () => {
    const zip = 'REGEX(Phone, "[0-9]{5}(-[0-9]{4})?")';
    expect(check(zip, { Phone: '12345' })).toBe(true);
    expect(check(zip, { Phone: '12345-6789' })).toBe(true);
    expect(check(zip, { Phone: 'x12345' })).toBe(false);
    expect(check(zip, { Phone: '123456' })).toBe(false);
    expect(check('REGEX(Email, "[^@]+@[^@]+\\\\.[a-z]+")', { Email: 'a@b.co' })).toBe(true);
    expect(check('REGEX("a|b", "a|b")')).toBe(false);
  });

  it('REGEX with a computed invalid pattern is false, not an error', () => {
    expect(check('REGEX("abc", Note__c)', { Note__c: '(' })).toBe(false);
    expect(check('REGEX("abc", Note__c)', { Note__c: 'a.c' })).toBe(true);
  });
});

describe('picklist functions', () => {
  it('ISPICKVAL compares the picklist value', () => {
    expect(check('ISPICKVAL(Level__c, "Gold")', { Level__c: 'Gold' })).toBe(true);
    expect(check('ISPICKVAL(Level__c, "gold")', { Level__c: 'Gold' })).toBe(false);
    expect(check('ISPICKVAL(Level__c, "Gold")')).toBe(false);
  });

  it('INCLUDES looks for one value of a multi-select picklist', () => {
    const record = { Languages__c: 'English;French' };
    expect(check('INCLUDES(Languages__c, "French")', record)).toBe(true);
    expect(check('INCLUDES(Languages__c, "Fren")', record)).toBe(false);
    expect(check('INCLUDES(Languages__c, "German")', record)).toBe(false);
    expect(check('INCLUDES(Languages__c, "French")')).toBe(false);
  });
});
