// The write path across the protocol: prepared statements run many times, Describe before
// Execute, multi-statement Query strings, transaction blocks, extended-protocol pipelines,
// and real clients (node-postgres, postgres.js, psql).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { frontend } from '../../src/wire/index.js';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';
import { rawLogin, readUntilClosed } from '../proxy/raw-client.js';
import { ALICE } from '../support/proxy.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact'));
const run = promisify(execFile);
const PSQL = '/usr/lib/postgresql/15/bin/psql';

async function orgCount(where: string): Promise<number> {
  return (await soql(world.harness.session, `SELECT Id FROM Contact WHERE ${where}`)).body.records.length;
}

/** Message types of a backend byte stream, e.g. "12TDCZ". */
function types(bytes: Buffer): string {
  let out = '';
  for (let pos = 0; pos + 5 <= bytes.length; pos += 1 + bytes.readInt32BE(pos + 1)) out += String.fromCharCode(bytes[pos]!);
  return out;
}

function parse(name: string, sql: string): Buffer {
  return frontend.parse(name, sql);
}

function bindText(statement: string, values: string[]): Buffer {
  return frontend.bind('', statement, [], values.map((v) => Buffer.from(v)), []);
}

describe('prepared statements', () => {
  it('runs one prepared INSERT many times with different parameters', async () => {
    const client = await world.proxy.connect();
    const ids: string[] = [];
    for (const name of ['Prep1', 'Prep2', 'Prep3']) {
      const result = await client.query({ name: 'add-contact', text: 'INSERT INTO salesforce.contacts (last_name, note) VALUES ($1, $2)', values: [name, `note ${name}`] });
      expect([result.command, result.rowCount]).toEqual(['INSERT', 1]);
      ids.push(result.rows[0].changed_ids);
    }
    expect(new Set(ids).size).toBe(3);
    const { rows } = await client.query('SELECT last_name, note FROM salesforce.contacts WHERE id = ANY($1) ORDER BY last_name', [ids]);
    expect(rows).toEqual([{ last_name: 'Prep1', note: 'note Prep1' }, { last_name: 'Prep2', note: 'note Prep2' }, { last_name: 'Prep3', note: 'note Prep3' }]);
  });

  it('answers Describe of a carried statement with the changed_ids row description', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      parse('d1', 'UPDATE salesforce.contacts SET note = $1 WHERE id = $2'),
      Buffer.from([0x44, 0, 0, 0, 8, 0x53, 0x64, 0x31, 0]), // Describe S "d1"
      frontend.SYNC, frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    expect(types(bytes)).toBe('1tTZ');
    expect(bytes.includes(Buffer.from('changed_ids\0'))).toBe(true);
    expect(bytes.includes(Buffer.from('pgforce:eval'))).toBe(false);
    // Two parameters, both text (inferred from the columns as for the UPDATE itself).
    const t = bytes.indexOf('t'.charCodeAt(0), 5);
    expect(bytes.readInt16BE(t + 5)).toBe(2);
  });

  it('postgres.js (Parse/Describe/Flush, then Bind/Execute) gets changed_ids', async () => {
    const sql = postgres(world.proxy.url(), { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`INSERT INTO salesforce.contacts (last_name, email) VALUES (${'Postgresjs'}, ${'pjs@example.com'})`;
      expect(rows.count).toBe(1);
      expect(rows[0]!.changed_ids).toMatch(/^003/);
      const again = await sql`UPDATE salesforce.contacts SET note = ${'from postgres.js'} WHERE id = ${rows[0]!.changed_ids}`;
      expect(again.command).toBe('UPDATE');
      expect([...again]).toEqual([{ changed_ids: rows[0]!.changed_ids }]);
    } finally {
      await sql.end();
    }
  });
});

