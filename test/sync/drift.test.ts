// Schema drift: a field added in Salesforce becomes a column without a restart or re-sync,
// with the values records already hold; a removed field keeps its column and is reported.
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { call } from '../support/salesforce-http.js';

const h = useSyncHarness({ seed: 'demo' });

async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.emulator.current.url}/__emulator/${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

async function columnsOf(table: string): Promise<string[]> {
  const rows = await h.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'salesforce' AND table_name = $1`, [table]);
  return rows.map((r) => r.column_name);
}

describe('schema drift', () => {
  it('adds a column for a new field, with the values records already hold', async () => {
    const sync = h.sync({ intervalMs: 50, describeIntervalMs: 200 });
    sync.start();
    await eventually(async () => (await columnsOf('contacts')).includes('note'), 20_000, 'backfill');
    await admin('POST', 'fields', { sobject: 'Contact', field: { name: 'Nickname__c', type: 'text', length: 80 } });
    // A value written before the sync notices the field must not be lost behind the cursor.
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Drift', Nickname__c: 'Usul' });
    expect(created.status).toBe(201);
    await eventually(async () => (await columnsOf('contacts')).includes('nickname'), 10_000, 'column added');
    await eventually(async () => (await h.query<{ nickname: string }>('SELECT nickname FROM salesforce.contacts WHERE id = $1', [created.body.id]))[0]?.nickname === 'Usul', 10_000, 'value mirrored');
    const mapping = await h.query('SELECT field, createable FROM pgforce.mirror_columns WHERE table_name = $1 AND column_name = $2', ['contacts', 'nickname']);
    expect(mapping).toEqual([{ field: 'Nickname__c', createable: true }]);
  });

  it('re-reads every record for a new long text field, which SOQL cannot filter on', async () => {
    const sync = h.sync({ intervalMs: 50, describeIntervalMs: 200 });
    sync.start();
    await eventually(async () => (await columnsOf('accounts')).includes('name'), 20_000, 'backfill');
    await admin('POST', 'fields', { sobject: 'Account', field: { name: 'Story__c', type: 'textarea', length: 5000 } });
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Account', { Name: 'Long Story', Story__c: 'Once upon a time' });
    expect(created.status).toBe(201);
    await eventually(async () => (await h.query<{ story: string }>('SELECT story FROM salesforce.accounts WHERE id = $1', [created.body.id]))[0]?.story === 'Once upon a time', 10_000, 'long text mirrored');
  });

  it('keeps the column of a removed field and marks it removed', async () => {
    await admin('POST', 'fields', { sobject: 'Lead', field: { name: 'Score__c', type: 'int' } });
    const sync = h.sync({ intervalMs: 50, describeIntervalMs: 200 });
    sync.start();
    await eventually(async () => (await columnsOf('leads')).includes('score'), 20_000, 'column for Score__c');
    await admin('DELETE', 'fields/Lead/Score__c');
    await eventually(async () => {
      const rows = await h.query<{ removed: boolean }>('SELECT removed_at IS NOT NULL AS removed FROM pgforce.mirror_columns WHERE table_name = $1 AND field = $2', ['leads', 'Score__c']);
      return rows[0]?.removed;
    }, 10_000, 'removal noticed');
    expect(await columnsOf('leads')).toContain('score');
    // The sync goes on without the field.
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Lead', { LastName: 'After', Company: 'Ix' });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.leads WHERE id = $1', [created.body.id])).length === 1, 10_000, 'sync continues');
  });
});
