// Concurrent writers and the sync: no lost update when two clients change the same record at
// once, and the mirror equals the org after writes made while the sync polls.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';
import { eventually } from '../sync/harness.js';
import { loadMirrorTables } from '../../src/mirror/catalog.js';
import { TableWriter } from '../../src/sync/apply-rows.js';

const world = useWriteWorld();

describe('concurrency', () => {
  it('two clients incrementing the same record: no lost update', async () => {
    const setup = await world.proxy.connect();
    const [id] = (await setup.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-RACE', 0)`)).rows.map((r) => r.changed_ids);
    const [a, b] = [await world.proxy.connect(), await world.proxy.connect()];
    const bump = async (client: typeof a) => {
      for (let i = 0; i < 10; i++) await client.query('UPDATE salesforce.invoices SET amount = amount + 1 WHERE id = $1', [id]);
    };
    await Promise.all([bump(a), bump(b)]);
    const org = (await soql(world.harness.session, `SELECT Amount__c FROM Invoice__c WHERE Id = '${id}'`)).body.records[0];
    expect(org?.Amount__c).toBe(20);
    expect((await setup.query('SELECT amount FROM salesforce.invoices WHERE id = $1', [id])).rows).toEqual([{ amount: '20.00' }]);
  });

  it('an UPDATE racing a DELETE of the same record: one wins cleanly', async () => {
    const setup = await world.proxy.connect();
    const [id] = (await setup.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Racer')`)).rows.map((r) => r.changed_ids);
    const [a, b] = [await world.proxy.connect(), await world.proxy.connect()];
    const results = await Promise.allSettled([
      a.query(`UPDATE salesforce.contacts SET note = 'raced' WHERE id = $1`, [id]),
      b.query('DELETE FROM salesforce.contacts WHERE id = $1', [id]),
    ]);
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { rowCount: 1 } });
    // The UPDATE either ran first, or re-evaluated after the DELETE and found nothing.
    if (results[0].status === 'fulfilled') expect([0, 1]).toContain(results[0].value.rowCount);
    else expect(results[0].reason).toMatchObject({ code: expect.stringMatching(/^(23503|40001)$/) });
    expect((await setup.query('SELECT count(*)::int AS n FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ n: 0 }]);
  });

  it('more concurrent writers than pool connections all finish (regression: a write held two pool connections and deadlocked)', async () => {
    const clients = await Promise.all(Array.from({ length: 12 }, () => world.proxy.connect()));
    const results = await Promise.all(clients.map((c, i) => c.query(`INSERT INTO salesforce.contacts (last_name) VALUES ($1)`, [`Crowd${i}`])));
    expect(results.map((r) => r.rowCount)).toEqual(Array(12).fill(1));
    const updated = await Promise.all(clients.map((c, i) => c.query(`UPDATE salesforce.contacts SET note = 'crowd' WHERE last_name = $1`, [`Crowd${i}`])));
    expect(updated.map((r) => r.rowCount)).toEqual(Array(12).fill(1));
  });

  it('a poll fetched before a delete cannot bring the record back (regression: the sync resurrected deleted records)', async () => {
    const client = await world.proxy.connect();
    const [{ id }] = (await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Lazarus') RETURNING id`)).rows;
    const table = (await loadMirrorTables(world.db)).find((t) => t.sobject === 'Contact')!;
    const writer = new TableWriter(table);
    // What a poll in flight holds: the record as it was before the delete.
    const inFlight = (await soql(world.harness.session, `SELECT ${writer.fields.join(', ')} FROM Contact WHERE Id = '${id}'`)).body.records;
    await client.query('DELETE FROM salesforce.contacts WHERE id = $1', [id]);
    await world.db.query("BEGIN; SET LOCAL pgforce.mirror_writer = 'on'");
    await writer.upsert(world.db, inFlight);
    await world.db.query('COMMIT');
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ n: 0 }]);
  });

  it('a poll whose upsert waited on a delete committing meanwhile does not bring the record back (regression)', async () => {
    const client = await world.proxy.connect();
    const [{ id }] = (await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Phoenix') RETURNING id`)).rows;
    const table = (await loadMirrorTables(world.db)).find((t) => t.sobject === 'Contact')!;
    const writer = new TableWriter(table);
    const inFlight = (await soql(world.harness.session, `SELECT ${writer.fields.join(', ')} FROM Contact WHERE Id = '${id}'`)).body.records;
    // The write path's delete, applied but not committed yet (Salesforce is told directly).
    const { session } = world.harness;
    await fetch(`${session.instanceUrl}${session.dataPath}/sobjects/Contact/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.accessToken}` } });
    const deleter = new pg.Client({ connectionString: world.harness.database.url });
    await deleter.connect();
    await deleter.query(`BEGIN; SET LOCAL pgforce.mirror_writer = 'on'`);
    const parts = writer.deletedParts([id]);
    await deleter.query(`WITH ${parts.ctes.join(', ')} SELECT 1`, parts.values);
    // The sync's upsert of the copy it fetched before: its snapshot predates the tombstone, and it waits for the row.
    const poller = new pg.Client({ connectionString: world.harness.database.url });
    await poller.connect();
    await poller.query(`BEGIN; SET LOCAL pgforce.mirror_writer = 'on'`);
    const polled = writer.upsert(poller, inFlight).then(() => poller.query('COMMIT'));
    await eventually(async () => ((await world.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows[0].n > 0 ? true : undefined), 5000, 'the poll to wait for the row');
    await deleter.query('COMMIT');
    await polled;
    await Promise.all([deleter.end(), poller.end()]);
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ n: 0 }]);
  });

  it('writes while the sync polls: afterwards the mirror equals the org', async () => {
    const sync = world.harness.sync({ intervalMs: 50 }, world.harness.client());
    sync.start();
    try {
      const clients = await Promise.all([1, 2, 3, 4].map(() => world.proxy.connect()));
      await Promise.all(clients.map(async (client, c) => {
        for (let i = 0; i < 8; i++) {
          const { rows } = await client.query(`INSERT INTO salesforce.contacts (last_name, note) VALUES ($1, 'new')`, [`Polled${c}-${i}`]);
          await client.query(`UPDATE salesforce.contacts SET note = note || ' changed', email = $2 WHERE id = $1`, [rows[0].changed_ids, `p${c}.${i}@example.com`]);
          if (i % 3 === 0) await client.query('DELETE FROM salesforce.contacts WHERE id = $1', [rows[0].changed_ids]);
        }
      }));
    } finally {
      await sync.stop();
    }
    const diff = await eventually(async () => {
      const d = await world.diff('Contact');
      return d.missing.length + d.extra.length + d.different.length === 0 ? d : undefined;
    }, 5000, 'the mirror to equal the org');
    expect(diff.compared).toBeGreaterThan(0);
    const { rows } = await world.db.query(`SELECT count(*)::int AS n FROM salesforce.contacts WHERE last_name LIKE 'Polled%' AND note = 'new changed'`);
    expect(rows).toEqual([{ n: 20 }]);
  });
});
