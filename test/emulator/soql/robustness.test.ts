// Any input string ends in a result or a SoqlError, quickly: garbage, huge input, deep
// nesting, and a seeded fuzz over SOQL-like token soup.

import { describe, expect, it } from 'vitest';
import {
  MAX_SOQL_LENGTH,
  prepareQuery,
  runQuery,
  shapeRecord,
  SoqlError,
} from '../../../src/emulator/soql/index.js';
import { API_VERSION, context, reasonOf, sampleOrg, schema, soqlError } from './fixtures.js';

/** Runs a query end to end; returns the error code, or 'OK'. Anything else thrown fails the test. */
function outcome(soql: string): string {
  try {
    const q = prepareQuery(soql, schema);
    const ctx = context(sampleOrg());
    const { rows } = runQuery(q, ctx);
    for (const row of rows) shapeRecord(q, row, ctx, API_VERSION);
    return 'OK';
  } catch (error) {
    if (error instanceof SoqlError) {
      expect(error.message.length).toBeLessThan(2_000);
      return error.errorCode;
    }
    throw error;
  }
}

describe('garbage', () => {
  it.each([
    '\u0000',
    '%%%',
    "'",
    '\\',
    '"',
    '(',
    ')',
    'SELECT *',
    'SELECT * FROM Contact',
    'DROP TABLE Contact',
    'SELECT Id FROM Contact WHERE',
    "SELECT Id FROM Contact WHERE LastName = '\\",
    'SELECT Id FROM Contact WHERE Id = 003',
    'SELECT Id FROM Contact ORDER BY',
    'SELECT Id FROM Contact LIMIT 1 OFFSET',
    'SELECT Id FROM Contact WHERE LastName = \'a\' AND',
    'SELECT Id FROM Contact WHERE NOT',
    'SELECT Id FROM 003',
    'SELECT Id FROM Contact WHERE 1 = 1',
    'SELECT Id FROM Contact WHERE LastName = \u00e9',
    'SELECT \u{1F600} FROM Contact',
    'SELECT Id FROM Contact WHERE LastName = \'\u{1F600}\'',
    'SELECT Id FROM Contact WHERE CreatedDate > 2026-01-01T00:00:00',
    'SELECT Id FROM Contact WHERE CreatedDate > 0000-01-01T00:00:00+01:00',
    'SELECT Id FROM Contact WHERE CreatedDate > 9999-12-31T23:59:59-01:00',
    'SELECT Id FROM Contact WHERE SystemModstamp > LAST_N_DAYS:1000000',
  ])('%j', (soql) => {
    expect(['OK', 'MALFORMED_QUERY', 'INVALID_FIELD', 'INVALID_TYPE']).toContain(outcome(soql));
  });

  it('rejects non-strings from untyped callers', () => {
    expect(() => prepareQuery(42 as unknown as string, schema)).toThrow(SoqlError);
  });
});

describe('huge input', () => {
  it('refuses a 1 MB string at once', () => {
    const started = Date.now();
    const error = soqlError(`SELECT Id FROM Contact WHERE LastName = '${'x'.repeat(1_000_000)}'`);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(`SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters`);
    expect(error.message.length).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('handles a query just under the limit', () => {
    const values = Array.from({ length: 8_000 }, (_, i) => `'n${i}'`).join(',');
    const soql = `SELECT Id FROM Contact WHERE LastName IN (${values},'Cher')`;
    expect(soql.length).toBeLessThan(MAX_SOQL_LENGTH);
    expect(outcome(soql)).toBe('OK');
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    const parens = `SELECT Id FROM Contact WHERE ${'('.repeat(40_000)}LastName = 'a'${')'.repeat(40_000)}`;
    expect(reasonOf(soqlError(parens))).toBe('conditions are nested too deeply');
    const nots = `SELECT Id FROM Contact WHERE ${'NOT '.repeat(20_000)}LastName = 'a'`;
    expect(reasonOf(soqlError(nots))).toBe('conditions are nested too deeply');
  });

  it('accepts reasonable nesting', () => {
    expect(outcome(`SELECT Id FROM Contact WHERE ${'('.repeat(50)}LastName = 'a'${')'.repeat(50)}`)).toBe('OK');
  });

  it('handles long flat AND and OR chains', () => {
    const ors = Array.from({ length: 3_000 }, (_, i) => `LastName = 'n${i}'`).join(' OR ');
    expect(outcome(`SELECT Id FROM Contact WHERE ${ors}`)).toBe('OK');
    const ands = Array.from({ length: 3_000 }, () => 'LastName != null').join(' AND ');
    expect(outcome(`SELECT Id FROM Contact WHERE ${ands}`)).toBe('OK');
  });

  it('cuts a huge offending token in the message', () => {
    const error = soqlError(`SELECT Id FROM Contact WHERE '${'y'.repeat(50_000)}' = LastName`);
    expect(error.message.length).toBeLessThan(500);
  });
});

describe('fuzz', () => {
  const VOCABULARY = [
    'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'ORDER', 'BY', 'ASC', 'DESC', 'NULLS', 'FIRST',
    'LAST', 'LIMIT', 'OFFSET', 'COUNT()', 'Id', 'LastName', 'Account.Name', 'Owner.Email', 'Score__c', 'Birthdate',
    'SystemModstamp', 'HasOptedOutOfEmail', 'AccountId', 'Name', 'Contact', 'Account', 'User', 'Foo',
    '=', '!=', '<>', '<', '<=', '>', '>=', '(', ')', ',', ':', '.', ';', "'a%'", "'x\\'y'", "'", '5', '-2.5', '.',
    'null', 'true', 'FALSE', 'TODAY', 'LAST_N_DAYS:3', '2026-01-15', '2026-01-15T09:30:00Z', "'001Hs0000000001'",
    'GROUP', 'WITH', 'TYPEOF', '(SELECT', '\\', '\n', '\t', '',
  ];

  /** Mulberry32: a seeded generator so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('never throws anything but SoqlError', () => {
    const next = random(20260115);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 3_000; i++) {
      const length = 1 + Math.floor(next() * 16);
      const words = ['SELECT'];
      for (let w = 0; w < length; w++) words.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)] ?? '');
      // Every other query starts well-formed so the fuzz reaches WHERE and ORDER BY.
      const soql = i % 2 === 0 ? `SELECT Id FROM Contact WHERE ${words.slice(1).join(' ')}` : words.join(' ');
      const result = outcome(soql);
      outcomes.set(result, (outcomes.get(result) ?? 0) + 1);
    }
    expect(outcomes.get('MALFORMED_QUERY')).toBeGreaterThan(0);
  });
});
