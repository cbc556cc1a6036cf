// "Someone else edits the org": writes by the other demo user, through the REST API and
// through the emulator's `POST /__emulator/activity` (which does not count as API usage).
import { describe, expect, it } from 'vitest';
import { loginAs, type ContractSession } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, OTHER_CREDENTIALS, call } from '../../support/salesforce-http.js';
import { apiUsage, count, createRecord, expectSalesforceId, getRecord, query, uniqueTag } from '../contract/sf-helpers.js';

const emulator = useEmulator({ seed: 'demo' });

function demo(): Promise<ContractSession> {
  return loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
}

function other(): Promise<ContractSession> {
  return loginAs(emulator.current.url, { ...OTHER_CREDENTIALS });
}

interface ActivityResult {
  results: Array<{ id?: string; success: boolean; errors: Array<{ statusCode: string; message: string }> }>;
}

async function activity(body: Record<string, unknown>): Promise<{ status: number; body: ActivityResult }> {
  const res = await fetch(`${emulator.current.url}/__emulator/activity`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: res.status, body: parsed as ActivityResult };
}

describe('the other user through the REST API', () => {
  it('is a different user of the same org', async () => {
    const [d, o] = await Promise.all([demo(), other()]);
    expect(o.orgId).toBe(d.orgId);
    expect(o.userId).not.toBe(d.userId);
    expectSalesforceId(o.userId, '005');
  });

  it('creates, updates and deletes Contacts as themselves', async () => {
    const [d, o] = await Promise.all([demo(), other()]);
    const id = await createRecord(o, 'Contact', { LastName: uniqueTag('oth') });
    let r = await getRecord(d, 'Contact', id);
    expect(r.CreatedById).toBe(o.userId);
    expect(r.LastModifiedById).toBe(o.userId);
    expect(r.OwnerId).toBe(o.userId);

    expect((await call(d, 'PATCH', `/sobjects/Contact/${id}`, { Note__c: 'demo edit' })).status).toBe(204);
    r = await getRecord(d, 'Contact', id);
    expect(r.LastModifiedById).toBe(d.userId);
    expect(r.CreatedById).toBe(o.userId);

    expect((await call(o, 'PATCH', `/sobjects/Contact/${id}`, { Note__c: 'other edit' })).status).toBe(204);
    expect((await getRecord(d, 'Contact', id)).LastModifiedById).toBe(o.userId);

    expect((await call(o, 'DELETE', `/sobjects/Contact/${id}`)).status).toBe(204);
    const deleted = await query(d, `SELECT Id, IsDeleted, LastModifiedById FROM Contact WHERE Id = '${id}'`, true);
    expect(deleted.records[0]).toMatchObject({ IsDeleted: true });
  });

  it('shows up in SOQL on the owner and modifier relationships', async () => {
    const [d, o] = await Promise.all([demo(), other()]);
    const id = await createRecord(o, 'Contact', { LastName: uniqueTag('rel') });
    const res = await query(d, `SELECT LastModifiedBy.Username, Owner.Id FROM Contact WHERE Id = '${id}'`);
    const r = res.records[0]! as { LastModifiedBy: { Username: string }; Owner: { Id: string } };
    expect(r.LastModifiedBy.Username).toBe('other@pgforce.dev');
    expect(r.Owner.Id).toBe(o.userId);
  });
});

