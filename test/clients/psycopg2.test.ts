// psycopg2 (Debian's python3-psycopg2), through its ordinary API — %s parameters, the implicit
// transaction and conn.commit(), RETURNING, executemany, execute_values, a named cursor — against
// pgforce: Contacts and Accounts created, read, updated, deleted and upserted in Salesforce; a
// Salesforce rejection is psycopg2's own exception class with pgcode and diag. The scenarios
// are in python/psycopg2_scenarios.py; each prints what the application saw.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { runPythonScenario } from '../support/python.js';

/** What a scenario printed; the ids the test goes on with are typed. */
type Seen<T = object> = T & Record<string, unknown>;

const world = useWriteWorld();
const psycopg2 = <T = Seen>(scenario: string, ...args: string[]) =>
  runPythonScenario<T>('psycopg2_scenarios.py', world.proxy.url(), scenario, ...args);

afterEach(() => world.expectMirrorEqualsOrg('Contact', 'Account'));

describe('psycopg2', () => {
  it('creates, reads, updates and deletes a Contact of a new Account', async () => {
    const seen = await psycopg2<Seen<{ account: { id: string }; contact: { id: string } }>>('crud');
    expect(seen.account).toMatchObject({ id: expect.stringMatching(/^001/), name: 'Psycopg Industries' });
    expect(seen.contact).toMatchObject({ id: expect.stringMatching(/^003/), last_name: 'Psycopger', email: 'p@psycopg.org', account_id: seen.account.id });
    expect(seen).toMatchObject({
      system_modstamp_type: 'datetime',
      in_transaction: true,
      joined: ['Psycopger', 'Psycopg Industries'],
      updated: { rowcount: 1, rows: [[seen.contact.id, 'new@psycopg.org']] },
      account_updated: 1,
    });
    expect(await world.orgRecords(`SELECT Email, AccountId FROM Contact WHERE Id = '${seen.contact.id}'`)).toMatchObject([{ Email: 'new@psycopg.org', AccountId: seen.account.id }]);
    expect(await world.orgRecords(`SELECT Name, Industry FROM Account WHERE Id = '${seen.account.id}'`)).toMatchObject([{ Name: 'Psycopg Holdings', Industry: 'Technology' }]);

    expect(await psycopg2('delete', seen.contact.id, seen.account.id)).toEqual({ contacts_deleted: 1, accounts_deleted: 1, remaining: 0 });
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Id = '${seen.contact.id}'`)).toEqual([]);
    expect(await world.orgRecords(`SELECT Id FROM Account WHERE Id = '${seen.account.id}'`)).toEqual([]);
  });

  it('upserts on the external id: the same record twice', async () => {
    const seen = await psycopg2<{ first: string; second: string; rows: unknown }>('upsert');
    expect(seen.first).toMatch(/^003/);
    expect(seen.second).toBe(seen.first);
    expect(seen.rows).toEqual([[seen.first, 'PsyUp2']]);
    expect(await world.orgRecords(`SELECT Id, LastName FROM Contact WHERE External_Id__c = 'psycopg2-1'`)).toMatchObject([{ Id: seen.first, LastName: 'PsyUp2' }]);
  });

  it('inserts an existing Account again with ON CONFLICT (id) DO NOTHING: nothing happens', async () => {
    const seen = await psycopg2<{ account_id: string; again: unknown }>('account_do_nothing');
    expect(seen.again).toEqual({ rowcount: 0, rows: [] });
    expect(await world.orgRecords(`SELECT Name FROM Account WHERE Id = '${seen.account_id}'`)).toMatchObject([{ Name: 'Psycopg Once' }]);
  });

  it('writes in one transaction block: reads its own writes, executemany, execute_values, a named cursor', async () => {
    const seen = await psycopg2<Seen<{ values_ids: string[] }>>('transaction');
    expect(seen).toMatchObject({
      own_read: 'PsyTrx',
      executemany_rowcount: 3,
      in_transaction: true,
      idle_after_commit: true,
      names: ['PsyMany1', 'PsyMany2', 'PsyMany3', 'PsyTrx', 'PsyValues1', 'PsyValues2'],
      deleted: 2,
    });
    expect(seen.values_ids).toHaveLength(2);
    const names = (await world.orgRecords(`SELECT LastName FROM Contact WHERE Note__c = 'psycopg2-trx' ORDER BY LastName`)).map((r) => r.LastName);
    expect(names).toEqual(['PsyMany1', 'PsyMany2', 'PsyTrx', 'PsyValues1']);
  });

  it('conn.rollback() after a write: Salesforce keeps it and psycopg2 collects the WARNING', async () => {
    const seen = await psycopg2<{ id: string; notices: string[]; after: unknown }>('rollback');
    expect(seen.notices).toHaveLength(1);
    expect(seen.notices[0]).toMatch(/^WARNING: {2}Salesforce cannot roll back: 1 record change made in this transaction stays applied\nDETAIL: {2}INSERT on Contact: 003/);
    expect(seen.after).toEqual([['PsyRolledBack']]);
    expect(await world.orgRecords(`SELECT LastName FROM Contact WHERE Id = '${seen.id}'`)).toMatchObject([{ LastName: 'PsyRolledBack' }]);
  });

  it('a Salesforce rejection is psycopg2.errors.CheckViolation with pgcode and diag; the connection goes on', async () => {
    const seen = await psycopg2('rejection');
    expect(seen.invalid_email).toEqual({
      class: 'CheckViolation',
      integrity_error: true,
      pgcode: '23514',
      constraint: 'INVALID_EMAIL_ADDRESS',
      column: 'email',
      table: 'contacts',
      schema: 'salesforce',
      detail: 'Key (email)=(not-an-email) is not a valid email address.',
    });
    expect(seen.failed_transaction).toBe(true);
    expect(seen.duplicate).toMatchObject({ class: 'UniqueViolation', pgcode: '23505', constraint: 'DUPLICATE_VALUE', column: 'external_id' });
    expect(seen.autocommit_update).toBe(1);
    expect(await world.orgRecords(`SELECT LastName FROM Contact WHERE External_Id__c = 'psycopg2-dup'`)).toMatchObject([{ LastName: 'PsyStillFirst' }]);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName IN ('PsyBad', 'PsyDup')`)).toEqual([]);
  });
});
