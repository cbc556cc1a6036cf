// Single-record CRUD and upsert by external id (salesforce-api-notes §2.4).
import { describe, expect, it } from 'vitest';
import { DATA_PATH, useContractTarget } from '../../support/contract-target.js';
import { call } from '../../support/salesforce-http.js';
import {
  absentId,
  createRecord,
  describeSObject,
  expectApiError,
  expectSalesforceId,
  expectSomeApiError,
  getRecord,
  uniqueTag,
  type SaveResult,
} from './sf-helpers.js';

const target = useContractTarget();
const track = (id: string) => target.track(id);

describe('create', () => {
  it('answers 201 with id, success and errors, and a Location header', async () => {
    const s = await target.session();
    const res = await call<SaveResult>(s, 'POST', '/sobjects/Contact', { LastName: uniqueTag('create') });
    expect(res.status).toBe(201);
    const id = expectSalesforceId(res.body.id, '003');
    track(id);
    expect(res.body).toEqual({ id, success: true, errors: [] });
    expect(res.headers.get('location')).toBe(`${DATA_PATH}/sobjects/Contact/${id}`);
  });

  it('accepts the optional Sforce-* request headers clients send', async () => {
    const s = await target.session();
    const res = await call<SaveResult>(s, 'POST', '/sobjects/Contact', { LastName: uniqueTag('hdr') }, {
      'Sforce-Auto-Assign': 'false',
      'Sforce-Call-Options': 'client=pgforce-contract',
    });
    expect(res.status).toBe(201);
    track(res.body.id!);
  });

  it('gives every new record a different id', async () => {
    const s = await target.session();
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => createRecord(s, 'Contact', { LastName: uniqueTag('many') }, track)));
    expect(new Set(ids).size).toBe(5);
  });

  it('answers an unknown object with 404 NOT_FOUND', async () => {
    const res = await call(await target.session(), 'POST', '/sobjects/No_Such_Object__c', { Name: 'x' });
    expectApiError(res, 404, 'NOT_FOUND');
  });

  it('answers an unknown field with 400 INVALID_FIELD naming the column and object', async () => {
    const res = await call(await target.session(), 'POST', '/sobjects/Contact', { LastName: uniqueTag(), Foo__c: 'x' });
    const err = expectApiError(res, 400, 'INVALID_FIELD');
    expect(err.message).toBe("No such column 'Foo__c' on sobject of type Contact");
  });
});

describe('standard objects', () => {
  it('creates a Lead with its default Status from describe', async () => {
    const s = await target.session();
    const d = await describeSObject(s, 'Lead');
    const defaultStatus = d.fields.find((f) => f.name === 'Status')!.picklistValues.find((v) => v.defaultValue)?.value;
    const id = await createRecord(s, 'Lead', { LastName: uniqueTag('lead'), Company: 'Caladan Fisheries' }, track);
    const lead = await getRecord(s, 'Lead', id);
    expectSalesforceId(id, '00Q');
    if (defaultStatus) expect(lead.Status).toBe(defaultStatus);
    expect(lead.Company).toBe('Caladan Fisheries');
  });

  it('creates an Opportunity with currency and date values', async () => {
    const s = await target.session();
    const d = await describeSObject(s, 'Opportunity');
    const stage = d.fields.find((f) => f.name === 'StageName')!.picklistValues.find((v) => v.active)!.value;
    const accountId = await createRecord(s, 'Account', { Name: uniqueTag('oppacct') }, track);
    const id = await createRecord(s, 'Opportunity', { Name: uniqueTag('opp'), StageName: stage, CloseDate: '2026-03-31', Amount: '1234.5', AccountId: accountId }, track);
    expectSalesforceId(id, '006');
    const opp = await getRecord(s, 'Opportunity', id);
    expect(opp).toMatchObject({ StageName: stage, CloseDate: '2026-03-31', Amount: 1234.5, AccountId: accountId });
  });

  it('creates and reads an Account with checkboxes defaulted to false', async () => {
    const s = await target.session();
    const d = await describeSObject(s, 'Account');
    const id = await createRecord(s, 'Account', { Name: uniqueTag('acc') }, track);
    const account = await getRecord(s, 'Account', id);
    for (const f of d.fields.filter((x) => x.type === 'boolean' && x.name !== 'IsDeleted')) {
      expect(typeof account[f.name], f.name).toBe('boolean');
    }
    expect(account.IsDeleted).toBe(false);
  });
});

