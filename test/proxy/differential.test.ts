// The same statements directly against Postgres and through the proxy give the same rows,
// command tags, field descriptions and errors (with every error field the upstream set).
import { describe, expect, it, beforeAll } from 'vitest';
import pg from 'pg';
import { useTestDatabase } from '../support/postgres.js';
import { useProxy } from '../support/proxy.js';

const db = useTestDatabase();
const proxy = useProxy(db);

const STATEMENTS: Array<string | [string, unknown[]]> = [
  'SELECT 1 AS a, \'x\'::text AS b, NULL::int AS c',
  'SELECT g, g * 2 AS double FROM generate_series(1, 50) g',
  ['SELECT $1::int + $2::int AS sum, $3::text AS t', [1, 2, 'three']],
  'CREATE TABLE diff_t (id int PRIMARY KEY, name text NOT NULL, amount numeric CHECK (amount >= 0))',
  `INSERT INTO diff_t VALUES (1, 'one', 1.5), (2, 'two', 2.25)`,
  ['INSERT INTO diff_t VALUES ($1, $2, $3) RETURNING *', [3, 'three', '3.125']],
  `INSERT INTO diff_t VALUES (1, 'dup', 0)`,
  `INSERT INTO diff_t VALUES (9, NULL, 0)`,
  `INSERT INTO diff_t VALUES (9, 'neg', -1)`,
  `UPDATE diff_t SET amount = amount * 2 WHERE id > 1`,
  `SELECT * FROM diff_t ORDER BY id`,
  `DELETE FROM diff_t WHERE id = 3`,
  `SELECT 1/0`,
  `SELEC 1`,
  `SELECT * FROM missing_table`,
  `SELECT '2024-01-02'::date AS d, '{1,2,3}'::int[] AS arr, '{"a": 1}'::jsonb AS j, 'abc'::bytea AS bin`,
  `DO $$ BEGIN RAISE EXCEPTION 'custom' USING ERRCODE = '22023', DETAIL = 'some detail', HINT = 'some hint'; END $$`,
  `SELECT 1; SELECT 2`,
  `BEGIN; SELECT 1; COMMIT`,
  `DROP TABLE diff_t`,
];

interface Outcome {
  rows?: unknown[];
  command?: string | null;
  rowCount?: number | null;
  fields?: Array<{ name: string; dataTypeID: number }>;
  error?: Record<string, unknown>;
}

async function runAll(client: pg.Client): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const statement of STATEMENTS) {
    const [text, values] = typeof statement === 'string' ? [statement, undefined] : statement;
    try {
      const result = await client.query(text, values);
      const results = Array.isArray(result) ? result as pg.QueryResult[] : [result];
      for (const r of results) out.push({ rows: r.rows, command: r.command, rowCount: r.rowCount, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) });
    } catch (e) {
      const { code, message, severity, detail, hint, position, schema, table, column, constraint, routine } = e as pg.DatabaseError;
      out.push({ error: { code, message, severity, detail, hint, position, schema, table, column, constraint, routine } });
    }
  }
  return out;
}

describe('differential: direct vs through the proxy', () => {
  let direct: Outcome[];
  beforeAll(async () => {
    direct = await runAll(db.client);
    await db.client.query('DROP TABLE IF EXISTS diff_t');
  });

  it('gives the same rows, command tags, fields and errors', async () => {
    const proxied = await runAll(await proxy.connect());
    expect(proxied).toEqual(direct);
    expect(direct.filter((o) => o.error).length).toBeGreaterThanOrEqual(6);
  });
});
