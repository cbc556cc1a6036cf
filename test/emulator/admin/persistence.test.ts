// `dataDir`: the org survives a restart, and new ids never collide with stored ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { loginAs } from '../../support/contract-target.js';
import { DEMO_CREDENTIALS, call } from '../../support/salesforce-http.js';
import { createRecord, createRecords, getRecord, query, uniqueTag } from '../contract/sf-helpers.js';

const dirs: string[] = [];
const running = new Set<RunningEmulator>();

afterAll(async () => {
  for (const e of running) await e.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgforce-emulator-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, seed = 'demo'): Promise<RunningEmulator> {
  const e = await startEmulator({ seed, dataDir, port: 0 });
  running.add(e);
  return e;
}

async function stop(e: RunningEmulator): Promise<void> {
  await e.close();
  running.delete(e);
}

describe('dataDir', () => {
  it('keeps created, updated and deleted records across a restart', async () => {
    const dataDir = tempDir();
    const tag = uniqueTag('keep');
    const first = await start(dataDir);
    const s1 = await loginAs(first.url, { ...DEMO_CREDENTIALS });
    const kept = await createRecord(s1, 'Contact', { LastName: tag, Email: 'kept@caladan.io' });
    const changed = await createRecord(s1, 'Contact', { LastName: tag });
    expect((await call(s1, 'PATCH', `/sobjects/Contact/${changed}`, { Note__c: 'after update' })).status).toBe(204);
    const removed = await createRecord(s1, 'Contact', { LastName: tag });
    expect((await call(s1, 'DELETE', `/sobjects/Contact/${removed}`)).status).toBe(204);
    const before = await getRecord(s1, 'Contact', changed);
    const accountsBefore = (await query(s1, 'SELECT COUNT() FROM Account')).totalSize;
    await stop(first);

    const second = await start(dataDir);
    const s2 = await loginAs(second.url, { ...DEMO_CREDENTIALS });
    expect((await getRecord(s2, 'Contact', kept)).Email).toBe('kept@caladan.io');
    const after = await getRecord(s2, 'Contact', changed);
    expect(after.Note__c).toBe('after update');
    expect(after.SystemModstamp).toBe(before.SystemModstamp);
    expect(after.CreatedDate).toBe(before.CreatedDate);
    const all = await query(s2, `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}'`, true);
    expect(new Map(all.records.map((r) => [r.Id, r.IsDeleted]))).toEqual(new Map([[kept, false], [changed, false], [removed, true]]));
    // The seed is not applied a second time over the stored org.
    expect((await query(s2, 'SELECT COUNT() FROM Account')).totalSize).toBe(accountsBefore);
  });

  it('hands out ids after a restart that do not collide with stored ones', async () => {
    const dataDir = tempDir();
    const tag = uniqueTag('ids');
    const first = await start(dataDir);
    const s1 = await loginAs(first.url, { ...DEMO_CREDENTIALS });
    const before = await createRecords(s1, 'Contact', Array.from({ length: 20 }, () => ({ LastName: tag })));
    const everyIdBefore = (await query(s1, 'SELECT Id FROM Contact', true)).records.map((r) => r.Id as string);
    await stop(first);

    const second = await start(dataDir);
    const s2 = await loginAs(second.url, { ...DEMO_CREDENTIALS });
    const after = await createRecords(s2, 'Contact', Array.from({ length: 20 }, () => ({ LastName: tag })));
    const known = new Set([...everyIdBefore, ...before]);
    for (const id of after) expect(known.has(id), id).toBe(false);
    expect(await query(s2, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`).then((r) => r.totalSize)).toBe(40);
  });

  it('keeps SystemModstamp increasing across a restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const s1 = await loginAs(first.url, { ...DEMO_CREDENTIALS });
    const id = await createRecord(s1, 'Contact', { LastName: uniqueTag('clock') });
    const stamp = (await getRecord(s1, 'Contact', id)).SystemModstamp as string;
    await stop(first);
    const second = await start(dataDir);
    const s2 = await loginAs(second.url, { ...DEMO_CREDENTIALS });
    const next = await createRecord(s2, 'Contact', { LastName: uniqueTag('clock') });
    expect(String((await getRecord(s2, 'Contact', next)).SystemModstamp) > stamp).toBe(true);
  });

  it('starts an empty dataDir from the seed', async () => {
    const e = await start(tempDir(), 'none');
    const s = await loginAs(e.url, { ...DEMO_CREDENTIALS });
    expect((await query(s, 'SELECT COUNT() FROM Account')).totalSize).toBe(0);
    await stop(e);
  });

  it('keeps orgs in different directories apart', async () => {
    const a = await start(tempDir());
    const b = await start(tempDir());
    const sa = await loginAs(a.url, { ...DEMO_CREDENTIALS });
    const sb = await loginAs(b.url, { ...DEMO_CREDENTIALS });
    const tag = uniqueTag('apart');
    await createRecord(sa, 'Contact', { LastName: tag });
    expect((await query(sb, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).totalSize).toBe(0);
    await stop(a);
    await stop(b);
  });
});
