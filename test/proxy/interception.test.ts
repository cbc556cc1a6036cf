// The interception hook: writes to mirrored tables are refused with 0A000 (until the write
// path exists), read-only users get 25006 on any write, and everything else is relayed. The
// refusal is ordered after the upstream's answers to what came before it.
import { describe, expect, it, beforeAll } from 'vitest';
import postgres from 'postgres';
import { ensureCatalog, saveMirrorTable } from '../../src/mirror/catalog.js';
import { frontend } from '../../src/wire/index.js';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, READER, useProxy } from '../support/proxy.js';
import { rawLogin, readUntilClosed } from './raw-client.js';

const db = useTestDatabase();
const proxy = useProxy(db);

beforeAll(async () => {
  await ensureCatalog(db.client);
  await db.client.query(`CREATE TABLE salesforce.contacts (id text PRIMARY KEY, email text)`);
  await db.client.query(`INSERT INTO salesforce.contacts VALUES ('003000000000001AAA', 'a@example.com')`);
  await db.client.query(`INSERT INTO pgforce.mirror_tables (table_name, sobject) VALUES ('contacts', 'Contact')`);
  await db.client.query(`CREATE TABLE public.notes (id serial PRIMARY KEY, body text)`);
  await db.client.query(`CREATE TABLE public.contacts (id int)`);
  await proxy.proxy.refreshMirrorNames();
});

const refusedInsert = { code: '0A000', message: 'pgforce does not carry INSERT on salesforce.contacts to Salesforce yet', schema: 'salesforce', table: 'contacts' };

