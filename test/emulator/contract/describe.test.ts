// Versions, resource map, describeGlobal and sObject describe (salesforce-api-notes §2.1–2.3).
import { describe, expect, it } from 'vitest';
import { API_VERSION, DATA_PATH, useContractTarget } from '../../support/contract-target.js';
import { call } from '../../support/salesforce-http.js';
import { describeSObject, expectApiError, field, requiredOnCreate, type SObjectDescribe } from './sf-helpers.js';

const target = useContractTarget();

interface DescribeGlobal {
  encoding: string;
  maxBatchSize: number;
  sobjects: Array<{ name: string; label: string; labelPlural: string; keyPrefix: string | null; custom: boolean; createable: boolean; queryable: boolean; urls: Record<string, string> }>;
}

const FIELD_ATTRIBUTES = [
  'name', 'label', 'type', 'length', 'nillable', 'createable', 'updateable', 'defaultedOnCreate',
  'picklistValues', 'referenceTo', 'externalId', 'unique', 'calculated',
] as const;

describe('versions and resources', () => {
  it('lists API versions at /services/data/ without authentication', async () => {
    const s = await target.session();
    const res = await fetch(`${s.instanceUrl}/services/data/`);
    expect(res.status).toBe(200);
    const versions = (await res.json()) as Array<{ label: string; url: string; version: string }>;
    expect(Array.isArray(versions)).toBe(true);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) {
      expect(typeof v.label).toBe('string');
      expect(v.version).toMatch(/^\d+\.\d$/);
      expect(v.url).toBe(`/services/data/v${v.version}`);
    }
    expect(versions.map((v) => v.version)).toContain(API_VERSION);
  });

  it('maps resource names to URLs under the version root', async () => {
    const s = await target.session();
    const res = await call<Record<string, string>>(s, 'GET', `${DATA_PATH}/`);
    expect(res.status).toBe(200);
    for (const name of ['sobjects', 'query', 'queryAll', 'composite', 'limits']) {
      expect(res.body[name], name).toBe(`${DATA_PATH}/${name}`);
    }
  });
});

