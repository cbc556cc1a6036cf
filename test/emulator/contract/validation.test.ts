// Record validation: error codes, messages and fields of salesforce-api-notes §6.2, type
// coercion (§2.6), references, uniqueness, read-only fields, validation rules, and the
// system fields every write maintains.
import { describe, expect, it } from 'vitest';
import { isRealOrg, useContractTarget } from '../../support/contract-target.js';
import { call } from '../../support/salesforce-http.js';
import {
  DATETIME_SHAPE,
  absentId,
  createRecord,
  describeSObject,
  expectApiError,
  getRecord,
  minimalRecord,
  query,
  uniqueTag,
  type FieldDescribe,
  type SObjectDescribe,
} from './sf-helpers.js';

const target = useContractTarget();
const track = (id: string) => target.track(id);

async function post(sobject: string, body: Record<string, unknown>) {
  const res = await call<{ id?: string }>(await target.session(), 'POST', `/sobjects/${sobject}`, body);
  if (res.status === 201 && res.body.id) track(res.body.id);
  return res;
}

describe('required fields', () => {
  it('refuses a Contact without LastName with REQUIRED_FIELD_MISSING', async () => {
    const err = expectApiError(await post('Contact', { FirstName: 'Paul' }), 400, 'REQUIRED_FIELD_MISSING');
    expect(err).toEqual({ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
  });

  it('refuses an explicit null LastName on create and on update', async () => {
    expectApiError(await post('Contact', { LastName: null }), 400, 'REQUIRED_FIELD_MISSING');
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('req') }, track);
    const err = expectApiError(await call(s, 'PATCH', `/sobjects/Contact/${id}`, { LastName: null }), 400, 'REQUIRED_FIELD_MISSING');
    expect(err.fields).toEqual(['LastName']);
  });

  it('lists every missing field of an Opportunity', async () => {
    const err = expectApiError(await post('Opportunity', { Amount: 10 }), 400, 'REQUIRED_FIELD_MISSING');
    expect([...(err.fields ?? [])].sort()).toEqual(['CloseDate', 'Name', 'StageName']);
    expect(err.message).toMatch(/^Required fields are missing: \[.*\]$/);
  });
});

describe('field values', () => {
  it('refuses a bad email with INVALID_EMAIL_ADDRESS', async () => {
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), Email: 'pauldune.co' }), 400, 'INVALID_EMAIL_ADDRESS');
    expect(err).toEqual({ message: 'Email: invalid email address: pauldune.co', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] });
  });

  it('refuses text longer than the field length with STRING_TOO_LONG', async () => {
    const value = 'x'.repeat(81);
    const err = expectApiError(await post('Contact', { LastName: value }), 400, 'STRING_TOO_LONG');
    expect(err.message).toBe(`Last Name: data value too large: ${value} (max length=80)`);
    expect(err.fields).toEqual(['LastName']);
  });

  it('accepts text exactly as long as the field length', async () => {
    expect((await post('Contact', { LastName: 'y'.repeat(80) })).status).toBe(201);
  });

  it('refuses a value outside a restricted picklist with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', async (ctx) => {
    const s = await target.session();
    const found = await findField(['Account', 'Contact', 'Lead', 'Opportunity', 'Invoice__c'], (f) => f.type === 'picklist' && f.restrictedPicklist === true && f.createable);
    if (!found) {
      if (isRealOrg) ctx.skip();
      throw new Error('the demo schema should hold a restricted picklist');
    }
    const tag = uniqueTag('pick');
    const body = { ...(await minimalRecord(s, found.object.name, tag, track)), [found.field.name]: 'Not A Listed Value' };
    const err = expectApiError(await post(found.object.name, body), 400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(err.message).toBe(`${found.field.label}: bad value for restricted picklist field: Not A Listed Value`);
    expect(err.fields).toEqual([found.field.name]);
  });

  it('coerces a numeric string into a number field', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Account', { Name: uniqueTag('num'), NumberOfEmployees: '100' }, track);
    expect((await getRecord(s, 'Account', id)).NumberOfEmployees).toBe(100);
  });

  it('refuses non-numeric text in a number field', async () => {
    expectApiError(await post('Account', { Name: uniqueTag(), NumberOfEmployees: 'abc' }), 400, ['JSON_PARSER_ERROR', 'INVALID_TYPE_ON_FIELD_IN_RECORD']);
  });

  it('refuses null for a checkbox with INVALID_TYPE_ON_FIELD_IN_RECORD', async () => {
    const found = await findField(['Contact'], (f) => f.type === 'boolean' && f.createable);
    expect(found, 'Contact should have a createable checkbox').toBeDefined();
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), [found!.field.name]: null }), 400, 'INVALID_TYPE_ON_FIELD_IN_RECORD');
    expect(err.fields).toEqual([found!.field.name]);
    expect(err.message).toMatch(new RegExp(`^${found!.field.label}: value not of required type`));
  });

  it('refuses a bad date', async () => {
    expectApiError(await post('Contact', { LastName: uniqueTag(), Birthdate: 'not-a-date' }), 400, ['JSON_PARSER_ERROR', 'INVALID_TYPE_ON_FIELD_IN_RECORD']);
  });

  it('stores dates and datetimes in Salesforce formats', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('dt'), Birthdate: '1990-02-03' }, track);
    const record = await getRecord(s, 'Contact', id);
    expect(record.Birthdate).toBe('1990-02-03');
    expect(record.CreatedDate).toMatch(DATETIME_SHAPE);
  });

  it('matches field names in bodies case-insensitively and answers in canonical case', async () => {
    const s = await target.session();
    const tag = uniqueTag('case');
    const id = await createRecord(s, 'Contact', { lastname: tag, EMAIL: 'case@caladan.io', note__C: 'n' }, track);
    const record = await getRecord(s, 'Contact', id);
    expect(record.LastName).toBe(tag);
    expect(record.Email).toBe('case@caladan.io');
    expect(record.Note__c).toBe('n');
    expect(record).not.toHaveProperty('lastname');
  });
});

