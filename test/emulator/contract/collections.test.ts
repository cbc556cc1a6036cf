// sObject Collections `/composite/sobjects` (salesforce-api-notes §3).
import { describe, expect, it } from 'vitest';
import { useContractTarget } from '../../support/contract-target.js';
import { call } from '../../support/salesforce-http.js';
import {
  ROLLED_BACK_MESSAGE,
  absentId,
  count,
  createRecords,
  expectApiError,
  expectRecordError,
  expectSalesforceId,
  getRecord,
  uniqueTag,
  type SaveResult,
} from './sf-helpers.js';

const target = useContractTarget();
const track = (id: string) => target.track(id);

function contact(fields: Record<string, unknown>): Record<string, unknown> {
  return { attributes: { type: 'Contact' }, ...fields };
}

function account(fields: Record<string, unknown>): Record<string, unknown> {
  return { attributes: { type: 'Account' }, ...fields };
}

function trackResults(results: SaveResult[]): void {
  for (const r of results) if (r.id) track(r.id);
}

describe('create', () => {
  it('with allOrNone false saves the valid records and reports the invalid one in input order', async () => {
    const s = await target.session();
    const tag = uniqueTag('cc');
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [contact({ LastName: tag, FirstName: 'A' }), contact({ FirstName: tag }), contact({ LastName: tag, FirstName: 'C' })],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body).toHaveLength(3);
    const [a, bad, c] = res.body;
    expect(a).toEqual({ id: expectSalesforceId(a!.id, '003'), success: true, errors: [] });
    expect(c!.success).toBe(true);
    expect(bad).not.toHaveProperty('id');
    const err = expectRecordError(bad, 'REQUIRED_FIELD_MISSING');
    expect(err).toEqual({ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] });
    expect((await getRecord(s, 'Contact', a!.id!)).FirstName).toBe('A');
    expect((await getRecord(s, 'Contact', c!.id!)).FirstName).toBe('C');
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(2);
  });

  it('with allOrNone true rolls every other record back, keeps no id on creates, applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('cr');
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: [contact({ LastName: tag }), contact({ LastName: tag, Email: 'pauldune.co' }), contact({ LastName: tag })],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    const [first, bad, last] = res.body;
    expectRecordError(bad, 'INVALID_EMAIL_ADDRESS');
    for (const rolled of [first, last]) {
      expect(rolled).toEqual({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: ROLLED_BACK_MESSAGE, fields: [] }] });
    }
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('with allOrNone true rolls back earlier chunks of other types too', async () => {
    const s = await target.session();
    const tag = uniqueTag('crc');
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: [account({ Name: tag }), contact({ FirstName: tag }), account({ Name: tag })],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body[0]!.errors[0]!.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expectRecordError(res.body[1], 'REQUIRED_FIELD_MISSING');
    expect(res.body[2]!.errors[0]!.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(0);
  });

  it('answers HTTP 200 even when every record fails', async () => {
    const s = await target.session();
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [contact({ FirstName: 'x' }), contact({ FirstName: 'y' })],
    });
    expect(res.status).toBe(200);
    for (const r of res.body) expectRecordError(r, 'REQUIRED_FIELD_MISSING');
  });

  it('creates mixed types in chunks and answers in input order', async () => {
    const s = await target.session();
    const tag = uniqueTag('mix');
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: [account({ Name: `${tag}-1` }), account({ Name: `${tag}-2` }), contact({ LastName: tag }), account({ Name: `${tag}-3` })],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body.map((r) => r.success)).toEqual([true, true, true, true]);
    expect(res.body.map((r) => r.id!.slice(0, 3))).toEqual(['001', '001', '003', '001']);
    expect((await getRecord(s, 'Account', res.body[3]!.id!)).Name).toBe(`${tag}-3`);
  });

  it('refuses more than 10 chunks of alternating types and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('chunks');
    const records = Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? account({ Name: tag }) : contact({ LastName: tag })));
    const res = await call<SaveResult[] | Array<{ errorCode: string }>>(s, 'POST', '/composite/sobjects', { allOrNone: false, records });
    if (res.status === 200) {
      trackResults(res.body as SaveResult[]);
      expect(res.body).toHaveLength(11);
      for (const r of res.body as SaveResult[]) {
        expect(r.success).toBe(false);
        expect(typeof r.errors[0]?.statusCode).toBe('string');
      }
    } else {
      expect(res.status).toBe(400);
      expect(Array.isArray(res.body)).toBe(true);
      expect(typeof (res.body as Array<{ errorCode: string }>)[0]?.errorCode).toBe('string');
    }
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(0);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('refuses 201 records with 400 EXCEEDED_ID_LIMIT and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('over');
    const records = Array.from({ length: 201 }, () => contact({ LastName: tag }));
    const res = await call(s, 'POST', '/composite/sobjects', { allOrNone: false, records });
    const err = expectApiError(res, 400, 'EXCEEDED_ID_LIMIT');
    expect(err.message).toBe('record limit reached. cannot submit more than 200 records into this call');
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('accepts exactly 200 records', async () => {
    const s = await target.session();
    const tag = uniqueTag('max');
    const ids = await createRecords(s, 'Contact', Array.from({ length: 200 }, () => ({ LastName: tag })), track);
    expect(new Set(ids).size).toBe(200);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(200);
  });

  it('refuses an id on a record to create', async () => {
    const s = await target.session();
    const [existing] = await createRecords(s, 'Contact', [{ LastName: uniqueTag('hasid') }], track);
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', { allOrNone: false, records: [contact({ id: existing, LastName: 'x' })] });
    expect(res.status).toBe(200);
    expect(res.body[0]!.success).toBe(false);
  });
});

