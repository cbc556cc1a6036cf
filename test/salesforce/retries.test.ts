// Retries and the failures that must not be retried: 503, the daily allocation, a write whose
// answer never came, validation errors, connections refused — against the emulator's faults,
// and a scripted server for what the emulator cannot produce.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import {
  SalesforceClient,
  SalesforceError,
  SalesforceOutcomeUnknownError,
  SalesforceRequestLimitError,
  SalesforceUnavailableError,
} from '../../src/salesforce/index.js';
import { backoffMs, BACKOFF_CAP_MS } from '../../src/salesforce/retry.js';
import { captureLog, closedPort, collect, demoConfig, flushLog, recordingSleep, useClients } from './support.js';
import { startScriptedServer, TOKEN_OK, type ScriptedServer } from './scripted-server.js';

const emulator = useEmulator({ seed: 'demo' });
const client = useClients();
afterEach(() => {
  emulator.current.setFaults({ serverUnavailableRate: 0, requestLimitExhausted: false, dropAfterApplyRate: 0, lockRowRate: 0 });
});

async function countContacts(c: SalesforceClient, lastName: string): Promise<number> {
  const pages = await collect(c.query(`SELECT Id FROM Contact WHERE LastName = '${lastName}'`));
  return pages[0]!.totalSize;
}

describe('backoff', () => {
  it('is full jitter under an exponential ceiling, capped', () => {
    expect(backoffMs(0, () => 0.999)).toBe(199);
    expect(backoffMs(3, () => 0.5)).toBe(800);
    expect(backoffMs(30, () => 0.999)).toBe(BACKOFF_CAP_MS - 10);
    expect(backoffMs(5, () => 0)).toBe(0);
  });
});

describe('503 SERVER_UNAVAILABLE', () => {
  it('is retried after a backoff and the call succeeds once Salesforce is back', async () => {
    const log = captureLog();
    const { sleep, waits } = recordingSleep(() => emulator.current.setFaults({ serverUnavailableRate: 0 }));
    const c = client(demoConfig(emulator.current.url), { sleep, logger: log.logger });
    await c.login();
    emulator.current.setFaults({ serverUnavailableRate: 1 });
    expect((await c.limits()).DailyApiRequests).toBeDefined();
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThan(200);
    await flushLog();
    const retry = log.lines.find((l) => l.msg === 'retrying Salesforce call');
    expect(retry).toMatchObject({ request: 'GET /services/data/v62.0/limits', reason: 'server_unavailable', retry: 1, component: 'salesforce' });
  });

  it('that never ends gives SalesforceUnavailableError after maxRetries', async () => {
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(emulator.current.url, { maxRetries: 3 }), { sleep });
    await c.login();
    emulator.current.setFaults({ serverUnavailableRate: 1 });
    const error = await c.create('Contact', [{ LastName: 'never' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceUnavailableError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, errorCode: 'SERVER_UNAVAILABLE', sqlstate: '57P03' });
    expect(waits).toHaveLength(3);
    emulator.current.setFaults({ serverUnavailableRate: 0 });
    expect(await countContacts(c, 'never')).toBe(0);
  });
});

describe('the daily API allocation', () => {
  it('exhausted: SalesforceRequestLimitError at once, never retried', async () => {
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(emulator.current.url), { sleep });
    await c.login();
    emulator.current.setFaults({ requestLimitExhausted: true });
    const error = await c.limits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceRequestLimitError);
    expect(error).toMatchObject({ kind: 'request_limit', status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', daily: true, sqlstate: '53400' });
    expect(waits).toHaveLength(0);
  });
});

describe('a write whose answer is lost', () => {
  it('is SalesforceOutcomeUnknownError, not retried: the record exists exactly once', async () => {
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(emulator.current.url), { sleep });
    await c.login();
    const tag = `drop${Date.now()}`;
    emulator.current.setFaults({ dropAfterApplyRate: 1 });
    const error = await c.create('Contact', [{ LastName: tag }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceOutcomeUnknownError);
    expect(error).toMatchObject({ kind: 'outcome_unknown', sqlstate: '40003', request: 'POST /services/data/v62.0/composite/sobjects' });
    expect(waits).toHaveLength(0);
    emulator.current.setFaults({ dropAfterApplyRate: 0 });
    expect(await countContacts(c, tag)).toBe(1);
  });

  it('a Composite request whose answer is lost is unknown too', async () => {
    const c = client(demoConfig(emulator.current.url), { sleep: recordingSleep().sleep });
    await c.login();
    emulator.current.setFaults({ dropAfterApplyRate: 1 });
    const error = await c
      .composite({ allOrNone: true, compositeRequest: [{ method: 'POST', url: `${c.dataPath}/sobjects/Account`, referenceId: 'a', body: { Name: 'lost answer' } }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceOutcomeUnknownError);
  });
});

describe('errors that are not retried', () => {
  it('a refused query is a SalesforceError with its code, at once', async () => {
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(emulator.current.url), { sleep });
    const error = await collect(c.query('SELECT Nope__c FROM Contact')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ kind: 'rejected', status: 400, errorCode: 'INVALID_FIELD', sqlstate: '42703' });
    expect((error as SalesforceError).message).toMatch(/No such column 'Nope__c'/);
    expect(waits).toHaveLength(0);
  });

  it('an unknown sObject in describe is NOT_FOUND', async () => {
    const c = client(demoConfig(emulator.current.url));
    await expect(c.describe('Nope__c')).rejects.toMatchObject({ status: 404, errorCode: 'NOT_FOUND', sqlstate: '42704' });
  });

  it('UNABLE_TO_LOCK_ROW inside collection results stays a per-record result', async () => {
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(emulator.current.url), { sleep });
    await c.login();
    emulator.current.setFaults({ lockRowRate: 1 });
    const [result] = await c.create('Contact', [{ LastName: 'locked' }]);
    expect(result).toMatchObject({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }] });
    expect(waits).toHaveLength(0);
  });
});