describe('references', () => {
  it('refuses a lookup to an Account that does not exist', async () => {
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), AccountId: absentId('001') }), [400, 404], ['INVALID_CROSS_REFERENCE_KEY', 'FIELD_INTEGRITY_EXCEPTION']);
    expect(typeof err.message).toBe('string');
  });

  it('refuses a lookup to a record of the wrong object with FIELD_INTEGRITY_EXCEPTION', async () => {
    const s = await target.session();
    const contactId = await createRecord(s, 'Contact', { LastName: uniqueTag('tgt') }, track);
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), AccountId: contactId }), 400, 'FIELD_INTEGRITY_EXCEPTION');
    expect(err.message).toBe(`Account ID: id value of incorrect type: ${contactId}`);
    expect(err.fields).toEqual(['AccountId']);
  });

  it('refuses a lookup to a deleted Account with ENTITY_IS_DELETED', async () => {
    const s = await target.session();
    const accountId = await createRecord(s, 'Account', { Name: uniqueTag('delacct') }, track);
    expect((await call(s, 'DELETE', `/sobjects/Account/${accountId}`)).status).toBe(204);
    expectApiError(await post('Contact', { LastName: uniqueTag(), AccountId: accountId }), 400, 'ENTITY_IS_DELETED');
  });

  it('refuses a malformed lookup id', async () => {
    expectApiError(await post('Contact', { LastName: uniqueTag(), AccountId: 'abc' }), 400, ['MALFORMED_ID', 'FIELD_INTEGRITY_EXCEPTION', 'INVALID_CROSS_REFERENCE_KEY']);
  });

  it('accepts a 15-character lookup id and stores the 18-character form', async () => {
    const s = await target.session();
    const accountId = await createRecord(s, 'Account', { Name: uniqueTag('a15') }, track);
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag(), AccountId: accountId.slice(0, 15) }, track);
    expect((await getRecord(s, 'Contact', id)).AccountId).toBe(accountId);
  });
});

describe('uniqueness', () => {
  it('refuses a duplicate external id with DUPLICATE_VALUE naming the existing record', async () => {
    const s = await target.session();
    const ext = uniqueTag('dup');
    const first = await createRecord(s, 'Contact', { LastName: 'First', External_Id__c: ext }, track);
    const err = expectApiError(await post('Contact', { LastName: 'Second', External_Id__c: ext }), 400, 'DUPLICATE_VALUE');
    expect(err.message).toBe(`duplicate value found: External_Id__c duplicates value on record with id: ${first}`);
    expect(err.fields ?? []).toEqual([]);
  });

  it('refuses an update that would duplicate an external id', async () => {
    const s = await target.session();
    const ext = uniqueTag('dupu');
    const first = await createRecord(s, 'Contact', { LastName: 'First', External_Id__c: ext }, track);
    const second = await createRecord(s, 'Contact', { LastName: 'Second', External_Id__c: `${ext}-2` }, track);
    const err = expectApiError(await call(s, 'PATCH', `/sobjects/Contact/${second}`, { External_Id__c: ext }), 400, 'DUPLICATE_VALUE');
    expect(err.message).toContain(first);
  });
});