describe('update', () => {
  it('updates records by id and reports per record', async () => {
    const s = await target.session();
    const tag = uniqueTag('cu');
    const [a, b] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [contact({ id: a, Note__c: 'first' }), contact({ id: b, Note__c: 'second' })],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: a, success: true, errors: [] }, { id: b, success: true, errors: [] }]);
    expect((await getRecord(s, 'Contact', a!)).Note__c).toBe('first');
    expect((await getRecord(s, 'Contact', b!)).Note__c).toBe('second');
  });

  it('fails a record without id and still saves the others when allOrNone is false', async () => {
    const s = await target.session();
    const [a] = await createRecords(s, 'Contact', [{ LastName: uniqueTag('noid') }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [contact({ Note__c: 'orphan' }), contact({ id: a, Note__c: 'kept' })],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]!.success).toBe(false);
    expect(res.body[1]).toEqual({ id: a, success: true, errors: [] });
    expect((await getRecord(s, 'Contact', a!)).Note__c).toBe('kept');
  });

  it('with allOrNone true rolls back every other record, keeps their ids and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('cur');
    const [a, b, c] = await createRecords(s, 'Contact', [{ LastName: tag, Note__c: 'orig' }, { LastName: tag, Note__c: 'orig' }, { LastName: tag, Note__c: 'orig' }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects', {
      allOrNone: true,
      records: [contact({ id: a, Note__c: 'new' }), contact({ id: b, Email: 'not-an-email' }), contact({ id: c, Note__c: 'new' })],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ id: a, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: ROLLED_BACK_MESSAGE, fields: [] }] });
    expectRecordError(res.body[1], 'INVALID_EMAIL_ADDRESS');
    expect(res.body[2]).toEqual({ id: c, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: ROLLED_BACK_MESSAGE, fields: [] }] });
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}' AND Note__c = 'orig'`)).toBe(3);
  });

  it('answers an id of the wrong object with MALFORMED_ID naming the expected object', async () => {
    const s = await target.session();
    const [acct] = await createRecords(s, 'Account', [{ Name: uniqueTag('wrong') }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects', { allOrNone: false, records: [contact({ id: acct, LastName: 'x' })] });
    expect(res.status).toBe(200);
    const err = expectRecordError(res.body[0], 'MALFORMED_ID');
    expect(err.message).toBe(`Contact ID: id value of incorrect type: ${acct}`);
    expect(err.fields).toEqual(['Id']);
  });
});

