// Property: after any sequence of org changes, made while faults are switched on, the mirror
// equals the org exactly. The seed is printed so a failure can be replayed
// (PGFORCE_PROPERTY_SEED=<seed> npx vitest run test/sync/property.test.ts).
import { describe, expect, it } from 'vitest';
import { eventually, useSyncHarness } from './harness.js';
import { diffMirror } from '../support/mirror-compare.js';

const h = useSyncHarness({ seed: 'demo' });
const SEED = Number(process.env.PGFORCE_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STEPS = 120;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function activity(body: Record<string, unknown>): Promise<Array<{ id?: string; success: boolean }>> {
  const res = await fetch(`${h.emulator.current.url}/__emulator/activity`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'other@pgforce.dev', ...body }),
  });
  return ((await res.json()) as { results: Array<{ id?: string; success: boolean }> }).results;
}

describe(`mirror = org after random changes with faults (seed ${SEED})`, () => {
  it('converges exactly', async () => {
    console.log(`property seed: ${SEED}`);
    const rnd = random(SEED);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    h.emulator.current.setFaults({ serverUnavailableRate: 0.15, latencyMs: 2, randomSeed: SEED });
    const sync = h.sync({ intervalMs: 30 });
    sync.start();
    const live = { Account: [] as string[], Contact: [] as string[] };
    const deleted: string[] = [];
    for (let step = 0; step < STEPS; step++) {
      const sobject = rnd() < 0.4 ? 'Account' : 'Contact';
      const ids = live[sobject];
      const roll = rnd();
      if (roll < 0.45 || ids.length === 0) {
        const fields = sobject === 'Account'
          ? { Name: `Acct ${step}`, NumberOfEmployees: Math.floor(rnd() * 1000) }
          : { LastName: `Person ${step}`, Email: `p${step}@example.com`, AccountId: live.Account.length && rnd() < 0.5 ? pick(live.Account) : null };
        const [r] = await activity({ operation: 'create', sobject, records: [fields] });
        if (r?.success && r.id) ids.push(r.id);
      } else if (roll < 0.8) {
        const id = pick(ids);
        const fields = sobject === 'Account' ? { Id: id, Name: `Renamed ${step}` } : { Id: id, Title: `Title ${step}`, Note__c: rnd() < 0.5 ? null : `note ${step}` };
        await activity({ operation: 'update', sobject, records: [fields] });
      } else if (roll < 0.93) {
        const id = ids.splice(Math.floor(rnd() * ids.length), 1)[0]!;
        await activity({ operation: 'delete', sobject, ids: [id] });
        deleted.push(id);
      } else if (deleted.length) {
        const id = deleted.splice(Math.floor(rnd() * deleted.length), 1)[0]!;
        const [r] = await activity({ operation: 'undelete', sobject, ids: [id] });
        if (r?.success) (id.startsWith('001') ? live.Account : live.Contact).push(id);
      }
      if (rnd() < 0.1) await new Promise((r) => setTimeout(r, 20));
    }
    h.emulator.current.setFaults({ serverUnavailableRate: 0, latencyMs: 0 });
    for (const sobject of ['Account', 'Contact']) {
      const diff = await eventually(async () => {
        const d = await diffMirror(h.database.client, h.session, sobject);
        return d.missing.length + d.extra.length + d.different.length === 0 ? d : undefined;
      }, 30_000, `${sobject} converged (seed ${SEED})`);
      expect(diff.compared).toBeGreaterThan(0);
    }
  }, 90_000);
});
