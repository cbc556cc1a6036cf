// No bypass, read-only users and the journal: every write shape the proxy does not carry to
// Salesforce is refused with 0A000 and what to do instead; read-only users get 25006; every
// change pgforce makes is journaled.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { useWriteWorld } from '../support/write-world.js';
import { READER } from '../support/proxy.js';
import { ensureJournal } from '../../src/writes/journal.js';

const world = useWriteWorld();

describe('shapes that are not carried to Salesforce', () => {
  it.each([
    ['COPY FROM', `COPY salesforce.contacts (last_name) FROM STDIN`, 'INSERT … VALUES'],
    ['TRUNCATE', `TRUNCATE salesforce.contacts`, 'DELETE … WHERE'],
    ['MERGE', `MERGE INTO salesforce.contacts c USING (SELECT 'x' AS n) s ON c.last_name = s.n WHEN MATCHED THEN DELETE`, 'INSERT, UPDATE and DELETE'],
    ['a data-modifying WITH query', `WITH d AS (DELETE FROM salesforce.contacts RETURNING id) SELECT count(*) FROM d`, 'statement of its own'],
    ['EXPLAIN ANALYZE of a write', `EXPLAIN ANALYZE DELETE FROM salesforce.contacts`, 'EXPLAIN without ANALYZE'],
    ['DDL', `ALTER TABLE salesforce.contacts ADD COLUMN shoe_size int`, 'change the object in Salesforce'],
    ['triggers', `CREATE TRIGGER t BEFORE INSERT ON salesforce.contacts FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()`, 'triggers on them'],
    ['SELECT INTO', `SELECT * INTO salesforce.copy_of_contacts FROM salesforce.contacts`, 'outside the salesforce schema'],
    ['PREPARE', `PREPARE p AS DELETE FROM salesforce.contacts`, 'INSERT, UPDATE or DELETE'],
  ])('%s: 0A000 with what to do instead', async (shape, sql, hint) => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    const error = await client.query(sql).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '0A000', message: expect.stringContaining(`carry ${shape} on salesforce.`), hint: expect.stringContaining(hint) });
    expect(await world.apiRequests()).toBe(before);
    expect((await client.query('SELECT count(*)::int > 0 AS kept FROM salesforce.contacts')).rows).toEqual([{ kept: true }]);
  });

  it.each([
    ['RETURNING of anything but the mirrored table\'s columns', `UPDATE salesforce.contacts c SET note = 'x' FROM salesforce.accounts a WHERE c.account_id = a.id RETURNING a.name`],
    ['ON CONFLICT ON CONSTRAINT', `INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('r', 'E1') ON CONFLICT ON CONSTRAINT contacts_pkey DO NOTHING`],
    ['WHERE CURRENT OF', `UPDATE salesforce.contacts SET note = 'x' WHERE CURRENT OF c`],
  ])('%s: not supported yet, 0A000', async (clause, sql) => {
    const client = await world.proxy.connect();
    await expect(client.query(sql)).rejects.toMatchObject({ code: '0A000', message: `pgforce does not support ${clause} on mirrored tables` });
  });
});

describe("the guard's escape hatch is pgforce's alone", () => {
  it.each([
    `SET pgforce.mirror_writer = 'on'`,
    `SELECT set_config('pgforce.mirror_writer', 'on', false)`,
  ])('%s: 42501', async (sql) => {
    const client = await world.proxy.connect();
    await expect(client.query(sql)).rejects.toMatchObject({ code: '42501', message: 'pgforce.mirror_writer can only be set by pgforce itself' });
    expect((await client.query(`SELECT current_setting('pgforce.mirror_writer', true) AS v`).catch((e: unknown) => e))).toMatchObject({ code: '42501' });
  });

  it('a startup option setting it: FATAL 42501', async () => {
    const client = new pg.Client({ connectionString: world.proxy.url(), options: '-c pgforce.mirror_writer=on' });
    await expect(client.connect()).rejects.toMatchObject({ code: '42501' });
  });
});

describe('read-only users', () => {
  it.each([
    `INSERT INTO salesforce.contacts (last_name) VALUES ('ro')`,
    `UPDATE salesforce.contacts SET note = 'ro'`,
    `DELETE FROM salesforce.contacts`,
  ])('%s: 25006, nothing sent', async (sql) => {
    const client = await world.proxy.connect(READER);
    const before = await world.apiRequests();
    await expect(client.query(sql)).rejects.toMatchObject({ code: '25006' });
    expect(await world.apiRequests()).toBe(before);
  });
});

