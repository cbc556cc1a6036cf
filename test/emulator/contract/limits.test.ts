// API limits: /limits, the Sforce-Limit-Info header, what counts as one request, and the
// daily allocation running out (salesforce-api-notes §8.1).
import { describe, expect, it } from 'vitest';
import { DATA_PATH, isRealOrg, loginAs, useContractTarget } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call } from '../../support/salesforce-http.js';
import { apiUsage, uniqueTag } from './sf-helpers.js';

const target = useContractTarget();

describe('limits', () => {
  it('reports DailyApiRequests with Max and Remaining', async () => {
    const res = await call<Record<string, { Max: number; Remaining: number }>>(await target.session(), 'GET', '/limits');
    expect(res.status).toBe(200);
    const daily = res.body.DailyApiRequests!;
    expect(Number.isInteger(daily.Max)).toBe(true);
    expect(Number.isInteger(daily.Remaining)).toBe(true);
    expect(daily.Remaining).toBeLessThanOrEqual(daily.Max);
    for (const [name, limit] of Object.entries(res.body)) {
      expect(typeof limit.Max, name).toBe('number');
      expect(typeof limit.Remaining, name).toBe('number');
    }
  });

  it.skipIf(isRealOrg)('uses the default allocation of 100000', async () => {
    const res = await call<Record<string, { Max: number }>>(await target.session(), 'GET', '/limits');
    expect(res.body.DailyApiRequests!.Max).toBe(100000);
    expect(apiUsage(res).max).toBe(100000);
  });

  it('sends Sforce-Limit-Info on successes and on errors alike', async () => {
    const s = await target.session();
    const responses = [
      await call(s, 'GET', '/limits'),
      await call(s, 'GET', '/sobjects'),
      await call(s, 'GET', '/sobjects/Contact/describe'),
      await call(s, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`),
      await call(s, 'GET', `/query?q=${encodeURIComponent('SELEKT')}`),
      await call(s, 'GET', '/sobjects/No_Such_Object__c/describe'),
      await call(s, 'POST', '/sobjects/Contact', { FirstName: 'missing last name' }),
      await call(s, 'GET', `${DATA_PATH}/`),
    ];
    const limits = await call<Record<string, { Max: number }>>(s, 'GET', '/limits');
    for (const res of responses) {
      const usage = apiUsage(res);
      expect(usage.max).toBe(limits.body.DailyApiRequests!.Max);
      expect(usage.used).toBeGreaterThan(0);
    }
  });

  it('keeps Remaining and the header in step', async () => {
    const res = await call<Record<string, { Max: number; Remaining: number }>>(await target.session(), 'GET', '/limits');
    const usage = apiUsage(res);
    const daily = res.body.DailyApiRequests!;
    if (isRealOrg) expect(Math.abs(daily.Max - daily.Remaining - usage.used)).toBeLessThan(50);
    else expect(daily.Max - daily.Remaining).toBeGreaterThanOrEqual(usage.used - 1);
  });
});

describe.skipIf(isRealOrg)('counting (emulator: nobody else uses the org)', () => {
  it('counts each REST call as one', async () => {
    const s = await target.session();
    const a = apiUsage(await call(s, 'GET', '/limits'));
    const b = apiUsage(await call(s, 'GET', '/sobjects/Contact/describe'));
    const c = apiUsage(await call(s, 'GET', '/limits'));
    expect(b.used - a.used).toBe(1);
    expect(c.used - b.used).toBe(1);
    expect(target.emulator.apiUsage()).toEqual({ used: c.used, max: c.max });
  });

  it('counts a composite call with several subrequests as one', async () => {
    const s = await target.session();
    const before = apiUsage(await call(s, 'GET', '/limits'));
    const tag = uniqueTag('lim');
    const composite = await call(s, 'POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${DATA_PATH}/sobjects/Contact`, referenceId: 'a', body: { LastName: tag } },
        { method: 'POST', url: `${DATA_PATH}/sobjects/Contact`, referenceId: 'b', body: { LastName: tag } },
        { method: 'GET', url: `${DATA_PATH}/query?q=${encodeURIComponent(`SELECT Id FROM Contact WHERE LastName = '${tag}'`)}`, referenceId: 'q' },
      ],
    });
    expect(composite.status).toBe(200);
    expect(apiUsage(composite).used).toBe(before.used + 1);
    const after = apiUsage(await call(s, 'GET', '/limits'));
    expect(after.used).toBe(before.used + 2);
  });

  it('counts a collection call of many records as one', async () => {
    const s = await target.session();
    const before = apiUsage(await call(s, 'GET', '/limits'));
    const records = Array.from({ length: 50 }, () => ({ attributes: { type: 'Contact' }, LastName: uniqueTag('limc') }));
    const res = await call(s, 'POST', '/composite/sobjects', { allOrNone: true, records });
    expect(res.status).toBe(200);
    expect(apiUsage(res).used).toBe(before.used + 1);
  });

  it('does not count /services/data/ or the token endpoint', async () => {
    const s = await target.session();
    const before = apiUsage(await call(s, 'GET', '/limits'));
    expect((await fetch(`${s.instanceUrl}/services/data/`)).status).toBe(200);
    await loginAs(target.loginUrl, target.credentials);
    const after = apiUsage(await call(s, 'GET', '/limits'));
    expect(after.used).toBe(before.used + 1);
  });
});

describe.skipIf(isRealOrg)('a spent daily allocation', () => {
  const emulator = useEmulator({ seed: 'demo', dailyApiLimit: 5 });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is used', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    const statuses: number[] = [];
    const usages: string[] = [];
    let refused: unknown;
    for (let i = 0; i < 8; i++) {
      const res = await call(s, 'GET', '/limits');
      statuses.push(res.status);
      usages.push(res.headers.get('sforce-limit-info') ?? '');
      if (res.status === 403) refused = res.body;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 403, 403, 403]);
    expect(usages[4]).toContain('api-usage=5/5');
    expect(refused).toEqual([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    // Still answered without counting: the versions list and a new login.
    expect((await fetch(`${emulator.current.url}/services/data/`)).status).toBe(200);
    const again = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect((await call(again, 'POST', '/sobjects/Contact', { LastName: 'over the limit' })).status).toBe(403);
  });
});