describe('connections', () => {
  it('refused before anything was sent: retried for a login (a POST), then unavailable', async () => {
    const port = await closedPort();
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(`http://127.0.0.1:${port}`, { maxRetries: 2 }), { sleep });
    const error = await c.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceUnavailableError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', status: undefined, sqlstate: '08001' });
    expect(waits).toHaveLength(2);
  });
});

describe('conditions only a scripted server produces', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  function reset(...restAnswers: ScriptedServer['restAnswers']): void {
    server.tokenRequests = 0;
    server.restRequests = [];
    server.tokenAnswers = [TOKEN_OK];
    server.restAnswers = restAnswers;
  }

  it('a top-level UNABLE_TO_LOCK_ROW is retried', async () => {
    reset({ status: 400, body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }] }, { status: 200, body: { ok: 1 } });
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(server.url), { sleep });
    await expect(c.limits()).resolves.toEqual({ ok: 1 });
    expect(waits).toHaveLength(1);
    expect(server.restRequests).toHaveLength(2);
  });

  it('ConcurrentPerOrgLongTxn is retried; after maxRetries it is a request-limit error (53300)', async () => {
    reset({ status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }] });
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(server.url, { maxRetries: 2 }), { sleep });
    const error = await c.limits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceRequestLimitError);
    expect(error).toMatchObject({ daily: false, sqlstate: '53300' });
    expect(waits).toHaveLength(2);
    expect(server.restRequests).toHaveLength(3);
  });

  it('TotalRequests is never retried', async () => {
    reset({ status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] });
    const { sleep, waits } = recordingSleep();
    await expect(client(demoConfig(server.url), { sleep }).limits()).rejects.toMatchObject({ daily: true });
    expect(waits).toHaveLength(0);
    expect(server.restRequests).toHaveLength(1);
  });

  it('a non-JSON error body becomes ERROR_HTTP_<status>', async () => {
    reset({ status: 500, body: '<html>Internal Server Error</html>' });
    const error = await client(demoConfig(server.url)).limits().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected', status: 500, errorCode: 'ERROR_HTTP_500', body: '<html>Internal Server Error</html>', sqlstate: 'XX000' });
  });

  it('a gateway 502 is retried for a GET but is an unknown outcome for a write', async () => {
    reset({ status: 502, body: 'Bad Gateway' }, { status: 200, body: { ok: 1 } });
    const { sleep, waits } = recordingSleep();
    await expect(client(demoConfig(server.url), { sleep }).limits()).resolves.toEqual({ ok: 1 });
    expect(waits).toHaveLength(1);
    reset({ status: 502, body: 'Bad Gateway' });
    const write = await client(demoConfig(server.url), { sleep }).create('Contact', [{ LastName: 'x' }]).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(SalesforceOutcomeUnknownError);
    expect(server.restRequests).toHaveLength(1);
  });

  it('a write that times out is an unknown outcome and is sent once', async () => {
    reset({ status: 200, hang: true });
    const { sleep, waits } = recordingSleep();
    const c = client(demoConfig(server.url, { requestTimeoutMs: 200 }), { sleep });
    const error = await c.delete(['003000000000001AAA']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceOutcomeUnknownError);
    expect((error as Error).message).toMatch(/no answer within 200 ms/);
    expect(waits).toHaveLength(0);
    expect(server.restRequests).toHaveLength(1);
  });

  it('a write refused before it was sent is retried like a read', async () => {
    const port = await closedPort();
    reset();
    server.tokenAnswers = [{ status: 200, body: { access_token: 'tok', instance_url: `http://127.0.0.1:${port}` } }];
    const { sleep, waits } = recordingSleep();
    const error = await client(demoConfig(server.url, { maxRetries: 2 }), { sleep }).create('Contact', [{ LastName: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceUnavailableError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED', request: 'POST /services/data/v62.0/composite/sobjects' });
    expect(waits).toHaveLength(2);
  });

  it('a gzip-compressed answer is decoded', async () => {
    reset({ status: 200, body: { DailyApiRequests: { Max: 5, Remaining: 4 } }, gzip: true });
    await expect(client(demoConfig(server.url)).limits()).resolves.toEqual({ DailyApiRequests: { Max: 5, Remaining: 4 } });
  });

  it('a read whose connection drops is retried', async () => {
    reset({ status: 200, drop: true }, { status: 200, body: { ok: 2 } });
    const { sleep, waits } = recordingSleep();
    await expect(client(demoConfig(server.url), { sleep }).limits()).resolves.toEqual({ ok: 2 });
    expect(waits).toHaveLength(1);
  });

  it('a write whose connection drops after sending is unknown', async () => {
    reset({ status: 200, drop: true });
    const error = await client(demoConfig(server.url), { sleep: recordingSleep().sleep }).update('Contact', [{ Id: '003000000000001AAA', LastName: 'y' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceOutcomeUnknownError);
    expect(server.restRequests).toHaveLength(1);
  });
});