describe('read', () => {
  it('returns the record with attributes and every field, null for empty ones', async () => {
    const s = await target.session();
    const lastName = uniqueTag('read');
    const id = await createRecord(s, 'Contact', { LastName: lastName, FirstName: 'Paul' }, track);
    const record = await getRecord(s, 'Contact', id);
    expect(record.attributes).toEqual({ type: 'Contact', url: `${DATA_PATH}/sobjects/Contact/${id}` });
    expect(record.Id).toBe(id);
    expect(record.LastName).toBe(lastName);
    expect(record.FirstName).toBe('Paul');
    expect(record).toHaveProperty('Email', null);
    expect(record).toHaveProperty('AccountId', null);
    expect(record.IsDeleted).toBe(false);
    expect(record.Name).toBe(`Paul ${lastName}`);
  });

  it('returns only the listed fields with ?fields=', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('fields'), Email: 'paul@caladan.io' }, track);
    const res = await call<Record<string, unknown>>(s, 'GET', `/sobjects/Contact/${id}?fields=LastName,Email`);
    expect(res.status).toBe(200);
    expect(res.body.Email).toBe('paul@caladan.io');
    expect(res.body).toHaveProperty('LastName');
    expect(res.body).toHaveProperty('attributes');
    expect(res.body).not.toHaveProperty('FirstName');
    expect(res.body).not.toHaveProperty('CreatedDate');
    for (const key of Object.keys(res.body)) expect(['attributes', 'Id', 'LastName', 'Email']).toContain(key);
  });

  it('accepts the 15-character form of an id and answers with the 18-character one', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('id15') }, track);
    const record = await getRecord(s, 'Contact', id.slice(0, 15));
    expect(record.Id).toBe(id);
  });

  it('answers a well-formed id that does not exist with 404 NOT_FOUND', async () => {
    const res = await call(await target.session(), 'GET', `/sobjects/Contact/${absentId('003')}`);
    const err = expectApiError(res, 404, 'NOT_FOUND');
    expect(err.message).toBe('The requested resource does not exist');
  });

  it('answers a malformed id with 400 MALFORMED_ID', async () => {
    const s = await target.session();
    expectApiError(await call(s, 'GET', '/sobjects/Contact/003abc'), 400, 'MALFORMED_ID');
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('cksum') }, track);
    const badChecksum = id.slice(0, 15) + (id.endsWith('AAA') ? 'BBB' : 'AAA');
    expectApiError(await call(s, 'GET', `/sobjects/Contact/${badChecksum}`), 400, 'MALFORMED_ID');
  });

  it('answers the id of another object with 400 MALFORMED_ID', async () => {
    const s = await target.session();
    const accountId = await createRecord(s, 'Account', { Name: uniqueTag('acct') }, track);
    const err = expectApiError(await call(s, 'GET', `/sobjects/Contact/${accountId}`), 400, 'MALFORMED_ID');
    expect(err.message).toContain(accountId);
  });
});

describe('update', () => {
  it('answers 204 with no body and changes only the fields sent', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('upd'), FirstName: 'Paul', Email: 'paul@caladan.io' }, track);
    const res = await call(s, 'PATCH', `/sobjects/Contact/${id}`, { Email: 'muaddib@arrakis.io' });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    const record = await getRecord(s, 'Contact', id);
    expect(record.Email).toBe('muaddib@arrakis.io');
    expect(record.FirstName).toBe('Paul');
  });

  it('clears a field sent as null', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('null'), FirstName: 'Paul' }, track);
    expect((await call(s, 'PATCH', `/sobjects/Contact/${id}`, { FirstName: null })).status).toBe(204);
    expect((await getRecord(s, 'Contact', id)).FirstName).toBeNull();
  });

  it('accepts the 15-character form of an id', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('p15') }, track);
    expect((await call(s, 'PATCH', `/sobjects/Contact/${id.slice(0, 15)}`, { Note__c: 'fifteen' })).status).toBe(204);
    expect((await getRecord(s, 'Contact', id)).Note__c).toBe('fifteen');
  });

  it('answers an unknown field with 400 INVALID_FIELD and changes nothing', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('badf'), FirstName: 'Paul' }, track);
    const res = await call(s, 'PATCH', `/sobjects/Contact/${id}`, { FirstName: 'Leto', Bogus__c: 1 });
    expectApiError(res, 400, 'INVALID_FIELD');
    expect((await getRecord(s, 'Contact', id)).FirstName).toBe('Paul');
  });

  it('answers a well-formed id that does not exist with 404', async () => {
    const res = await call(await target.session(), 'PATCH', `/sobjects/Contact/${absentId('003')}`, { FirstName: 'x' });
    expectApiError(res, 404, ['NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);
  });

  it('answers a malformed id with 400 MALFORMED_ID', async () => {
    const res = await call(await target.session(), 'PATCH', '/sobjects/Contact/not0an0id', { FirstName: 'x' });
    expectApiError(res, 400, 'MALFORMED_ID');
  });
});

