// The emulator's seeds: an empty org, the demo org, and generated orgs of a given size.
import { describe, expect, it } from 'vitest';
import { loginAs } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, OTHER_CREDENTIALS } from '../../support/salesforce-http.js';
import { count, query } from '../contract/sf-helpers.js';

describe("seed 'none'", () => {
  const emulator = useEmulator({ seed: 'none' });

  it('has no business records but still has both demo users', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    for (const sobject of ['Account', 'Contact', 'Lead', 'Opportunity', 'Invoice__c']) {
      expect(await count(s, `SELECT COUNT() FROM ${sobject}`), sobject).toBe(0);
    }
    await loginAs(emulator.current.url, { ...OTHER_CREDENTIALS });
    const users = await query(s, "SELECT Username FROM User WHERE Username IN ('demo@pgforce.dev', 'other@pgforce.dev')");
    expect(users.totalSize).toBe(2);
  });
});

describe("seed 'demo'", () => {
  const emulator = useEmulator({ seed: 'demo' });

  it('has dozens of Accounts and Contacts and some Leads and Opportunities', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect(await count(s, 'SELECT COUNT() FROM Account')).toBeGreaterThanOrEqual(24);
    expect(await count(s, 'SELECT COUNT() FROM Contact')).toBeGreaterThanOrEqual(24);
    expect(await count(s, 'SELECT COUNT() FROM Lead')).toBeGreaterThan(0);
    expect(await count(s, 'SELECT COUNT() FROM Opportunity')).toBeGreaterThan(0);
  });

  it('links Contacts to Accounts and holds valid data', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect(await count(s, 'SELECT COUNT() FROM Contact WHERE AccountId != null')).toBeGreaterThan(0);
    const contacts = await query(s, 'SELECT Id, LastName, Account.Name FROM Contact WHERE AccountId != null LIMIT 5');
    for (const c of contacts.records) {
      expect(typeof c.LastName).toBe('string');
      expect((c.Account as { Name: string }).Name).toBeTruthy();
    }
  });
});

describe("seed 'generate:contacts=5000,accounts=50'", () => {
  const emulator = useEmulator({ seed: 'generate:contacts=5000,accounts=50' });

  it('has exactly the requested counts', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect(await count(s, 'SELECT COUNT() FROM Contact')).toBe(5000);
    expect(await count(s, 'SELECT COUNT() FROM Account')).toBe(50);
  });

  it('pages through all 5000 Contacts with the default batch size', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    let page = await query(s, 'SELECT Id FROM Contact');
    const ids = new Set(page.records.map((r) => r.Id));
    expect(page.records).toHaveLength(2000);
    while (page.nextRecordsUrl) {
      const res = await fetch(`${s.instanceUrl}${page.nextRecordsUrl}`, { headers: { authorization: `Bearer ${s.accessToken}` } });
      page = (await res.json()) as typeof page;
      for (const r of page.records) ids.add(r.Id);
    }
    expect(ids.size).toBe(5000);
  });
});
