// Deferred mode: inside a transaction block with pgforce.write_mode = 'deferred', writes are
// checked and staged when they run and sent at COMMIT as one atomic Composite request, with
// references between them; a rejection fails the COMMIT and nothing is applied anywhere.
import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import postgres from 'postgres';
import { frontend } from '../../src/wire/index.js';
import { useWriteWorld } from '../support/write-world.js';
import { rawLogin, readUntilClosed } from '../proxy/raw-client.js';
import { ALICE } from '../support/proxy.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact', 'Account'));

interface Notice {
  severity?: string;
  message: string;
  detail?: string;
}

async function deferredClient(): Promise<{ client: pg.Client; notices: Notice[] }> {
  const client = await world.proxy.connect();
  const notices: Notice[] = [];
  client.on('notice', (n) => notices.push(n as Notice));
  await client.query('BEGIN');
  await client.query(`SET LOCAL pgforce.write_mode = 'deferred'`);
  return { client, notices };
}

const ids = (result: pg.QueryResult) => result.rows.map((r: { changed_ids: string }) => r.changed_ids);

describe('deferred mode', () => {
  it('stages writes with placeholder ids, sends them at COMMIT as one request, references included', async () => {
    const { client, notices } = await deferredClient();
    const before = await world.apiRequests();
    const account = await client.query(`INSERT INTO salesforce.accounts (name) VALUES ('Deferred Industries')`);
    expect(account.command).toBe('INSERT');
    expect(ids(account)).toEqual(['#pgforce-000000001']);
    const contacts = await client.query(
      'INSERT INTO salesforce.contacts (last_name, email, account_id) VALUES ($1, $2, $3), ($4, $5, $3)',
      ['Staged', 'staged@deferred.example', '#pgforce-000000001', 'Staged2', 'staged2@deferred.example'],
    );
    expect(ids(contacts)).toEqual(['#pgforce-000000002', '#pgforce-000000003']);
    // Nothing reached Salesforce or the mirror yet.
    expect(await world.apiRequests()).toBe(before);
    expect((await client.query(`SELECT count(*)::int AS n FROM salesforce.contacts WHERE last_name LIKE 'Staged%'`)).rows).toEqual([{ n: 0 }]);
    await client.query('COMMIT');
    // One atomic Composite request, then one read-back per statement.
    expect(await world.apiRequests()).toBe(before + 3);
    const [created] = await world.orgRecords(`SELECT Id FROM Account WHERE Name = 'Deferred Industries'`);
    const people = await world.orgRecords(`SELECT Id, AccountId, LastName FROM Contact WHERE LastName LIKE 'Staged%' ORDER BY LastName`);
    expect(people.map((p) => p.AccountId)).toEqual([created!.Id, created!.Id]);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toBe('deferred writes applied in Salesforce: 3 new records');
    expect(notices[0]!.detail).toBe(`#pgforce-000000001 = ${created!.Id}\n#pgforce-000000002 = ${people[0]!.Id}\n#pgforce-000000003 = ${people[1]!.Id}`);
    const mirrored = await client.query(`SELECT account_id FROM salesforce.contacts WHERE last_name LIKE 'Staged%'`);
    expect(mirrored.rows).toEqual([{ account_id: created!.Id }, { account_id: created!.Id }]);
    await client.end();
  });

  it('a rejection fails the COMMIT with the Salesforce error; nothing is applied anywhere', async () => {
    const { client } = await deferredClient();
    const [target] = (await client.query(`SELECT id FROM salesforce.contacts ORDER BY id LIMIT 1`)).rows;
    await client.query(`UPDATE salesforce.contacts SET title = 'Never' WHERE id = $1`, [target.id]);
    await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('NeverCreated')`);
    await client.query(`INSERT INTO salesforce.contacts (last_name, email) VALUES ('Bad', 'pauldune.co')`);
    const error = await client.query('COMMIT').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: '23514', message: 'salesforce validation error', constraint: 'INVALID_EMAIL_ADDRESS', column: 'email', table: 'contacts',
      detail: 'Key (email)=(pauldune.co) is not a valid email address.',
    });
    expect((error as { where: string }).where).toContain('statement 3 of 3 of the deferred transaction, none of which was applied');
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'NeverCreated'`)).toEqual([]);
    expect((await world.orgRecords(`SELECT Title FROM Contact WHERE Id = '${target.id}'`))[0]!.Title).not.toBe('Never');
    // The transaction is over and the session usable.
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const [journal] = (await world.db.query(`SELECT count(*)::int AS n FROM pgforce.write_journal WHERE outcome = 'rejected' AND statement LIKE '%NeverCreated%'`)).rows;
    expect(journal).toEqual({ n: 1 });
    await client.end();
  });

  it('updates and deletes at COMMIT; ROLLBACK sends nothing', async () => {
    const { client } = await deferredClient();
    const created = ids(await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Def1'), ('Def2')`));
    await client.query('COMMIT');
    const [one, two] = (await client.query(`SELECT id FROM salesforce.contacts WHERE last_name IN ('Def1', 'Def2') ORDER BY last_name`)).rows.map((r) => r.id as string);
    expect(created).toHaveLength(2);
    await client.query('BEGIN');
    await client.query(`SET LOCAL pgforce.write_mode = 'deferred'`);
    expect(ids(await client.query(`UPDATE salesforce.contacts SET title = 'Deferred' WHERE id = $1`, [one]))).toEqual([one]);
    expect(ids(await client.query(`DELETE FROM salesforce.contacts WHERE id = $1`, [two]))).toEqual([two]);
    // Statements see the mirror as it was: the staged update is not visible yet.
    expect((await client.query('SELECT title FROM salesforce.contacts WHERE id = $1', [one])).rows).toEqual([{ title: null }]);
    await client.query('COMMIT');
    expect(await world.orgRecords(`SELECT Title FROM Contact WHERE Id = '${one}'`)).toEqual([{ attributes: expect.anything(), Title: 'Deferred' }]);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Id = '${two}'`)).toEqual([]);
    const before = await world.apiRequests();
    await client.query('BEGIN');
    await client.query(`SET LOCAL pgforce.write_mode = 'deferred'`);
    await client.query(`UPDATE salesforce.contacts SET title = 'RolledBack' WHERE id = $1`, [one]);
    await client.query('ROLLBACK');
    // A later COMMIT has nothing staged from the rolled-back block.
    await client.query('BEGIN');
    await client.query('COMMIT');
    expect(await world.apiRequests()).toBe(before);
    expect(await world.orgRecords(`SELECT Title FROM Contact WHERE Id = '${one}'`)).toEqual([{ attributes: expect.anything(), Title: 'Deferred' }]);
    await client.end();
  });

  it('a record changed by another write after its statement ran: 40001 at COMMIT, nothing applied', async () => {
    const { client } = await deferredClient();
    const [target] = (await client.query(`SELECT id FROM salesforce.contacts ORDER BY id DESC LIMIT 1`)).rows;
    await client.query(`UPDATE salesforce.contacts SET title = 'Stale' WHERE id = $1`, [target.id]);
    const other = await world.proxy.connect();
    await other.query(`UPDATE salesforce.contacts SET title = 'Fresh' WHERE id = $1`, [target.id]);
    await other.end();
    await expect(client.query('COMMIT')).rejects.toMatchObject({ code: '40001' });
    expect(await world.orgRecords(`SELECT Title FROM Contact WHERE Id = '${target.id}'`)).toEqual([{ attributes: expect.anything(), Title: 'Fresh' }]);
    await client.end();
  });

  it('per user: ALTER ROLE … SET makes deferred mode the default of that role\'s sessions', async () => {
    const role = (await world.db.query('SELECT current_user AS role, current_database() AS db')).rows[0] as { role: string; db: string };
    await world.db.query(`ALTER ROLE "${role.role}" IN DATABASE "${role.db}" SET pgforce.write_mode = 'deferred'`);
    try {
      const client = await world.proxy.connect();
      await client.query('BEGIN');
      expect(ids(await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('PerUser')`))).toEqual(['#pgforce-000000001']);
      await client.query('COMMIT');
      expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'PerUser'`)).toHaveLength(1);
      await client.end();
    } finally {
      await world.db.query(`ALTER ROLE "${role.role}" IN DATABASE "${role.db}" RESET pgforce.write_mode`);
    }
  });

  it('outside a transaction block the setting changes nothing: each statement is sent at once', async () => {
    const client = await world.proxy.connect();
    await client.query(`SET pgforce.write_mode = 'deferred'`);
    const [id] = ids(await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('AutoCommitted')`));
    expect(id).toMatch(/^003/);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE Id = '${id}'`)).toHaveLength(1);
    await client.end();
  });
});

describe('deferred mode: bad input', () => {
  it('RETURNING, a bad mode value, savepoints and an oversize transaction: precise errors, nothing sent', async () => {
    const before = await world.apiRequests();
    const { client } = await deferredClient();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('R') RETURNING id`)).rejects.toMatchObject({ code: '0A000', message: 'RETURNING is not supported in deferred write mode' });
    await client.query('ROLLBACK');

    await client.query('BEGIN');
    await client.query(`SET LOCAL pgforce.write_mode = 'later'`);
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('M')`)).rejects.toMatchObject({ code: '22023', message: 'invalid value for parameter "pgforce.write_mode": "later"' });
    await client.query('ROLLBACK');

    await client.query('BEGIN');
    await client.query(`SET LOCAL pgforce.write_mode = 'deferred'`);
    await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('S')`);
    await expect(client.query('SAVEPOINT s1')).rejects.toMatchObject({ code: '0A000', message: 'SAVEPOINT is not supported while deferred Salesforce writes are staged' });
    await expect(client.query('ROLLBACK TO SAVEPOINT s1')).rejects.toMatchObject({ code: '0A000' });
    await expect(client.query(`SELECT 1; COMMIT`)).rejects.toMatchObject({ code: '0A000' });
    // Refusals leave the transaction as it was.
    expect((await client.query(`SELECT 'still open' AS s`)).rows).toEqual([{ s: 'still open' }]);
    await client.query('ROLLBACK');

    // Five multi-record statements use the five Collections calls one Composite may hold.
    await client.query('BEGIN');
    await client.query(`SET LOCAL pgforce.write_mode = 'deferred'`);
    for (let i = 0; i < 5; i++) await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Big${i}a'), ('Big${i}b')`);
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Big5a'), ('Big5b')`)).rejects.toMatchObject({
      code: '54000', message: 'deferred transaction would no longer fit one atomic Salesforce request',
    });
    await client.query('ROLLBACK');
    expect(await world.apiRequests()).toBe(before);
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName LIKE 'Big%'`)).toEqual([]);
    await client.end();
  });

  it('a COMMIT through the extended protocol, prepared before anything was staged, sends the staged writes', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      frontend.parse('commit_stmt', 'COMMIT'), frontend.SYNC,
      frontend.query(`BEGIN; SET LOCAL pgforce.write_mode = 'deferred'`),
      frontend.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Extended')`),
      frontend.bind('', 'commit_stmt', [], [], []), frontend.execute(''), frontend.SYNC,
      frontend.TERMINATE,
    ]));
    const bytes = (await readUntilClosed(socket)).toString('latin1');
    expect(bytes).toContain('deferred writes applied in Salesforce: 1 new record');
    expect(bytes).toContain('COMMIT\0');
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'Extended'`)).toHaveLength(1);
  });

  it('a block opened earlier in the same pipeline: the INSERT is staged, and journaled once, when COMMIT sends it', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    const sql = 'INSERT INTO salesforce.contacts (last_name) VALUES ($1)';
    const step = (text: string, values: string[] = []) => [
      frontend.parse('', text), frontend.bind('', '', [], values.map((v) => Buffer.from(v)), []), frontend.execute(''),
    ];
    socket.write(Buffer.concat([
      ...step('BEGIN'), ...step(`SET LOCAL pgforce.write_mode = 'deferred'`), ...step(sql, ['PipelineStaged']), frontend.SYNC,
      frontend.query('COMMIT'),
      frontend.TERMINATE,
    ]));
    const bytes = (await readUntilClosed(socket)).toString('latin1');
    expect(bytes).toContain('#pgforce-000000001');
    expect(bytes).toContain('deferred writes applied in Salesforce: 1 new record');
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'PipelineStaged'`)).toHaveLength(1);
    const { rows } = await world.db.query(`SELECT outcome, records FROM pgforce.write_journal WHERE statement = $1 OR outcome = 'pending'`, [sql]);
    expect(rows).toEqual([{ outcome: 'accepted', records: 1 }]);
  });

  it('a SAVEPOINT prepared before anything was staged and executed after is refused; the block stays open', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      frontend.parse('sp', 'SAVEPOINT s1'), frontend.SYNC,
      frontend.query(`BEGIN; SET LOCAL pgforce.write_mode = 'deferred'`),
      frontend.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Saved')`),
      frontend.bind('', 'sp', [], [], []), frontend.execute(''), frontend.SYNC,
      frontend.query('COMMIT'),
      frontend.TERMINATE,
    ]));
    const bytes = (await readUntilClosed(socket)).toString('latin1');
    expect(bytes).toContain('SAVEPOINT is not supported while deferred Salesforce writes are staged');
    expect(bytes).toContain('deferred writes applied in Salesforce: 1 new record');
    expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'Saved'`)).toHaveLength(1);
  });

  it('postgres.js sql.begin (COMMIT through the extended protocol): applied at COMMIT; a rejection rejects sql.begin', async () => {
    const sql = postgres(world.proxy.url(), { max: 1, onnotice: () => {} });
    try {
      const placeholder = await sql.begin(async (tx) => {
        await tx`SET LOCAL pgforce.write_mode = 'deferred'`;
        const [row] = await tx`INSERT INTO salesforce.contacts (last_name) VALUES (${'PjsDeferred'})`;
        return row!.changed_ids as string;
      });
      expect(placeholder).toBe('#pgforce-000000001');
      expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'PjsDeferred'`)).toHaveLength(1);
      const failed = await sql.begin(async (tx) => {
        await tx`SET LOCAL pgforce.write_mode = 'deferred'`;
        await tx`INSERT INTO salesforce.contacts (last_name) VALUES (${'PjsNever'})`;
        await tx`INSERT INTO salesforce.contacts (last_name, email) VALUES (${'PjsBad'}, ${'nope'})`;
      }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: '23514' });
      expect(await world.orgRecords(`SELECT Id FROM Contact WHERE LastName = 'PjsNever'`)).toEqual([]);
      expect(await sql`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    } finally {
      await sql.end();
    }
  });
});
