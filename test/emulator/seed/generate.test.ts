// The bulk generator: spec parsing, and deterministic valid records in the asked numbers.
import { describe, expect, it } from 'vitest';
import { OrgSchema } from '../../../src/emulator/schema/registry.js';
import { isGenerateSpec, parseGenerateSpec, seedGenerated } from '../../../src/emulator/seed/generate.js';
import { CheckingSink, CountingSink } from './checking-sink.js';

describe('parseGenerateSpec', () => {
  it('reads counts and seed, defaulting the rest', () => {
    expect(parseGenerateSpec('generate:contacts=1000000,accounts=1000,leads=0,opportunities=0')).toEqual({
      contacts: 1_000_000, accounts: 1000, leads: 0, opportunities: 0, seed: 1,
    });
    expect(parseGenerateSpec('generate:accounts=10,seed=42')).toEqual({ contacts: 0, accounts: 10, leads: 0, opportunities: 0, seed: 42 });
    expect(parseGenerateSpec('generate: Contacts = 1_000 , leads=5')).toMatchObject({ contacts: 1000, leads: 5 });
    expect(isGenerateSpec('generate:contacts=1')).toBe(true);
    expect(isGenerateSpec('demo')).toBe(false);
  });

  it.each([
    ['contacts=10', "it must start with 'generate:'"],
    ['generate:', 'it names nothing to generate'],
    ['generate:contacts', "'contacts' is not key=number"],
    ['generate:contact=10', "unknown key 'contact' (known: accounts, contacts, leads, opportunities, seed)"],
    ['generate:contacts=ten', "contacts must be a whole number, not 'ten'"],
    ['generate:contacts=-1', "contacts must be a whole number, not '-1'"],
    ['generate:contacts=1.5', "contacts must be a whole number, not '1.5'"],
    ['generate:contacts=1,contacts=2', "'contacts' is given twice"],
    ['generate:contacts=0,accounts=0', 'every count is zero'],
    ['generate:contacts=100000000', 'contacts must be at most 50000000'],
    ['generate:contacts=1,seed=99999999999', 'seed must be at most 4294967295'],
    ['generate:contacts=1,', "'' is not key=number"],
  ])('rejects %s', (spec, why) => {
    expect(() => parseGenerateSpec(spec)).toThrow(`invalid generate spec '${spec}': ${why}`);
  });
});

describe('seedGenerated', () => {
  const spec = parseGenerateSpec('generate:accounts=50,contacts=500,leads=100,opportunities=80,seed=7');

  it('makes the asked numbers of records that pass the schema checks', () => {
    const sink = new CheckingSink(OrgSchema.standard());
    seedGenerated(sink, spec);
    expect([sink.count('Account'), sink.count('Contact'), sink.count('Lead'), sink.count('Opportunity')]).toEqual([50, 500, 100, 80]);
    const accounts = new Set(sink.inserted.filter((r) => r.sobject === 'Account').map((r) => r.id));
    for (const r of sink.inserted.filter((x) => x.sobject === 'Contact' || x.sobject === 'Opportunity')) {
      expect(accounts.has(String(r.fields.AccountId))).toBe(true);
    }
    const emails = sink.inserted.filter((r) => r.sobject === 'Contact').map((r) => r.fields.Email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => {
      const sink = new CheckingSink(OrgSchema.standard());
      seedGenerated(sink, { ...spec, seed });
      return sink.inserted;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(8)).not.toEqual(run(7));
  });

  it('makes contacts without accounts when no accounts are asked for', () => {
    const sink = new CheckingSink(OrgSchema.standard());
    seedGenerated(sink, parseGenerateSpec('generate:contacts=20'));
    expect(sink.inserted.every((r) => r.sobject === 'Contact' && r.fields.AccountId === null)).toBe(true);
  });

  it('generates 100,000 contacts quickly (time logged, not asserted)', () => {
    const sink = new CountingSink();
    const started = performance.now();
    seedGenerated(sink, parseGenerateSpec('generate:contacts=100000,accounts=1000'));
    const ms = performance.now() - started;
    console.log(`generated 100,000 contacts + 1,000 accounts in ${ms.toFixed(0)} ms (counting sink)`);
    expect(sink.counts.get('Contact')).toBe(100_000);
  });
});
