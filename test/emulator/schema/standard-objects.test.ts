// The standard objects: key prefixes, required-field rules, system fields and the
// conventions the rest of the emulator relies on (salesforce-api-notes §2.3, §7).
import { describe, expect, it } from 'vitest';
import { OrgSchema } from '../../../src/emulator/schema/registry.js';
import { OPPORTUNITY_STAGES } from '../../../src/emulator/schema/standard-objects.js';
import { findField, type FieldDef, type SObjectDef } from '../../../src/emulator/schema/types.js';

const schema = OrgSchema.standard();

function object(name: string): SObjectDef {
  const o = schema.get(name);
  if (!o) throw new Error(`no ${name}`);
  return o;
}

function field(objectName: string, name: string): FieldDef {
  const f = findField(object(objectName), name);
  if (!f) throw new Error(`no ${objectName}.${name}`);
  return f;
}

/** Salesforce's rule: createable, not nillable and not defaulted means required on create. */
function requiredOnCreate(name: string): string[] {
  return object(name).fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate).map((f) => f.name);
}

const FIELD_KEYS = [
  'name', 'label', 'type', 'length', 'precision', 'scale', 'digits', 'nillable', 'createable', 'updateable',
  'defaultedOnCreate', 'defaultValue', 'unique', 'caseSensitive', 'externalId', 'idLookup', 'custom', 'calculated',
  'formula', 'autoNumber', 'autoNumberFormat', 'autoNumberStart', 'picklistValues', 'restrictedPicklist', 'referenceTo', 'relationshipName', 'childRelationshipName', 'nameField',
].sort();

