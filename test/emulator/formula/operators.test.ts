import { describe, expect, it } from 'vitest';
import { check, num, run } from './fixtures.js';

describe('operator precedence', () => {
  it('multiplies and divides before adding and subtracting', () => {
    expect(num('2 + 3 * 4')).toBe(14);
    expect(num('10 - 6 / 2')).toBe(7);
    expect(num('(2 + 3) * 4')).toBe(20);
  });

  it('associates left', () => {
    expect(num('10 - 4 - 3')).toBe(3);
    expect(num('64 / 4 / 2')).toBe(8);
  });

  it('raises to a power before multiplying, and before unary minus', () => {
    expect(num('2 * 3 ^ 2')).toBe(18);
    expect(num('-2 ^ 2')).toBe(-4);
    expect(num('(-2) ^ 2')).toBe(4);
    expect(num('10 ^ -2')).toBe(0.01);
  });

  it('applies unary minus and plus', () => {
    expect(num('-3 + 5')).toBe(2);
    expect(num('+3 - -2')).toBe(5);
    expect(num('- -4')).toBe(4);
  });

  it('concatenates after arithmetic and before comparing', () => {
    expect(run('"n=" & TEXT(1 + 2)')).toBe('n=3');
    expect(check('"a" & "b" = "ab"')).toBe(true);
  });

  it('compares after arithmetic', () => {
    expect(check('1 + 1 = 2')).toBe(true);
    expect(check('2 * 3 > 5')).toBe(true);
  });

  it('binds && tighter than ||', () => {
    expect(check('TRUE || FALSE && FALSE')).toBe(true);
    expect(check('(TRUE || FALSE) && FALSE')).toBe(false);
  });

  it('binds ! looser than comparisons and tighter than &&', () => {
    expect(check('!1 > 2')).toBe(true);
    expect(check('!TRUE && FALSE')).toBe(false);
    expect(check('!FALSE && TRUE')).toBe(true);
    expect(check('!!TRUE')).toBe(true);
    expect(check('TRUE = !FALSE')).toBe(true);
  });

  it('reads every spelling of the comparison operators', () => {
    expect(check('1 = 1 && 1 == 1')).toBe(true);
    expect(check('1 != 2 && 1 <> 2')).toBe(true);
    expect(check('1 < 2 && 2 > 1 && 1 <= 1 && 1 >= 1')).toBe(true);
    expect(check('1 <= 0 || 0 >= 1')).toBe(false);
  });

  it('ignores whitespace, newlines and comments', () => {
    expect(num('1 +\n  /* the tax */ 2\t* 3')).toBe(7);
  });
});

describe('arithmetic', () => {
  it('computes with decimals without binary noise', () => {
    expect(num('0.1 + 0.2')).toBe(0.3);
    expect(num('1.1 * 3')).toBe(3.3);
    expect(num('.5 * 4')).toBe(2);
  });

  it('gives null on division by zero', () => {
    expect(num('1 / 0')).toBeNull();
    expect(num('0 / 0')).toBeNull();
  });

  it('concatenates text with + as well as &', () => {
    expect(run('"a" + "b"')).toBe('ab');
  });
});

describe('blank handling', () => {
  it('makes arithmetic with a blank blank', () => {
    expect(num('Score__c + 1')).toBeNull();
    expect(num('Score__c * 2', { Score__c: null })).toBeNull();
    expect(num('-Score__c')).toBeNull();
    expect(num('NULL + 1')).toBeNull();
  });

  it('treats a blank as "" when concatenating', () => {
    expect(run('FirstName & "!"')).toBe('!');
    expect(run('FirstName & LastName')).toBeNull();
  });

  it('compares blanks null-safely with =', () => {
    expect(check('Score__c = NULL')).toBe(true);
    expect(check('Score__c = 0')).toBe(false);
    expect(check('Email = "x@example.com"')).toBe(false);
    expect(check('Email = ""')).toBe(true);
    expect(check('Email != "x"')).toBe(true);
    expect(check('NULL = NULL')).toBe(true);
  });

  it('makes ordering comparisons with a blank false', () => {
    expect(check('Score__c < 0')).toBe(false);
    expect(check('Score__c >= 0')).toBe(false);
    expect(check('Birthdate > DATE(2000, 1, 1)')).toBe(false);
  });

  it('compares text case-sensitively', () => {
    expect(check('"abc" = "ABC"')).toBe(false);
    expect(check('"abc" < "abd"')).toBe(true);
  });
});

describe('date arithmetic', () => {
  it('adds and subtracts days to a date', () => {
    expect(run('Birthdate + 1', { Birthdate: '2024-02-28' }, { returnType: 'date' })).toBe('2024-02-29');
    expect(run('Birthdate - 29', { Birthdate: '2024-03-01' }, { returnType: 'date' })).toBe('2024-02-01');
    expect(run('7 + Birthdate', { Birthdate: '2024-12-28' }, { returnType: 'date' })).toBe('2025-01-04');
  });

  it('counts the days between two dates', () => {
    expect(num('DATE(2024, 3, 1) - DATE(2024, 2, 1)')).toBe(29);
    expect(num('Birthdate - DATE(2024, 1, 1)', { Birthdate: '2023-12-25' })).toBe(-7);
  });

  it('adds fractional days to a datetime', () => {
    const record = { LastCallAt__c: '2024-05-01T10:00:00.000+0000' };
    expect(run('LastCallAt__c + 0.5', record, { returnType: 'datetime' })).toBe('2024-05-01T22:00:00.000+0000');
    expect(run('LastCallAt__c - 1', record, { returnType: 'datetime' })).toBe('2024-04-30T10:00:00.000+0000');
  });

  it('counts fractional days between datetimes', () => {
    expect(num('NOW() - LastCallAt__c', { LastCallAt__c: '2024-05-14T22:30:00.000+0000' })).toBe(0.5);
  });

  it('compares dates and datetimes', () => {
    expect(check('Birthdate < TODAY()', { Birthdate: '1990-01-01' })).toBe(true);
    expect(check('Birthdate = DATE(1990, 1, 1)', { Birthdate: '1990-01-01' })).toBe(true);
    expect(check('LastCallAt__c < NOW()', { LastCallAt__c: '2024-05-15T10:29:59.000+0000' })).toBe(true);
  });

  it('gives null for date arithmetic with a blank', () => {
    expect(run('Birthdate + 1', {}, { returnType: 'date' })).toBeNull();
  });
});

describe('literals and names', () => {
  it('reads strings in double or single quotes, with backslash escapes', () => {
    expect(run(`'it\\'s' & " \\"quoted\\"" & "\\\\"`)).toBe(`it's "quoted"\\`);
    expect(run('"tab\\there\\nnewline \\u00e9"')).toBe('tab\there\nnewline é');
  });

  it('reads TRUE, FALSE and NULL in any case', () => {
    expect(check('true && NOT(False)')).toBe(true);
    expect(num('null')).toBeNull();
  });

  it('reads function names in any case', () => {
    expect(run('if(len("abc") = 3, upper("yes"), "no")')).toBe('YES');
  });
});

describe('stored values of the wrong shape', () => {
  it('read as blank instead of failing the evaluation', () => {
    expect(run('Birthdate + 1', { Birthdate: 'not a date' }, { returnType: 'date' })).toBeNull();
    expect(num('Score__c * 2', { Score__c: 'abc' })).toBeNull();
    expect(run('LastCallAt__c', { LastCallAt__c: 17 }, { returnType: 'datetime' })).toBeNull();
    expect(run('FirstName & "!"', { FirstName: 42 })).toBe('42!');
  });
});
