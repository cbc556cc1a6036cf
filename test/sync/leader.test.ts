// Two syncs on one database: only the leader writes; a standby takes over when it stops.
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { call } from '../support/salesforce-http.js';

const h = useSyncHarness({ seed: 'demo' });

describe('sync leadership', () => {
  it('lets one of two processes lead; the other takes over when the leader stops', async () => {
    const a = h.sync({ intervalMs: 50, leaderRetryMs: 100 });
    const b = h.sync({ intervalMs: 50, leaderRetryMs: 100 });
    const cycles = { a: 0, b: 0 };
    a.on('cycle', () => cycles.a++);
    b.on('cycle', () => cycles.b++);
    a.start();
    await eventually(async () => cycles.a > 2, 20_000, 'a leading');
    b.start();
    await new Promise((r) => setTimeout(r, 500));
    expect(cycles.b).toBe(0);
    const holders = await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
    expect(holders[0]!.n).toBe(1);

    await a.stop();
    await eventually(async () => cycles.b > 2, 10_000, 'b took over');
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Takeover' });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).length === 1, 10_000, 'b writes');
  });

  it('refuses --once while another sync leads', async () => {
    const a = h.sync({ intervalMs: 50 });
    let led = false;
    a.on('leader', () => (led = true));
    a.start();
    await eventually(async () => led, 10_000, 'a leading');
    await expect(h.sync().runOnce()).rejects.toThrow(/leader lock/);
  });
});
