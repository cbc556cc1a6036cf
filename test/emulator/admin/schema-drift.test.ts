// Schema drift in a running org: `POST /__emulator/fields` adds a custom field, `DELETE
// /__emulator/fields/{sobject}/{field}` removes one; describe, SOQL, writes, upsert and Bulk
// API query jobs follow at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ContractSession } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call, type SfResponse } from '../../support/salesforce-http.js';
import {
  createRecord, describeSObject, expectApiError, expectRecordError, getRecord, query, uniqueTag, type SaveResult,
} from '../contract/sf-helpers.js';

const emulator = useEmulator({ seed: 'demo' });

let session: ContractSession;
let existingContact: string;

beforeAll(async () => {
  session = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
  existingContact = await createRecord(session, 'Contact', { LastName: uniqueTag('old') });
});

async function admin(method: string, path: string, body?: unknown): Promise<SfResponse> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(`${emulator.current.url}/__emulator/fields${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text for the failure message
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

async function addField(sobject: string, field: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await admin('POST', '', { sobject, field });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, unknown>;
}

async function fieldNames(sobject: string): Promise<string[]> {
  return (await describeSObject(session, sobject)).fields.map((f) => f.name);
}

describe('adding a field', () => {
  it('shows it in describe at once, reads null on existing records, and lets SOQL and writes use it', async () => {
    const added = await addField('Contact', { name: 'Nickname__c', type: 'text', length: 80 });
    expect(added).toMatchObject({ sobject: 'Contact', field: { name: 'Nickname__c', type: 'string', length: 80, custom: true } });
    const field = (await describeSObject(session, 'Contact')).fields.find((f) => f.name === 'Nickname__c');
    expect(field).toMatchObject({ label: 'Nickname', type: 'string', length: 80, nillable: true, createable: true, updateable: true });

    expect((await getRecord(session, 'Contact', existingContact)).Nickname__c).toBeNull();
    const tag = uniqueTag('nick');
    const id = await createRecord(session, 'Contact', { LastName: tag, nickname__c: 'Duke' });
    expect((await call(session, 'PATCH', `/sobjects/Contact/${existingContact}`, { Nickname__c: 'Old-timer' })).status).toBe(204);
    const result = await query(session, `SELECT Id, Nickname__c FROM Contact WHERE Nickname__c = 'duke' AND LastName = '${tag}'`);
    expect(result.records).toEqual([expect.objectContaining({ Id: id, Nickname__c: 'Duke' })]);
    expect((await getRecord(session, 'Contact', existingContact)).Nickname__c).toBe('Old-timer');

    const tooLong = await call(session, 'PATCH', `/sobjects/Contact/${id}`, { Nickname__c: 'x'.repeat(81) });
    expectApiError(tooLong, 400, 'STRING_TOO_LONG');
  });

  it('fills a checkbox with its default on existing records, without touching their SystemModstamp', async () => {
    const before = await getRecord(session, 'Contact', existingContact);
    await addField('Contact', { name: 'Vip__c', type: 'checkbox' });
    await addField('Contact', { name: 'Opted_In__c', type: 'checkbox', defaultValue: true });
    const after = await getRecord(session, 'Contact', existingContact);
    expect(after.Vip__c).toBe(false);
    expect(after.Opted_In__c).toBe(true);
    expect(after.SystemModstamp).toBe(before.SystemModstamp);
    const counted = await query(session, `SELECT Id FROM Contact WHERE Vip__c = false AND Id = '${existingContact}'`);
    expect(counted.totalSize).toBe(1);
  });

  it('gives a unique external id its index: upsert creates then updates, duplicates are refused', async () => {
    await addField('Contact', { name: 'Legacy_Key__c', type: 'text', length: 40, unique: true, externalId: true });
    expect((await describeSObject(session, 'Contact')).fields.find((f) => f.name === 'Legacy_Key__c')).toMatchObject({ unique: true, externalId: true });
    const key = uniqueTag('key');
    const created = await call<SaveResult>(session, 'PATCH', `/sobjects/Contact/Legacy_Key__c/${key}`, { LastName: 'Atreides' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.created).toBe(true);
    const updated = await call<SaveResult>(session, 'PATCH', `/sobjects/Contact/Legacy_Key__c/${key.toUpperCase()}`, { LastName: 'Harkonnen' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, created: false });
    const duplicate = await call(session, 'POST', '/sobjects/Contact', { LastName: 'Copy', Legacy_Key__c: key });
    expectApiError(duplicate, 400, 'DUPLICATE_VALUE');
  });

  it('compiles a formula field and computes it on read', async () => {
    await addField('Contact', { name: 'Shout__c', type: 'text', formula: 'UPPER(LastName)' });
    const tag = uniqueTag('shout');
    const id = await createRecord(session, 'Contact', { LastName: tag });
    expect((await getRecord(session, 'Contact', id)).Shout__c).toBe(tag.toUpperCase());
    const res = await query(session, `SELECT Shout__c FROM Contact WHERE Id = '${id}'`);
    expect(res.records[0]!.Shout__c).toBe(tag.toUpperCase());
    expectApiError(await call(session, 'PATCH', `/sobjects/Contact/${id}`, { Shout__c: 'x' }), 400, 'INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('refuses a bad formula and leaves the object unchanged', async () => {
    const res = await admin('POST', '', { sobject: 'Contact', field: { name: 'Broken__c', type: 'text', formula: 'UPPER(Nope__c)' } });
    const error = expectApiError(res, 400, 'INVALID_REQUEST');
    expect(error.message).toContain('Nope__c');
    expect(await fieldNames('Contact')).not.toContain('Broken__c');
    expectApiError(await call(session, 'GET', `/query?q=${encodeURIComponent('SELECT Broken__c FROM Contact')}`), 400, 'INVALID_FIELD');
  });

  it('adds a lookup: SOQL follows it and the parent describes the child relationship', async () => {
    await addField('Contact', { name: 'Sponsor__c', type: 'reference', referenceTo: 'account', childRelationshipName: 'Sponsored' });
    const accountId = await createRecord(session, 'Account', { Name: uniqueTag('spons') });
    const id = await createRecord(session, 'Contact', { LastName: uniqueTag('sp'), Sponsor__c: accountId });
    const res = await query(session, `SELECT Sponsor__r.Name FROM Contact WHERE Id = '${id}'`);
    expect((res.records[0]!.Sponsor__r as Record<string, unknown>).Name).toMatch(/^spons/);
    const account = await call<{ childRelationships: Array<{ childSObject: string; field: string; relationshipName: string }> }>(
      session, 'GET', '/sobjects/Account/describe',
    );
    expect(account.body.childRelationships).toContainEqual(
      expect.objectContaining({ childSObject: 'Contact', field: 'Sponsor__c', relationshipName: 'Sponsored__r' }),
    );
    const wrong = await call(session, 'POST', '/sobjects/Contact', { LastName: 'x', Sponsor__c: existingContact });
    expectApiError(wrong, 400, 'FIELD_INTEGRITY_EXCEPTION');
  });

  it('is seen by Bulk API query jobs', async () => {
    await addField('Lead', { name: 'Score__c', type: 'int' });
    const tag = uniqueTag('lead');
    await createRecord(session, 'Lead', { LastName: tag, Company: 'Acme', Score__c: 7 });
    const job = await call<{ id: string }>(session, 'POST', '/jobs/query', { operation: 'query', query: `SELECT LastName, Score__c FROM Lead WHERE LastName = '${tag}'` });
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    await call(session, 'GET', `/jobs/query/${job.body.id}`);
    await call(session, 'GET', `/jobs/query/${job.body.id}`);
    const res = await call<string>(session, 'GET', `/jobs/query/${job.body.id}/results`);
    expect(res.body).toBe(`"LastName","Score__c"\n"${tag}","7"\n`);
  });

  it('does not count as API usage', async () => {
    const before = emulator.current.apiUsage();
    await addField('Lead', { name: 'Uncounted__c', type: 'date' });
    expect(emulator.current.apiUsage().used).toBe(before.used);
  });
});

describe('removing a field', () => {
  it('takes it out of describe, SOQL and writes, and drops its values', async () => {
    await addField('Contact', { name: 'Temp__c', type: 'text' });
    const id = await createRecord(session, 'Contact', { LastName: uniqueTag('tmp'), Temp__c: 'keep me?' });
    const res = await admin('DELETE', '/Contact/temp__c');
    expect(res.status).toBe(204);
    expect(await fieldNames('Contact')).not.toContain('Temp__c');
    expect(await getRecord(session, 'Contact', id)).not.toHaveProperty('Temp__c');
    const soql = await call(session, 'GET', `/query?q=${encodeURIComponent('SELECT Id, Temp__c FROM Contact')}`);
    expect(expectApiError(soql, 400, 'INVALID_FIELD').message).toContain('Temp__c');
    expectApiError(await call(session, 'PATCH', `/sobjects/Contact/${id}`, { Temp__c: 'x' }), 400, 'INVALID_FIELD');
    const bulk = await call(session, 'POST', '/jobs/query', { operation: 'query', query: 'SELECT Temp__c FROM Contact' });
    expectApiError(bulk, 400, 'INVALIDJOB');

    // A new field of the same name starts empty, as in Salesforce.
    await addField('Contact', { name: 'Temp__c', type: 'text' });
    expect((await getRecord(session, 'Contact', id)).Temp__c).toBeNull();
  });

  it('drops the unique index with the field', async () => {
    await addField('Contact', { name: 'Badge__c', type: 'text', length: 20, unique: true });
    const badge = uniqueTag('b');
    await createRecord(session, 'Contact', { LastName: 'first', Badge__c: badge });
    expect((await admin('DELETE', '/Contact/Badge__c')).status).toBe(204);
    await addField('Contact', { name: 'Badge__c', type: 'text', length: 20, unique: true });
    await createRecord(session, 'Contact', { LastName: 'second', Badge__c: badge });
  });

  it('refuses standard fields, and fields a formula or validation rule still uses', async () => {
    expect(expectApiError(await admin('DELETE', '/Contact/LastName'), 400, 'INVALID_REQUEST').message).toContain('standard field');
    expect(await fieldNames('Contact')).toContain('LastName');

    await addField('Contact', { name: 'Base__c', type: 'double' });
    await addField('Contact', { name: 'Doubled__c', type: 'double', formula: 'Base__c * 2' });
    const used = expectApiError(await admin('DELETE', '/Contact/Base__c'), 400, 'INVALID_REQUEST');
    expect(used.message).toContain('Contact.Doubled__c');
    expect(await fieldNames('Contact')).toContain('Base__c');
    const names = await fieldNames('Contact');
    expect(names.indexOf('Base__c')).toBe(names.indexOf('Doubled__c') - 1);
    expect((await admin('DELETE', '/Contact/Doubled__c')).status).toBe(204);
    expect((await admin('DELETE', '/Contact/Base__c')).status).toBe(204);

    const rule = expectApiError(await admin('DELETE', '/Invoice__c/Amount__c'), 400, 'INVALID_REQUEST');
    expect(rule.message).toContain('Positive_Amount');
    expect(await fieldNames('Invoice__c')).toContain('Amount__c');
    // The formula Total_With_Tax__c reads Amount__c too; the validation rule is named first.
    const invoice = await createRecord(session, 'Invoice__c', { Name: uniqueTag('inv'), Amount__c: 10 });
    expect((await getRecord(session, 'Invoice__c', invoice)).Total_With_Tax__c).toBe(12);
  });

  it('answers an unknown sObject or field with 404 NOT_FOUND', async () => {
    expectApiError(await admin('DELETE', '/Nope__c/Note__c'), 404, 'NOT_FOUND');
    expectApiError(await admin('DELETE', '/Contact/Nope__c'), 404, 'NOT_FOUND');
    expectApiError(await admin('DELETE', '/Contact'), 404, 'NOT_FOUND');
    expectApiError(await admin('GET', '/Contact/Note__c'), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('bad input', () => {
  it('is 400 in the array shape, with the schema file checks', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ sobject: 'Contact', field: { name: 'NoSuffix', type: 'text' } }, 'INVALID_REQUEST', 'must end with __c'],
      [{ sobject: 'Contact', field: { name: 'Bad__Name__c', type: 'text' } }, 'INVALID_REQUEST', 'two underscores'],
      [{ sobject: 'Contact', field: { name: 'Note__c', type: 'text' } }, 'INVALID_REQUEST', "field 'Note__c' already exists on Contact"],
      [{ sobject: 'Contact', field: { name: 'email__C', type: 'text' } }, 'INVALID_REQUEST', 'must end with __c'],
      [{ sobject: 'Contact', field: { name: 'Weird__c', type: 'blob' } }, 'INVALID_REQUEST', 'type'],
      [{ sobject: 'Contact', field: { name: 'Pick__c', type: 'picklist' } }, 'INVALID_REQUEST', 'needs a list of values'],
      [{ sobject: 'Contact', field: { name: 'Len__c', type: 'text', length: 300 } }, 'INVALID_REQUEST', 'at most 255'],
      [{ sobject: 'Contact', field: { name: 'Ref__c', type: 'reference', referenceTo: 'Nope__c' } }, 'INVALID_REQUEST', "unknown object 'Nope__c'"],
      [{ sobject: 'Invoice__c', field: { name: 'Payer__c', type: 'reference', referenceTo: 'Account', childRelationshipName: 'Invoices' } }, 'INVALID_REQUEST', "child relationship 'Invoices__r' on Account is already used by Invoice__c.Account__c"],
      [{ sobject: 'Invoice__c', field: { name: 'Buyer__c', type: 'reference', referenceTo: 'Account', relationshipName: 'Account' } }, 'INVALID_REQUEST', "'Account__r' is already the relationship of Invoice__c.Account__c"],
      [{ sobject: 'Contact', field: { name: 'Extra__c', type: 'text', colour: 'red' } }, 'INVALID_REQUEST', 'colour'],
      [{ sobject: 'Nope__c', field: { name: 'X__c', type: 'text' } }, 'INVALID_REQUEST', "unknown object 'Nope__c'"],
      [{ field: { name: 'X__c', type: 'text' } }, 'INVALID_REQUEST', 'sobject'],
      [{ sobject: 'Contact' }, 'INVALID_REQUEST', 'field'],
      [{ sobject: 'Contact', field: { name: 'X__c', type: 'text' }, extra: 1 }, 'INVALID_REQUEST', 'extra'],
      [['Contact'], 'JSON_PARSER_ERROR', 'JSON object'],
    ];
    for (const [body, code, text] of cases) {
      const error = expectApiError(await admin('POST', '', body), 400, code);
      expect(error.message, JSON.stringify(body)).toContain(text);
    }
    const names = [...(await fieldNames('Contact')), ...(await fieldNames('Invoice__c'))];
    for (const name of ['NoSuffix', 'Weird__c', 'Pick__c', 'Len__c', 'Ref__c', 'Payer__c', 'Buyer__c', 'Extra__c', 'X__c']) expect(names).not.toContain(name);
    expectApiError(await admin('PUT', '', {}), 405, 'METHOD_NOT_ALLOWED');
  });

  it('keeps a failed record write from creating anything', async () => {
    const res = await call<SaveResult[]>(session, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [{ attributes: { type: 'Contact' }, LastName: 'x', Never_Added__c: 1 }],
    });
    expectRecordError(res.body[0], 'INVALID_FIELD');
  });
});
