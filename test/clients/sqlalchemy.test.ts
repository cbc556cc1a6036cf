// SQLAlchemy (Debian's python3-sqlalchemy, 1.4 used in 2.0 style) over postgresql+psycopg2,
// through its ordinary APIs — Core on reflected tables, the ORM's unit of work (INSERT …
// RETURNING the Salesforce Id), postgresql.insert().on_conflict_do_update() — against pgforce;
// a Salesforce rejection is sqlalchemy.exc.IntegrityError around psycopg2's error. The
// scenarios are in python/sqlalchemy_scenarios.py; each prints what the application saw.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { runPythonScenario } from '../support/python.js';

/** What a scenario printed; the ids the test goes on with are typed. */
type Seen<T = object> = T & Record<string, unknown>;

const world = useWriteWorld();
const sqlalchemy = <T = Seen>(scenario: string, ...args: string[]) =>
  runPythonScenario<T>('sqlalchemy_scenarios.py', world.proxy.url(), scenario, ...args);

afterEach(() => world.expectMirrorEqualsOrg('Contact', 'Account'));

describe('SQLAlchemy', () => {
  it('Core: reflected tables, insert with RETURNING, a join, update, executemany, text(), delete', async () => {
    const seen = await sqlalchemy<Seen<{ account_id: string; contact: { id: string } }>>('core');
    expect(seen.sqlalchemy).toMatch(/^(1\.4|2)\./);
    expect(seen).toMatchObject({
      reflected_primary_key: ['id'],
      reflected_types: { email: 'TEXT', birthdate: 'DATE', has_opted_out_of_email: 'BOOLEAN', system_modstamp: 'TIMESTAMP' },
      account_id: expect.stringMatching(/^001/),
      contact: { id: expect.stringMatching(/^003/), last_name: 'Corer', email: 'core@sqlalchemy.org', account_id: seen.account_id, owner_id: expect.stringMatching(/^005/) },
      joined: ['Corer', 'Alchemy Core Ltd'],
      updated: 1,
      many: 3,
      counted: 3,
      deleted: 3,
    });
    expect(await world.orgRecords(`SELECT Email, Account.Name FROM Contact WHERE Id = '${seen.contact.id}'`)).toMatchObject([{ Email: 'core2@sqlalchemy.org', Account: { Name: 'Alchemy Core Ltd' } }]);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Note__c = 'sqlalchemy-core'`)).toEqual([]);
  });

  it('ORM: a Contact and its new Account in one commit, read, changed, then deleted', async () => {
    const seen = await sqlalchemy<Seen<{ created: { id: string; account_id: string; modstamp: string }; updated: { modstamp: string } }>>('orm');
    expect(seen.created).toMatchObject({ id: expect.stringMatching(/^003/), account_id: expect.stringMatching(/^001/), account: seen.created.account_id });
    // eager_defaults: the server-set SystemModstamp came back in the INSERT's and UPDATE's RETURNING.
    expect(Date.parse(seen.created.modstamp)).not.toBeNaN();
    expect(seen).toMatchObject({
      read: { last_name: 'Alchemist', account_name: 'Alchemy Corp', account_contacts: [seen.created.id] },
      updated: { email: 'alchemist@sqlalchemy.org', industry: 'Technology' },
      legacy_query_count: 1,
    });
    const [inOrg] = await world.orgRecords(`SELECT Email, AccountId, Account.Name, Account.Industry, SystemModstamp FROM Contact WHERE Id = '${seen.created.id}'`);
    expect(inOrg).toMatchObject({ Email: 'alchemist@sqlalchemy.org', AccountId: seen.created.account_id, Account: { Name: 'Alchemy Corp', Industry: 'Technology' } });
    expect(Date.parse(seen.updated.modstamp)).toBe(Date.parse(inOrg!.SystemModstamp as string));

    expect(await sqlalchemy('orm_delete', seen.created.id, seen.created.account_id)).toMatchObject({ contact: null, account: null });
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Id = '${seen.created.id}'`)).toEqual([]);
    expect(await world.orgRecords(`SELECT Id FROM Account WHERE Id = '${seen.created.account_id}'`)).toEqual([]);
  });

  it('ORM: add_all, own writes read before the commit, one of them deleted', async () => {
    const seen = await sqlalchemy<Seen<{ ids: string[] }>>('orm_many');
    expect(seen.ids).toHaveLength(3);
    expect(seen).toMatchObject({ seen: ['Alchemany0', 'Alchemany1', 'Alchemany2'], remaining: seen.ids.slice(1) });
    expect((await world.orgRecords(`SELECT LastName FROM Contact WHERE Id IN ('${seen.ids.join("', '")}') ORDER BY LastName`)).map((r) => r.LastName)).toEqual(['Alchemany1', 'Alchemany2']);
  });

  it('postgresql.insert().on_conflict_do_update on the external id: the same record twice', async () => {
    const seen = await sqlalchemy<Seen<{ first: string }>>('upsert');
    expect(seen.first).toMatch(/^003/);
    expect(seen).toMatchObject({ second: seen.first, rows: [[seen.first, 'AlUp2']], do_nothing_rowcount: 0 });
    expect(await world.orgRecords(`SELECT Id, LastName FROM Contact WHERE External_Id__c = 'sqlalchemy-1'`)).toMatchObject([{ Id: seen.first, LastName: 'AlUp2' }]);
  });

  it('a Salesforce rejection is sqlalchemy.exc.IntegrityError with .orig.pgcode 23514; the session goes on', async () => {
    const seen = await sqlalchemy<Seen<{ after_rollback: string }>>('rejection');
    const rejected = { class: 'IntegrityError', orig_class: 'CheckViolation', pgcode: '23514', constraint: 'INVALID_EMAIL_ADDRESS', column: 'email' };
    expect(seen.orm).toEqual({ ...rejected, detail: 'Key (email)=(not-an-email) is not a valid email address.' });
    expect(seen.core).toEqual({ ...rejected, detail: 'Key (email)=(still-not-an-email) is not a valid email address.' });
    expect(await world.orgRecords(`SELECT Email FROM Contact WHERE Id = '${seen.after_rollback}'`)).toMatchObject([{ Email: 'good@sqlalchemy.org' }]);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'AlBad'`)).toEqual([]);
  });
});
