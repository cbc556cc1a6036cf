// The SystemModstamp index behind `WHERE SystemModstamp >= :cursor`: it must return exactly
// what a full scan would, through updates, deletes, compaction and out-of-order writes.
import { describe, expect, it } from 'vitest';
import { ModstampLog } from '../../../src/emulator/store/modstamp-log.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { prepareQuery, runQuery } from '../../../src/emulator/soql/index.js';
import { createRecord, updateRecord } from '../../../src/emulator/dml/save.js';
import { deleteRecord } from '../../../src/emulator/dml/delete.js';
import type { StoredRecord } from '../../../src/emulator/store/record.js';

const at = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}.000+0000`;

describe('ModstampLog', () => {
  it('finds live versions from a stamp on, skipping superseded ones', () => {
    const log = new ModstampLog();
    const current = new Map<string, StoredRecord>();
    const put = (id: string, n: number) => {
      const r = { Id: id, SystemModstamp: at(n) };
      current.set(id, r);
      log.append(r);
    };
    put('a', 1);
    put('b', 2);
    put('c', 3);
    put('a', 4);
    const live = (r: StoredRecord) => current.get(r.Id as string) === r;
    expect(log.since(at(2), live)?.map((r) => r.Id)).toEqual(['b', 'c', 'a']);
    expect(log.since(at(5), live)).toEqual([]);
    expect(log.since(at(0), live)?.map((r) => r.Id)).toEqual(['b', 'c', 'a']);
  });

  it('gives up (full scan) when versions arrive out of order', () => {
    const log = new ModstampLog();
    log.append({ Id: 'a', SystemModstamp: at(5) });
    log.append({ Id: 'b', SystemModstamp: at(3) });
    expect(log.since(at(4), () => true)).toBeUndefined();
    log.reset([{ Id: 'b', SystemModstamp: at(3) }, { Id: 'a', SystemModstamp: at(5) }]);
    expect(log.since(at(4), () => true)?.map((r) => r.Id)).toEqual(['a']);
  });
});

describe('SOQL on SystemModstamp through the index', () => {
  it('answers like a full scan after creates, updates, deletes and compaction', async () => {
    const emulator = await startEmulator({ seed: 'generate:contacts=3000,accounts=10', port: 0 });
    try {
      const org = emulator.org;
      const user = org.users[0]!.id;
      const contact = org.object('Contact')!;
      const ids = [...org.store.scan('Contact')].map((r) => r.Id as string);
      const cursor = [...org.store.scan('Contact')].at(-1)!.SystemModstamp as string;
      // Enough writes to force a compaction of the log.
      for (let round = 0; round < 3; round++) {
        for (const [i, id] of ids.entries()) {
          const txn = org.begin();
          const ctx = { org, txn, userId: user, lockFails: () => false };
          if (i % 7 === 0) updateRecord(ctx, contact, id, { Title: `t${round}` });
          if (round === 2 && i % 11 === 0) deleteRecord(ctx, id);
          if (i % 500 === 0) createRecord(ctx, contact, { LastName: `new ${round} ${i}` });
          txn.commit();
        }
      }
      const soql = `SELECT Id, SystemModstamp, IsDeleted FROM Contact WHERE SystemModstamp >= ${cursor.replace('+0000', 'Z')} ORDER BY SystemModstamp, Id`;
      const q = prepareQuery(soql, org.schema);
      const context = { schema: org.schema, source: org.store, readValue: org.readValue.bind(org), includeDeleted: true };
      const indexed = runQuery(q, context).rows.map((r) => r.Id);
      const scanned = runQuery(q, { ...context, source: { scan: (s: string) => org.store.scan(s), get: (id: string) => org.store.get(id) } }).rows.map((r) => r.Id);
      expect(indexed.length).toBeGreaterThan(400);
      expect(indexed).toEqual(scanned);
    } finally {
      await emulator.close();
    }
  });
});
