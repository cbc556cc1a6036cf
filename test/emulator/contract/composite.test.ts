// Composite `/composite` (salesforce-api-notes §4.1): ordered subrequests, references,
// allOrNone with PROCESSING_HALTED, and the 25 / 5 subrequest limits.
import { describe, expect, it } from 'vitest';
import { DATA_PATH, useContractTarget } from '../../support/contract-target.js';
import { call } from '../../support/salesforce-http.js';
import { PROCESSING_HALTED_MESSAGE, count, createRecords, expectSomeApiError, getRecord, query, uniqueTag, type SaveResult } from './sf-helpers.js';

const target = useContractTarget();
const track = (id: string) => target.track(id);

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

interface CompositeResponse {
  compositeResponse: SubResponse[];
}

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
}

async function composite(body: { allOrNone?: boolean; collateSubrequests?: boolean; compositeRequest: SubRequest[] }) {
  const res = await call<CompositeResponse>(await target.session(), 'POST', '/composite', body);
  if (res.status === 200) {
    for (const sub of res.body.compositeResponse) {
      const id = (sub.body as { id?: string } | null)?.id;
      if (sub.httpStatusCode === 201 && id) track(id);
    }
  }
  return res;
}

function sub(method: string, path: string, referenceId: string, body?: unknown): SubRequest {
  return body === undefined ? { method, url: `${DATA_PATH}${path}`, referenceId } : { method, url: `${DATA_PATH}${path}`, referenceId, body };
}

