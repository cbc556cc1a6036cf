// Malformed and unsupported SOQL: every failure is a SoqlError positioned like Salesforce's.

import { describe, expect, it } from 'vitest';
import { reasonOf, soqlError } from './fixtures.js';

describe('error message format', () => {
  it('shows the query, a caret under the column, the row and column, then the reason', () => {
    const error = soqlError('SELEKT Id FROM Contact');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toBe('\nSELEKT Id FROM Contact\n^\nERROR at Row:1:Column:1\nunexpected token: SELEKT');
  });

  it('puts the caret under a later column', () => {
    const error = soqlError('SELECT Id FROM Contact WHERE LastName = ');
    expect(error.message).toBe(
      '\nSELECT Id FROM Contact WHERE LastName = \n' +
        ' '.repeat(40) +
        '^\nERROR at Row:1:Column:41\nunexpected token: <EOF>',
    );
  });

  it('counts rows and columns in multi-line queries and shows the offending line', () => {
    const error = soqlError('SELECT Id\nFROM Contact\nWHERE LastName == 1');
    expect(error.message).toBe('\nWHERE LastName == 1\n                ^\nERROR at Row:3:Column:17\nunexpected token: =');
  });

  it('cuts long lines to an excerpt around the error, keeping the real column', () => {
    const soql = `SELECT Id FROM Contact WHERE LastName IN (${Array.from({ length: 200 }, (_, i) => `'n${i}'`).join(', ')}) AND`;
    const error = soqlError(soql);
    const [, excerpt, caret, position] = error.message.split('\n');
    expect(excerpt!.length).toBeLessThanOrEqual(120);
    expect(position).toBe(`ERROR at Row:1:Column:${soql.length + 1}`);
    expect(excerpt!.endsWith(') AND')).toBe(true);
    expect(caret!.indexOf('^')).toBe(excerpt!.length);
  });
});

describe('syntax errors', () => {
  it.each([
    ['', 'unexpected token: <EOF>'],
    ['   ', 'unexpected token: <EOF>'],
    ['SELECT', 'unexpected token: <EOF>'],
    ['SELECT FROM Contact', 'unexpected token: FROM'],
    ['SELECT Id Contact', 'unexpected token: Contact'],
    ['SELECT Id, FROM Contact', 'unexpected token: FROM'],
    ['SELECT Id FROM', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact WHERE', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact WHERE LastName', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact WHERE LastName NOT LIKE \'a\'', 'unexpected token: NOT'],
    ['SELECT Id FROM Contact WHERE (LastName = \'a\'', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact WHERE LastName IN ()', 'unexpected token: )'],
    ['SELECT Id FROM Contact WHERE LastName IN (\'a\',)', 'unexpected token: )'],
    ['SELECT Id FROM Contact WHERE \'a\' = LastName', "unexpected token: 'a'"],
    ['SELECT Id FROM Contact ORDER LastName', 'unexpected token: LastName'],
    ['SELECT Id FROM Contact ORDER BY LastName NULLS', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact LIMIT', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact LIMIT -1', 'unexpected token: -1'],
    ['SELECT Id FROM Contact LIMIT 1.5', 'unexpected token: 1.5'],
    ['SELECT Id FROM Contact LIMIT 99999999999999999999', 'unexpected token: 99999999999999999999'],
    ['SELECT Id FROM Contact LIMIT 5 WHERE LastName = \'a\'', 'unexpected token: WHERE'],
    ['SELECT Id FROM Contact OFFSET 5 LIMIT 1', 'unexpected token: LIMIT'],
    ['SELECT Id FROM Contact;', "no viable alternative at character ';'"],
    ['SELECT Id FROM Contact WHERE LastName = "x"', 'no viable alternative at character \'"\''],
    ['SELECT Account. FROM Contact', "no viable alternative at character '.'"],
    ['SELECT Id FROM Contact WHERE LastName = \'unterminated', "mismatched character '<EOF>' expecting '''"],
    ['SELECT Id FROM Contact WHERE LastName = bogus', 'unexpected token: bogus'],
    ['SELECT Id FROM Contact WHERE LastName = 2026-13-01', 'invalid date or dateTime literal: 2026-13-01'],
    ['SELECT Id FROM Contact WHERE LastName = 2026-02-30', 'invalid date or dateTime literal: 2026-02-30'],
    ['SELECT Id FROM Contact WHERE CreatedDate = 2026-01-01T24:00:00Z', 'invalid date or dateTime literal: 2026-01-01T24:00:00Z'],
    ['SELECT Id FROM Contact WHERE CreatedDate > LAST_N_DAYS', 'unexpected token: <EOF>'],
    ['SELECT Id FROM Contact WHERE CreatedDate > LAST_N_DAYS:-1', 'unexpected token: -1'],
    ['SELECT Id FROM Contact WHERE CreatedDate > LAST_N_DAYS:1.5', 'unexpected token: 1.5'],
    ['SELECT Id FROM Contact WHERE SELECT = 1', 'unexpected token: SELECT'],
    ['SELECT Id FROM Contact Contact', 'an object alias is not supported by the pgforce emulator'],
  ])('%j fails with %j', (soql, reason) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(reason);
  });

  it('refuses OFFSET above 2000', () => {
    const error = soqlError('SELECT Id FROM Contact OFFSET 2001');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe('Maximum SOQL offset allowed is 2000');
    expect(error.message).toContain('Column:31');
  });

  it('rejects escape sequences SOQL does not know', () => {
    const error = soqlError("SELECT Id FROM Contact WHERE LastName = 'a\\qb'");
    expect(reasonOf(error)).toBe("Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.");
  });
});

