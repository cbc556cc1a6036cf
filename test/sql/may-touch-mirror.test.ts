import { describe, expect, it } from 'vitest';
import { StatementClassifier } from '../../src/sql/index.js';
import { newClassifier } from './helpers.js';

// The cheap check needs no parser.
const c = newClassifier();

describe('mayTouchMirror: yes when a mirrored name or the schema is a token', () => {
  it.each([
    'SELECT * FROM salesforce.contacts',
    'delete from contacts',
    'UPDATE CONTACTS SET x = 1',
    'select * from "contacts"',
    'select * from "Contacts"', // quoted mixed case is another table, but a false yes is allowed
    'select * from "salesforce"."accounts"',
    'INSERT INTO Opportunities VALUES (1)',
    'CREATE TABLE salesforce.notes (a int)',
    'DROP SCHEMA salesforce',
    'select*from(contacts)',
    'select 1\n\tfrom\r\ncontacts;',
    "SELECT 'contacts'", // literals and comments may say yes; classify says no write
    'SELECT 1 -- accounts',
    '/*salesforce*/ SELECT 1',
    'select contacts$x from t', // $ splits tokens (dollar quotes), conservative
    'select $tag$delete from contacts$tag$',
    'SELECT * FROM U&"\\0063ontacts"', // Unicode-escaped identifiers can spell a name without its letters
    'select * from u&"x"',
  ])('%s', (sql) => {
    expect(c.mayTouchMirror(sql)).toBe(true);
  });
});

describe('mayTouchMirror: no when no token is a mirrored name', () => {
  it.each([
    '',
    'SELECT abalance FROM pgbench_accounts WHERE aid = $1',
    'UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2',
    'select * from my_contacts',
    'select * from contacts_archive',
    'select * from salesforcex.t',
    'select * from contactsé', // a non-ASCII letter makes it another identifier
    'select contact from account',
    "SELECT 'a & b'",
    'BEGIN; COMMIT',
  ])('%s', (sql) => {
    expect(c.mayTouchMirror(sql)).toBe(false);
  });
});

describe('mayTouchMirror: names that need care', () => {
  it('needs no parser, unlike classify', () => {
    expect(() => c.classify('SELECT 1', [])).toThrow('await loadSqlParser() first');
  });

  it('sees a name that Postgres reaches by truncating a longer identifier to 63 bytes', () => {
    const long = 'a'.repeat(63);
    const m = new StatementClassifier({ schema: 'salesforce', tables: new Set([long]) });
    expect(m.mayTouchMirror(`select * from ${long}`)).toBe(true);
    expect(m.mayTouchMirror(`select * from ${long}bcd`)).toBe(true);
    expect(m.mayTouchMirror(`select * from ${'a'.repeat(62)}`)).toBe(false);
  });

  it('matches names that are not plain identifiers by substring', () => {
    const m = new StatementClassifier({ schema: 'salesforce', tables: new Set(['odd-name']) });
    expect(m.mayTouchMirror('select * from "Odd-Name"')).toBe(true);
    expect(m.mayTouchMirror('select * from odd')).toBe(false);
  });

  it('survives hash collisions (verifies the characters)', () => {
    // h = h * 31 + c: 'c0' and 'an' both hash to 3117.
    const m = new StatementClassifier({ schema: 'zz', tables: new Set(['c0']) });
    expect(m.mayTouchMirror('select * from an')).toBe(false);
    expect(m.mayTouchMirror('select * from AN')).toBe(false);
    expect(m.mayTouchMirror('select * from C0')).toBe(true);
  });
});
