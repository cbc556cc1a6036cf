// Changes made in the org by someone else reach the mirror while the sync runs.
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { call } from '../support/salesforce-http.js';
import { diffMirror } from '../support/mirror-compare.js';

const h = useSyncHarness({ seed: 'demo' });

describe('incremental sync', () => {
  it('mirrors creates, updates and deletes by another user', async () => {
    const sync = h.sync({ intervalMs: 50 });
    sync.start();
    await eventually(async () => (await h.query('SELECT 1 FROM pgforce.sync_state WHERE sobject = $1 AND backfill_done', ['Contact'])).length > 0, 20_000, 'backfill');

    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Harkonnen', Email: 'feyd@giedi.prime' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await eventually(async () => (await h.query<{ email: string }>('SELECT email FROM salesforce.contacts WHERE id = $1', [id]))[0]?.email === 'feyd@giedi.prime', 10_000, 'create');

    await call(h.otherSession, 'PATCH', `/sobjects/Contact/${id}`, { Email: 'feyd@arrakis.dune', Note__c: 'moved' });
    const updated = await eventually(async () => {
      const row = (await h.query<{ email: string; note: string; last_modified_by_id: string }>('SELECT email, note, last_modified_by_id FROM salesforce.contacts WHERE id = $1', [id]))[0];
      return row?.email === 'feyd@arrakis.dune' ? row : undefined;
    }, 10_000, 'update');
    expect(updated.note).toBe('moved');

    await call(h.otherSession, 'DELETE', `/sobjects/Contact/${id}`);
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [id])).length === 0, 10_000, 'delete');

    const diff = await diffMirror(h.database.client, h.session, 'Contact');
    expect(diff).toMatchObject({ missing: [], extra: [], different: [] });
  });

  it('removes the Contacts of a deleted Account (cascade) and brings back undeleted records', async () => {
    const sync = h.sync({ intervalMs: 50 });
    sync.start();
    const account = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Account', { Name: 'Giedi Prime Holdings' });
    const contact = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Rabban', AccountId: account.body.id });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [contact.body.id])).length === 1, 20_000, 'contact mirrored');
    await call(h.otherSession, 'DELETE', `/sobjects/Account/${account.body.id}`);
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [contact.body.id])).length === 0, 10_000, 'cascade delete');
    await fetch(`${h.emulator.current.url}/__emulator/activity`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'other@pgforce.dev', operation: 'undelete', ids: [contact.body.id] }),
    });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [contact.body.id])).length === 1, 10_000, 'undelete');
  });
});
