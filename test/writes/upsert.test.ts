// INSERT … ON CONFLICT: DO UPDATE on an external id becomes a Salesforce upsert on that field,
// honouring the SET list; DO NOTHING skips records that already exist and reports only those
// created; a conflict target Salesforce cannot match on is a clear error.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact'));

async function org(where: string): Promise<Array<Record<string, unknown>>> {
  return (await soql(world.harness.session, `SELECT Id, LastName, Note__c, External_Id__c FROM Contact WHERE ${where} ORDER BY LastName`)).body.records as Array<Record<string, unknown>>;
}

const upsert = (lastName: string, ext: string, note = 'n') =>
  `INSERT INTO salesforce.contacts (last_name, external_id, note) VALUES ('${lastName}', '${ext}', '${note}') ON CONFLICT (external_id) DO UPDATE SET last_name = EXCLUDED.last_name`;

describe('ON CONFLICT (external id) DO UPDATE', () => {
  it('creates, then updates the same record', async () => {
    const client = await world.proxy.connect();
    const first = await client.query(`${upsert('Upsert1', 'ext-42')} RETURNING id`);
    const second = await client.query(`${upsert('Upsert2', 'ext-42')} RETURNING id`);
    expect(second.rows[0].id).toBe(first.rows[0].id);
    expect([second.command, second.rowCount]).toEqual(['INSERT', 1]);
    expect(await org(`External_Id__c = 'ext-42'`)).toMatchObject([{ Id: first.rows[0].id, LastName: 'Upsert2' }]);
  });

  it('changes only the SET columns of an existing record', async () => {
    const client = await world.proxy.connect();
    await client.query(upsert('Keeper', 'ext-keep', 'keep this note'));
    await client.query(upsert('Renamed', 'ext-keep', 'not this one'));
    expect(await org(`External_Id__c = 'ext-keep'`)).toMatchObject([{ LastName: 'Renamed', Note__c: 'keep this note' }]);
  });

  it('several rows, existing and new, in one API request', async () => {
    const client = await world.proxy.connect();
    await client.query(upsert('Old', 'ext-multi-1'));
    const before = await world.apiRequests();
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('Old2', 'ext-multi-1'), ('New2', 'ext-multi-2')
      ON CONFLICT (external_id) DO UPDATE SET last_name = EXCLUDED.last_name`);
    expect([result.command, result.rowCount]).toEqual(['INSERT', 2]);
    expect(await world.apiRequests()).toBe(before + 1);
    expect((await org(`External_Id__c IN ('ext-multi-1', 'ext-multi-2')`)).map((r) => r.LastName)).toEqual(['New2', 'Old2']);
  });
});

describe('ON CONFLICT … DO UPDATE with SET expressions and WHERE', () => {
  it('computes SET expressions from the existing record and EXCLUDED, as Postgres does', async () => {
    const client = await world.proxy.connect();
    await client.query(upsert('Expr', 'ext-expr', 'first'));
    const result = await client.query(`INSERT INTO salesforce.contacts AS c (last_name, external_id, note) VALUES ('ExprNew', 'ext-expr', 'second'), ('ExprFresh', 'ext-expr-2', 'fresh')
      ON CONFLICT (external_id) DO UPDATE SET note = c.note || ' + ' || EXCLUDED.note, title = upper(EXCLUDED.last_name) RETURNING last_name, note, title`);
    expect(result.rows).toEqual([
      { last_name: 'Expr', note: 'first + second', title: 'EXPRNEW' },
      { last_name: 'ExprFresh', note: 'fresh', title: null },
    ]);
    expect(await org(`External_Id__c IN ('ext-expr', 'ext-expr-2')`)).toMatchObject([{ LastName: 'Expr', Note__c: 'first + second' }, { LastName: 'ExprFresh', Note__c: 'fresh' }]);
  });

  it('a WHERE that is not true leaves the record alone, unreported; parameters work in SET and WHERE', async () => {
    const client = await world.proxy.connect();
    await client.query(upsert('Guarded', 'ext-where', 'locked'));
    const sql = `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ($1, $2)
      ON CONFLICT (external_id) DO UPDATE SET last_name = $3 WHERE contacts.note <> $4 RETURNING id`;
    const before = await world.apiRequests();
    const skipped = await client.query(sql, ['Ignored', 'ext-where', 'Changed', 'locked']);
    expect([skipped.command, skipped.rowCount, skipped.rows]).toEqual(['INSERT', 0, []]);
    expect(await world.apiRequests()).toBe(before);
    const applied = await client.query(sql, ['Ignored', 'ext-where', 'Changed', 'other']);
    expect(applied.rowCount).toBe(1);
    expect(await org(`External_Id__c = 'ext-where'`)).toMatchObject([{ LastName: 'Changed', Note__c: 'locked' }]);
  });
});

describe('ON CONFLICT DO NOTHING', () => {
  it('on the Id: an existing record is skipped; a new row with an Id is refused once evaluated', async () => {
    const client = await world.proxy.connect();
    const [{ id }] = (await client.query(`SELECT id FROM salesforce.contacts ORDER BY id LIMIT 1`)).rows;
    const result = await client.query(`INSERT INTO salesforce.contacts (id, last_name) VALUES ($1, 'Twice') ON CONFLICT (id) DO NOTHING`, [id]);
    expect([result.command, result.rowCount]).toEqual(['INSERT', 0]);
    await expect(client.query(`INSERT INTO salesforce.contacts (id, last_name) VALUES ('003000000000000AAA', 'New') ON CONFLICT DO NOTHING`)).rejects.toMatchObject({ code: '428C9' });
  });

  it('skips existing records and reports only those created', async () => {
    const client = await world.proxy.connect();
    const [{ changed_ids: existing }] = (await client.query(upsert('Exists', 'ext-nothing-1'))).rows;
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('Exists again', 'ext-nothing-1'), ('Fresh', 'ext-nothing-2')
      ON CONFLICT (external_id) DO NOTHING`);
    expect([result.command, result.rowCount]).toEqual(['INSERT', 1]);
    expect(result.rows[0].changed_ids).not.toBe(existing);
    expect((await org(`External_Id__c IN ('ext-nothing-1', 'ext-nothing-2')`)).map((r) => r.LastName)).toEqual(['Exists', 'Fresh']);
  });

  it('all rows existing: INSERT 0 0 and no Salesforce call; without a target it uses the external id inserted', async () => {
    const client = await world.proxy.connect();
    await client.query(upsert('Already', 'ext-nothing-3'));
    const before = await world.apiRequests();
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('Already', 'ext-nothing-3') ON CONFLICT DO NOTHING`);
    expect([result.command, result.rowCount]).toEqual(['INSERT', 0]);
    expect(await world.apiRequests()).toBe(before);
  });
});

describe('bad ON CONFLICT', () => {
  it.each([
    ['a column Salesforce cannot match on', `INSERT INTO salesforce.contacts (last_name) VALUES ('x') ON CONFLICT (last_name) DO UPDATE SET last_name = EXCLUDED.last_name`, { code: '42P10' }],
    ['DO UPDATE without a conflict target', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('x', 'e') ON CONFLICT DO UPDATE SET last_name = EXCLUDED.last_name`, { code: '42601' }],
    ['SET of a column Salesforce computes', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('x', 'e') ON CONFLICT (external_id) DO UPDATE SET created_date = now()`, { code: '428C9' }],
    ['SET to DEFAULT', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('x', 'e') ON CONFLICT (external_id) DO UPDATE SET note = DEFAULT`, { code: '0A000' }],
    ['SET of an unknown column', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('x', 'e') ON CONFLICT (external_id) DO UPDATE SET nope = 1`, { code: '42703' }],
    ['a WHERE naming an unknown column', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('x', 'e') ON CONFLICT (external_id) DO UPDATE SET note = 'n' WHERE contacts.nope = 1`, { code: '42703' }],
    ['the key not inserted', `INSERT INTO salesforce.contacts (last_name) VALUES ('x') ON CONFLICT (external_id) DO NOTHING`, { code: '0A000' }],
  ])('%s', async (_name, sql, expected) => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    await expect(client.query(sql)).rejects.toMatchObject(expected);
    expect(await world.apiRequests()).toBe(before);
  });
});