describe('describeGlobal', () => {
  it('lists the standard objects with key prefixes and urls', async () => {
    const res = await call<DescribeGlobal>(await target.session(), 'GET', '/sobjects');
    expect(res.status).toBe(200);
    expect(res.body.encoding).toBe('UTF-8');
    expect(res.body.maxBatchSize).toBe(200);
    const byName = new Map(res.body.sobjects.map((o) => [o.name, o]));
    const expected: Record<string, string> = { Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006', User: '005' };
    for (const [name, prefix] of Object.entries(expected)) {
      const o = byName.get(name);
      expect(o, name).toBeDefined();
      expect(o!.keyPrefix).toBe(prefix);
      expect(o!.custom).toBe(false);
      expect(o!.queryable).toBe(true);
      expect(o!.urls.describe).toBe(`${DATA_PATH}/sobjects/${name}/describe`);
      expect(o!.urls.sobject).toBe(`${DATA_PATH}/sobjects/${name}`);
      expect(o!.urls.rowTemplate).toBe(`${DATA_PATH}/sobjects/${name}/{ID}`);
    }
  });

  it('lists the demo custom object Invoice__c as custom with an a-prefixed key prefix', async () => {
    const res = await call<DescribeGlobal>(await target.session(), 'GET', '/sobjects');
    const invoice = res.body.sobjects.find((o) => o.name === 'Invoice__c');
    expect(invoice).toBeDefined();
    expect(invoice!.custom).toBe(true);
    expect(invoice!.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
  });
});

describe('sObject describe', () => {
  it.each(['Account', 'Contact', 'Lead', 'Opportunity', 'User', 'Invoice__c'])('describes %s with full field metadata', async (name) => {
    const d = await describeSObject(await target.session(), name);
    expect(d.name).toBe(name);
    expect(typeof d.label).toBe('string');
    expect(d.keyPrefix).toMatch(/^[0-9A-Za-z]{3}$/);
    const id = field(d, 'Id');
    expect(id.type).toBe('id');
    expect(id.nillable).toBe(false);
    expect(id.createable).toBe(false);
    for (const f of d.fields) {
      for (const attr of FIELD_ATTRIBUTES) expect(f, `${name}.${f.name}.${attr}`).toHaveProperty(attr);
      expect(Array.isArray(f.picklistValues)).toBe(true);
      expect(Array.isArray(f.referenceTo)).toBe(true);
    }
    for (const system of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
      const f = field(d, system);
      expect(f.type).toBe('datetime');
      expect(f.createable).toBe(false);
      expect(f.updateable).toBe(false);
    }
    // Users are deactivated, never deleted: User has no IsDeleted.
    if (name !== 'User') expect(field(d, 'IsDeleted').type).toBe('boolean');
  });

  it('answers describe with the top-level keys clients read', async () => {
    const res = await call<Record<string, unknown>>(await target.session(), 'GET', '/sobjects/Contact/describe');
    for (const key of ['name', 'label', 'labelPlural', 'keyPrefix', 'custom', 'createable', 'updateable', 'deletable', 'queryable', 'fields', 'childRelationships', 'recordTypeInfos', 'urls']) {
      expect(res.body, key).toHaveProperty(key);
    }
    expect(Array.isArray(res.body.childRelationships)).toBe(true);
  });

  it('gives fields their SOAP types and byte lengths', async () => {
    const s = await target.session();
    const contact = await describeSObject(s, 'Contact');
    const soap = (d: SObjectDescribe, name: string) => (field(d, name) as unknown as { soapType: string }).soapType;
    expect(soap(contact, 'Id')).toBe('tns:ID');
    expect(soap(contact, 'LastName')).toBe('xsd:string');
    expect(soap(contact, 'CreatedDate')).toBe('xsd:dateTime');
    expect(soap(contact, 'Birthdate')).toBe('xsd:date');
    expect(soap(contact, 'IsDeleted')).toBe('xsd:boolean');
    expect(soap(contact, 'AccountId')).toBe('tns:ID');
    expect((field(contact, 'LastName') as unknown as { byteLength: number }).byteLength).toBe(240);
    const account = await describeSObject(s, 'Account');
    expect(soap(account, 'NumberOfEmployees')).toBe('xsd:int');
    const opportunity = await describeSObject(s, 'Opportunity');
    expect(soap(opportunity, 'Amount')).toBe('xsd:double');
  });

  it('describes Contact fields like Salesforce does', async () => {
    const d = await describeSObject(await target.session(), 'Contact');
    const lastName = field(d, 'LastName');
    expect(lastName).toMatchObject({ type: 'string', length: 80, nillable: false, createable: true, updateable: true, defaultedOnCreate: false, label: 'Last Name' });
    expect(requiredOnCreate(d).map((f) => f.name)).toEqual(['LastName']);
    expect(field(d, 'Email')).toMatchObject({ type: 'email', nillable: true, createable: true });
    expect(field(d, 'AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account', label: 'Account ID' });
    expect(field(d, 'OwnerId')).toMatchObject({ type: 'reference', defaultedOnCreate: true });
    expect(field(d, 'OwnerId').referenceTo).toContain('User');
    expect(field(d, 'CreatedById')).toMatchObject({ type: 'reference', referenceTo: ['User'], createable: false });
    expect(field(d, 'Id')).toMatchObject({ type: 'id', defaultedOnCreate: true, idLookup: true });
    expect(field(d, 'Name')).toMatchObject({ createable: false, updateable: false });
  });

  it('describes the demo custom fields Note__c and External_Id__c on Contact', async () => {
    const d = await describeSObject(await target.session(), 'Contact');
    expect(field(d, 'Note__c')).toMatchObject({ nillable: true, createable: true, updateable: true, calculated: false });
    expect(['string', 'textarea']).toContain(field(d, 'Note__c').type);
    expect(field(d, 'External_Id__c')).toMatchObject({ externalId: true, unique: true, createable: true, updateable: true, idLookup: true });
    expect(field(d, 'Note__c')).toMatchObject({ externalId: false, unique: false });
  });

  it('describes picklists with their values', async () => {
    const s = await target.session();
    const lead = await describeSObject(s, 'Lead');
    const status = field(lead, 'Status');
    expect(status.type).toBe('picklist');
    expect(status.picklistValues.length).toBeGreaterThan(0);
    for (const v of status.picklistValues) {
      expect(typeof v.value).toBe('string');
      expect(typeof v.label).toBe('string');
      expect(typeof v.active).toBe('boolean');
      expect(typeof v.defaultValue).toBe('boolean');
    }
    const opportunity = await describeSObject(s, 'Opportunity');
    expect(field(opportunity, 'StageName').type).toBe('picklist');
    expect(field(opportunity, 'CloseDate').type).toBe('date');
    expect(field(opportunity, 'Amount').type).toBe('currency');
    expect(field(opportunity, 'AccountId').referenceTo).toEqual(['Account']);
    expect(requiredOnCreate(opportunity).map((f) => f.name).sort()).toEqual(['CloseDate', 'Name', 'StageName']);
  });

  it('describes Account with a required Name and checkbox fields that are defaulted, not nillable', async () => {
    const d: SObjectDescribe = await describeSObject(await target.session(), 'Account');
    expect(field(d, 'Name')).toMatchObject({ type: 'string', nillable: false, createable: true });
    expect(requiredOnCreate(d).map((f) => f.name)).toEqual(['Name']);
    expect(field(d, 'NumberOfEmployees').type).toBe('int');
    for (const f of d.fields.filter((x) => x.type === 'boolean')) {
      expect(f.nillable, f.name).toBe(false);
      expect(f.defaultedOnCreate, f.name).toBe(true);
    }
  });

  it('describes Invoice__c with a read-only formula field and the Amount__c field', async () => {
    const d = await describeSObject(await target.session(), 'Invoice__c');
    expect(d.custom).toBe(true);
    expect(field(d, 'Amount__c').createable).toBe(true);
    const formulas = d.fields.filter((f) => f.calculated);
    expect(formulas.length).toBeGreaterThan(0);
    for (const f of formulas) {
      expect(f.createable, f.name).toBe(false);
      expect(f.updateable, f.name).toBe(false);
    }
  });

  it('answers an unknown object with 404 NOT_FOUND', async () => {
    const s = await target.session();
    const describeRes = await call(s, 'GET', '/sobjects/No_Such_Object__c/describe');
    const err = expectApiError(describeRes, 404, 'NOT_FOUND');
    expect(err.message).toBe('The requested resource does not exist');
    expectApiError(await call(s, 'GET', '/sobjects/No_Such_Object__c'), 404, 'NOT_FOUND');
  });

  it('answers the basic sObject resource with objectDescribe and recentItems', async () => {
    const res = await call<{ objectDescribe: { name: string; keyPrefix: string }; recentItems: unknown[] }>(await target.session(), 'GET', '/sobjects/Contact');
    expect(res.status).toBe(200);
    expect(res.body.objectDescribe.name).toBe('Contact');
    expect(res.body.objectDescribe.keyPrefix).toBe('003');
    expect(Array.isArray(res.body.recentItems)).toBe(true);
  });

  it('serves other API versions in the path', async () => {
    const s = await target.session();
    const res = await call<Record<string, { Max: number }>>(s, 'GET', '/services/data/v60.0/limits');
    expect(res.status).toBe(200);
    expect(res.body.DailyApiRequests).toBeDefined();
  });

  it('accepts object names case-insensitively and answers in canonical case', async () => {
    const d = await describeSObject(await target.session(), 'contact');
    expect(d.name).toBe('Contact');
  });
});
