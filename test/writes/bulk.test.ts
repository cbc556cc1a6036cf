// Large writes: above the atomic limit a statement is refused (54000) unless the session set
// pgforce.large_writes = 'bulk'; then it goes through one Bulk API 2.0 ingest job, record by
// record: the records Salesforce accepts are applied (and mirrored), each rejected one comes
// back as a WARNING shaped like the rejection error, and all of it is journaled.
import { afterEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact'));

interface Notice {
  severity?: string;
  code?: string;
  message: string;
  detail?: string;
  column?: string;
  constraint?: string;
  where?: string;
}

async function bulkClient(): Promise<{ client: pg.Client; notices: Notice[] }> {
  const client = await world.proxy.connect();
  const notices: Notice[] = [];
  client.on('notice', (n) => notices.push(n as Notice));
  await client.query(`SET pgforce.large_writes = 'bulk'`);
  return { client, notices };
}

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${world.harness.emulator.current.url}/__emulator/faults`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

async function orgCount(where: string): Promise<number> {
  return (await soql(world.harness.session, `SELECT COUNT() FROM Contact WHERE ${where}`)).body.totalSize as number;
}

describe('large writes through the Bulk API', () => {
  it('refused by default, with a hint naming the setting', async () => {
    const client = await world.proxy.connect();
    const error = await client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'NoBulk' || g FROM generate_series(1, 1001) g`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '54000' });
    expect((error as { hint: string }).hint).toContain(`SET pgforce.large_writes = 'bulk'`);
    expect(await orgCount(`LastName LIKE 'NoBulk%'`)).toBe(0);
    await client.end();
  });

  it('INSERT of 1,500 records: the valid ones applied and mirrored, each rejected one a WARNING, all journaled', async () => {
    const { client, notices } = await bulkClient();
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name, email)
      SELECT 'Bulk' || g, CASE WHEN g % 500 = 0 THEN 'bad-' || g ELSE 'bulk' || g || '@bulk.example' END FROM generate_series(1, 1500) g`);
    expect([result.command, result.rowCount]).toEqual(['INSERT', 1497]);
    expect(new Set(result.rows.map((r: { changed_ids: string }) => r.changed_ids)).size).toBe(1497);
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatchObject({
      severity: 'WARNING', code: '23514', message: 'salesforce validation error', column: 'email', constraint: 'INVALID_EMAIL_ADDRESS',
      detail: 'Key (email)=(bad-500) is not a valid email address.',
    });
    expect(notices[0]!.where).toContain('record 500 of 1500');
    expect(notices[0]!.where).toContain('the others were applied');
    expect(await orgCount(`LastName LIKE 'Bulk%'`)).toBe(1497);
    expect((await client.query(`SELECT count(*)::int AS n FROM salesforce.contacts WHERE last_name LIKE 'Bulk%'`)).rows).toEqual([{ n: 1497 }]);
    const [entry] = (await world.db.query(`SELECT outcome, records, cardinality(ids) AS applied, error_code, error_message FROM pgforce.write_journal WHERE statement LIKE '%''Bulk''%' ORDER BY id DESC LIMIT 1`)).rows;
    expect(entry).toMatchObject({ outcome: 'accepted', records: 1500, applied: 1497, error_code: 'PARTIAL' });
    expect(entry.error_message).toContain('row 1000: INVALID_EMAIL_ADDRESS');
    await client.end();
  });

  it('UPDATE and DELETE of 1,100 records, with RETURNING', async () => {
    const { client, notices } = await bulkClient();
    await client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Many' || g FROM generate_series(1, 1100) g`);
    const updated = await client.query(`UPDATE salesforce.contacts SET title = 'Bulk-updated' WHERE last_name LIKE 'Many%' RETURNING id, title`);
    expect([updated.command, updated.rowCount]).toEqual(['UPDATE', 1100]);
    expect(updated.rows.every((r: { title: string }) => r.title === 'Bulk-updated')).toBe(true);
    expect(await orgCount(`Title = 'Bulk-updated'`)).toBe(1100);
    const deleted = await client.query(`DELETE FROM salesforce.contacts WHERE last_name LIKE 'Many%'`);
    expect([deleted.command, deleted.rowCount]).toEqual(['DELETE', 1100]);
    expect(await orgCount(`LastName LIKE 'Many%'`)).toBe(0);
    expect(notices).toEqual([]);
    await client.end();
  });

  it('a job aborted midway: an error that says some records may be applied, journaled as unknown; the sync settles the mirror', async () => {
    const { session } = world.harness;
    const api = (path: string, init: RequestInit = {}) => fetch(`${session.instanceUrl}${session.dataPath}${path}`, {
      ...init, headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
    });
    await setFaults({ bulkIngestChunkDelayMs: 200 });
    try {
      const { client } = await bulkClient();
      const statement = client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Aborted' || g FROM generate_series(1, 1001) g`).catch((e: unknown) => e);
      let job: { id: string } | undefined;
      while (job === undefined) {
        const { records } = (await (await api('/jobs/ingest')).json()) as { records: Array<{ id: string; state: string }> };
        job = records.find((j) => j.state === 'InProgress');
        if (job === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      expect((await api(`/jobs/ingest/${job.id}`, { method: 'PATCH', body: JSON.stringify({ state: 'Aborted' }) })).status).toBe(200);
      const error = (await statement) as { code: string; detail: string };
      expect(error.code).toBe('57014');
      expect(error.detail).toContain('some may have been applied before the job stopped');
      const [entry] = (await world.db.query(`SELECT outcome FROM pgforce.write_journal WHERE statement LIKE '%''Aborted''%'`)).rows;
      expect(entry).toEqual({ outcome: 'unknown' });
      await client.end();
    } finally {
      await setFaults({ bulkIngestChunkDelayMs: 0 });
    }
    await world.harness.sync({}, world.harness.client()).runOnce();
  });

  it('a bad setting value is 22023 and nothing is sent', async () => {
    const client = await world.proxy.connect();
    await client.query(`SET pgforce.large_writes = 'sometimes'`);
    const before = await world.apiRequests();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Odd' || g FROM generate_series(1, 1001) g`)).rejects.toMatchObject({
      code: '22023', message: 'invalid value for parameter "pgforce.large_writes": "sometimes"',
    });
    expect(await world.apiRequests()).toBe(before);
    await client.end();
  });
});
