// A first sync mirrors the demo org: every object, every record, every field, with the
// Postgres types of salesforce-api-notes §8.2 and the mapping stored in the catalog.
import { describe, expect, it } from 'vitest';
import { useSyncHarness } from './harness.js';
import { diffMirror } from '../support/mirror-compare.js';

const h = useSyncHarness({ seed: 'demo' });

describe('backfill of the demo org', () => {
  it('mirrors every object field by field', async () => {
    await h.sync().runOnce();
    for (const sobject of ['Account', 'Contact', 'Lead', 'Opportunity', 'User', 'Invoice__c']) {
      const diff = await diffMirror(h.database.client, h.session, sobject);
      expect(diff, sobject).toMatchObject({ missing: [], extra: [], different: [] });
      expect(diff.compared, sobject).toBeGreaterThan(0);
    }
  });

  it('names tables and columns as DESIGN.md says, with Postgres types per field type', async () => {
    await h.sync().runOnce();
    const columns = await h.query<{ table_name: string; column_name: string; type: string; nullable: string }>(
      `SELECT table_name, column_name, format_type(atttypid, atttypmod) AS type, attnotnull::text AS nullable
         FROM information_schema.columns c JOIN pg_attribute a ON a.attname = c.column_name
         AND a.attrelid = ('salesforce.' || quote_ident(c.table_name))::regclass
        WHERE table_schema = 'salesforce'`,
    );
    const type = (t: string, c: string) => columns.find((x) => x.table_name === t && x.column_name === c)?.type;
    expect(new Set(columns.map((c) => c.table_name))).toEqual(new Set(['accounts', 'contacts', 'leads', 'opportunities', 'users', 'invoices']));
    expect(type('contacts', 'id')).toBe('character varying(18)');
    expect(type('contacts', 'account_id')).toBe('character varying(18)');
    expect(type('contacts', 'first_name')).toBe('text');
    expect(type('contacts', 'note')).toBe('text');
    expect(type('contacts', 'external_id')).toBe('text');
    expect(type('contacts', 'system_modstamp')).toBe('timestamp with time zone');
    expect(type('contacts', 'birthdate')).toBe('date');
    expect(type('contacts', 'has_opted_out_of_email')).toBe('boolean');
    expect(type('opportunities', 'amount')).toBe('numeric(18,2)');
    expect(type('accounts', 'number_of_employees')).toBe('integer');
    expect(type('invoices', 'total_with_tax')).toBe('numeric(18,2)');
    const pk = await h.query<{ col: string }>(
      `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = 'salesforce.contacts'::regclass AND i.indisprimary`,
    );
    expect(pk.map((r) => r.col)).toEqual(['id']);
    const indexes = await h.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'salesforce' AND tablename = 'contacts'`);
    const indexed = indexes.map((i) => i.indexdef).join('\n');
    expect(indexed).toContain('(system_modstamp)');
    expect(indexed).toContain('(account_id)');
    expect(indexed).toContain('(owner_id)');
  });

  it('stores the mapping with what Salesforce allows to be written', async () => {
    await h.sync().runOnce();
    const rows = await h.query<{ column_name: string; field: string; createable: boolean; updateable: boolean; sf_type: string }>(
      `SELECT column_name, field, createable, updateable, sf_type FROM pgforce.mirror_columns WHERE table_name = 'contacts'`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by.Email).toMatchObject({ column_name: 'email', createable: true, updateable: true, sf_type: 'email' });
    expect(by.Note__c).toMatchObject({ column_name: 'note', createable: true });
    expect(by.CreatedDate).toMatchObject({ column_name: 'created_date', createable: false, updateable: false });
    expect(by.Name).toMatchObject({ createable: false });
    const tables = await h.query<{ table_name: string; sobject: string }>('SELECT table_name, sobject FROM pgforce.mirror_tables');
    expect(tables).toContainEqual({ table_name: 'invoices', sobject: 'Invoice__c' });
  });

  it('is idempotent: a second pass changes nothing', async () => {
    await h.sync().runOnce();
    const before = await h.query('SELECT count(*)::int AS n FROM salesforce.contacts');
    await h.sync().runOnce();
    expect(await h.query('SELECT count(*)::int AS n FROM salesforce.contacts')).toEqual(before);
  });
});
