// describeGlobal and sObject describe JSON: every attribute a real describe has, with values
// derived from the FieldDefs, and child relationships derived from all objects' lookups.
import { describe, expect, it } from 'vitest';
import {
  childRelationships, describeGlobal, describeGlobalEntry, describeSObject, findChildRelationship,
  type FieldDescribe, type SObjectDescribe,
} from '../../../src/emulator/schema/describe.js';
import { demoOrgSchema } from '../../../src/emulator/schema/registry.js';

const schema = await demoOrgSchema();

function describeOf(name: string): SObjectDescribe {
  return describeSObject(schema.get(name)!, schema, '66.0');
}

function field(d: SObjectDescribe, name: string): FieldDescribe {
  const f = d.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no ${d.name}.${name}`);
  return f;
}

const FIELD_ATTRIBUTES = [
  'aggregatable', 'aiPredictionField', 'autoNumber', 'byteLength', 'calculated', 'calculatedFormula', 'cascadeDelete',
  'caseSensitive', 'compoundFieldName', 'controllerName', 'createable', 'custom', 'defaultValue', 'defaultValueFormula',
  'defaultedOnCreate', 'dependentPicklist', 'deprecatedAndHidden', 'digits', 'displayLocationInDecimal', 'encrypted',
  'externalId', 'extraTypeInfo', 'filterable', 'filteredLookupInfo', 'formulaTreatNullNumberAsZero', 'groupable',
  'highScaleNumber', 'htmlFormatted', 'idLookup', 'inlineHelpText', 'label', 'length', 'mask', 'maskType', 'name',
  'nameField', 'namePointing', 'nillable', 'permissionable', 'picklistValues', 'polymorphicForeignKey', 'precision',
  'queryByDistance', 'referenceTargetField', 'referenceTo', 'relationshipName', 'relationshipOrder', 'restrictedDelete',
  'restrictedPicklist', 'scale', 'searchPrefilterable', 'soapType', 'sortable', 'type', 'unique', 'updateable',
  'writeRequiresMasterRead',
];

describe('describeGlobal', () => {
  it('lists every object with the global flags and urls', () => {
    const global = describeGlobal(schema, '66.0');
    expect(global.encoding).toBe('UTF-8');
    expect(global.maxBatchSize).toBe(200);
    expect(global.sobjects.map((o) => o.name)).toEqual(['Account', 'Contact', 'Lead', 'Opportunity', 'User', 'Invoice__c']);
    expect(describeGlobalEntry(schema.get('Account')!, '66.0')).toEqual({
      activateable: false, associateEntityType: null, associateParentEntity: null, createable: true, custom: false,
      customSetting: false, deepCloneable: false, deletable: true, deprecatedAndHidden: false, feedEnabled: false,
      hasSubtypes: false, isInterface: false, isSubtype: false, keyPrefix: '001', label: 'Account', labelPlural: 'Accounts',
      layoutable: true, mergeable: true, mruEnabled: true, name: 'Account', queryable: true, replicateable: true,
      retrieveable: true, searchable: true, triggerable: true, undeletable: true, updateable: true,
      urls: {
        sobject: '/services/data/v66.0/sobjects/Account',
        describe: '/services/data/v66.0/sobjects/Account/describe',
        rowTemplate: '/services/data/v66.0/sobjects/Account/{ID}',
      },
    });
  });

  it('accepts the version with or without its v', () => {
    expect(describeGlobalEntry(schema.get('Invoice__c')!, 'v60.0').urls.sobject).toBe('/services/data/v60.0/sobjects/Invoice__c');
  });

  it('marks User as neither deletable nor undeletable, and custom objects as custom', () => {
    expect(describeGlobalEntry(schema.get('User')!, '66.0')).toMatchObject({ deletable: false, undeletable: false, mergeable: false });
    expect(describeGlobalEntry(schema.get('Invoice__c')!, '66.0')).toMatchObject({ custom: true, keyPrefix: 'a01', labelPlural: 'Invoices' });
  });
});

describe('describeSObject', () => {
  it('has the top-level attributes of a real describe', () => {
    const d = describeOf('Contact');
    expect(d).toMatchObject({
      name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', custom: false, createable: true,
      updateable: true, deletable: true, queryable: true, retrieveable: true, replicateable: true, searchable: true,
      undeletable: true, triggerable: true, layoutable: true, recordTypeInfos: [],
      urls: {
        sobject: '/services/data/v66.0/sobjects/Contact',
        describe: '/services/data/v66.0/sobjects/Contact/describe',
        rowTemplate: '/services/data/v66.0/sobjects/Contact/{ID}',
      },
    });
    expect(Object.keys(d)).toEqual([...Object.keys(d)].sort());
  });

  it('gives every field every attribute, in alphabetical order', () => {
    for (const o of schema.objects()) {
      for (const f of describeOf(o.name).fields) expect(Object.keys(f), `${o.name}.${f.name}`).toEqual(FIELD_ATTRIBUTES);
    }
  });

  it('describes text, id and reference fields with lengths, byte lengths and SOAP types', () => {
    const d = describeOf('Contact');
    expect(field(d, 'Id')).toMatchObject({ type: 'id', length: 18, byteLength: 18, soapType: 'tns:ID', nillable: false, idLookup: true });
    expect(field(d, 'LastName')).toMatchObject({
      type: 'string', length: 80, byteLength: 240, soapType: 'xsd:string', nillable: false, createable: true,
      defaultedOnCreate: false, compoundFieldName: 'Name', permissionable: false, htmlFormatted: false, dependentPicklist: false,
    });
    expect(field(d, 'FirstName')).toMatchObject({ compoundFieldName: 'Name', permissionable: true });
    expect(field(d, 'Name')).toMatchObject({ nameField: true, calculated: false, createable: false, extraTypeInfo: 'personname', compoundFieldName: null });
    expect(field(d, 'AccountId')).toMatchObject({
      type: 'reference', length: 18, byteLength: 18, soapType: 'tns:ID', referenceTo: ['Account'], relationshipName: 'Account',
      polymorphicForeignKey: false, cascadeDelete: false,
    });
    expect(field(d, 'Description')).toMatchObject({
      type: 'textarea', length: 32000, extraTypeInfo: 'plaintextarea', filterable: false, sortable: false, groupable: false,
    });
    expect(field(d, 'External_Id__c')).toMatchObject({ custom: true, externalId: true, unique: true, idLookup: true, caseSensitive: false });
  });

  it('describes numbers, dates and booleans', () => {
    const account = describeOf('Account');
    expect(field(account, 'NumberOfEmployees')).toMatchObject({ type: 'int', digits: 8, precision: 0, length: 0, byteLength: 0, soapType: 'xsd:int' });
    expect(field(account, 'AnnualRevenue')).toMatchObject({ type: 'currency', precision: 18, scale: 0, soapType: 'xsd:double', groupable: false });
    expect(field(account, 'IsDeleted')).toMatchObject({ soapType: 'xsd:boolean', defaultValue: false, nillable: false, defaultedOnCreate: true });
    expect(field(account, 'CreatedDate')).toMatchObject({ soapType: 'xsd:dateTime', createable: false });
    expect(field(describeOf('Opportunity'), 'CloseDate')).toMatchObject({ soapType: 'xsd:date', nillable: false });
    expect(field(describeOf('User'), 'IsActive')).toMatchObject({ defaultValue: true });
  });

  it('describes picklists with their entries and the default marked, not in defaultValue', () => {
    const status = field(describeOf('Lead'), 'Status');
    expect(status).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultValue: null, defaultedOnCreate: true, length: 255, byteLength: 765 });
    expect(status.picklistValues[0]).toEqual({ active: true, defaultValue: true, label: 'Open - Not Contacted', validFor: null, value: 'Open - Not Contacted' });
    expect(status.picklistValues.slice(1).every((p) => !p.defaultValue)).toBe(true);
  });

  it('describes formula fields as calculated with their formula', () => {
    expect(field(describeOf('Invoice__c'), 'Total_With_Tax__c')).toMatchObject({
      calculated: true, calculatedFormula: 'Amount__c * 1.2', createable: false, updateable: false, custom: true, type: 'currency',
    });
    expect(field(describeOf('Invoice__c'), 'Amount__c')).toMatchObject({ calculatedFormula: null, calculated: false });
  });

  it('derives child relationships from every lookup to the object', () => {
    const rels = describeOf('Account').childRelationships;
    expect(rels.map((r) => [r.childSObject, r.field, r.relationshipName])).toEqual([
      ['Account', 'ParentId', 'ChildAccounts'],
      ['Contact', 'AccountId', 'Contacts'],
      ['Opportunity', 'AccountId', 'Opportunities'],
      ['Invoice__c', 'Account__c', 'Invoices__r'],
    ]);
    expect(rels[1]).toEqual({
      cascadeDelete: false, childSObject: 'Contact', deprecatedAndHidden: false, field: 'AccountId',
      junctionIdListNames: [], junctionReferenceTo: [], relationshipName: 'Contacts', restrictedDelete: false,
    });
    const userRels = describeOf('User').childRelationships;
    expect(userRels).toContainEqual(expect.objectContaining({ childSObject: 'Contact', field: 'CreatedById', relationshipName: null }));
    expect(userRels).toContainEqual(expect.objectContaining({ childSObject: 'User', field: 'ManagerId', relationshipName: 'ManagedUsers' }));
    expect(describeOf('Invoice__c').childRelationships).toEqual([]);
  });

  it('finds a child relationship by name, case-insensitively, for SOQL subqueries', () => {
    const account = schema.get('Account')!;
    const contacts = findChildRelationship(account, 'contacts', schema);
    expect(contacts?.child.name).toBe('Contact');
    expect(contacts?.field.name).toBe('AccountId');
    expect(findChildRelationship(account, 'INVOICES__R', schema)?.child.name).toBe('Invoice__c');
    expect(findChildRelationship(account, 'Nope', schema)).toBeUndefined();
    expect(childRelationships(schema.get('Lead')!, schema)).toEqual([]);
  });
});