describe('read-only fields', () => {
  it('refuses CreatedDate on create with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), CreatedDate: '2020-01-01T00:00:00.000Z' }), 400, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(err.message).toBe(
      'Unable to create/update fields: CreatedDate. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
    );
    expect(err.fields).toEqual(['CreatedDate']);
  });

  it('refuses a formula field of Invoice__c with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const s = await target.session();
    const d = await describeSObject(s, 'Invoice__c');
    const formula = d.fields.find((f) => f.calculated)!;
    const body = { ...(await minimalRecord(s, 'Invoice__c', uniqueTag('inv'), track)), [formula.name]: formulaSample(formula) };
    const err = expectApiError(await post('Invoice__c', body), 400, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(err.fields).toEqual([formula.name]);
    expect(err.message).toContain(`Unable to create/update fields: ${formula.name}.`);
  });

  it('refuses the compound Contact Name with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const err = expectApiError(await post('Contact', { LastName: uniqueTag(), Name: 'Paul Atreides' }), 400, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(err.fields).toEqual(['Name']);
  });

  it('refuses SystemModstamp on update', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('ro') }, track);
    const err = expectApiError(await call(s, 'PATCH', `/sobjects/Contact/${id}`, { SystemModstamp: '2020-01-01T00:00:00.000Z' }), 400, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(err.fields).toEqual(['SystemModstamp']);
  });
});

