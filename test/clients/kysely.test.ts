// Kysely, through its ordinary API (RETURNING, onConflict, transactions), against pgforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

interface Database {
  contacts: { id: string; last_name: string | null; email: string | null; external_id: string | null; account_id: string | null; note: string | null };
  accounts: { id: string; name: string | null };
}

const world = useWriteWorld();
let db: Kysely<Database>;

beforeAll(() => {
  const pool = new pg.Pool({ connectionString: world.proxy.url(), max: 2 });
  // An idle connection ended by the proxy's shutdown after the file is not a test failure.
  pool.on('error', () => {});
  db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
});
afterAll(async () => {
  await db.destroy();
});

const sf = () => db.withSchema('salesforce');

describe('Kysely', () => {
  it('creates, reads, updates and deletes a Contact of an Account', async () => {
    const account = await sf().insertInto('accounts').values({ name: 'Kysely Corp' } as never).returning(['id']).executeTakeFirstOrThrow();
    const contact = await sf().insertInto('contacts').values({ last_name: 'Kyser', account_id: account.id } as never).returning(['id', 'last_name', 'account_id']).executeTakeFirstOrThrow();
    expect(contact).toEqual({ id: expect.stringMatching(/^003/), last_name: 'Kyser', account_id: account.id });
    const read = await sf().selectFrom('contacts').select(['last_name']).where('id', '=', contact.id).executeTakeFirst();
    expect(read).toEqual({ last_name: 'Kyser' });
    const updated = await sf().updateTable('contacts').set({ note: 'from kysely' }).where('id', '=', contact.id).returning(['note']).execute();
    expect(updated).toEqual([{ note: 'from kysely' }]);
    const deleted = await sf().deleteFrom('contacts').where('id', '=', contact.id).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(1n);
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE Id = '${contact.id}'`)).body.records).toEqual([]);
  });

  it('upserts on the external id', async () => {
    const upsert = (lastName: string) => sf().insertInto('contacts').values({ last_name: lastName, external_id: 'kysely-1' } as never)
      .onConflict((oc) => oc.column('external_id').doUpdateSet((eb) => ({ last_name: eb.ref('excluded.last_name') })))
      .returning(['id']).executeTakeFirstOrThrow();
    const first = await upsert('KyUp1');
    const second = await upsert('KyUp2');
    expect(second.id).toBe(first.id);
  });

  it('transactions, and a rejection as the database error with the SQLSTATE', async () => {
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx.withSchema('salesforce').insertInto('contacts').values({ last_name: 'KyTrx' } as never).returning(['id']).executeTakeFirstOrThrow();
      return row.id;
    });
    expect(id).toMatch(/^003/);
    await expect(sf().updateTable('contacts').set({ email: 'nope' }).where('id', '=', id).execute()).rejects.toMatchObject({ code: '23514', column: 'email' });
  });
});
