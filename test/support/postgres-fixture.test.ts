// The shared fixture itself: each file gets a real, private Postgres database.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { useTestDatabase } from './postgres.js';

const db = useTestDatabase();

describe('the test database fixture', () => {
  it('is a real Postgres that takes DDL and DML', async () => {
    await db.client.query('CREATE TABLE t (id int primary key, note text)');
    await db.client.query("INSERT INTO t VALUES (1, 'x')");
    const { rows } = await db.client.query<{ n: string }>('SELECT count(*) AS n FROM t');
    expect(rows[0]!.n).toBe('1');
  });

  it('is private to this file and reachable by URL from other clients', async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      const { rows } = await other.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows[0]!.db).toMatch(/^test_[0-9a-f]{12}$/);
    } finally {
      await other.end();
    }
  });
});
