// The demo seed: a small realistic org that the demo schema accepts, the same on every run.
import { describe, expect, it } from 'vitest';
import { demoOrgSchema } from '../../../src/emulator/schema/registry.js';
import { seedDemo } from '../../../src/emulator/seed/demo.js';
import { CheckingSink } from './checking-sink.js';

async function seeded(): Promise<CheckingSink> {
  const sink = new CheckingSink(await demoOrgSchema());
  seedDemo(sink);
  return sink;
}

describe('seedDemo', () => {
  it('inserts a small org that passes the schema checks', async () => {
    const sink = await seeded();
    expect(sink.count('Account')).toBe(32);
    expect(sink.count('Contact')).toBe(64);
    expect(sink.count('Lead')).toBe(15);
    expect(sink.count('Opportunity')).toBe(20);
    expect(sink.count('Invoice__c')).toBe(5);
  });

  it('is deterministic', async () => {
    expect((await seeded()).inserted).toEqual((await seeded()).inserted);
  });

  it('attaches every contact to an account and gives them unique emails', async () => {
    const sink = await seeded();
    const accounts = new Set(sink.inserted.filter((r) => r.sobject === 'Account').map((r) => r.id));
    const contacts = sink.inserted.filter((r) => r.sobject === 'Contact');
    expect(contacts.every((c) => accounts.has(String(c.fields.AccountId)))).toBe(true);
    const emails = contacts.map((c) => c.fields.Email);
    expect(new Set(emails).size).toBe(emails.length);
    expect(contacts.filter((c) => c.fields.Note__c !== null).length).toBeGreaterThan(5);
    expect(contacts.filter((c) => c.fields.External_Id__c !== null).length).toBeGreaterThan(3);
    expect(contacts.filter((c) => c.fields.ReportsToId !== null).length).toBe(32);
  });

  it('has opportunities in several stages closing in 2026, and account hierarchies', async () => {
    const sink = await seeded();
    const opportunities = sink.inserted.filter((r) => r.sobject === 'Opportunity');
    expect(new Set(opportunities.map((o) => o.fields.StageName)).size).toBeGreaterThanOrEqual(8);
    expect(opportunities.every((o) => String(o.fields.CloseDate).startsWith('2026-'))).toBe(true);
    expect(sink.inserted.filter((r) => r.sobject === 'Account' && r.fields.ParentId !== null)).toHaveLength(2);
    expect(new Set(sink.inserted.filter((r) => r.sobject === 'Account').map((a) => a.fields.Industry)).size).toBeGreaterThan(20);
  });
});
