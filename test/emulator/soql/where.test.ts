// WHERE semantics over the sample org (fixtures.ts). Non-deleted contacts in scan order:
// Lovelace, Hopper, Turing, torvalds, 100%_Sure\Thing, Cher; Ritchie is deleted.

import { describe, expect, it } from 'vitest';
import { makeId, ids, pluck, run, sampleOrg } from './fixtures.js';

const ALL = ['Lovelace', 'Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher'];
const last = (where: string) => pluck(`SELECT Id, LastName FROM Contact WHERE ${where}`);

describe('no WHERE', () => {
  it('returns every live record in scan order', () => {
    expect(pluck('SELECT LastName FROM Contact')).toEqual(ALL);
  });

  it('includes soft-deleted records for queryAll', () => {
    expect(pluck('SELECT LastName FROM Contact', 'LastName', { includeDeleted: true })).toEqual([
      'Lovelace', 'Hopper', 'Turing', 'torvalds', 'Ritchie', '100%_Sure\\Thing', 'Cher',
    ]);
  });
});

describe('text comparisons', () => {
  it('ignore case', () => {
    expect(last("LastName = 'lovelace'")).toEqual(['Lovelace']);
    expect(last("Email = 'grace@EXAMPLE.com'")).toEqual(['Hopper']);
    expect(last("LastName = 'Lovelac'")).toEqual([]);
  });

  it('!= and <> match empty fields too', () => {
    expect(last("LastName != 'LOVELACE'")).toEqual(ALL.filter((n) => n !== 'Lovelace'));
    expect(last("FirstName <> 'Ada'")).toEqual(['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']);
  });

  it('= null and != null test emptiness', () => {
    expect(last('FirstName = null')).toEqual(['Cher']);
    expect(last('FirstName != NULL')).toEqual(ALL.filter((n) => n !== 'Cher'));
  });

  it('order ignoring case and never match empty fields', () => {
    expect(last("LastName < 'M'")).toEqual(['Lovelace', 'Hopper', '100%_Sure\\Thing', 'Cher']);
    expect(last("LastName >= 'TORVALDS'")).toEqual(['Turing', 'torvalds']);
    expect(last("FirstName < 'zzz'")).toEqual(ALL.filter((n) => n !== 'Cher'));
  });

  it('decode escapes in string literals', () => {
    expect(pluck("SELECT Name FROM Account WHERE Name = 'O\\'Brien & Co'", 'Name')).toEqual(["O'Brien & Co"]);
    expect(last("LastName = '100%_Sure\\\\Thing'")).toEqual(['100%_Sure\\Thing']);
    const source = sampleOrg();
    source.add('Account', { Id: makeId('001', 50), IsDeleted: false, Name: 'Multi', Description: 'one\ntwo\t"three"' });
    const soql = "SELECT Name FROM Account WHERE Description = 'one\\ntwo\\t\\\"three\\\"'";
    expect(pluck(soql, 'Name', { source })).toEqual(['Multi']);
  });
});