describe('standard objects', () => {
  it('have the Salesforce key prefixes and are found by prefix', () => {
    const prefixes = Object.fromEntries(schema.objects().map((o) => [o.name, o.keyPrefix]));
    expect(prefixes).toEqual({ Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006', User: '005' });
    expect(schema.byKeyPrefix('00Q')?.name).toBe('Lead');
    expect(schema.byKeyPrefix('a00')).toBeUndefined();
  });

  it('are looked up case-insensitively, with fields indexed by lower-cased name', () => {
    expect(schema.get('contact')?.name).toBe('Contact');
    expect(schema.get('OPPORTUNITY')?.name).toBe('Opportunity');
    expect(findField(object('Contact'), 'firstname')?.name).toBe('FirstName');
    for (const o of schema.objects()) {
      expect(o.fieldsByLowerName.size, o.name).toBe(o.fields.length);
    }
  });

  it('have the required-on-create fields of a real org', () => {
    expect(requiredOnCreate('Account')).toEqual(['Name']);
    expect(requiredOnCreate('Contact')).toEqual(['LastName']);
    expect(requiredOnCreate('Lead')).toEqual(['LastName', 'Company']);
    expect(requiredOnCreate('Opportunity')).toEqual(['Name', 'StageName', 'CloseDate']);
    expect(requiredOnCreate('User')).toEqual([
      'Username', 'LastName', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'EmailEncodingKey', 'LanguageLocaleKey',
    ]);
  });

  it('fill every FieldDef property on every field', () => {
    for (const o of schema.objects()) {
      for (const f of o.fields) expect(Object.keys(f).sort(), `${o.name}.${f.name}`).toEqual(FIELD_KEYS);
    }
  });

  it('share the system fields, read-only except OwnerId', () => {
    for (const o of schema.objects()) {
      expect(field(o.name, 'Id')).toMatchObject({
        type: 'id', length: 18, nillable: false, createable: false, updateable: false, defaultedOnCreate: true, idLookup: true,
      });
      for (const name of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
        expect(field(o.name, name)).toMatchObject({ type: 'datetime', createable: false, updateable: false, defaultedOnCreate: true });
      }
      expect(field(o.name, 'CreatedById')).toMatchObject({ type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy', createable: false });
      expect(field(o.name, 'LastModifiedById')).toMatchObject({ referenceTo: ['User'], relationshipName: 'LastModifiedBy', updateable: false });
    }
    for (const name of ['Account', 'Contact', 'Lead', 'Opportunity']) {
      expect(field(name, 'IsDeleted')).toMatchObject({ type: 'boolean', nillable: false, createable: false, updateable: false });
      expect(field(name, 'OwnerId')).toMatchObject({
        type: 'reference', referenceTo: ['User'], relationshipName: 'Owner', createable: true, updateable: true, defaultedOnCreate: true,
      });
    }
    // Users are deactivated, never deleted, and own nothing.
    expect(findField(object('User'), 'OwnerId')).toBeUndefined();
    expect(findField(object('User'), 'IsDeleted')).toBeUndefined();
    expect(object('User').deletable).toBe(false);
  });

  it('model the person Name as a read-only name field, not a formula', () => {
    for (const name of ['Contact', 'Lead', 'User']) {
      expect(field(name, 'Name')).toMatchObject({
        type: 'string', nameField: true, calculated: false, formula: null, createable: false, updateable: false,
      });
    }
    expect(field('Account', 'Name')).toMatchObject({ nameField: true, createable: true, nillable: false, length: 255 });
    expect(field('Opportunity', 'Name')).toMatchObject({ nameField: true, createable: true, length: 120 });
  });

  it('use formula: null everywhere (no standard formula fields)', () => {
    for (const o of schema.objects()) {
      for (const f of o.fields) {
        expect(f.formula, `${o.name}.${f.name}`).toBeNull();
        expect(f.calculated).toBe(false);
      }
    }
  });

  it('have the lookups with their relationship names', () => {
    expect(field('Contact', 'AccountId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account', label: 'Account ID' });
    expect(field('Contact', 'ReportsToId')).toMatchObject({ referenceTo: ['Contact'], relationshipName: 'ReportsTo' });
    expect(field('Account', 'ParentId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Parent' });
    expect(field('Opportunity', 'AccountId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account' });
  });

  it('have typed fields with Salesforce sizes', () => {
    expect(field('Account', 'AnnualRevenue')).toMatchObject({ type: 'currency', precision: 18, scale: 0 });
    expect(field('Account', 'NumberOfEmployees')).toMatchObject({ type: 'int', digits: 8 });
    expect(field('Account', 'Description')).toMatchObject({ type: 'textarea', length: 32000 });
    expect(field('Account', 'Website')).toMatchObject({ type: 'url', length: 255 });
    expect(field('Contact', 'FirstName')).toMatchObject({ type: 'string', length: 40 });
    expect(field('Contact', 'LastName')).toMatchObject({ type: 'string', length: 80, nillable: false });
    expect(field('Contact', 'Title')).toMatchObject({ length: 128 });
    expect(field('Contact', 'Email')).toMatchObject({ type: 'email', length: 80, idLookup: true });
    expect(field('Contact', 'Birthdate').type).toBe('date');
    expect(field('Contact', 'HasOptedOutOfEmail')).toMatchObject({ type: 'boolean', nillable: false, defaultedOnCreate: true, defaultValue: false });
    expect(field('Opportunity', 'Amount')).toMatchObject({ type: 'currency', precision: 18, scale: 2 });
    expect(field('Opportunity', 'Probability')).toMatchObject({ type: 'percent', precision: 3, scale: 0 });
    expect(field('User', 'Username')).toMatchObject({ unique: true, idLookup: true, nillable: false });
    expect(field('User', 'Alias')).toMatchObject({ length: 8, nillable: false });
  });

  it('have restricted picklists with defaults where Salesforce has them', () => {
    const status = field('Lead', 'Status');
    expect(status).toMatchObject({ type: 'picklist', restrictedPicklist: true, nillable: false, defaultedOnCreate: true, defaultValue: 'Open - Not Contacted' });
    expect(status.picklistValues.filter((p) => p.defaultValue).map((p) => p.value)).toEqual(['Open - Not Contacted']);
    const stage = field('Opportunity', 'StageName');
    expect(stage).toMatchObject({ restrictedPicklist: true, nillable: false, defaultedOnCreate: false });
    expect(stage.picklistValues.map((p) => p.value)).toEqual(OPPORTUNITY_STAGES.map((s) => s.value));
    expect(stage.picklistValues.map((p) => p.value)).toContain('Id. Decision Makers');
    expect(field('Account', 'Industry').restrictedPicklist).toBe(false);
    for (const name of ['IsClosed', 'IsWon']) {
      expect(field('Opportunity', name)).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    }
  });

  it('are built fresh per registry, so registries never share mutable definitions', () => {
    const other = OrgSchema.standard();
    expect(other.get('Account')).not.toBe(schema.get('Account'));
    expect(findField(other.get('Account')!, 'Name')).not.toBe(findField(object('Account'), 'Name'));
  });
});