describe('the journal', () => {
  it('records who changed what, when, and how it ended', async () => {
    const client = await world.proxy.connect();
    const inserted = await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Journaled1'), ('Journaled2')`);
    const ids = inserted.rows.map((r) => r.changed_ids);
    await client.query(`UPDATE salesforce.contacts SET note = 'j' WHERE id = ANY($1)`, [ids]);
    await client.query(`DELETE FROM salesforce.contacts WHERE id = ANY($1)`, [ids]);
    const { rows } = await world.db.query(
      `SELECT proxy_user, operation, sobject, records, ids, outcome, api_requests, finished_at >= started_at AS timed, statement
       FROM pgforce.write_journal WHERE ids && $1 ORDER BY id`, [ids]);
    expect(rows.map((r) => [r.proxy_user, r.operation, r.sobject, r.records, [...r.ids].sort(), r.outcome, r.api_requests, r.timed])).toEqual([
      ['alice', 'insert', 'Contact', 2, [...ids].sort(), 'accepted', 1, true],
      ['alice', 'update', 'Contact', 2, [...ids].sort(), 'accepted', 1, true],
      ['alice', 'delete', 'Contact', 2, [...ids].sort(), 'accepted', 1, true],
    ]);
    expect(rows[1].statement).toBe(`UPDATE salesforce.contacts SET note = 'j' WHERE id = ANY($1)`);
  });

  // An INSERT's entry is written while its rows are evaluated (before their number is known):
  // a statement that ends up sending nothing must not leave one behind.
  it.each<[string, string, unknown[], string | undefined]>([
    ['matches no rows', `INSERT INTO salesforce.contacts (last_name) SELECT 'NoEntry1' WHERE false`, [], undefined],
    ['matches no rows (bind parameters)', `INSERT INTO salesforce.contacts (last_name) SELECT $1 WHERE $2`, ['NoEntry2', false], undefined],
    ['fails in Postgres', `INSERT INTO salesforce.contacts (last_name) VALUES ('NoEntry3' || 1 / (SELECT 0))`, [], '22012'],
    ['fails in Postgres (bind parameters)', `INSERT INTO salesforce.contacts (last_name) VALUES ($1::text || 1 / $2::int)`, ['NoEntry4', 0], '22012'],
    ['is over the size limit', `INSERT INTO salesforce.contacts (last_name) SELECT 'NoEntry5' || g FROM generate_series(1, 1001) g`, [], '54000'],
  ])('an INSERT that %s sends nothing and leaves no entry', async (_, sql, values, code) => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    const outcome = await client.query(sql, values).then((r) => r.rowCount, (e: { code: string }) => e.code);
    expect(outcome).toBe(code ?? 0);
    expect(await world.apiRequests()).toBe(before);
    const { rows } = await world.db.query(`SELECT count(*)::int AS n FROM pgforce.write_journal WHERE statement = $1 OR outcome = 'pending'`, [sql]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('a journal made by an earlier version (records NOT NULL) is brought up to date at start', async () => {
    await world.db.query('ALTER TABLE pgforce.write_journal ALTER COLUMN records SET NOT NULL');
    await ensureJournal(world.db);
    const { rows } = await world.db.query(`SELECT attnotnull FROM pg_attribute WHERE attrelid = 'pgforce.write_journal'::regclass AND attname = 'records'`);
    expect(rows).toEqual([{ attnotnull: false }]);
  });

  it('an INSERT sent with bind parameters is journaled with its number of records', async () => {
    const client = await world.proxy.connect();
    const sql = `INSERT INTO salesforce.contacts (last_name) VALUES ($1), ($2), ($3)`;
    const inserted = await client.query(sql, ['Counted1', 'Counted2', 'Counted3']);
    const { rows } = await world.db.query(`SELECT records, outcome, ids FROM pgforce.write_journal WHERE statement = $1`, [sql]);
    expect(rows).toEqual([{ records: 3, outcome: 'accepted', ids: inserted.rows.map((r) => r.changed_ids) }]);
  });
});
