// A database of its own for one test file, on the run's embedded Postgres. Created in
// beforeAll, dropped in afterAll (also when tests fail), so no state leaks between files.
import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { withClient, withDatabase } from '../../src/embedded/connect.js';

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
    await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  return {
    url,
    get client() {
      if (!client) throw new Error('the test database is only available inside tests');
      return client;
    },
  };
}