describe('AND and OR', () => {
  it('may not be mixed without parentheses', () => {
    const error = soqlError("SELECT Id FROM Contact WHERE LastName = 'a' AND FirstName = 'b' OR Email = null");
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe('unexpected token: OR');
    expect(error.message).toContain('Column:65');
  });

  it('may not be mixed the other way round either', () => {
    expect(reasonOf(soqlError("SELECT Id FROM Contact WHERE LastName = 'a' OR FirstName = 'b' and Email = null"))).toBe(
      'unexpected token: and',
    );
  });
});

describe('unsupported SOQL', () => {
  it.each([
    ['SELECT Id, (SELECT Id FROM Contacts) FROM Account', 'a child relationship subquery'],
    ['SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account)', 'a semi-join (IN (SELECT ...))'],
    ['SELECT Id FROM Contact WHERE (SELECT Id FROM Account) = 1', 'a subquery in WHERE'],
    ['SELECT COUNT(Id) FROM Contact', 'the aggregate function COUNT(); only COUNT() is'],
    ['SELECT MAX(Score__c) FROM Contact', 'the aggregate function MAX(); only COUNT() is'],
    ['SELECT count_distinct(Email) FROM Contact', 'the aggregate function COUNT_DISTINCT(); only COUNT() is'],
    ['SELECT FIELDS(ALL) FROM Contact', 'FIELDS() in SELECT'],
    ['SELECT toLabel(LastName) FROM Contact', 'TOLABEL() in SELECT'],
    ['SELECT format(Score__c) FROM Contact', 'FORMAT() in SELECT'],
    ['SELECT TYPEOF Owner WHEN User THEN Name END FROM Contact', 'TYPEOF'],
    ['SELECT Id FROM Contact USING SCOPE Mine', 'USING SCOPE'],
    ['SELECT Id FROM Contact WITH SECURITY_ENFORCED', 'WITH'],
    ['SELECT Id FROM Contact WHERE LastName = \'a\' WITH SECURITY_ENFORCED', 'WITH'],
    ['SELECT LastName FROM Contact GROUP BY LastName', 'GROUP BY'],
    ['SELECT Id FROM Contact HAVING COUNT() > 1', 'HAVING'],
    ['SELECT Id FROM Contact LIMIT 1 FOR UPDATE', 'FOR VIEW / FOR REFERENCE / FOR UPDATE'],
    ['SELECT Id FROM Contact FOR VIEW', 'FOR VIEW / FOR REFERENCE / FOR UPDATE'],
    ['SELECT Id FROM Contact UPDATE TRACKING', 'UPDATE TRACKING / UPDATE VIEWSTAT'],
    ['SELECT Id FROM Contact ALL ROWS', 'ALL ROWS'],
    ['SELECT Id FROM Contact, Account', 'more than one object in FROM'],
    ['SELECT Id FROM Contact WHERE CALENDAR_YEAR(CreatedDate) = 2026', 'CALENDAR_YEAR() in WHERE'],
    ['SELECT Id FROM Contact ORDER BY MAX(Score__c)', 'MAX() in ORDER BY'],
    ['SELECT Id FROM Contact WHERE LastName = :name', 'a bind variable'],
    ['SELECT Id FROM Contact WHERE LastName INCLUDES (\'a\')', 'INCLUDES'],
    ['SELECT Id FROM Contact WHERE LastName EXCLUDES (\'a\')', 'EXCLUDES'],
    ['SELECT Id FROM Contact WHERE CreatedDate = THIS_MONTH', 'the date literal THIS_MONTH'],
    ['SELECT Id FROM Contact WHERE CreatedDate = LAST_N_WEEKS:2', 'the date literal LAST_N_WEEKS'],
    ['SELECT Id FROM Contact WHERE Best_Time__c = \'10:00:00.000Z\'', "filtering on the time field 'Best_Time__c'"],
  ])('%j names what is unsupported', (soql, feature) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(`${feature} is not supported by the pgforce emulator`);
  });
});