function soqlPath(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

function expectHalted(subResponse: SubResponse | undefined): void {
  expect(subResponse?.httpStatusCode, JSON.stringify(subResponse)).toBe(400);
  const body = subResponse!.body as Array<{ errorCode: string; message: string }>;
  expect(body[0]?.errorCode).toBe('PROCESSING_HALTED');
}

describe('composite', () => {
  it('runs subrequests in order and resolves @{ref.id} in bodies and urls', async () => {
    const tag = uniqueTag('comp');
    const res = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/sobjects/Account', 'newAcct', { Name: tag }),
        sub('POST', '/sobjects/Contact', 'newContact', { LastName: tag, AccountId: '@{newAcct.id}' }),
        sub('GET', '/sobjects/Contact/@{newContact.id}?fields=LastName,AccountId', 'readBack'),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [acct, contact, readBack] = res.body.compositeResponse;
    expect(res.body.compositeResponse.map((r) => r.referenceId)).toEqual(['newAcct', 'newContact', 'readBack']);
    expect(acct!.httpStatusCode).toBe(201);
    const acctId = (acct!.body as SaveResult).id!;
    expect(acct!.body).toEqual({ id: acctId, success: true, errors: [] });
    expect(acct!.httpHeaders.Location).toBe(`${DATA_PATH}/sobjects/Account/${acctId}`);
    expect(contact!.httpStatusCode).toBe(201);
    expect(readBack!.httpStatusCode).toBe(200);
    expect(readBack!.body).toMatchObject({ LastName: tag, AccountId: acctId });
  });

  it('resolves @{q.records[0].Id} from a query subrequest', async () => {
    const s = await target.session();
    const tag = uniqueTag('qref');
    const [id] = await createRecords(s, 'Contact', [{ LastName: tag }], track);
    const res = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        sub('GET', soqlPath(`SELECT Id FROM Contact WHERE LastName = '${tag}'`), 'q'),
        sub('PATCH', '/sobjects/Contact/@{q.records[0].Id}', 'upd', { Note__c: 'via reference' }),
      ],
    });
    expect(res.status).toBe(200);
    const [q, upd] = res.body.compositeResponse;
    expect(q!.httpStatusCode).toBe(200);
    expect((q!.body as { totalSize: number }).totalSize).toBe(1);
    expect(upd!.httpStatusCode, JSON.stringify(upd)).toBe(204);
    expect(upd!.body).toBeNull();
    expect((await getRecord(s, 'Contact', id!)).Note__c).toBe('via reference');
  });

  it('with allOrNone true shows the real error, PROCESSING_HALTED for the others, and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('halt');
    const res = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/sobjects/Account', 'acct', { Name: tag }),
        sub('POST', '/sobjects/Contact', 'bad', { FirstName: tag }),
        sub('POST', '/sobjects/Contact', 'later', { LastName: tag }),
      ],
    });
    expect(res.status).toBe(200);
    const [acct, bad, later] = res.body.compositeResponse;
    expectHalted(acct);
    expect((acct!.body as Array<{ message: string }>)[0]!.message).toBe(PROCESSING_HALTED_MESSAGE);
    expect(bad!.httpStatusCode).toBe(400);
    expect(bad!.body).toEqual([{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
    expectHalted(later);
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(0);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('with allOrNone true rolls back a nested collection that succeeded', async () => {
    const s = await target.session();
    const tag = uniqueTag('nest');
    const res = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/composite/sobjects', 'coll', {
          allOrNone: false,
          records: [{ attributes: { type: 'Contact' }, LastName: tag }, { attributes: { type: 'Contact' }, LastName: tag }],
        }),
        sub('POST', '/sobjects/Contact', 'bad', { LastName: tag, Email: 'pauldune.co' }),
      ],
    });
    expect(res.status).toBe(200);
    const [coll, bad] = res.body.compositeResponse;
    expectHalted(coll);
    expect(bad!.httpStatusCode).toBe(400);
    expect((bad!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('INVALID_EMAIL_ADDRESS');
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('with allOrNone true treats a nested collection as allOrNone too and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('inner');
    const res = await composite({
      allOrNone: true,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/sobjects/Account', 'acct', { Name: tag }),
        sub('POST', '/composite/sobjects', 'coll', {
          allOrNone: false,
          records: [{ attributes: { type: 'Contact' }, LastName: tag }, { attributes: { type: 'Contact' }, FirstName: tag }],
        }),
      ],
    });
    expect(res.status).toBe(200);
    expectHalted(res.body.compositeResponse[0]);
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(0);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('with allOrNone false applies independent subrequests and halts those referencing a failure', async () => {
    const s = await target.session();
    const tag = uniqueTag('part');
    const res = await composite({
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/sobjects/Account', 'good', { Name: tag }),
        sub('POST', '/sobjects/Contact', 'bad', { FirstName: tag }),
        sub('PATCH', '/sobjects/Contact/@{bad.id}', 'dependent', { Note__c: 'never' }),
        sub('POST', '/sobjects/Contact', 'independent', { LastName: tag }),
      ],
    });
    expect(res.status).toBe(200);
    const [good, bad, dependent, independent] = res.body.compositeResponse;
    expect(good!.httpStatusCode).toBe(201);
    expect(bad!.httpStatusCode).toBe(400);
    expectHalted(dependent);
    expect(independent!.httpStatusCode).toBe(201);
    expect(await count(s, `SELECT COUNT() FROM Account WHERE Name = '${tag}'`)).toBe(1);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
  });

  it('defaults allOrNone to false', async () => {
    const s = await target.session();
    const tag = uniqueTag('dflt');
    const res = await composite({
      collateSubrequests: false,
      compositeRequest: [sub('POST', '/sobjects/Contact', 'ok', { LastName: tag }), sub('POST', '/sobjects/Contact', 'bad', { FirstName: tag })],
    });
    expect(res.status).toBe(200);
    expect(res.body.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
  });

  it('resolves references case-sensitively: @{ref.Id} on a create response has no value', async () => {
    const s = await target.session();
    const tag = uniqueTag('case');
    const res = await composite({
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: [
        sub('POST', '/sobjects/Account', 'acct', { Name: tag }),
        sub('POST', '/sobjects/Contact', 'contact', { LastName: tag, AccountId: '@{acct.Id}' }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.compositeResponse[0]!.httpStatusCode).toBe(201);
    expectHalted(res.body.compositeResponse[1]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('refuses Authorization in a subrequest httpHeaders with a 400 error array', async () => {
    const s = await target.session();
    const tag = uniqueTag('hdr');
    const res = await call(s, 'POST', '/composite', {
      compositeRequest: [{ ...sub('POST', '/sobjects/Contact', 'c', { LastName: tag }), httpHeaders: { Authorization: 'Bearer nope' } }],
    });
    expectSomeApiError(res, [400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('refuses a lower-case method: methods are case-sensitive', async () => {
    const s = await target.session();
    const tag = uniqueTag('lc');
    const res = await call<CompositeResponse>(s, 'POST', '/composite', { compositeRequest: [sub('post', '/sobjects/Contact', 'c', { LastName: tag })] });
    if (res.status === 200) expect(res.body.compositeResponse[0]!.httpStatusCode).toBeGreaterThanOrEqual(400);
    else expectSomeApiError(res, [400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('accepts 25 subrequests', async () => {
    const s = await target.session();
    const tag = uniqueTag('c25');
    const requests = Array.from({ length: 25 }, (_, i) => sub('POST', '/sobjects/Contact', `r${i}`, { LastName: tag }));
    const res = await composite({ allOrNone: true, collateSubrequests: false, compositeRequest: requests });
    expect(res.status).toBe(200);
    expect(res.body.compositeResponse.every((r) => r.httpStatusCode === 201)).toBe(true);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(25);
  });

  it('refuses 26 subrequests with a 400 error array and applies nothing', async () => {
    const s = await target.session();
    const tag = uniqueTag('c26');
    const requests = Array.from({ length: 26 }, (_, i) => sub('POST', '/sobjects/Contact', `r${i}`, { LastName: tag }));
    const res = await composite({ allOrNone: false, collateSubrequests: false, compositeRequest: requests });
    expectSomeApiError(res, [400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('accepts 5 query subrequests but refuses 6 with a 400 error array', async () => {
    const soql = soqlPath('SELECT Id FROM Account LIMIT 1');
    const five = await composite({ compositeRequest: Array.from({ length: 5 }, (_, i) => sub('GET', soql, `q${i}`)) });
    expect(five.status).toBe(200);
    expect(five.body.compositeResponse.every((r) => r.httpStatusCode === 200)).toBe(true);
    const six = await composite({ compositeRequest: Array.from({ length: 6 }, (_, i) => sub('GET', soql, `q${i}`)) });
    expectSomeApiError(six, [400]);
  });

  it('counts collections against the limit of 5 and applies nothing when refused', async () => {
    const s = await target.session();
    const tag = uniqueTag('c6');
    const collection = (i: number) => sub('POST', '/composite/sobjects', `c${i}`, { allOrNone: false, records: [{ attributes: { type: 'Contact' }, LastName: tag }] });
    const res = await composite({
      allOrNone: false,
      compositeRequest: [0, 1, 2, 3, 4].map(collection).concat(sub('GET', soqlPath('SELECT Id FROM Account LIMIT 1'), 'q')),
    });
    expectSomeApiError(res, [400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('refuses an illegal referenceId with a 400 error array', async () => {
    const s = await target.session();
    const tag = uniqueTag('refid');
    const res = await composite({ compositeRequest: [sub('POST', '/sobjects/Contact', 'bad-ref!', { LastName: tag })] });
    expectSomeApiError(res, [400]);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('answers a failing GET subrequest with its own status and error array', async () => {
    const res = await composite({ compositeRequest: [sub('GET', '/sobjects/No_Such_Object__c/describe', 'd'), sub('GET', '/limits', 'l')] });
    expect(res.status).toBe(200);
    const [d, l] = res.body.compositeResponse;
    expect(d!.httpStatusCode).toBe(404);
    expect((d!.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe('NOT_FOUND');
    expect(l!.httpStatusCode).toBe(200);
  });

  it('returns the query body of a query subrequest like /query does', async () => {
    const s = await target.session();
    const tag = uniqueTag('qbody');
    await createRecords(s, 'Contact', [{ LastName: tag }], track);
    const soql = `SELECT Id, LastName FROM Contact WHERE LastName = '${tag}'`;
    const res = await composite({ compositeRequest: [sub('GET', soqlPath(soql), 'q')] });
    expect(res.status).toBe(200);
    expect(res.body.compositeResponse[0]!.body).toEqual(await query(s, soql));
  });
});
