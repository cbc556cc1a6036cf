// node-postgres (`pg`), through its ordinary API (client.query with parameters, named prepared
// statements, a pool, BEGIN/COMMIT), against pgforce: Contacts and Accounts created, read,
// updated, deleted and upserted in Salesforce; a Salesforce rejection is pg's DatabaseError
// with the SQLSTATE and the error fields.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { useWriteWorld } from '../support/write-world.js';

const world = useWriteWorld();
let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: world.proxy.url(), max: 2 });
});
afterAll(async () => {
  await pool.end();
});
afterEach(() => world.expectMirrorEqualsOrg('Contact', 'Account'));

describe('node-postgres', () => {
  it('creates, reads, updates and deletes a Contact of a new Account; a named prepared statement runs many times', async () => {
    const { rows: [account] } = await pool.query('INSERT INTO salesforce.accounts (name) VALUES ($1) RETURNING id, name', ['Node Postgres Inc']);
    const insert = { name: 'pg-insert-contact', text: 'INSERT INTO salesforce.contacts (last_name, account_id) VALUES ($1, $2) RETURNING id, last_name' };
    const created = [];
    for (const name of ['NodePg1', 'NodePg2', 'NodePg3']) created.push((await pool.query({ ...insert, values: [name, account.id] })).rows[0]);
    expect(created.map((c) => c.last_name)).toEqual(['NodePg1', 'NodePg2', 'NodePg3']);
    const updated = await pool.query('UPDATE salesforce.contacts SET title = $1 WHERE account_id = $2 RETURNING id', ['Engineer', account.id]);
    expect(updated.rowCount).toBe(3);
    expect(await world.orgRecords(`SELECT Title FROM Contact WHERE AccountId = '${account.id}'`)).toHaveLength(3);
    const deleted = await pool.query('DELETE FROM salesforce.contacts WHERE account_id = $1', [account.id]);
    expect([deleted.command, deleted.rowCount]).toEqual(['DELETE', 3]);
    await pool.query('DELETE FROM salesforce.accounts WHERE id = $1', [account.id]);
    expect(await world.orgRecords(`SELECT Id FROM Account WHERE Id = '${account.id}'`)).toEqual([]);
  });

  it('upserts on the external id and writes in a transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const sql = `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ($1, 'nodepg-1') ON CONFLICT (external_id) DO UPDATE SET last_name = EXCLUDED.last_name RETURNING id`;
      const first = (await client.query(sql, ['NodeUp1'])).rows[0].id;
      const second = (await client.query(sql, ['NodeUp2'])).rows[0].id;
      expect(second).toBe(first);
      expect((await client.query('SELECT last_name FROM salesforce.contacts WHERE id = $1', [first])).rows).toEqual([{ last_name: 'NodeUp2' }]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  it('a Salesforce rejection is a DatabaseError with the SQLSTATE and fields', async () => {
    const error = await pool.query('INSERT INTO salesforce.contacts (last_name, email) VALUES ($1, $2)', ['Bad', 'not-an-email']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error).toMatchObject({
      code: '23514', constraint: 'INVALID_EMAIL_ADDRESS', column: 'email', table: 'contacts', schema: 'salesforce',
      detail: 'Key (email)=(not-an-email) is not a valid email address.',
    });
  });
});