describe('POST /__emulator/activity', () => {
  it('creates records as the named user', async () => {
    const [d, o] = await Promise.all([demo(), other()]);
    const tag = uniqueTag('act');
    const res = await activity({ user: 'other@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ LastName: tag }, { LastName: tag, FirstName: 'Two' }] });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(2);
    for (const r of res.body.results) {
      expect(r.success).toBe(true);
      expect(r.errors).toEqual([]);
      expectSalesforceId(r.id, '003');
    }
    const record = await getRecord(d, 'Contact', res.body.results[1]!.id!);
    expect(record).toMatchObject({ LastName: tag, FirstName: 'Two', CreatedById: o.userId, LastModifiedById: o.userId });
  });

  it('updates records as the named user and moves SystemModstamp', async () => {
    const [d, o] = await Promise.all([demo(), other()]);
    const id = await createRecord(d, 'Contact', { LastName: uniqueTag('actu') });
    const before = await getRecord(d, 'Contact', id);
    const res = await activity({ user: 'other@pgforce.dev', operation: 'update', sobject: 'Contact', records: [{ Id: id, Note__c: 'changed elsewhere' }] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ id, success: true, errors: [] }]);
    const after = await getRecord(d, 'Contact', id);
    expect(after.Note__c).toBe('changed elsewhere');
    expect(after.LastModifiedById).toBe(o.userId);
    expect(after.CreatedById).toBe(d.userId);
    expect(String(after.SystemModstamp) > String(before.SystemModstamp)).toBe(true);
  });

  it('deletes and undeletes records; queryAll follows IsDeleted', async () => {
    const d = await demo();
    const tag = uniqueTag('actd');
    const id = await createRecord(d, 'Contact', { LastName: tag });
    const del = await activity({ user: 'other@pgforce.dev', operation: 'delete', sobject: 'Contact', ids: [id] });
    expect(del.status).toBe(200);
    expect(del.body.results).toEqual([{ id, success: true, errors: [] }]);
    expect(await count(d, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
    expect((await query(d, `SELECT IsDeleted FROM Contact WHERE Id = '${id}'`, true)).records[0]!.IsDeleted).toBe(true);

    const undel = await activity({ user: 'other@pgforce.dev', operation: 'undelete', sobject: 'Contact', ids: [id] });
    expect(undel.status).toBe(200);
    expect(undel.body.results).toEqual([{ id, success: true, errors: [] }]);
    expect((await query(d, `SELECT IsDeleted FROM Contact WHERE Id = '${id}'`, true)).records[0]!.IsDeleted).toBe(false);
    expect(await count(d, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
    expect((await getRecord(d, 'Contact', id)).LastName).toBe(tag);
  });

  it('reports validation failures per record like Salesforce does', async () => {
    const res = await activity({ user: 'other@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ FirstName: 'NoLastName' }, { LastName: uniqueTag('ok') }] });
    expect(res.status).toBe(200);
    const [bad, good] = res.body.results;
    expect(bad!.success).toBe(false);
    expect(bad).not.toHaveProperty('id');
    expect(bad!.errors[0]!.statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect(good!.success).toBe(true);
  });

  it('reports undelete of a record that is not deleted as a failure', async () => {
    const d = await demo();
    const id = await createRecord(d, 'Contact', { LastName: uniqueTag('und') });
    const res = await activity({ user: 'other@pgforce.dev', operation: 'undelete', sobject: 'Contact', ids: [id] });
    expect(res.status).toBe(200);
    expect(res.body.results[0]!.success).toBe(false);
  });

  it('is not counted as API usage', async () => {
    const d = await demo();
    const before = apiUsage(await call(d, 'GET', '/limits'));
    const created = await activity({ user: 'other@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ LastName: uniqueTag('free') }] });
    const id = created.body.results[0]!.id!;
    await activity({ user: 'other@pgforce.dev', operation: 'update', sobject: 'Contact', records: [{ Id: id, Note__c: 'x' }] });
    await activity({ user: 'other@pgforce.dev', operation: 'delete', sobject: 'Contact', ids: [id] });
    const after = apiUsage(await call(d, 'GET', '/limits'));
    expect(after.used).toBe(before.used + 1);
    expect(emulator.current.apiUsage().used).toBe(after.used);
  });

  it('refuses an unknown user or operation with 400', async () => {
    expect((await activity({ user: 'nobody@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ LastName: 'x' }] })).status).toBe(400);
    expect((await activity({ user: 'other@pgforce.dev', operation: 'merge', sobject: 'Contact', ids: [] })).status).toBe(400);
  });
});