describe('LIKE', () => {
  it.each([
    ["LastName LIKE 'lov%'", ['Lovelace']],
    ["LastName LIKE '%ING'", ['Turing', '100%_Sure\\Thing']],
    ["LastName LIKE '_urin_'", ['Turing']],
    ["LastName LIKE '%o%'", ['Lovelace', 'Hopper', 'torvalds']],
    ["LastName LIKE '%'", ALL],
    ["LastName LIKE 'Cher'", ['Cher']],
    ["LastName LIKE 'Che'", []],
    ["LastName LIKE '100\\%\\_%'", ['100%_Sure\\Thing']],
    ["LastName LIKE '1\\%%'", []],
    ["LastName LIKE '%\\\\%'", ['100%_Sure\\Thing']],
    ["FirstName LIKE '%'", ALL.filter((n) => n !== 'Cher')],
    ["Account.Name LIKE 'AC%'", ['Lovelace', 'Hopper']],
    ["Name LIKE 'ada %'", ['Lovelace']],
  ])('%s', (where, expected) => {
    expect(last(where)).toEqual(expected);
  });

  it('stays fast on a hostile pattern', () => {
    const source = sampleOrg();
    source.add('Account', { Id: makeId('001', 60), IsDeleted: false, Name: 'Long', Description: 'a'.repeat(20_000) });
    const started = Date.now();
    const soql = "SELECT Name FROM Account WHERE Description LIKE '%a%a%a%a%a%a%a%a%a%a%a%a%b'";
    expect(pluck(soql, 'Name', { source })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('numbers', () => {
  it.each([
    ['Score__c > 7', ['Lovelace', 'Turing']],
    ['Score__c >= 7', ['Lovelace', 'Hopper', 'Turing']],
    ['Score__c >= 7.0', ['Lovelace', 'Hopper', 'Turing']],
    ['Score__c < 0', ['torvalds']],
    ['Score__c = -1.5', ['torvalds']],
    ['Score__c <= 8', ['Hopper', 'Turing', 'torvalds']],
    ['Score__c != 7', ['Lovelace', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['Score__c IN (7, 8)', ['Hopper', 'Turing']],
    ['Score__c NOT IN (7, 8)', ['Lovelace', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['Score__c = null', ['100%_Sure\\Thing', 'Cher']],
  ])('%s', (where, expected) => {
    expect(last(where)).toEqual(expected);
  });

  it('compare integers, currencies and negative literals numerically', () => {
    expect(pluck('SELECT Name FROM Account WHERE NumberOfEmployees > -5', 'Name')).toEqual(['Acme', 'Globex', "O'Brien & Co"]);
    expect(pluck('SELECT Name FROM Account WHERE NumberOfEmployees < 10', 'Name')).toEqual(['Globex', "O'Brien & Co"]);
    expect(pluck('SELECT Name FROM Account WHERE AnnualRevenue = 250.5', 'Name')).toEqual(["O'Brien & Co"]);
    expect(pluck('SELECT Name FROM Account WHERE AnnualRevenue > .5', 'Name')).toEqual(['Acme', "O'Brien & Co"]);
  });
});

describe('booleans', () => {
  it('compare against true and false in any case', () => {
    expect(last('HasOptedOutOfEmail = true')).toEqual(['Hopper']);
    expect(last('HasOptedOutOfEmail = FALSE')).toEqual(ALL.filter((n) => n !== 'Hopper'));
    expect(last('HasOptedOutOfEmail != True')).toEqual(ALL.filter((n) => n !== 'Hopper'));
  });

  it('IsDeleted = true finds nothing in query and the deleted rows in queryAll', () => {
    expect(last('IsDeleted = true')).toEqual([]);
    expect(pluck('SELECT LastName FROM Contact WHERE IsDeleted = true', 'LastName', { includeDeleted: true })).toEqual(['Ritchie']);
  });
});

describe('dates and datetimes', () => {
  it.each([
    ['Birthdate < 1900-01-01', ['Lovelace']],
    ['Birthdate = 1912-06-23', ['Turing']],
    ['Birthdate > 1900-01-01', ['Hopper', 'Turing']],
    ['Birthdate != 1912-06-23', ['Lovelace', 'Hopper', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['Birthdate IN (1912-06-23, 1815-12-10)', ['Lovelace', 'Turing']],
    ['SystemModstamp > 2026-01-15T08:30:00Z', ['Lovelace', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['SystemModstamp >= 2026-01-15T08:30:00.000Z', ['Lovelace', 'Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['SystemModstamp = 2026-01-15T08:30:00Z', ['Hopper']],
    ['SystemModstamp = 2026-01-15T08:30:00.1Z', []],
    ['SystemModstamp = 2026-01-15T09:30:00+01:00', ['Hopper']],
    ['SystemModstamp = 2026-01-15T00:30:00-0800', ['Hopper']],
    ['SystemModstamp < 2026-02-01T01:00:00+01:00', ['Hopper', 'Turing']],
    ['SystemModstamp <= 2026-02-01T01:00:00+01:00', ['Hopper', 'Turing', 'torvalds']],
  ])('%s', (where, expected) => {
    expect(last(where)).toEqual(expected);
  });
});

describe('relative date keywords (now = 2026-03-15T12:00Z)', () => {
  it.each([
    ['SystemModstamp = TODAY', ['Lovelace']],
    ['SystemModstamp = tomorrow', ['Cher']],
    ['CreatedDate = YESTERDAY', ['Lovelace']],
    ['SystemModstamp > TODAY', ['Cher']],
    ['SystemModstamp >= TODAY', ['Lovelace', 'Cher']],
    ['SystemModstamp < TODAY', ['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing']],
    ['SystemModstamp <= TODAY', ['Lovelace', 'Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing']],
    ['SystemModstamp != TODAY', ['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ['SystemModstamp = LAST_N_DAYS:5', ['Lovelace', '100%_Sure\\Thing']],
    ['SystemModstamp = LAST_N_DAYS:4', ['Lovelace']],
    ['SystemModstamp >= LAST_N_DAYS:5', ['Lovelace', '100%_Sure\\Thing', 'Cher']],
    ['SystemModstamp < LAST_N_DAYS:5', ['Hopper', 'Turing', 'torvalds']],
    ['SystemModstamp = NEXT_N_DAYS:1', ['Cher']],
    ['SystemModstamp = NEXT_N_DAYS:0', []],
    ['SystemModstamp > NEXT_N_DAYS:1', []],
    ['SystemModstamp IN (TODAY, TOMORROW)', ['Lovelace', 'Cher']],
  ])('%s', (where, expected) => {
    expect(last(where)).toEqual(expected);
  });

  it('work on date fields by whole days', () => {
    const source = sampleOrg();
    source.add('Contact', { Id: makeId('003', 40), IsDeleted: false, LastName: 'Yesterday', Birthdate: '2026-03-14' });
    source.add('Contact', { Id: makeId('003', 41), IsDeleted: false, LastName: 'Today', Birthdate: '2026-03-15' });
    const soql = (where: string) => pluck(`SELECT LastName FROM Contact WHERE ${where}`, 'LastName', { source });
    expect(soql('Birthdate = YESTERDAY')).toEqual(['Yesterday']);
    expect(soql('Birthdate = TODAY')).toEqual(['Today']);
    expect(soql('Birthdate = LAST_N_DAYS:1')).toEqual(['Yesterday', 'Today']);
    expect(soql('Birthdate > YESTERDAY')).toEqual(['Today']);
    expect(soql('Birthdate < LAST_N_DAYS:1')).toEqual(['Lovelace', 'Hopper', 'Turing']);
  });

  it('follow the clock the query runs at, not the one it was prepared at', () => {
    const tomorrow = new Date('2026-03-16T01:00:00Z');
    expect(pluck('SELECT LastName FROM Contact WHERE SystemModstamp = TODAY', 'LastName', { now: tomorrow })).toEqual(['Cher']);
  });
});

describe('IN and NOT IN', () => {
  it('match text ignoring case, short and long lists alike', () => {
    expect(last("LastName IN ('lovelace', 'TURING')")).toEqual(['Lovelace', 'Turing']);
    const many = Array.from({ length: 20 }, (_, i) => `'nobody${i}'`).concat("'HOPPER'", "'cHeR'").join(', ');
    expect(last(`LastName IN (${many})`)).toEqual(['Hopper', 'Cher']);
    expect(last(`LastName NOT IN (${many})`)).toEqual(['Lovelace', 'Turing', 'torvalds', '100%_Sure\\Thing']);
  });

  it('never match empty fields unless null is listed; NOT IN matches them', () => {
    expect(last("FirstName IN ('Ada', 'nobody')")).toEqual(['Lovelace']);
    expect(last("FirstName IN ('Ada', null)")).toEqual(['Lovelace', 'Cher']);
    expect(last("FirstName NOT IN ('Ada')")).toEqual(['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(last("FirstName NOT IN ('Ada', null)")).toEqual(['Hopper', 'Turing', 'torvalds', '100%_Sure\\Thing']);
  });
});

describe('ids and references', () => {
  it('accept 15- and 18-character ids, in any case for 18', () => {
    expect(last(`Id = '${ids.ada.slice(0, 15)}'`)).toEqual(['Lovelace']);
    expect(last(`Id = '${ids.ada}'`)).toEqual(['Lovelace']);
    expect(last(`Id IN ('${ids.alan.toLowerCase()}', '${ids.grace.toUpperCase()}')`)).toEqual(['Hopper', 'Turing']);
    expect(last(`AccountId = '${ids.acme.slice(0, 15)}'`)).toEqual(['Lovelace', 'Hopper']);
    expect(last(`AccountId != '${ids.acme}'`)).toEqual(['Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']);
  });

  it('find nothing for ids of another sObject or of deleted rows outside queryAll', () => {
    expect(last(`Id = '${ids.acme}'`)).toEqual([]);
    expect(last(`Id = '${ids.dennis}'`)).toEqual([]);
    const soql = `SELECT LastName FROM Contact WHERE Id IN ('${ids.dennis}', '${ids.ada}') AND LastName != 'Lovelace'`;
    expect(pluck(soql, 'LastName', { includeDeleted: true })).toEqual(['Ritchie']);
  });

  it('combine an Id shortcut with the rest of the condition', () => {
    expect(last(`Id IN ('${ids.ada}', '${ids.grace}') AND HasOptedOutOfEmail = true`)).toEqual(['Hopper']);
    expect(last(`Id = '${ids.ada}' OR LastName = 'Cher'`)).toEqual(['Lovelace', 'Cher']);
    expect(last('Id = null')).toEqual([]);
  });

  it("treat '' on a lookup as empty and order ids as text", () => {
    expect(last("AccountId = ''")).toEqual(['torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(last(`Id > '${ids.linus}'`)).toEqual(['100%_Sure\\Thing', 'Cher']);
  });
});

describe('relationship paths', () => {
  it('filter on parent and grandparent fields', () => {
    expect(last("Account.Name = 'acme'")).toEqual(['Lovelace', 'Hopper']);
    expect(last("Account.Owner.Name = 'Bob Builder'")).toEqual(['Turing']);
    expect(last("Account.Parent.Name = 'Acme'")).toEqual(['Turing']);
    expect(last('Account.Name = null')).toEqual(['torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(last("Account.Name != 'Acme'")).toEqual(['Turing', 'torvalds', '100%_Sure\\Thing', 'Cher']);
    expect(last('Owner.IsActive = false')).toEqual(['Hopper']);
  });

  it('reach deleted parents', () => {
    const soql = "SELECT LastName FROM Contact WHERE Account.Name = 'Gone Ltd'";
    expect(pluck(soql, 'LastName', { includeDeleted: true })).toEqual(['Ritchie']);
    expect(pluck("SELECT Name FROM Project__c WHERE Parent__r.IsDeleted = true", 'Name')).toEqual(['Mercury']);
  });

  it('follow custom and polymorphic relationships by the id prefix of the parent', () => {
    expect(pluck("SELECT Name FROM Project__c WHERE Parent__r.Name = 'Acme'", 'Name')).toEqual(['Apollo']);
    expect(pluck("SELECT Name FROM Project__c WHERE Sponsor__r.Name = 'bob builder'", 'Name')).toEqual(['Gemini']);
    expect(pluck("SELECT Name FROM Project__c WHERE Sponsor__r.Name = 'Ada Lovelace'", 'Name')).toEqual(['Apollo']);
  });
});

describe('formula fields', () => {
  it('are read through readValue in WHERE', () => {
    expect(last("Name = 'ada lovelace'")).toEqual(['Lovelace']);
    expect(last("Name = 'Cher'")).toEqual(['Cher']);
  });
});

describe('boolean logic', () => {
  it.each([
    ["NOT LastName = 'Cher'", ALL.filter((n) => n !== 'Cher')],
    ["NOT (LastName = 'Cher' OR LastName = 'Turing')", ['Lovelace', 'Hopper', 'torvalds', '100%_Sure\\Thing']],
    ['NOT Score__c > 7', ['Hopper', 'torvalds', '100%_Sure\\Thing', 'Cher']],
    ["(LastName = 'Cher' OR LastName = 'Turing') AND Score__c = 8", ['Turing']],
    ["LastName = 'Cher' OR (Score__c > 7 AND HasOptedOutOfEmail = false)", ['Lovelace', 'Turing', 'Cher']],
    ["Score__c > 0 AND Score__c < 9 AND FirstName != 'Alan'", ['Hopper']],
    ["LastName = 'a' OR LastName = 'b' OR LastName = 'Cher' OR LastName = 'Hopper'", ['Hopper', 'Cher']],
    ["((LastName = 'Cher'))", ['Cher']],
    ["NOT NOT LastName = 'Cher'", ['Cher']],
    ["NOT (NOT (LastName = 'Cher') AND FirstName = null)", ALL],
  ])('%s', (where, expected) => {
    expect(last(where)).toEqual(expected);
  });
});

describe('keywords and whitespace', () => {
  it('are case-insensitive and may be spread over lines and tabs', () => {
    const soql = "select\tID ,\n lastname\r\nfrom CONTACT\n where LASTNAME like 'c%'  or\tlastName = 'TURING'\norder by LASTNAME desc nulls last limit 5";
    expect(pluck(soql)).toEqual(['Turing', 'Cher']);
  });

  it('need no spaces around punctuation', () => {
    expect(pluck("SELECT Id,LastName FROM Contact WHERE(LastName='Cher'OR Score__c>=8)AND Score__c!=8")).toEqual(['Lovelace', 'Cher']);
  });

  it('run the same prepared query twice', () => {
    const { q, ctx, rows } = run("SELECT Id FROM Contact WHERE LastName LIKE '%e%'");
    expect(rows.length).toBe(4);
    expect(run(q.soql, { source: ctx.source }).rows).toEqual(rows);
  });
});
