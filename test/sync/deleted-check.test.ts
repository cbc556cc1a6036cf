// Deletes the incremental poll missed (its window passed, or the record was purged from the
// recycle bin so queryAll no longer shows it) are caught by getDeleted.
import { describe, expect, it } from 'vitest';
import { useSyncHarness } from './harness.js';
import { call } from '../support/salesforce-http.js';

const h = useSyncHarness({ seed: 'demo' });

describe('getDeleted reconciliation', () => {
  it('removes a record whose delete the polls did not see', async () => {
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Missed' });
    await h.sync().runOnce();
    expect(await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).toHaveLength(1);
    await call(h.otherSession, 'DELETE', `/sobjects/Contact/${created.body.id}`);
    // Pretend the polls already went past the delete, and getDeleted was last asked an hour ago.
    await h.query(`UPDATE pgforce.sync_state SET cursor_modstamp = now() + interval '1 hour', deleted_checked_at = now() - interval '1 hour'`);
    // getDeleted covers whole minutes only: wait until the minute of the delete is over.
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 200));
    await h.sync({ overlapMs: 0 }).runOnce();
    expect(await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).toHaveLength(0);
  }, 90_000);
});
