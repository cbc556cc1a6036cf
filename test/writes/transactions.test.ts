// Immediate mode: inside BEGIN … COMMIT each write reaches Salesforce when it runs. Salesforce
// cannot roll back, so a ROLLBACK (or ROLLBACK TO SAVEPOINT, or a block aborted by an error)
// leaves those changes applied — the mirror keeps showing what Salesforce holds — and the
// client gets a WARNING listing them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();
const run = promisify(execFile);

interface Notice {
  severity?: string;
  code?: string;
  message: string;
  detail?: string;
}

async function connectWithNotices(): Promise<{ client: pg.Client; notices: Notice[] }> {
  const client = await world.proxy.connect();
  const notices: Notice[] = [];
  client.on('notice', (n) => notices.push(n as Notice));
  return { client, notices };
}

async function orgTitle(id: string): Promise<unknown> {
  return (await soql(world.harness.session, `SELECT Title FROM Contact WHERE Id = '${id}'`)).body.records[0]?.Title;
}

describe('transactions in immediate mode', () => {
  it('ROLLBACK: the changes stay in Salesforce and the mirror, and a WARNING lists them', async () => {
    const { client, notices } = await connectWithNotices();
    await client.query('BEGIN');
    const [{ id }] = (await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Baron') RETURNING id`)).rows;
    await client.query(`UPDATE salesforce.contacts SET title = 'Baron' WHERE id = $1`, [id]);
    expect(notices).toEqual([]);
    await client.query('ROLLBACK');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ severity: 'WARNING', code: '01000', message: 'Salesforce cannot roll back: 2 record changes made in this transaction stay applied' });
    expect(notices[0]!.detail).toBe(`INSERT on Contact: ${id}\nUPDATE on Contact: ${id}`);
    expect(await orgTitle(id)).toBe('Baron');
    expect((await client.query('SELECT title FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ title: 'Baron' }]);
    // The next transaction starts clean.
    await client.query('BEGIN');
    await client.query('ROLLBACK');
    expect(notices).toHaveLength(1);
  });

  it('COMMIT: no warning', async () => {
    const { client, notices } = await connectWithNotices();
    await client.query('BEGIN');
    await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Committed')`);
    await client.query('COMMIT');
    await client.query('BEGIN');
    await client.query('ROLLBACK');
    expect(notices).toEqual([]);
  });

  it('ROLLBACK TO SAVEPOINT lists only the changes since the savepoint', async () => {
    const { client, notices } = await connectWithNotices();
    await client.query('BEGIN');
    await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('BeforeSavepoint')`);
    await client.query('SAVEPOINT s1');
    const [{ id }] = (await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('AfterSavepoint') RETURNING id`)).rows;
    await client.query('ROLLBACK TO SAVEPOINT s1');
    expect(notices.map((n) => n.detail)).toEqual([`INSERT on Contact: ${id}`]);
    await client.query('COMMIT');
    expect(notices).toHaveLength(1);
  });

  it('a block aborted by a later error, then ROLLBACK: warned', async () => {
    const { client, notices } = await connectWithNotices();
    await client.query('BEGIN');
    const [{ id }] = (await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Aborted') RETURNING id`)).rows;
    await expect(client.query('SELECT 1 / (SELECT 0)')).rejects.toMatchObject({ code: '22012' });
    await client.query('ROLLBACK');
    expect(notices.map((n) => n.detail)).toEqual([`INSERT on Contact: ${id}`]);
  });

  it('a multi-statement string that fails after a write: warned, then the error', async () => {
    const { client, notices } = await connectWithNotices();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('StringFirst'); SELECT 1 / (SELECT 0)`)).rejects.toMatchObject({ code: '22012' });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.detail).toMatch(/^INSERT on Contact: 003\w{15}$/);
  });

  it('psql shows the WARNING', async () => {
    const { stdout, stderr } = await run('/usr/lib/postgresql/15/bin/psql', [world.proxy.url(), '-X', '-At', '-c',
      `BEGIN; INSERT INTO salesforce.contacts (last_name) VALUES ('PsqlRollback'); ROLLBACK;`]);
    expect(`${stdout}${stderr}`).toContain('WARNING:  Salesforce cannot roll back: 1 record change made in this transaction stays applied');
  });
});