describe('update of deleted records', () => {
  it('reports ENTITY_IS_DELETED per record and keeps the id', async () => {
    const s = await target.session();
    const [gone, live] = await createRecords(s, 'Contact', [{ LastName: uniqueTag('ud') }, { LastName: uniqueTag('ud') }], track);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${gone}`)).status).toBe(204);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [contact({ id: gone, Note__c: 'x' }), contact({ id: live, Note__c: 'y' })],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]!.id).toBe(gone);
    expectRecordError(res.body[0], 'ENTITY_IS_DELETED');
    expect(res.body[1]).toEqual({ id: live, success: true, errors: [] });
  });
});

describe('upsert', () => {
  it('creates new external ids and updates existing ones with created flags in order', async () => {
    const s = await target.session();
    const tag = uniqueTag('cup');
    const [existing] = await createRecords(s, 'Contact', [{ LastName: tag, External_Id__c: `${tag}-old` }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects/Contact/External_Id__c', {
      allOrNone: false,
      records: [
        contact({ External_Id__c: `${tag}-new1`, LastName: tag }),
        contact({ External_Id__c: `${tag}-old`, LastName: tag, Note__c: 'upserted' }),
        contact({ External_Id__c: `${tag}-new2`, LastName: tag }),
      ],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body.map((r) => [r.success, r.created])).toEqual([[true, true], [true, false], [true, true]]);
    expect(res.body[1]!.id).toBe(existing);
    expect(res.body[1]!.errors).toEqual([]);
    expect((await getRecord(s, 'Contact', existing!)).Note__c).toBe('upserted');
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(3);
  });

  it('with allOrNone true neither creates nor updates when one record fails', async () => {
    const s = await target.session();
    const tag = uniqueTag('cupr');
    const [existing] = await createRecords(s, 'Contact', [{ LastName: tag, External_Id__c: `${tag}-old` }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects/Contact/External_Id__c', {
      allOrNone: true,
      records: [
        contact({ External_Id__c: `${tag}-old`, Note__c: 'should not stick' }),
        contact({ External_Id__c: `${tag}-new`, LastName: tag }),
        contact({ External_Id__c: `${tag}-bad`, LastName: tag, Email: 'pauldune.co' }),
      ],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body.map((r) => r.success)).toEqual([false, false, false]);
    expectRecordError(res.body[2], 'INVALID_EMAIL_ADDRESS');
    expect((await getRecord(s, 'Contact', existing!)).Note__c).toBeNull();
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
  });

  it('fails a record that carries a record id', async () => {
    const s = await target.session();
    const tag = uniqueTag('upid');
    const [existing] = await createRecords(s, 'Contact', [{ LastName: tag, External_Id__c: tag }], track);
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects/Contact/External_Id__c', {
      allOrNone: false,
      records: [contact({ id: existing, External_Id__c: tag, Note__c: 'with id' })],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]!.success).toBe(false);
    expect((await getRecord(s, 'Contact', existing!)).Note__c).toBeNull();
  });

  it('fails a record without the external id field', async () => {
    const s = await target.session();
    const res = await call<SaveResult[]>(s, 'PATCH', '/composite/sobjects/Contact/External_Id__c', {
      allOrNone: false,
      records: [contact({ LastName: uniqueTag('noext') })],
    });
    expect(res.status).toBe(200);
    trackResults(res.body);
    expect(res.body[0]!.success).toBe(false);
  });
});

describe('delete', () => {
  it('deletes ids of mixed types and query no longer finds them', async () => {
    const s = await target.session();
    const tag = uniqueTag('cd');
    const [c1, c2] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }], track);
    const [a1] = await createRecords(s, 'Account', [{ Name: tag }], track);
    const res = await call<SaveResult[]>(s, 'DELETE', `/composite/sobjects?ids=${c1},${a1},${c2}&allOrNone=true`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([c1, a1, c2].map((id) => ({ id, success: true, errors: [] })));
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(0);
  });

  it('reports a malformed id per record without an id key', async () => {
    const s = await target.session();
    const [c1] = await createRecords(s, 'Contact', [{ LastName: uniqueTag('cdm') }], track);
    const res = await call<SaveResult[]>(s, 'DELETE', `/composite/sobjects?ids=${c1},001abc&allOrNone=false`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ id: c1, success: true, errors: [] });
    expect(res.body[1]).not.toHaveProperty('id');
    expectRecordError(res.body[1], 'MALFORMED_ID');
  });

  it('with allOrNone true deletes nothing when one id is already deleted', async () => {
    const s = await target.session();
    const tag = uniqueTag('cdr');
    const [keep, gone] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }], track);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${gone}`)).status).toBe(204);
    const res = await call<SaveResult[]>(s, 'DELETE', `/composite/sobjects?ids=${keep},${gone}&allOrNone=true`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({ id: keep, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: ROLLED_BACK_MESSAGE, fields: [] }] });
    expectRecordError(res.body[1], 'ENTITY_IS_DELETED');
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
  });
});

describe('retrieve', () => {
  it('GET returns the requested fields in id order and null for unknown ids', async () => {
    const s = await target.session();
    const tag = uniqueTag('crg');
    const [a, b] = await createRecords(s, 'Contact', [{ LastName: `${tag}a`, Email: 'a@caladan.io' }, { LastName: `${tag}b`, Email: 'b@caladan.io' }], track);
    const missing = absentId('003');
    const res = await call<Array<Record<string, unknown> | null>>(s, 'GET', `/composite/sobjects/Contact?ids=${b},${missing},${a}&fields=Id,LastName,Email`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(3);
    expect(res.body[1]).toBeNull();
    expect(res.body[0]).toMatchObject({ attributes: { type: 'Contact' }, Id: b, LastName: `${tag}b`, Email: 'b@caladan.io' });
    expect(res.body[2]).toMatchObject({ Id: a, LastName: `${tag}a`, Email: 'a@caladan.io' });
    expect(res.body[0]).not.toHaveProperty('FirstName');
  });

  it('POST with {ids, fields} returns the same as GET', async () => {
    const s = await target.session();
    const tag = uniqueTag('crp');
    const [a, b] = await createRecords(s, 'Contact', [{ LastName: `${tag}a` }, { LastName: `${tag}b` }], track);
    const missing = absentId('003');
    const post = await call<Array<Record<string, unknown> | null>>(s, 'POST', '/composite/sobjects/Contact', { ids: [a, missing, b], fields: ['Id', 'LastName', 'Email'] });
    expect(post.status).toBe(200);
    const get = await call(s, 'GET', `/composite/sobjects/Contact?ids=${a},${missing},${b}&fields=Id,LastName,Email`);
    expect(post.body).toEqual(get.body);
    expect(post.body.map((r) => r?.Id ?? null)).toEqual([a, null, b]);
  });
});
