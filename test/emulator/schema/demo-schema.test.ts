// The demo org's schema: the standard objects plus the custom fields and object of
// demo-schema.ts, loaded through the schema-file format.
import { describe, expect, it } from 'vitest';
import { demoOrgSchema } from '../../../src/emulator/schema/registry.js';
import { DEMO_SCHEMA } from '../../../src/emulator/schema/demo-schema.js';
import { parseSchemaFile } from '../../../src/emulator/schema/schema-file.js';
import { findField } from '../../../src/emulator/schema/types.js';

describe('demo org schema', () => {
  it('is a valid schema file', () => {
    expect(() => parseSchemaFile(DEMO_SCHEMA, 'demo-schema')).not.toThrow();
  });

  it('adds Note__c and External_Id__c to Contact', async () => {
    const contact = (await demoOrgSchema()).get('Contact')!;
    expect(findField(contact, 'Note__c')).toMatchObject({ type: 'string', length: 255, label: 'Note', custom: true, nillable: true });
    expect(findField(contact, 'External_Id__c')).toMatchObject({
      type: 'string', length: 255, label: 'External Id', unique: true, externalId: true, idLookup: true, createable: true, updateable: true,
    });
  });

  it('adds the custom object Invoice__c with a formula field and a validation rule', async () => {
    const schema = await demoOrgSchema();
    const invoice = schema.get('Invoice__c')!;
    expect(invoice).toMatchObject({ custom: true, keyPrefix: 'a01', label: 'Invoice', labelPlural: 'Invoices' });
    expect(schema.byKeyPrefix('a01')).toBe(invoice);
    expect(findField(invoice, 'Amount__c')).toMatchObject({ type: 'currency', nillable: false });
    expect(findField(invoice, 'Status__c')).toMatchObject({ restrictedPicklist: true, defaultValue: 'Draft' });
    expect(findField(invoice, 'Account__c')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account__r' });
    expect(invoice.fields.filter((f) => f.calculated).map((f) => f.name)).toEqual(['Total_With_Tax__c']);
    expect(invoice.validationRules.map((r) => r.name)).toEqual(['Positive_Amount']);
    expect(findField(invoice, 'OwnerId')?.relationshipName).toBe('Owner');
  });

  it('builds a fresh registry on each call', async () => {
    expect(await demoOrgSchema()).not.toBe(await demoOrgSchema());
  });
});
