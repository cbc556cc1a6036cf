// A database of its own for one test file, on the run's embedded Postgres. Created in
// beforeAll, dropped in afterAll (also when tests fail), so no state leaks between files.
import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestDatabase {
  /** Connection URL of this file's own database. */
  readonly url: string;
  /** A connected client, closed after the file's tests. */
  readonly client: pg.Client;
}

export function useTestDatabase(): TestDatabase {
  const adminUrl = inject('postgresUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(adminUrl, name);
  let client: pg.Client | undefined;

  beforeAll(async () => {
    await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  return {
    url,
    get client() {
      if (!client) throw new Error('the test database is only available inside tests');
      return client;
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
