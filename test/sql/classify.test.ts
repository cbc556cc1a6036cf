import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlParser, StatementClassifier } from '../../src/sql/index.js';
import { NAMES, newClassifier, PATH, writesOf } from './helpers.js';

beforeAll(loadSqlParser);

it('loadSqlParser is idempotent', async () => {
  await Promise.all([loadSqlParser(), loadSqlParser()]);
  expect(newClassifier().classify('SELECT 1', PATH).statements).toBe(1);
});

describe('search_path', () => {
  const c = newClassifier();
  it('an unqualified mirrored name is the mirror only when the mirror schema is on the path', () => {
    const sql = 'DELETE FROM contacts WHERE id = $1';
    expect(writesOf(c, sql, [])).toEqual([]);
    expect(writesOf(c, sql, ['public'])).toEqual([]);
    expect(writesOf(c, sql, ['"$user"', 'public'])).toEqual([]);
    expect(writesOf(c, sql, ['salesforce'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, sql, ['public', 'salesforce'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, sql, ['$user', 'pg_temp', 'public', 'salesforce'])).toEqual([['delete', 'contacts']]);
  });

  it('a qualified name does not depend on the path', () => {
    expect(writesOf(c, 'DELETE FROM salesforce.contacts', [])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, 'DELETE FROM public.contacts', ['salesforce'])).toEqual([]);
  });

  it('unqualified CREATE lands in the mirror schema only when it is the first schema that can hold it', () => {
    const sql = 'CREATE TABLE notes (id text)';
    expect(writesOf(c, sql, ['salesforce', 'public'])).toEqual([['ddl', 'notes']]);
    expect(writesOf(c, sql, ['$user', 'salesforce'])).toEqual([['ddl', 'notes']]);
    expect(writesOf(c, sql, ['pg_temp', 'salesforce'])).toEqual([['ddl', 'notes']]);
    expect(writesOf(c, sql, ['public', 'salesforce'])).toEqual([]);
    expect(writesOf(c, 'CREATE TEMP TABLE contacts (a int)', ['salesforce'])).toEqual([]);
    expect(writesOf(c, 'CREATE VIEW v AS SELECT 1', ['salesforce'])).toEqual([['ddl', 'v']]);
    expect(writesOf(c, 'CREATE FUNCTION f() RETURNS int RETURN 1', ['salesforce'])).toEqual([['ddl', 'f']]);
  });

  it('unqualified DROP of a mirrored name follows the path', () => {
    expect(writesOf(c, 'DROP TABLE contacts', ['salesforce'])).toEqual([['ddl', 'contacts']]);
    expect(writesOf(c, 'DROP TABLE contacts', ['public'])).toEqual([]);
  });

  it('follows SET search_path earlier in the same string', () => {
    expect(writesOf(c, 'SET search_path = salesforce; DELETE FROM contacts', ['public'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, 'SET LOCAL search_path TO "$user", SALESFORCE; CREATE TABLE notes (a int)', ['public'])).toEqual([['ddl', 'notes']]);
    expect(writesOf(c, 'SET search_path = public; DELETE FROM contacts', ['salesforce'])).toEqual([]);
    expect(writesOf(c, 'DELETE FROM contacts; SET search_path = salesforce', ['public'])).toEqual([]);
    // a string literal is one schema name: "salesforce, public" is not salesforce
    expect(writesOf(c, "SET search_path = 'salesforce, public'; DELETE FROM contacts", ['public'])).toEqual([]);
    expect(writesOf(c, 'SET search_path = "Salesforce"; DELETE FROM contacts', ['public'])).toEqual([]);
    // unknown afterwards: assume the mirror comes first
    expect(writesOf(c, 'RESET search_path; DELETE FROM contacts', ['public'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, 'SET search_path TO DEFAULT; CREATE TABLE notes (a int)', ['public'])).toEqual([['ddl', 'notes']]);
    expect(writesOf(c, "SELECT set_config('search_path', 'salesforce', false); DELETE FROM contacts", ['public'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, "SELECT pg_catalog.set_config($1, $2, true); DELETE FROM contacts", ['public'])).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, "SELECT set_config('work_mem', '1MB', false); DELETE FROM contacts", ['public'])).toEqual([]);
    expect(writesOf(c, 'SET work_mem = 1; DELETE FROM contacts', ['public'])).toEqual([]);
  });

  it('an unusual mirror schema name is honoured', () => {
    const other = new StatementClassifier({ schema: 'sf', tables: new Set(['leads']) });
    expect(writesOf(other, 'UPDATE sf.leads SET x = 1', [])).toEqual([['update', 'leads']]);
    expect(writesOf(other, 'UPDATE salesforce.leads SET x = 1', [])).toEqual([]);
  });
});

describe('multi-statement strings', () => {
  const c = newClassifier();
  it('indexes each statement and cuts its own text', () => {
    const sql = "SELECT 1; INSERT INTO salesforce.contacts (id) VALUES ('a');\n  UPDATE public.t SET a = 1 ; DELETE FROM contacts WHERE id = 'x'";
    const r = c.classify(sql, PATH);
    expect(r.statements).toBe(4);
    expect(r.anyWrite).toBe(true);
    expect(r.mirrorWrites).toEqual([
      { statementIndex: 1, shape: 'insert', table: 'contacts', statement: "INSERT INTO salesforce.contacts (id) VALUES ('a')" },
      { statementIndex: 3, shape: 'delete', table: 'contacts', statement: "DELETE FROM contacts WHERE id = 'x'" },
    ]);
  });

  it('cuts texts by UTF-8 byte offsets', () => {
    const sql = "SELECT 'héllo wörld ✓'; DELETE FROM salesforce.contacts WHERE last_name = 'Müller'; SELECT '日本'";
    const r = c.classify(sql, PATH);
    expect(r.statements).toBe(3);
    expect(r.mirrorWrites).toEqual([
      { statementIndex: 1, shape: 'delete', table: 'contacts', statement: "DELETE FROM salesforce.contacts WHERE last_name = 'Müller'" },
    ]);
  });

  it('takes the last statement up to the end and skips empty ones', () => {
    const r = c.classify(';; SELECT 1;; TRUNCATE salesforce.accounts  ', PATH);
    expect(r.statements).toBe(2);
    expect(r.mirrorWrites).toEqual([{ statementIndex: 1, shape: 'truncate', table: 'accounts', statement: 'TRUNCATE salesforce.accounts' }]);
  });

  it('reports several writes of one statement', () => {
    const r = c.classify('SELECT 1; WITH a AS (DELETE FROM accounts RETURNING id) DELETE FROM contacts WHERE account_id IN (SELECT id FROM a)', PATH);
    expect(r.mirrorWrites.map((w) => [w.statementIndex, w.shape, w.table])).toEqual([[1, 'delete', 'contacts'], [1, 'dml-in-cte', 'accounts']]);
    expect(new Set(r.mirrorWrites.map((w) => w.statement)).size).toBe(1);
  });

  it('a read-only batch is not a write', () => {
    const r = c.classify('BEGIN; SELECT * FROM salesforce.contacts; COMMIT', PATH);
    expect(r).toEqual({ statements: 3, mirrorWrites: [], anyWrite: false });
  });
});

describe('malformed and empty input', () => {
  const c = newClassifier();
  it.each([
    'DELETE FROM salesforce.contacts WHERE',
    "SELECT 'unterminated",
    'DELETE FROM salesforce.contacts; SELEC 1',
    'INSERT INTO salesforce.contacts VALUES ((((',
  ])('sets parseError without throwing: %j', (sql) => {
    const r = c.classify(sql, PATH);
    expect(r.parseError).toEqual(expect.any(String));
    expect(r.statements).toBe(0);
    expect(r.mirrorWrites).toEqual([]);
    expect(r.anyWrite).toBe(false);
  });

  it('reads up to the first NUL, as Postgres does', () => {
    expect(c.classify('\u0000', PATH)).toEqual({ statements: 0, mirrorWrites: [], anyWrite: false });
    expect(c.classify('DELETE FROM salesforce.contacts\u0000 garbage (', PATH).mirrorWrites).toEqual([
      { statementIndex: 0, shape: 'delete', table: 'contacts', statement: 'DELETE FROM salesforce.contacts' },
    ]);
    expect(c.mayTouchMirror('SELECT 1\u0000 DELETE FROM contacts')).toBe(true);
  });

  it('reports the parser message', () => {
    expect(c.classify('SELEC 1', PATH).parseError).toBe('syntax error at or near "SELEC"');
  });

  it.each(['', '   ', ';', '-- only a comment', '/* c */'])('empty query %j: no statements, no error', (sql) => {
    expect(c.classify(sql, PATH)).toEqual({ statements: 0, mirrorWrites: [], anyWrite: false });
  });
});

describe('huge input (1 MB)', () => {
  const c = newClassifier();
  const rows = Array.from({ length: 20_000 }, (_, i) => `('003${String(i).padStart(15, '0')}', 'name ${i}', 'a${i}@example.com')`);
  const insert = `INSERT INTO salesforce.contacts (id, last_name, email) VALUES ${rows.join(', ')}`;

  it('classifies a 1 MB INSERT', () => {
    expect(insert.length).toBeGreaterThan(1_000_000);
    const r = c.classify(insert, PATH);
    expect(r.mirrorWrites.map((w) => [w.shape, w.table])).toEqual([['insert', 'contacts']]);
    expect(r.mirrorWrites[0]?.statement).toBe(insert);
  });

  it('reads a 1 MB literal and a 1 MB malformed text without throwing', () => {
    const literal = `SELECT '${'x'.repeat(1_048_576)}' FROM salesforce.contacts`;
    expect(c.classify(literal, PATH)).toEqual({ statements: 1, mirrorWrites: [], anyWrite: false });
    const broken = `${insert} ,`;
    expect(c.classify(broken, PATH).parseError).toEqual(expect.any(String));
  });

  it('does not cache huge texts', () => {
    const before = c.cacheSize;
    c.classify(insert, PATH);
    expect(c.cacheSize).toBe(before);
  });

  it('survives deep nesting (parser limit) and many statements', () => {
    const deep = `SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)} FROM salesforce.contacts`;
    expect(c.classify(deep, PATH).parseError).toEqual(expect.any(String));
    const nested = `SELECT ${'('.repeat(500)}(SELECT 1 FROM salesforce.contacts)${')'.repeat(500)}`;
    expect(c.classify(nested, PATH)).toEqual({ statements: 1, mirrorWrites: [], anyWrite: false });
    const many = `${Array.from({ length: 20_000 }, (_, i) => `SELECT ${i}`).join('; ')}; DELETE FROM salesforce.contacts`;
    const r = c.classify(many, PATH);
    expect(r.statements).toBe(20_001);
    expect(r.mirrorWrites).toEqual([{ statementIndex: 20_000, shape: 'delete', table: 'contacts', statement: 'DELETE FROM salesforce.contacts' }]);
  });

  it('cheap check scans 1 MB', () => {
    expect(c.mayTouchMirror(`SELECT '${'y'.repeat(1_048_576)}'`)).toBe(false);
    expect(c.mayTouchMirror(`SELECT '${'y'.repeat(1_048_576)}' FROM accounts`)).toBe(true);
  });
});

describe('cache', () => {
  it('returns the same frozen object on a hit', () => {
    const c = newClassifier();
    const a = c.classify('DELETE FROM salesforce.contacts', PATH);
    expect(c.classify('DELETE FROM salesforce.contacts', PATH)).toBe(a);
    expect(c.classify('DELETE FROM salesforce.contacts', ['pg_catalog', 'public', 'salesforce'])).toBe(a); // same path class
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.mirrorWrites)).toBe(true);
    expect(Object.isFrozen(a.mirrorWrites[0])).toBe(true);
    expect(c.cacheSize).toBe(1);
  });

  it('keys by search path class', () => {
    const c = newClassifier();
    expect(writesOf(c, 'DELETE FROM contacts', ['public'])).toEqual([]);
    expect(writesOf(c, 'DELETE FROM contacts', PATH)).toEqual([['delete', 'contacts']]);
    expect(writesOf(c, 'DELETE FROM contacts', ['public'])).toEqual([]);
    expect(c.cacheSize).toBe(1);
  });

  it('caches parse errors too', () => {
    const c = newClassifier();
    const a = c.classify('SELEC 1', PATH);
    expect(c.classify('SELEC 1', PATH)).toBe(a);
  });

  it('evicts the least recently used text', () => {
    const c = newClassifier({ cacheSize: 2 });
    const a = c.classify('SELECT 1', PATH);
    const b = c.classify('SELECT 2', PATH);
    expect(c.classify('SELECT 1', PATH)).toBe(a); // 1 is now the most recent
    c.classify('SELECT 3', PATH); // evicts 2
    expect(c.cacheSize).toBe(2);
    expect(c.classify('SELECT 1', PATH)).toBe(a);
    expect(c.classify('SELECT 2', PATH)).not.toBe(b);
  });

  it('cacheSize 0 disables the cache', () => {
    const c = newClassifier({ cacheSize: 0 });
    const a = c.classify('SELECT 1', PATH);
    expect(c.classify('SELECT 1', PATH)).not.toBe(a);
    expect(c.cacheSize).toBe(0);
  });

  it('setNames clears the cache and takes effect', () => {
    const c = newClassifier();
    expect(writesOf(c, 'DELETE FROM salesforce.leads', PATH)).toEqual([]);
    expect(c.mayTouchMirror('DELETE FROM leads')).toBe(false);
    c.setNames({ schema: 'salesforce', tables: new Set([...NAMES.tables, 'leads']) });
    expect(c.cacheSize).toBe(0);
    expect(writesOf(c, 'DELETE FROM salesforce.leads', PATH)).toEqual([['delete', 'leads']]);
    expect(c.mayTouchMirror('DELETE FROM leads')).toBe(true);
  });
});
