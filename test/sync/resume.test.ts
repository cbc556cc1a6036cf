// A backfill killed half-way (SIGKILL, no clean-up) resumes from its last committed batch.
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { startCli } from '../support/cli.js';
import { diffMirror } from '../support/mirror-compare.js';

const CONTACTS = 40_000;
const h = useSyncHarness({ seed: `generate:contacts=${CONTACTS},accounts=100` });

function env(): Record<string, string> {
  return {
    DATABASE_URL: h.database.url,
    SALESFORCE_URL: h.emulator.current.url,
    SALESFORCE_CLIENT_ID: 'pgforce-demo',
    SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret',
    SALESFORCE_USERNAME: 'demo@pgforce.dev',
    SALESFORCE_PASSWORD: 'demo',
  };
}

describe('backfill resume', () => {
  it('continues after a kill in the middle of a backfill', async () => {
    h.emulator.current.setFaults({ latencyMs: 40 });
    const first = startCli(['sync', '--once'], env());
    const progress = await eventually(async () => {
      const rows = await h.query<{ n: string }>(`SELECT rows_backfilled AS n FROM pgforce.sync_state WHERE sobject = 'Contact'`).catch(() => []);
      const n = Number(rows[0]?.n ?? 0);
      return n > 0 ? n : undefined;
    }, 60_000, 'part of the Contact backfill');
    first.child.kill('SIGKILL');
    await first.exited;
    h.emulator.current.setFaults({ latencyMs: 0 });
    const state = await h.query<{ backfill_done: boolean; backfill_from: Date | null; n: string }>(
      `SELECT backfill_done, backfill_from, rows_backfilled AS n FROM pgforce.sync_state WHERE sobject = 'Contact'`,
    );
    expect(state[0]!.backfill_done).toBe(false);
    expect(state[0]!.backfill_from).not.toBeNull();
    const committed = Number(state[0]!.n);
    expect(committed).toBeGreaterThanOrEqual(progress);
    expect(committed).toBeLessThan(CONTACTS);

    const second = startCli(['sync', '--once'], env());
    expect(await second.exited, second.output()).toBe(0);
    const after = await h.query<{ backfill_done: boolean; n: string }>(`SELECT backfill_done, rows_backfilled AS n FROM pgforce.sync_state WHERE sobject = 'Contact'`);
    expect(after[0]!.backfill_done).toBe(true);
    // The second run read only from the resume point on: not the rows the first run committed
    // (at most the few sharing the resume point's SystemModstamp again).
    const secondRun = Number(after[0]!.n) - committed;
    expect(secondRun).toBeGreaterThanOrEqual(CONTACTS - committed);
    expect(secondRun).toBeLessThanOrEqual(CONTACTS - committed + 10);
    const diff = await diffMirror(h.database.client, h.session, 'Contact');
    expect(diff).toMatchObject({ missing: [], extra: [], different: [] });
    expect(diff.compared).toBe(CONTACTS);
  }, 120_000);
});
