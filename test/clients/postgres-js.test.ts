// postgres.js, through its ordinary API (tagged templates: extended protocol, prepared
// statements; sql.begin for transactions; its insert/update helpers), against pgforce:
// Contacts and Accounts created, read, updated, deleted and upserted in Salesforce; a
// Salesforce rejection is postgres.js's normal PostgresError with the SQLSTATE.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { useWriteWorld } from '../support/write-world.js';

const world = useWriteWorld();
let sql: postgres.Sql;

beforeAll(() => {
  sql = postgres(world.proxy.url(), { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await sql.end();
});
afterEach(() => world.expectMirrorEqualsOrg('Contact', 'Account'));

describe('postgres.js', () => {
  it('creates, reads, updates and deletes a Contact of a new Account (insert/update helpers, RETURNING)', async () => {
    const [account] = await sql`INSERT INTO salesforce.accounts ${sql({ name: 'Postgres.js Ltd' })} RETURNING id, name`;
    expect(account!.id).toMatch(/^001/);
    const [contact] = await sql`INSERT INTO salesforce.contacts ${sql({ last_name: 'Porsgres', email: 'p@pjs.example', account_id: account!.id })} RETURNING *`;
    expect(contact).toMatchObject({ last_name: 'Porsgres', email: 'p@pjs.example', account_id: account!.id });
    expect(contact!.system_modstamp).toBeInstanceOf(Date);
    expect(await sql`SELECT last_name FROM salesforce.contacts WHERE id = ${contact!.id}`).toEqual([{ last_name: 'Porsgres' }]);
    const updated = await sql`UPDATE salesforce.contacts SET ${sql({ email: 'new@pjs.example', note: 'via postgres.js' })} WHERE id = ${contact!.id} RETURNING id, email`;
    expect([...updated]).toEqual([{ id: contact!.id, email: 'new@pjs.example' }]);
    expect(await world.orgRecords(`SELECT Email FROM Contact WHERE Id = '${contact!.id}'`)).toMatchObject([{ Email: 'new@pjs.example' }]);
    const deleted = await sql`DELETE FROM salesforce.contacts WHERE id = ${contact!.id}`;
    expect(deleted.count).toBe(1);
    await sql`DELETE FROM salesforce.accounts WHERE id = ${account!.id}`;
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Id = '${contact!.id}'`)).toEqual([]);
  });

  it('upserts on the external id: the same record twice', async () => {
    const upsert = (lastName: string) => sql`INSERT INTO salesforce.contacts ${sql({ last_name: lastName, external_id: 'pjs-1' })}
      ON CONFLICT (external_id) DO UPDATE SET last_name = EXCLUDED.last_name RETURNING id`;
    const [first] = await upsert('PjsUp1');
    const [second] = await upsert('PjsUp2');
    expect(second!.id).toBe(first!.id);
    expect(await world.orgRecords(`SELECT LastName FROM Contact WHERE Id = '${first!.id}'`)).toMatchObject([{ LastName: 'PjsUp2' }]);
  });

  it('sql.begin: writes inside the transaction, reads its own writes, commits', async () => {
    const id = await sql.begin(async (tx) => {
      const [row] = await tx`INSERT INTO salesforce.contacts (last_name) VALUES (${'PjsTrx'}) RETURNING id`;
      expect(await tx`SELECT last_name FROM salesforce.contacts WHERE id = ${row!.id}`).toEqual([{ last_name: 'PjsTrx' }]);
      return row!.id as string;
    });
    expect(await world.orgRecords(`SELECT LastName FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ LastName: 'PjsTrx' }]);
  });

  it('a Salesforce rejection is a PostgresError with the SQLSTATE, and a rejected sql.begin rolls back', async () => {
    const error = await sql`INSERT INTO salesforce.contacts (last_name, email) VALUES (${'Bad'}, ${'not-an-email'})`.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(postgres.PostgresError);
    expect(error).toMatchObject({
      code: '23514', constraint_name: 'INVALID_EMAIL_ADDRESS', column_name: 'email', detail: 'Key (email)=(not-an-email) is not a valid email address.',
    });
    const failed = await sql.begin(async (tx) => {
      await tx`INSERT INTO salesforce.contacts (last_name, email) VALUES (${'BadInTrx'}, ${'nope'})`;
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: '23514' });
    expect(await sql`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });
});
