// Bad input gets Salesforce's error shape and status, and the emulator keeps serving.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_PATH, loginAs, type ContractSession } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call } from '../../support/salesforce-http.js';
import { expectApiError, expectSomeApiError, uniqueTag } from '../contract/sf-helpers.js';

const emulator = useEmulator({ seed: 'demo' });

let current: ContractSession | undefined;
async function session(): Promise<ContractSession> {
  current ??= await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
  return current;
}

async function raw(method: string, path: string, body: string | Buffer, contentType: string) {
  const s = await session();
  const res = await fetch(`${s.instanceUrl}${DATA_PATH}${path}`, {
    method,
    headers: { authorization: `Bearer ${s.accessToken}`, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // a non-JSON body fails the shape checks below with the text in the message
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

// Every test ends by checking that the emulator still answers a normal call.
afterEach(async () => {
  const s = await session();
  const res = await call(s, 'GET', '/limits');
  expect(res.status).toBe(200);
});

describe('malformed requests', () => {
  it('answers malformed JSON with 400 JSON_PARSER_ERROR', async () => {
    expectApiError(await raw('POST', '/sobjects/Contact', '{"LastName": "Atreides",', 'application/json'), 400, 'JSON_PARSER_ERROR');
    expectApiError(await raw('POST', '/composite/sobjects', '{records: [}', 'application/json'), 400, 'JSON_PARSER_ERROR');
    expectApiError(await raw('POST', '/composite', 'not json at all', 'application/json'), 400, 'JSON_PARSER_ERROR');
  });

  it('answers a JSON array where a record belongs with 400 and an error array', async () => {
    expectSomeApiError(await raw('POST', '/sobjects/Contact', '[{"LastName": "x"}]', 'application/json'), [400]);
  });

  it('answers an empty body on create with 400 and an error array', async () => {
    expectSomeApiError(await raw('POST', '/sobjects/Contact', '', 'application/json'), [400]);
  });

  it('answers a text/plain body with 415 or 400 and an error array', async () => {
    expectSomeApiError(await raw('POST', '/sobjects/Contact', 'LastName=Atreides', 'text/plain'), [400, 415]);
  });

  it('answers a collection whose records is not a list with 400 and an error array', async () => {
    expectSomeApiError(await raw('POST', '/composite/sobjects', JSON.stringify({ allOrNone: false, records: 'nope' }), 'application/json'), [400]);
  });

  it('answers a collection record without attributes.type with a per-record or request error', async () => {
    const s = await session();
    const res = await call(s, 'POST', '/composite/sobjects', { allOrNone: false, records: [{ LastName: uniqueTag() }] });
    if (res.status === 200) {
      expect((res.body as Array<{ success: boolean }>)[0]!.success).toBe(false);
    } else {
      expectSomeApiError(res, [400]);
    }
  });

  it('answers an unknown path with 404 NOT_FOUND', async () => {
    const s = await session();
    expectApiError(await call(s, 'GET', '/no/such/resource'), 404, 'NOT_FOUND');
  });

  it('answers an unsupported method on a record with 405 or 400 and an error array', async () => {
    const s = await session();
    const created = await call<{ id: string }>(s, 'POST', '/sobjects/Contact', { LastName: uniqueTag('put') });
    expectSomeApiError(await call(s, 'PUT', `/sobjects/Contact/${created.body.id}`, { LastName: 'x' }), [400, 405]);
  });
});

describe('unknown names', () => {
  it('answers an unknown object with 404 NOT_FOUND', async () => {
    const s = await session();
    expectApiError(await call(s, 'POST', '/sobjects/Nope__c', { Name: 'x' }), 404, 'NOT_FOUND');
    expectApiError(await call(s, 'GET', `/sobjects/Nope__c/${'a00'}000000000001AAA`), 404, 'NOT_FOUND');
  });

  it('answers an unknown field with 400 INVALID_FIELD', async () => {
    const s = await session();
    expectApiError(await call(s, 'POST', '/sobjects/Contact', { LastName: 'x', Nope__c: 1 }), 400, 'INVALID_FIELD');
    expectApiError(await call(s, 'GET', `/query?q=${encodeURIComponent('SELECT Nope__c FROM Contact')}`), 400, 'INVALID_FIELD');
  });

  it('answers unsupported SOQL with 400 MALFORMED_QUERY', async () => {
    const s = await session();
    for (const soql of ['SELECT LastName, COUNT(Id) FROM Contact GROUP BY LastName', "SELECT Id FROM Contact WHERE LastName = 'x", 'SELECT FROM Contact', '']) {
      const res = await call(s, 'GET', `/query?q=${encodeURIComponent(soql)}`);
      expect(res.status, soql).toBe(400);
      expect(Array.isArray(res.body), soql).toBe(true);
    }
  });
});

describe('oversize and bad references', () => {
  it('refuses a collection of 201 records with 400 EXCEEDED_ID_LIMIT', async () => {
    const s = await session();
    const records = Array.from({ length: 201 }, () => ({ attributes: { type: 'Contact' }, LastName: 'x' }));
    expectApiError(await call(s, 'POST', '/composite/sobjects', { records }), 400, 'EXCEEDED_ID_LIMIT');
    const ids = Array.from({ length: 201 }, () => '003000000000000AAA').join(',');
    expectApiError(await call(s, 'DELETE', `/composite/sobjects?ids=${ids}`), 400, 'EXCEEDED_ID_LIMIT');
  });

  it('answers a reference to an unknown referenceId as a failed subrequest or a failed request', async () => {
    const s = await session();
    const res = await call<{ compositeResponse: Array<{ httpStatusCode: number; body: Array<{ errorCode: string }> }> } | unknown[]>(s, 'POST', '/composite', {
      allOrNone: false,
      compositeRequest: [{ method: 'PATCH', url: `${DATA_PATH}/sobjects/Contact/@{nothing.id}`, referenceId: 'upd', body: { LastName: 'x' } }],
    });
    if (res.status === 200) {
      const sub = (res.body as { compositeResponse: Array<{ httpStatusCode: number; body: Array<{ errorCode: string }> }> }).compositeResponse[0]!;
      expect(sub.httpStatusCode).toBe(400);
      expect(typeof sub.body[0]!.errorCode).toBe('string');
    } else {
      expectSomeApiError(res, [400]);
    }
  });

  it('answers a composite subrequest url outside /services/data with 400', async () => {
    const s = await session();
    const res = await call<{ compositeResponse?: Array<{ httpStatusCode: number }> }>(s, 'POST', '/composite', {
      compositeRequest: [{ method: 'GET', url: '/__emulator/faults', referenceId: 'sneaky' }],
    });
    if (res.status === 200) expect(res.body.compositeResponse![0]!.httpStatusCode).toBeGreaterThanOrEqual(400);
    else expectSomeApiError(res, [400]);
  });

  it('answers a 60 MB body with 413 or 400 and an error array, without crashing', async () => {
    const s = await session();
    const huge = JSON.stringify({ LastName: 'x', Note__c: 'y'.repeat(60 * 1024 * 1024) });
    const res = await postWithoutFetch(`${s.instanceUrl}${DATA_PATH}/sobjects/Contact`, s.accessToken, huge);
    expect([400, 413], `status ${res.status}: ${res.text.slice(0, 200)}`).toContain(res.status);
    const body = JSON.parse(res.text) as Array<{ errorCode: string }>;
    expect(Array.isArray(body)).toBe(true);
    expect(typeof body[0]!.errorCode).toBe('string');
  });

  it('answers many concurrent requests', async () => {
    const s = await session();
    const results = await Promise.all(Array.from({ length: 50 }, () => call(s, 'GET', '/sobjects/Contact/describe')));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });
});

/**
 * Sends a body with node:http and reads whatever answer comes back, even when the server
 * answers before reading the whole body (fetch reports that as a network error).
 */
function postWithoutFetch(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(err));
    req.end(body);
  });
}