describe('deleted records', () => {
  it('refuses an update of a deleted record with ENTITY_IS_DELETED', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('gone') }, track);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${id}`)).status).toBe(204);
    const err = expectApiError(await call(s, 'PATCH', `/sobjects/Contact/${id}`, { FirstName: 'x' }), [400, 404], 'ENTITY_IS_DELETED');
    expect(err.message).toBe('entity is deleted');
  });
});

describe('validation rules', () => {
  it('refuses a negative Invoice__c amount with FIELD_CUSTOM_VALIDATION_EXCEPTION on Amount__c', async () => {
    const s = await target.session();
    const base = await minimalRecord(s, 'Invoice__c', uniqueTag('vr'), track);
    const err = expectApiError(await post('Invoice__c', { ...base, Amount__c: -5 }), 400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(err.fields).toEqual(['Amount__c']);
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message).not.toMatch(/Amount__c\s*</);
  });

  it('applies the rule on update too and keeps the stored value', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Invoice__c', { ...(await minimalRecord(s, 'Invoice__c', uniqueTag('vru'), track)), Amount__c: 10 }, track);
    expectApiError(await call(s, 'PATCH', `/sobjects/Invoice__c/${id}`, { Amount__c: -1 }), 400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect((await getRecord(s, 'Invoice__c', id)).Amount__c).toBe(10);
  });

  it('accepts a zero amount', async () => {
    const s = await target.session();
    const res = await post('Invoice__c', { ...(await minimalRecord(s, 'Invoice__c', uniqueTag('vr0'), track)), Amount__c: 0 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});

describe('formula fields', () => {
  it('computes the Invoice__c formula on read, the same through GET and SOQL, and follows its inputs', async () => {
    const s = await target.session();
    const d = await describeSObject(s, 'Invoice__c');
    const formula = d.fields.find((f) => f.calculated)!;
    const id = await createRecord(s, 'Invoice__c', { ...(await minimalRecord(s, 'Invoice__c', uniqueTag('fx'), track)), Amount__c: 100 }, track);
    const viaGet = await getRecord(s, 'Invoice__c', id);
    expect(viaGet).toHaveProperty(formula.name);
    const viaSoql = await query(s, `SELECT Id, ${formula.name} FROM Invoice__c WHERE Id = '${id}'`);
    expect(viaSoql.records[0]![formula.name]).toEqual(viaGet[formula.name]);
    if (formula.calculatedFormula === 'Amount__c * 1.2') expect(viaGet[formula.name]).toBe(120);
    if (formula.calculatedFormula?.includes('Amount__c')) {
      expect((await call(s, 'PATCH', `/sobjects/Invoice__c/${id}`, { Amount__c: 250000 })).status).toBe(204);
      expect((await getRecord(s, 'Invoice__c', id))[formula.name]).not.toEqual(viaGet[formula.name]);
    }
  });
});

describe('system fields', () => {
  it('sets Id, dates, owner and creator on create', async () => {
    const s = await target.session();
    const before = Date.now() - 5_000;
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('sys') }, track);
    const r = await getRecord(s, 'Contact', id);
    expect(r.Id).toBe(id);
    expect(r.IsDeleted).toBe(false);
    expect(r.OwnerId).toBe(s.userId);
    expect(r.CreatedById).toBe(s.userId);
    expect(r.LastModifiedById).toBe(s.userId);
    for (const f of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']) {
      expect(r[f], f).toMatch(DATETIME_SHAPE);
      expect(Date.parse(String(r[f]).replace('+0000', 'Z'))).toBeGreaterThan(before);
    }
    expect(r.LastModifiedDate).toBe(r.CreatedDate);
    expect(String(r.SystemModstamp) >= String(r.LastModifiedDate)).toBe(true);
  });

  it('moves LastModifiedDate and SystemModstamp on update and keeps CreatedDate', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('mod') }, track);
    const before = await getRecord(s, 'Contact', id);
    await new Promise((r) => setTimeout(r, isRealOrg ? 1100 : 20));
    expect((await call(s, 'PATCH', `/sobjects/Contact/${id}`, { Note__c: 'touched' })).status).toBe(204);
    const after = await getRecord(s, 'Contact', id);
    expect(after.CreatedDate).toBe(before.CreatedDate);
    expect(String(after.LastModifiedDate) > String(before.LastModifiedDate)).toBe(true);
    expect(String(after.SystemModstamp) > String(before.SystemModstamp)).toBe(true);
  });

  it.skipIf(isRealOrg)('keeps SystemModstamp strictly increasing across back-to-back writes', async () => {
    const s = await target.session();
    const a = await createRecord(s, 'Contact', { LastName: uniqueTag('ms') }, track);
    const b = await createRecord(s, 'Contact', { LastName: uniqueTag('ms') }, track);
    const stamps: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = i % 2 === 0 ? a : b;
      expect((await call(s, 'PATCH', `/sobjects/Contact/${id}`, { Note__c: `w${i}` })).status).toBe(204);
      const res = await query(s, `SELECT SystemModstamp FROM Contact WHERE Id = '${id}'`);
      stamps.push(String(res.records[0]!.SystemModstamp));
    }
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!, stamps.join(' ')).toBe(true);
  });

  it.skipIf(isRealOrg)('gives concurrent writes distinct SystemModstamps', async () => {
    const s = await target.session();
    const tag = uniqueTag('par');
    const res = await call<Array<{ id: string }>>(s, 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: Array.from({ length: 20 }, () => ({ attributes: { type: 'Contact' }, LastName: tag })),
    });
    expect(res.status).toBe(200);
    const ids = res.body.map((r) => r.id);
    const statuses = await Promise.all(ids.map((id) => call(s, 'PATCH', `/sobjects/Contact/${id}`, { Note__c: 'parallel' }).then((r) => r.status)));
    expect(statuses.every((st) => st === 204)).toBe(true);
    const stamps = (await query(s, `SELECT SystemModstamp FROM Contact WHERE LastName = '${tag}'`)).records.map((r) => r.SystemModstamp);
    expect(new Set(stamps).size).toBe(20);
  });
});

async function findField(
  objects: string[],
  predicate: (f: FieldDescribe) => boolean,
): Promise<{ object: SObjectDescribe; field: FieldDescribe } | undefined> {
  const s = await target.session();
  for (const name of objects) {
    const d = await describeSObject(s, name);
    const f = d.fields.find(predicate);
    if (f) return { object: d, field: f };
  }
  return undefined;
}

function formulaSample(f: FieldDescribe): unknown {
  if (['double', 'currency', 'percent', 'int'].includes(f.type)) return 1;
  if (f.type === 'boolean') return true;
  if (f.type === 'date') return '2026-01-15';
  return 'x';
}
