// Knex, through its ordinary API (RETURNING, upsert with onConflict().merge(), transactions),
// against pgforce: Contacts and Accounts created, read, updated, deleted and upserted in
// Salesforce; a Salesforce rejection is Knex's normal database error with the SQLSTATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knexFactory, { type Knex } from 'knex';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();
let knex: Knex;

beforeAll(() => {
  knex = knexFactory({ client: 'pg', connection: world.proxy.url(), pool: { min: 0, max: 2 } });
});
afterAll(async () => {
  await knex.destroy();
});

const contacts = () => knex.withSchema('salesforce').table('contacts');

describe('Knex', () => {
  it('creates, reads, updates and deletes a Contact of an Account', async () => {
    const [account] = await knex.withSchema('salesforce').table('accounts').insert({ name: 'Knex Industries' }).returning(['id', 'name']);
    expect(account.id).toMatch(/^001/);
    const [contact] = await contacts().insert({ last_name: 'Knexer', email: 'k@knex.io', account_id: account.id }).returning('*');
    expect(contact).toMatchObject({ last_name: 'Knexer', email: 'k@knex.io', account_id: account.id });
    expect(contact.system_modstamp).toBeInstanceOf(Date);
    expect(await contacts().where({ id: contact.id }).first('last_name')).toEqual({ last_name: 'Knexer' });
    const updated = await contacts().where({ id: contact.id }).update({ email: 'new@knex.io' }, ['id', 'email']);
    expect(updated).toEqual([{ id: contact.id, email: 'new@knex.io' }]);
    expect(await contacts().where({ id: contact.id }).del()).toBe(1);
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE Id = '${contact.id}'`)).body.records).toEqual([]);
  });

  it('upserts on the external id', async () => {
    const upsert = (lastName: string) => contacts().insert({ last_name: lastName, external_id: 'knex-1' }).onConflict('external_id').merge(['last_name']).returning('id');
    const [first] = await upsert('KnexUp1');
    const [second] = await upsert('KnexUp2');
    expect(second.id).toBe(first.id);
    expect(await contacts().where({ id: first.id }).first('last_name')).toEqual({ last_name: 'KnexUp2' });
  });

  it('writes inside a transaction and reads its own writes', async () => {
    const id = await knex.transaction(async (trx) => {
      const [row] = await trx.withSchema('salesforce').table('contacts').insert({ last_name: 'InTrx' }).returning('id');
      expect(await trx.withSchema('salesforce').table('contacts').where({ id: row.id }).first('last_name')).toEqual({ last_name: 'InTrx' });
      return row.id as string;
    });
    expect(id).toMatch(/^003/);
  });

  it('a Salesforce rejection is a normal database error with the SQLSTATE', async () => {
    const error = await contacts().insert({ last_name: 'Bad', email: 'not-an-email' }).returning('id').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23514', constraint: 'INVALID_EMAIL_ADDRESS', column: 'email', detail: 'Key (email)=(not-an-email) is not a valid email address.' });
  });
});