describe('multi-statement Query strings', () => {
  it('runs statements in order and returns every result', async () => {
    const client = await world.proxy.connect();
    const results = (await client.query(`SELECT 1 AS a; INSERT INTO salesforce.contacts (last_name) VALUES ('Multi1'); SELECT 2 AS b`)) as unknown as Array<{ command: string; rows: unknown[] }>;
    expect(results.map((r) => r.command)).toEqual(['SELECT', 'INSERT', 'SELECT']);
    expect(results[0]!.rows).toEqual([{ a: 1 }]);
    expect(results[2]!.rows).toEqual([{ b: 2 }]);
  });

  it('stops at the first error, and what Postgres ran in the string is rolled back', async () => {
    const client = await world.proxy.connect();
    await client.query('CREATE TABLE IF NOT EXISTS public.audit (note text)');
    await expect(client.query(`INSERT INTO public.audit VALUES ('before');
      INSERT INTO salesforce.contacts (last_name, email) VALUES ('StopHere', 'not-an-email');
      INSERT INTO salesforce.contacts (last_name) VALUES ('NeverSent')`)).rejects.toMatchObject({ code: '23514', message: 'salesforce validation error' });
    expect((await client.query(`SELECT count(*)::int AS n FROM public.audit`)).rows).toEqual([{ n: 0 }]);
    expect(await orgCount(`LastName IN ('StopHere', 'NeverSent')`)).toBe(0);
    expect((await client.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});

describe('transaction blocks', () => {
  it('a rejected write fails the block like any failed statement', async () => {
    const client = await world.proxy.connect();
    await client.query('BEGIN');
    const first = await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('InBlock')`);
    await expect(client.query(`UPDATE salesforce.contacts SET email = 'bad-email' WHERE id = '${first.rows[0].changed_ids}'`)).rejects.toMatchObject({ code: '23514' });
    await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
    await client.query('ROLLBACK');
    // Salesforce cannot roll back: the first write stays, and so does its mirror row.
    expect((await client.query('SELECT last_name FROM salesforce.contacts WHERE id = $1', [first.rows[0].changed_ids])).rows).toEqual([{ last_name: 'InBlock' }]);
  });

  it('reads its own writes inside the block', async () => {
    const client = await world.proxy.connect();
    await client.query('BEGIN');
    const { rows } = await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('ReadOwn')`);
    expect((await client.query('SELECT last_name FROM salesforce.contacts WHERE id = $1', [rows[0].changed_ids])).rows).toEqual([{ last_name: 'ReadOwn' }]);
    await client.query('COMMIT');
  });
});

describe('extended-protocol pipelines', () => {
  it('answers a carried Execute in order with the statements around it', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      parse('', 'SELECT 41 + 1'), bindText('', []), frontend.execute(''),
      parse('', 'INSERT INTO salesforce.contacts (last_name) VALUES ($1)'), bindText('', ['Pipelined']), frontend.execute(''),
      parse('', 'SELECT 43'), bindText('', []), frontend.execute(''), frontend.SYNC,
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    expect(types(bytes)).toBe('12DC12DC12DCZ');
    expect(bytes.includes(Buffer.from('INSERT 0 1'))).toBe(true);
    expect(await orgCount(`LastName = 'Pipelined'`)).toBe(1);
  });

  it('runs a carried Execute sent behind a Query in one packet; answers the Sync right after it with the transaction status', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    const insert = parse('', 'INSERT INTO salesforce.contacts (last_name) VALUES ($1)');
    socket.write(Buffer.concat([
      frontend.query('BEGIN'),
      insert, bindText('', ['SyncedA']), frontend.describe('P', ''), frontend.execute(''), frontend.SYNC,
      insert, bindText('', ['SyncedB']), frontend.execute(''), frontend.describe('S', ''), frontend.SYNC,
      frontend.query('COMMIT'),
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    // BEGIN; the first pipeline; the second, whose Describe after the Execute needs Postgres's Sync; COMMIT.
    expect(types(bytes)).toBe('CZ' + '12TDCZ' + '12DCtTZ' + 'CZ');
    let statuses = '';
    for (let pos = 0; pos + 5 <= bytes.length; pos += 1 + bytes.readInt32BE(pos + 1)) if (bytes[pos] === 0x5a) statuses += String.fromCharCode(bytes[pos + 5]!);
    expect(statuses).toBe('TTTI');
    expect(await orgCount(`LastName LIKE 'Synced%'`)).toBe(2);
  });

  it('skips a carried Execute after an earlier error in the pipeline (no Salesforce call)', async () => {
    const before = await world.apiRequests();
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      parse('', 'SELECT 1 / (SELECT 0)'), bindText('', []), frontend.execute(''),
      parse('', 'INSERT INTO salesforce.contacts (last_name) VALUES ($1)'), bindText('', ['Skipped']), frontend.execute(''), frontend.SYNC,
      parse('', 'SELECT 7'), bindText('', []), frontend.execute(''), frontend.SYNC,
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    expect(types(bytes)).toBe('12EZ12DCZ');
    expect(await world.apiRequests()).toBe(before);
    expect(await orgCount(`LastName = 'Skipped'`)).toBe(0);
    // The journal entry started while the pipeline was flushed is gone again.
    expect((await world.db.query(`SELECT count(*)::int AS n FROM pgforce.write_journal WHERE outcome = 'pending'`)).rows).toEqual([{ n: 0 }]);
  });

  it('after a rejected Execute skips to Sync, then carries on', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      parse('', 'INSERT INTO salesforce.contacts (last_name, email) VALUES ($1, $2)'), bindText('', ['Rejected', 'nope']), frontend.execute(''),
      parse('', 'SELECT 8'), bindText('', []), frontend.execute(''), frontend.SYNC,
      parse('', 'SELECT 9'), bindText('', []), frontend.execute(''), frontend.SYNC,
      frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    expect(types(bytes)).toBe('12EZ12DCZ');
    expect(bytes.includes(Buffer.from('salesforce validation error'))).toBe(true);
  });
});

describe('psql', () => {
  it('shows changed_ids, the command tag, and the rejection with DETAIL and SQLSTATE', async () => {
    const url = world.proxy.url();
    const ok = await run(PSQL, [url, '-X', '-c', `INSERT INTO salesforce.contacts (last_name, email) VALUES ('Psql', 'psql@example.com')`]);
    expect(ok.stdout).toMatch(/changed_ids\s*\n-+\n 003\w{15}\n\(1 row\)\n\nINSERT 0 1/);
    const bad = await run(PSQL, [url, '-X', '-v', 'VERBOSITY=verbose', '-c', `UPDATE salesforce.contacts SET email = 'pauldune.co' WHERE last_name = 'Psql'`]).catch((e: { stderr: string }) => e);
    expect(bad.stderr).toContain('ERROR:  23514: salesforce validation error');
    expect(bad.stderr).toContain('DETAIL:  Key (email)=(pauldune.co) is not a valid email address.');
    expect(bad.stderr).toContain('SCHEMA NAME:  salesforce');
    expect(bad.stderr).toContain('CONSTRAINT NAME:  INVALID_EMAIL_ADDRESS');
  });
});