describe('delete', () => {
  it('answers 204, then GET is 404 NOT_FOUND and a second DELETE is ENTITY_IS_DELETED', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('del') }, track);
    const res = await call(s, 'DELETE', `/sobjects/Contact/${id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expectApiError(await call(s, 'GET', `/sobjects/Contact/${id}`), 404, 'NOT_FOUND');
    const again = expectApiError(await call(s, 'DELETE', `/sobjects/Contact/${id}`), [404, 400], 'ENTITY_IS_DELETED');
    expect(again.message).toBe('entity is deleted');
  });

  it('answers a well-formed id that does not exist with 404', async () => {
    const res = await call(await target.session(), 'DELETE', `/sobjects/Contact/${absentId('003')}`);
    expectApiError(res, 404, ['NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);
  });
});

describe('upsert by external id', () => {
  it('creates with 201 and created:true, then updates with 200 and created:false', async () => {
    const s = await target.session();
    const ext = uniqueTag('ext');
    const first = await call<SaveResult>(s, 'PATCH', `/sobjects/Contact/External_Id__c/${ext}`, { LastName: 'Atreides' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const id = expectSalesforceId(first.body.id, '003');
    track(id);
    expect(first.body).toEqual({ id, success: true, errors: [], created: true });

    const second = await call<SaveResult>(s, 'PATCH', `/sobjects/Contact/External_Id__c/${ext}`, { LastName: 'Harkonnen' });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toEqual({ id, success: true, errors: [], created: false });
    const record = await getRecord(s, 'Contact', id);
    expect(record.LastName).toBe('Harkonnen');
    expect(record.External_Id__c).toBe(ext);
  });

  it('answers an update by upsert with 204 and no body on API versions up to 45.0', async () => {
    const s = await target.session();
    const ext = uniqueTag('ext45');
    const first = await call<SaveResult>(s, 'PATCH', `/services/data/v45.0/sobjects/Contact/External_Id__c/${ext}`, { LastName: 'Atreides' });
    expect(first.status).toBe(201);
    track(first.body.id!);
    const second = await call(s, 'PATCH', `/services/data/v45.0/sobjects/Contact/External_Id__c/${ext}`, { LastName: 'Harkonnen' });
    expect(second.status).toBe(204);
    expect(second.body).toBeNull();
  });

  it('refuses a body whose external id differs from the one in the URL', async () => {
    const s = await target.session();
    const ext = uniqueTag('extm');
    const res = await call(s, 'PATCH', `/sobjects/Contact/External_Id__c/${ext}`, { LastName: 'Mismatch', External_Id__c: `${ext}-other` });
    expectSomeApiError(res, [400]);
    const check = await call<{ totalSize: number }>(s, 'GET', `/query?q=${encodeURIComponent(`SELECT Id FROM Contact WHERE External_Id__c IN ('${ext}', '${ext}-other')`)}`);
    expect(check.body.totalSize).toBe(0);
  });

  it('answers an unknown external id field with 404 NOT_FOUND', async () => {
    const res = await call(await target.session(), 'PATCH', '/sobjects/Contact/No_Such_Ext__c/abc', { LastName: 'x' });
    const err = expectApiError(res, 404, 'NOT_FOUND');
    expect(err.message).toContain('No_Such_Ext__c');
  });

  it('validates the record it would create', async () => {
    const res = await call(await target.session(), 'PATCH', `/sobjects/Contact/External_Id__c/${uniqueTag('extv')}`, { FirstName: 'NoLastName' });
    expectApiError(res, 400, 'REQUIRED_FIELD_MISSING');
  });
});