describe('writes to mirrored tables', () => {
  it('refuses a simple-protocol INSERT with 0A000 and the session lives on', async () => {
    const client = await proxy.connect();
    await expect(client.query(`INSERT INTO salesforce.contacts VALUES ('x', 'y')`)).rejects.toMatchObject(refusedInsert);
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts')).rows).toEqual([{ n: 1 }]);
  });

  it('refuses an extended-protocol write with bind parameters', async () => {
    const client = await proxy.connect();
    await expect(client.query('UPDATE salesforce.contacts SET email = $1', ['z@example.com'])).rejects.toMatchObject({
      code: '0A000', message: 'pgforce does not carry UPDATE on salesforce.contacts to Salesforce yet',
    });
    expect((await client.query('SELECT email FROM salesforce.contacts')).rows).toEqual([{ email: 'a@example.com' }]);
  });

  it.each([
    ['DELETE', 'DELETE FROM salesforce.contacts'],
    ['TRUNCATE', 'TRUNCATE salesforce.contacts'],
    ['a data-modifying WITH query', `WITH d AS (DELETE FROM salesforce.contacts RETURNING id) SELECT * FROM d`],
    ['DDL', 'ALTER TABLE salesforce.contacts ADD COLUMN x int'],
    ['INSERT', `SELECT 1; INSERT INTO salesforce.contacts VALUES ('q', 'r')`],
  ])('refuses %s', async (shape, sql) => {
    const client = await proxy.connect();
    await expect(client.query(sql)).rejects.toMatchObject({ code: '0A000', message: expect.stringContaining(`carry ${shape} on salesforce.`) });
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts')).rows).toEqual([{ n: 1 }]);
  });

  it('resolves unqualified names through the session search_path', async () => {
    const client = await proxy.connect();
    await client.query('INSERT INTO contacts VALUES (1)');
    await client.query('SET search_path = salesforce, public');
    await expect(client.query(`INSERT INTO contacts VALUES ('x', 'y')`)).rejects.toMatchObject(refusedInsert);
    await client.query('RESET search_path');
    await client.query('INSERT INTO contacts VALUES (2)');
    expect((await client.query('SELECT count(*)::int AS n FROM public.contacts')).rows).toEqual([{ n: 2 }]);
  });

  it('relays writes to tables that are not mirrored', async () => {
    const client = await proxy.connect();
    const { rows, command } = await client.query(`INSERT INTO notes (body) VALUES ('hi') RETURNING body`);
    expect([command, rows]).toEqual(['INSERT', [{ body: 'hi' }]]);
  });

  it('refuses a write inside an explicit transaction without ending the transaction', async () => {
    const client = await proxy.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO notes (body) VALUES ('in tx')`);
    await expect(client.query(`DELETE FROM salesforce.contacts`)).rejects.toMatchObject({ code: '0A000' });
    await client.query('COMMIT');
    expect((await client.query(`SELECT count(*)::int AS n FROM notes WHERE body = 'in tx'`)).rows).toEqual([{ n: 1 }]);
  });

  it('orders a refusal inside an extended-protocol pipeline after the earlier results', async () => {
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    const parse = (sql: string) => {
      const body = Buffer.from(`\0${sql}\0\0\0`);
      return Buffer.concat([Buffer.from([0x50, 0, 0, 0, 4 + body.length]), body]);
    };
    const bind = Buffer.from([0x42, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0]);
    const execute = Buffer.from([0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
    socket.write(Buffer.concat([
      parse('SELECT 41 + 1'), bind, execute,
      parse(`DELETE FROM salesforce.contacts`), bind, execute, frontend.SYNC,
      parse('SELECT 43'), bind, execute, frontend.SYNC,
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    const types: string[] = [];
    for (let pos = 0; pos < bytes.length; pos += 1 + bytes.readInt32BE(pos + 1)) types.push(String.fromCharCode(bytes[pos]!));
    expect(types.join('')).toBe('12DCEZ12DCZ');
    expect(bytes.includes(Buffer.from('42'))).toBe(true);
    expect(bytes.includes(Buffer.from('pgforce does not carry DELETE'))).toBe(true);
  });

  it('answers a refused simple Query only after the upstream answered the queries before it', async () => {
    const socket = await rawLogin(proxy.port, proxy.database, ALICE);
    socket.write(Buffer.concat([
      frontend.query('SELECT pg_sleep(0.2)'),
      frontend.query(`DELETE FROM salesforce.contacts`),
      frontend.query('SELECT 44'),
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    const types: string[] = [];
    for (let pos = 0; pos < bytes.length; pos += 1 + bytes.readInt32BE(pos + 1)) types.push(String.fromCharCode(bytes[pos]!));
    expect(types.join('')).toBe('TDCZEZTDCZ');
  });

  it('postgres.js gets the refusal and keeps working', async () => {
    const sql = postgres(proxy.url(), { max: 1 });
    try {
      await expect(sql`INSERT INTO salesforce.contacts VALUES (${'a'}, ${'b'})`).rejects.toMatchObject({ code: '0A000' });
      expect(await sql`SELECT count(*)::int AS n FROM salesforce.contacts`).toEqual([{ n: 1 }]);
    } finally {
      await sql.end();
    }
  });
});

describe('a table the sync starts mirroring', () => {
  it('is intercepted as soon as the sync commits it (LISTEN), not at the next periodic re-read', async () => {
    // This proxy never re-reads periodically (mirrorRefreshMs 0): only the notification can tell it.
    await db.client.query('BEGIN');
    await db.client.query('CREATE TABLE salesforce.leads (id text PRIMARY KEY)');
    await saveMirrorTable(db.client, { table: 'leads', sobject: 'Lead', columns: [] });
    await db.client.query('COMMIT');
    const client = await proxy.connect();
    const attempt = (): Promise<string> => client.query(`INSERT INTO salesforce.leads VALUES ('00Q000000000001AAA')`).then(() => 'relayed', (e: { code: string }) => e.code);
    await expect.poll(attempt, { timeout: 2000 }).toBe('0A000');
  });
});

describe('read-only users', () => {
  it('may read', async () => {
    const client = await proxy.connect(READER);
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts')).rows).toEqual([{ n: 1 }]);
  });

  it('get 25006 on any write, simple or extended, and keep their session', async () => {
    const client = await proxy.connect(READER);
    await expect(client.query(`INSERT INTO notes (body) VALUES ('no')`)).rejects.toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only pgforce session' });
    await expect(client.query('INSERT INTO notes (body) VALUES ($1)', ['no'])).rejects.toMatchObject({ code: '25006' });
    await expect(client.query('CREATE TABLE nope (x int)')).rejects.toMatchObject({ code: '25006', message: 'cannot execute CREATE in a read-only pgforce session' });
    await expect(client.query(`DELETE FROM salesforce.contacts`)).rejects.toMatchObject({ code: '25006', message: 'cannot execute DELETE in a read-only pgforce session' });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
