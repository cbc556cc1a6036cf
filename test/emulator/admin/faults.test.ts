// Emulator-only fault injection: options at start and `/__emulator/faults` at runtime.
// Faults are global to one emulator, so each test restores them before it ends.
import { afterEach, describe, expect, it } from 'vitest';
import { loginAs } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call } from '../../support/salesforce-http.js';
import { count, expectApiError, expectRecordError, uniqueTag, type SaveResult } from '../contract/sf-helpers.js';

const FAULT_KEYS = ['latencyMs', 'serverUnavailableRate', 'lockRowRate', 'requestLimitExhausted', 'dropAfterApplyRate', 'bulkIngestChunkDelayMs', 'randomSeed'];
const NO_FAULTS = { latencyMs: 0, serverUnavailableRate: 0, lockRowRate: 0, requestLimitExhausted: false, dropAfterApplyRate: 0, bulkIngestChunkDelayMs: 0 };

async function adminJson(url: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

describe('runtime faults', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const faultsUrl = () => `${emulator.current.url}/__emulator/faults`;
  const session = () => loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });

  afterEach(async () => {
    await adminJson(faultsUrl(), 'PATCH', NO_FAULTS);
  });

  it('GET /__emulator/faults returns every fault, none active by default', async () => {
    const res = await adminJson(faultsUrl(), 'GET');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([...FAULT_KEYS].sort());
    expect(res.body).toMatchObject(NO_FAULTS);
  });

  it('PATCH /__emulator/faults merges the change and returns the whole set', async () => {
    const res = await adminJson(faultsUrl(), 'PATCH', { latencyMs: 5, lockRowRate: 0.25 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...NO_FAULTS, latencyMs: 5, lockRowRate: 0.25 });
    expect(Object.keys(res.body).sort()).toEqual([...FAULT_KEYS].sort());
    expect((await adminJson(faultsUrl(), 'GET')).body).toEqual(res.body);
    expect(emulator.current.faults).toMatchObject({ latencyMs: 5, lockRowRate: 0.25 });
  });

  it('refuses an invalid fault value with 400 and keeps the previous faults', async () => {
    const res = await adminJson(faultsUrl(), 'PATCH', { serverUnavailableRate: 'often' });
    expect(res.status).toBe(400);
    expect((await adminJson(faultsUrl(), 'GET')).body).toMatchObject(NO_FAULTS);
  });

  it('latencyMs delays REST responses by at least that long', async () => {
    const s = await session();
    await adminJson(faultsUrl(), 'PATCH', { latencyMs: 300 });
    const { ms, value } = await timed(() => call(s, 'GET', '/limits'));
    expect(value.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(290);
    await adminJson(faultsUrl(), 'PATCH', { latencyMs: 0 });
    expect((await timed(() => call(s, 'GET', '/limits'))).ms).toBeLessThan(250);
  });

  it('serverUnavailableRate 1 answers 503 SERVER_UNAVAILABLE and changes nothing', async () => {
    const s = await session();
    const tag = uniqueTag('503');
    await adminJson(faultsUrl(), 'PATCH', { serverUnavailableRate: 1 });
    const res = await call(s, 'POST', '/sobjects/Contact', { LastName: tag });
    expectApiError(res, 503, 'SERVER_UNAVAILABLE');
    expectApiError(await call(s, 'GET', '/limits'), 503, 'SERVER_UNAVAILABLE');
    await adminJson(faultsUrl(), 'PATCH', { serverUnavailableRate: 0 });
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('lockRowRate 1 fails collection records with UNABLE_TO_LOCK_ROW and applies nothing', async () => {
    const s = await session();
    const tag = uniqueTag('lock');
    await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 1 });
    const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [{ attributes: { type: 'Contact' }, LastName: tag }, { attributes: { type: 'Contact' }, LastName: tag }],
    });
    expect(res.status).toBe(200);
    for (const r of res.body) expectRecordError(r, 'UNABLE_TO_LOCK_ROW');
    const single = await call(s, 'POST', '/sobjects/Contact', { LastName: tag });
    expectApiError(single, 400, 'UNABLE_TO_LOCK_ROW');
    await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 0 });
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('lockRowRate 1 also fails updates with UNABLE_TO_LOCK_ROW', async () => {
    const s = await session();
    const created = await call<SaveResult>(s, 'POST', '/sobjects/Contact', { LastName: uniqueTag('lku') });
    expect(created.status).toBe(201);
    await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 1 });
    expectApiError(await call(s, 'PATCH', `/sobjects/Contact/${created.body.id}`, { Note__c: 'locked' }), 400, 'UNABLE_TO_LOCK_ROW');
    await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 0 });
    const record = await call<Record<string, unknown>>(s, 'GET', `/sobjects/Contact/${created.body.id}`);
    expect(record.body.Note__c).toBeNull();
  });

  it('requestLimitExhausted answers 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const s = await session();
    await adminJson(faultsUrl(), 'PATCH', { requestLimitExhausted: true });
    const res = await call(s, 'GET', '/limits');
    expect(res.status).toBe(403);
    expect(res.body).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    await adminJson(faultsUrl(), 'PATCH', { requestLimitExhausted: false });
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
  });

  it('POST /__emulator/expire-tokens ends every issued session, new logins work', async () => {
    const s = await session();
    const other = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS, username: 'other@pgforce.dev', password: 'other' });
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
    const res = await fetch(`${emulator.current.url}/__emulator/expire-tokens`, { method: 'POST' });
    expect(res.status).toBeLessThan(300);
    for (const expired of [s, other]) {
      const r = await call(expired, 'GET', '/limits');
      expect(r.status).toBe(401);
      expect(r.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    expect((await call(await session(), 'GET', '/limits')).status).toBe(200);
  });

  it('dropAfterApplyRate 1 breaks the connection after the write was applied', async () => {
    const s = await session();
    const tag = uniqueTag('drop');
    await adminJson(faultsUrl(), 'PATCH', { dropAfterApplyRate: 1 });
    await expect(call(s, 'POST', '/sobjects/Contact', { LastName: tag })).rejects.toThrow();
    await adminJson(faultsUrl(), 'PATCH', { dropAfterApplyRate: 0 });
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(1);
  });

  it('dropAfterApplyRate 1 also drops collection writes after applying them', async () => {
    const s = await session();
    const tag = uniqueTag('dropc');
    await adminJson(faultsUrl(), 'PATCH', { dropAfterApplyRate: 1 });
    const records = [1, 2, 3].map(() => ({ attributes: { type: 'Contact' }, LastName: tag }));
    await expect(call(s, 'POST', '/composite/sobjects', { allOrNone: true, records })).rejects.toThrow();
    await adminJson(faultsUrl(), 'PATCH', { dropAfterApplyRate: 0 });
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`)).toBe(3);
  });

  it('dropAfterApplyRate does not drop reads', async () => {
    const s = await session();
    await adminJson(faultsUrl(), 'PATCH', { dropAfterApplyRate: 1 });
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
  });

  it('a half of lockRowRate fails some but not all of 200 records, repeatably for one randomSeed', async () => {
    const s = await session();
    const outcome = async () => {
      await adminJson(faultsUrl(), 'PATCH', { randomSeed: 7 });
      await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 0.5, randomSeed: 42 });
      const res = await call<SaveResult[]>(s, 'POST', '/composite/sobjects', {
        allOrNone: false,
        records: Array.from({ length: 200 }, () => ({ attributes: { type: 'Contact' }, LastName: uniqueTag('half') })),
      });
      await adminJson(faultsUrl(), 'PATCH', { lockRowRate: 0 });
      return res.body.map((r) => r.success);
    };
    const first = await outcome();
    const failed = first.filter((ok) => !ok).length;
    expect(failed).toBeGreaterThan(40);
    expect(failed).toBeLessThan(160);
    expect(await outcome()).toEqual(first);
  });
});

describe('faults given at start', () => {
  const emulator = useEmulator({ seed: 'none', faults: { latencyMs: 250 } });

  it('applies them from the first request and reports them merged with the defaults', async () => {
    const res = await adminJson(`${emulator.current.url}/__emulator/faults`, 'GET');
    expect(res.body).toMatchObject({ ...NO_FAULTS, latencyMs: 250 });
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    const { ms, value } = await timed(() => call(s, 'GET', '/limits'));
    expect(value.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(240);
  });
});

describe('faults through the RunningEmulator handle', () => {
  const emulator = useEmulator({ seed: 'none' });

  it('setFaults is what PATCH /__emulator/faults does', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    emulator.current.setFaults({ serverUnavailableRate: 1 });
    expectApiError(await call(s, 'GET', '/limits'), 503, 'SERVER_UNAVAILABLE');
    expect((await adminJson(`${emulator.current.url}/__emulator/faults`, 'GET')).body.serverUnavailableRate).toBe(1);
    emulator.current.setFaults({ serverUnavailableRate: 0 });
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
  });

  it('expireTokens() ends existing sessions', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    emulator.current.expireTokens();
    expect((await call(s, 'GET', '/limits')).status).toBe(401);
  });
});
