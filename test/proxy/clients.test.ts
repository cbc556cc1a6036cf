// Real clients through the proxy: psql, node-postgres, postgres.js (Parse/Describe/Flush)
// and pgbench in all three query modes.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, useProxy } from '../support/proxy.js';

const run = promisify(execFile);
const db = useTestDatabase();
const proxy = useProxy(db);

describe('clients through the proxy', () => {
  it('psql runs a query', async () => {
    const { stdout } = await run('psql', [proxy.url(), '-XAtc', 'SELECT 40 + 2'], { env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });
    expect(stdout.trim()).toBe('42');
  });

  it('node-postgres runs simple and extended queries', async () => {
    const client = await proxy.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect((await client.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
    expect((await client.query({ name: 'named', text: 'SELECT $1::text AS t', values: ['x'] })).rows).toEqual([{ t: 'x' }]);
    expect((await client.query({ name: 'named', text: 'SELECT $1::text AS t', values: ['y'] })).rows).toEqual([{ t: 'y' }]);
  });

  it('node-postgres sees the upstream error unchanged and the session lives on', async () => {
    const client = await proxy.connect();
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01', message: 'relation "no_such_table" does not exist' });
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  it('postgres.js works (Parse/Describe/Flush) including a pipeline and a transaction', async () => {
    const sql = postgres(proxy.url(), { max: 2, onnotice: () => {} });
    try {
      expect(await sql`SELECT ${5}::int * 2 AS n`).toEqual([{ n: 10 }]);
      const [a, b] = await Promise.all([sql`SELECT 1 AS a`, sql`SELECT 2 AS b`]);
      expect([a, b]).toEqual([[{ a: 1 }], [{ b: 2 }]]);
      const result = await sql.begin(async (tx) => {
        await tx`CREATE TEMP TABLE t (x int)`;
        await tx`INSERT INTO t VALUES (1), (2)`;
        return tx`SELECT sum(x)::int AS s FROM t`;
      });
      expect(result).toEqual([{ s: 3 }]);
    } finally {
      await sql.end();
    }
  });

  it('pgbench runs in simple, extended and prepared mode', async () => {
    const env = { ...process.env, PGPASSWORD: ALICE.password };
    const target = ['-h', '127.0.0.1', '-p', String(proxy.port), '-U', ALICE.user, proxy.database];
    await run('pgbench', ['-i', '-s', '1', '-q', ...target], { env });
    for (const mode of ['simple', 'extended', 'prepared']) {
      const { stdout } = await run('pgbench', ['-S', '-M', mode, '-T', '1', '-c', '4', ...target], { env });
      expect(stdout, mode).toMatch(/number of failed transactions: 0/);
      expect(stdout, mode).toMatch(/tps = \d+/);
    }
  }, 60_000);
});
