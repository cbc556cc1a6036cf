// Reading: SOQL pages over nextRecordsUrl, batch sizes, queryAll, getUpdated/getDeleted,
// describe, limits, and API usage from Sforce-Limit-Info.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { SalesforceClient, type ApiUsage } from '../../src/salesforce/index.js';
import { collect, demoConfig } from './support.js';

const clients: SalesforceClient[] = [];
function client(...args: ConstructorParameters<typeof SalesforceClient>): SalesforceClient {
  const c = new SalesforceClient(...args);
  clients.push(c);
  return c;
}
afterAll(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('paging over 4,500 contacts', () => {
  const emulator = useEmulator({ seed: 'generate:contacts=4500,accounts=10,leads=0,opportunities=0' });

  it('follows nextRecordsUrl: pages of 2,000 until done', async () => {
    const pages = await collect(client(demoConfig(emulator.current.url)).query('SELECT Id, LastName, Account.Name FROM Contact'));
    expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 500]);
    expect(pages.map((p) => p.done)).toEqual([false, false, true]);
    expect(pages.every((p) => p.totalSize === 4500)).toBe(true);
    const ids = new Set(pages.flatMap((p) => p.records.map((r) => r.Id)));
    expect(ids.size).toBe(4500);
    expect(pages[0]!.records[0]).toMatchObject({ attributes: { type: 'Contact' } });
  });

  it('batchSize asks for smaller pages', async () => {
    const pages = await collect(client(demoConfig(emulator.current.url)).query('SELECT Id FROM Contact', { batchSize: 1000 }));
    expect(pages.map((p) => p.records.length)).toEqual([1000, 1000, 1000, 1000, 500]);
  });

  it('a reader that stops early makes no more requests', async () => {
    const c = client(demoConfig(emulator.current.url));
    await c.login();
    const before = emulator.current.apiUsage().used;
    for await (const page of c.query('SELECT Id FROM Contact')) {
      expect(page.records).toHaveLength(2000);
      break;
    }
    expect(emulator.current.apiUsage().used - before).toBe(1);
  });
});

describe('on the demo org', () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('an empty result is one done page', async () => {
    const pages = await collect(client(demoConfig(emulator.current.url)).query("SELECT Id FROM Contact WHERE LastName = 'nobody at all'"));
    expect(pages).toEqual([{ records: [], totalSize: 0, done: true }]);
  });

  it('queryAll also sees deleted records; query does not', async () => {
    const c = client(demoConfig(emulator.current.url));
    const tag = `qa${Date.now()}`;
    const [created] = await c.create('Contact', [{ LastName: tag }]);
    expect(created!.success).toBe(true);
    expect((await c.delete([created!.id!]))[0]).toMatchObject({ id: created!.id, success: true });
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}'`;
    expect((await collect(c.query(soql)))[0]!.totalSize).toBe(0);
    const all = await collect(c.query(soql, { all: true }));
    expect(all[0]!.records).toEqual([expect.objectContaining({ Id: created!.id, IsDeleted: true })]);
  });

  describe('getUpdated and getDeleted', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('list what changed in whole minutes of the window', async () => {
      const c = client(demoConfig(emulator.current.url));
      const start = new Date(Date.now() - 5 * 60_000);
      const tag = `win${Date.now()}`;
      const [kept, gone] = await c.create('Contact', [{ LastName: tag }, { LastName: tag }]);
      await c.delete([gone!.id!]);
      // Salesforce never covers the current minute; move the clock (the emulator's too) past it.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 2 * 60_000);
      const end = new Date(Date.now() + 60_000);
      const updated = await c.getUpdated('Contact', start, end);
      expect(updated.ids).toContain(kept!.id);
      expect(updated.ids).not.toContain(gone!.id);
      expect(updated.latestDateCovered).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000\+0000$/);
      const deleted = await c.getDeleted('Contact', start, end);
      expect(deleted.deletedRecords).toContainEqual({ id: gone!.id, deletedDate: expect.stringMatching(/\+0000$/) });
      expect(deleted.deletedRecords.map((r) => r.id)).not.toContain(kept!.id);
      expect(deleted.earliestDateAvailable).toEqual(expect.any(String));
      expect(deleted.latestDateCovered).toEqual(expect.any(String));
    });

    it('refuse a window more than 30 days ago with INVALID_REPLICATION_DATE', async () => {
      const c = client(demoConfig(emulator.current.url));
      const error = await c.getUpdated('Contact', new Date(Date.now() - 40 * 86_400_000), new Date(Date.now() - 35 * 86_400_000)).catch((e: unknown) => e);
      expect(error).toMatchObject({ errorCode: 'INVALID_REPLICATION_DATE', sqlstate: '22023' });
    });
  });

  it('describeGlobal and describe give the typed subset', async () => {
    const c = client(demoConfig(emulator.current.url));
    const global = await c.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Invoice__c']));
    expect(global.sobjects.find((s) => s.name === 'Contact')).toMatchObject({ keyPrefix: '003', custom: false, queryable: true });
    expect(global.sobjects[0]).not.toHaveProperty('urls');

    const contact = await c.describe('Contact');
    expect(contact).toMatchObject({ name: 'Contact', label: 'Contact', keyPrefix: '003', custom: false });
    const byName = new Map(contact.fields.map((f) => [f.name, f]));
    expect(byName.get('LastName')).toMatchObject({ type: 'string', length: 80, nillable: false, createable: true, updateable: true, defaultedOnCreate: false });
    expect(byName.get('AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
    expect(byName.get('External_Id__c')).toMatchObject({ externalId: true, unique: true, idLookup: true, custom: true });
    expect(byName.get('Id')).toMatchObject({ type: 'id', createable: false, defaultedOnCreate: true });
    expect(byName.get('LastName')).not.toHaveProperty('aggregatable');
    const invoice = await c.describe('Invoice__c');
    expect(invoice.custom).toBe(true);
    expect(invoice.fields.some((f) => f.calculated)).toBe(true);
  });

  it('limits() reads /limits', async () => {
    const limits = await client(demoConfig(emulator.current.url)).limits();
    expect(limits.DailyApiRequests).toEqual({ Max: expect.any(Number), Remaining: expect.any(Number) });
  });

  it('tracks API usage from Sforce-Limit-Info on every answer', async () => {
    const seen: ApiUsage[] = [];
    const c = client(demoConfig(emulator.current.url), { onApiUsage: (u) => seen.push(u) });
    expect(c.apiUsage).toBeUndefined();
    await c.limits();
    await c.describe('Account');
    expect(seen).toHaveLength(2);
    expect(seen[1]!.used).toBe(seen[0]!.used + 1);
    expect(c.apiUsage).toEqual(emulator.current.apiUsage());
    // An error answer carries the header too.
    await c.describe('Nope__c').catch(() => undefined);
    expect(c.apiUsage!.used).toBe(seen[1]!.used + 1);
  });
});
