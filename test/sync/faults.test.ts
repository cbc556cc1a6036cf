// Salesforce misbehaving (503s, an exhausted API limit, expired sessions, lock errors on
// other writers) delays the mirror but loses nothing.
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { call, login, OTHER_CREDENTIALS } from '../support/salesforce-http.js';
import { diffMirror } from '../support/mirror-compare.js';

const h = useSyncHarness({ seed: 'demo' });

async function waitForMirror(sobject: string, timeoutMs = 20_000) {
  return eventually(async () => {
    const diff = await diffMirror(h.database.client, h.session, sobject);
    return diff.missing.length === 0 && diff.extra.length === 0 && diff.different.length === 0 ? diff : undefined;
  }, timeoutMs, `${sobject} mirror equal to the org`);
}

describe('sync under faults', () => {
  it('survives 503s', async () => {
    h.emulator.current.setFaults({ serverUnavailableRate: 0.5, randomSeed: 7 });
    try {
      const sync = h.sync({ intervalMs: 50 });
      sync.start();
      for (let i = 0; i < 5; i++) {
        await call(h.otherSession, 'POST', '/sobjects/Account', { Name: `Fault ${i}` }).catch(() => undefined);
      }
      await waitForMirror('Account', 30_000);
    } finally {
      h.emulator.current.setFaults({ serverUnavailableRate: 0 });
    }
    await waitForMirror('Contact');
  });

  it('pauses while the API limit is exhausted and catches up afterwards', async () => {
    const sync = h.sync({ intervalMs: 50 });
    const failures: unknown[] = [];
    sync.on('failure', (e) => failures.push(e));
    sync.start();
    await waitForMirror('Contact');
    h.emulator.current.setFaults({ requestLimitExhausted: true });
    const created = await fetch(`${h.emulator.current.url}/__emulator/activity`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'other@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ LastName: 'Limited' }] }),
    }).then((r) => r.json() as Promise<{ results: Array<{ id: string }> }>);
    await eventually(async () => failures.length > 0, 10_000, 'a failed cycle');
    expect((await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.results[0]!.id])).length).toBe(0);
    h.emulator.current.setFaults({ requestLimitExhausted: false });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.results[0]!.id])).length === 1, 40_000, 'catch-up');
  }, 60_000);

  it('re-authenticates when its session expires', async () => {
    const sync = h.sync({ intervalMs: 50 });
    sync.start();
    await waitForMirror('Contact');
    h.emulator.current.expireTokens();
    const other = await login(h.emulator.current.url, OTHER_CREDENTIALS);
    const created = await call<{ id: string }>(other, 'POST', '/sobjects/Contact', { LastName: 'Expired' });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).length === 1, 10_000, 'change after expiry');
  });

  it('is not disturbed by lock errors on other writers', async () => {
    const sync = h.sync({ intervalMs: 50 });
    sync.start();
    h.emulator.current.setFaults({ lockRowRate: 0.5, randomSeed: 3 });
    try {
      for (let i = 0; i < 6; i++) await call(h.otherSession, 'POST', '/sobjects/Lead', { LastName: `Locked ${i}`, Company: 'Ix' });
    } finally {
      h.emulator.current.setFaults({ lockRowRate: 0 });
    }
    await waitForMirror('Lead');
  });
});
