// Bulk API 2.0 ingest jobs through the client: against the emulator over real HTTP (insert,
// update, upsert, delete, partial failure, values that need care in CSV, failed and aborted
// jobs, progress logs, the job removed afterwards), and against a scripted server for what
// the emulator does not do: results in another order than the upload.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { call, login, type Session } from '../support/salesforce-http.js';
import { SalesforceError, parseSfError, type BulkIngestResult, type SalesforceClientOptions } from '../../src/salesforce/index.js';
import { captureLog, collect, demoConfig, flushLog, useClients } from './support.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

const emulator = useEmulator({ seed: 'demo' });
const client = useClients();
let admin: Session;

beforeAll(async () => {
  admin = await login(emulator.current.url);
});
afterEach(() => {
  emulator.current.setFaults({ bulkIngestChunkDelayMs: 0 });
});

const tag = (p: string) => `${p}${Date.now()}${Math.floor(Math.random() * 1e6)}`;

/** A sleep that records what it was asked and waits only a moment, so polls stay cheap. */
function pollingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, 2))) };
}

function sf(options: SalesforceClientOptions = {}) {
  return client(demoConfig(emulator.current.url), { sleep: pollingSleep().sleep, ...options });
}

async function rows(soql: string): Promise<Array<Record<string, unknown>>> {
  const pages = await collect(sf().query(soql));
  return pages.flatMap((p) => p.records);
}

async function ingestJobs(): Promise<unknown[]> {
  const res = await call<{ records: unknown[] }>(admin, 'GET', '/jobs/ingest');
  expect(res.status).toBe(200);
  return res.body.records;
}

describe('bulkIngest', () => {
  it('inserts a thousand records in one job; each result names its record and position; the job is deleted', async () => {
    const t = tag('ins');
    const records = Array.from({ length: 1000 }, (_, i) => ({ LastName: t, FirstName: `n${i}`, Email: i % 7 === 3 ? `bad${i}` : `c${i}@example.com` }));
    const { sleep, waits } = pollingSleep();
    const result = await sf({ sleep }).bulkIngest('Contact', 'insert', records, { pollIntervalMs: 25 });
    expect(result.jobId).toMatch(/^750\w{15}$/);
    const bad = records.flatMap((_, i) => (i % 7 === 3 ? [i] : []));
    expect(result.failed.map((f) => f.index)).toEqual(bad);
    for (const f of result.failed) {
      expect(f.record).toBe(records[f.index]);
      expect(f.id).toBeUndefined();
      expect(f.error).toEqual({ errorCode: 'INVALID_EMAIL_ADDRESS', message: `Email: invalid email address: bad${f.index}`, fields: ['Email'] });
    }
    expect(result.successful).toHaveLength(1000 - bad.length);
    const saved = new Map((await rows(`SELECT Id, FirstName FROM Contact WHERE LastName = '${t}'`)).map((r) => [r.FirstName, r.Id]));
    expect(saved.size).toBe(result.successful.length);
    for (const s of result.successful) {
      expect(s.record).toBe(records[s.index]);
      expect(s.created).toBe(true);
      expect(saved.get(`n${s.index}`)).toBe(s.id);
    }
    expect(result.unprocessed).toEqual([]);
    expect(waits.every((ms) => ms === 25)).toBe(true);
    expect(await ingestJobs()).toEqual([]);
  });

  it('updates, upserts and deletes; null and "" clear a field, a missing key leaves it', async () => {
    const t = tag('ups');
    const c = sf();
    const inserted = await c.bulkIngest('Contact', 'insert', [
      { LastName: t, Title: 'keep', Email: 'a@example.com', Description: 'd1' },
      { LastName: t, Title: 'keep', Email: 'b@example.com', Description: 'd2' },
    ]);
    const [a, b] = inserted.successful.map((s) => s.id);
    const updated = await c.bulkIngest('Contact', 'update', [
      { Id: a, Email: null, Description: '' },
      { Id: b, Title: 'new' },
    ]);
    expect(updated.successful.map((s) => [s.index, s.id, s.created])).toEqual([[0, a, false], [1, b, false]]);
    const after = new Map((await rows(`SELECT Id, Title, Email, Description FROM Contact WHERE LastName = '${t}'`)).map((r) => [r.Id, r]));
    expect(after.get(a)).toMatchObject({ Title: 'keep', Email: null, Description: null });
    expect(after.get(b)).toMatchObject({ Title: 'new', Email: 'b@example.com', Description: 'd2' });

    await c.update('Contact', [{ Id: a, External_Id__c: `${t}-a` }]);
    const upserted = await c.bulkIngest('Contact', 'upsert', [
      { External_Id__c: `${t}-new`, LastName: t },
      { External_Id__c: `${t}-a`, LastName: t, Title: 'upserted' },
    ], { externalIdField: 'External_Id__c' });
    expect(upserted.successful.map((s) => [s.index, s.created])).toEqual([[0, true], [1, false]]);
    expect(upserted.successful[1]!.id).toBe(a);

    const deleted = await c.bulkIngest('Contact', 'delete', [{ Id: a, LastName: 'ignored' }, { Id: b }, { Id: a }]);
    expect(deleted.successful.map((s) => [s.index, s.id])).toEqual([[0, a], [1, b]]);
    expect(deleted.failed).toEqual([{ index: 2, id: a, error: { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }, record: { Id: a } }]);
    expect((await rows(`SELECT Id FROM Contact WHERE LastName = '${t}'`)).map((r) => r.Id)).toEqual([upserted.successful[0]!.id]);
  });

  it('sends values that need quoting, any delimiter and line ending, numbers, booleans and dates', async () => {
    const t = tag('csv');
    const description = 'He said "hi",\tthen left;\r\nsecond line | ^ ` Ünïcödé 日本';
    for (const [columnDelimiter, lineEnding] of [['COMMA', 'LF'], ['TAB', 'CRLF'], ['PIPE', 'LF'], ['BACKQUOTE', 'CRLF']] as const) {
      const result = await sf().bulkIngest('Contact', 'insert', [{ LastName: `${t}${columnDelimiter}`, Description: description, HasOptedOutOfEmail: true }], { columnDelimiter, lineEnding });
      expect(result.failed, columnDelimiter).toEqual([]);
      const [saved] = await rows(`SELECT Description, HasOptedOutOfEmail FROM Contact WHERE Id = '${result.successful[0]!.id}'`);
      expect(saved).toMatchObject({ Description: description, HasOptedOutOfEmail: true });
    }
    const account = await sf().create('Account', [{ Name: t }]);
    const invoices = await sf().bulkIngest('Invoice__c', 'insert', [
      { Name: `${t} 1`, Account__c: account[0]!.id, Amount__c: 12.5, Due_Date__c: new Date('2026-03-01T00:00:00Z') },
      { Name: `${t} 2`, Account__c: account[0]!.id, Amount__c: -1 },
    ]);
    expect(invoices.failed.map((f) => [f.index, f.error])).toEqual([
      [1, { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Amount must not be negative', fields: ['Amount__c'] }],
    ]);
    const [invoice] = await rows(`SELECT Amount__c, Total_With_Tax__c, Due_Date__c FROM Invoice__c WHERE Id = '${invoices.successful[0]!.id}'`);
    expect(invoice).toMatchObject({ Amount__c: 12.5, Total_With_Tax__c: 15, Due_Date__c: '2026-03-01' });
    await expect(sf().bulkIngest('Contact', 'insert', [{ LastName: t, Description: { nested: true } }])).rejects.toThrow(TypeError);
  });

  it('logs the job and its progress at info level, without record values', async () => {
    const t = tag('log');
    const log = captureLog('info');
    const result = await sf({ logger: log.logger }).bulkIngest('Contact', 'insert', [{ LastName: t }, { LastName: t, Email: 'nope' }]);
    await flushLog();
    const created = log.lines.find((l) => l.msg === 'Bulk API ingest job created');
    expect(created).toMatchObject({ level: 30, jobId: result.jobId, sobject: 'Contact', operation: 'insert', records: 2, component: 'salesforce' });
    const progress = log.lines.filter((l) => l.msg === 'Bulk API ingest job progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress) expect(line).toMatchObject({ level: 30, jobId: result.jobId, state: expect.any(String), numberRecordsProcessed: expect.any(Number), numberRecordsFailed: expect.any(Number) });
    expect(progress.at(-1)).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 1 });
    expect(log.lines.find((l) => l.msg === 'Bulk API ingest job done')).toMatchObject({ jobId: result.jobId, successful: 1, failed: 1, unprocessed: 0 });
    expect(JSON.stringify(log.lines)).not.toContain(t);
    expect(JSON.stringify(log.lines)).not.toContain('nope');
  });

  it('a job that Fails is a SalesforceError with Salesforce\'s reason, and is deleted', async () => {
    const error = await sf().bulkIngest('Contact', 'insert', [{ LastName: tag('fail'), Nope__c: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ errorCode: 'BULK_JOB_FAILED', body: { state: 'Failed' } });
    expect((error as Error).message).toMatch(/^Bulk API ingest job 750\w{15} failed: InvalidBatch : Field name not found : Nope__c$/);
    expect(await ingestJobs()).toEqual([]);
  });

  it('a job aborted while it runs is a SalesforceError, and is deleted', async () => {
    emulator.current.setFaults({ bulkIngestChunkDelayMs: 150 });
    const t = tag('abo');
    let aborted = false;
    const sleep = async () => {
      if (aborted) return;
      aborted = true;
      const [job] = (await ingestJobs()) as Array<{ id: string }>;
      expect((await call(admin, 'PATCH', `/jobs/ingest/${job!.id}`, { state: 'Aborted' })).status).toBe(200);
    };
    const error = await sf({ sleep }).bulkIngest('Contact', 'insert', [{ LastName: t }]).catch((e: unknown) => e);
    expect(aborted).toBe(true);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ errorCode: 'BULK_JOB_ABORTED', message: expect.stringContaining('was aborted before it completed') });
    expect(await ingestJobs()).toEqual([]);
    expect(await rows(`SELECT Id FROM Contact WHERE LastName = '${t}'`)).toEqual([]);
  });

  it('a job Salesforce refuses to create is a SalesforceError; bad input is refused before any request', async () => {
    const refused = await sf().bulkIngest('Nope__c', 'insert', [{ Name: 'x' }]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, errorCode: 'INVALIDJOB', message: 'InvalidJob : Unable to find object: Nope__c' });
    const hard = await sf().bulkIngest('Contact', 'hardDelete', [{ Id: '003000000000001AAA' }]).catch((e: unknown) => e);
    expect(hard).toMatchObject({ status: 400, errorCode: 'FEATURENOTENABLED' });
    const before = emulator.current.apiUsage().used;
    await expect(sf().bulkIngest('Contact', 'upsert', [{ LastName: 'x' }])).rejects.toThrow(TypeError);
    await expect(sf().bulkIngest('Contact', 'insert', [])).rejects.toThrow(RangeError);
    await expect(sf().bulkIngest('Contact', 'insert', [{ LastName: 'x', NumberOfEmployees__x: Number.NaN }])).rejects.toThrow(TypeError);
    expect(emulator.current.apiUsage().used).toBe(before);
    expect(await ingestJobs()).toEqual([]);
  });
});

describe('bulkIngest results in another order than the upload', () => {
  let server: ScriptedServer;
  const jobId = '750000000000001AAA';

  beforeAll(async () => {
    server = await startScriptedServer();
    return () => server.close();
  });

  function script(successCsv: string, failedCsv: string): void {
    const job = { id: jobId, operation: 'insert', object: 'Contact', state: 'Open' };
    server.restRequests.length = 0;
    server.restAnswers = [
      { status: 200, body: job },
      { status: 201 },
      { status: 200, body: { ...job, state: 'UploadComplete' } },
      { status: 200, body: { ...job, state: 'JobComplete', numberRecordsProcessed: 4, numberRecordsFailed: 1 } },
      { status: 200, body: successCsv },
      { status: 200, body: failedCsv },
      { status: 204 },
    ];
  }

  async function ingest(records: Array<Record<string, unknown>>, log = captureLog('info')): Promise<BulkIngestResult> {
    const c = client(demoConfig(server.url), { sleep: pollingSleep().sleep, logger: log.logger });
    return c.bulkIngest('Contact', 'insert', records);
  }

  it('puts each result at its record, identical records in upload order', async () => {
    script(
      '"sf__Id","sf__Created","LastName","Email"\n"003000000000002AAA","true","b",""\n"003000000000003AAA","true","a",""\n"003000000000001AAA","true","a",""\n',
      '"sf__Id","sf__Error","LastName","Email"\n"","INVALID_EMAIL_ADDRESS:Email: invalid email address: bad:Email --","c","bad"\n',
    );
    const records = [{ LastName: 'c', Email: 'bad' }, { LastName: 'a' }, { LastName: 'b' }, { LastName: 'a' }];
    const result = await ingest(records);
    expect(result).toEqual({
      jobId,
      successful: [
        { index: 1, id: '003000000000003AAA', created: true, record: records[1] },
        { index: 2, id: '003000000000002AAA', created: true, record: records[2] },
        { index: 3, id: '003000000000001AAA', created: true, record: records[3] },
      ],
      failed: [{ index: 0, error: { errorCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: bad', fields: ['Email'] }, record: records[0] }],
      unprocessed: [],
    });
    expect(server.restRequests).toEqual([
      'POST /services/data/v62.0/jobs/ingest',
      `PUT /services/data/v62.0/jobs/ingest/${jobId}/batches`,
      `PATCH /services/data/v62.0/jobs/ingest/${jobId}`,
      `GET /services/data/v62.0/jobs/ingest/${jobId}`,
      `GET /services/data/v62.0/jobs/ingest/${jobId}/successfulResults`,
      `GET /services/data/v62.0/jobs/ingest/${jobId}/failedResults`,
      `DELETE /services/data/v62.0/jobs/ingest/${jobId}`,
    ]);
  });

  it('reports records without any result as unprocessed', async () => {
    script('"sf__Id","sf__Created","LastName"\n"003000000000002AAA","true","b"\n', '"sf__Id","sf__Error","LastName"\n');
    const records = [{ LastName: 'a' }, { LastName: 'b' }];
    const result = await ingest(records);
    expect(result.successful.map((s) => s.index)).toEqual([1]);
    expect(result.unprocessed).toEqual([{ index: 0, record: records[0] }]);
  });

  it('gives a result whose values match no record to a record left without one, and warns', async () => {
    script('"sf__Id","sf__Created","LastName"\n"003000000000002AAA","true","b"\n"003000000000001AAA","true","A "\n', '"sf__Id","sf__Error","LastName"\n');
    const log = captureLog('info');
    const records = [{ LastName: 'a' }, { LastName: 'b' }];
    const result = await ingest(records, log);
    expect(result.successful.map((s) => [s.index, s.id])).toEqual([[0, '003000000000001AAA'], [1, '003000000000002AAA']]);
    await flushLog();
    expect(log.lines.find((l) => l.level === 40)).toMatchObject({ jobId, results: 1, recordsWithoutResult: 1 });
  });
});

describe('bulkIngest when a call fails', () => {
  let server: ScriptedServer;
  const jobId = '750000000000002AAA';
  const job = { id: jobId, operation: 'insert', object: 'Contact', state: 'Open' };
  const base = `/services/data/v62.0/jobs/ingest/${jobId}`;

  beforeAll(async () => {
    server = await startScriptedServer();
    return () => server.close();
  });

  function run(answers: ScriptedServer['restAnswers']): Promise<unknown> {
    server.restRequests.length = 0;
    server.restAnswers = answers;
    const c = client(demoConfig(server.url, { maxRetries: 0 }), { sleep: pollingSleep().sleep });
    return c.bulkIngest('Contact', 'insert', [{ LastName: 'x' }]);
  }

  it('aborts, then deletes, a job whose upload failed', async () => {
    const error = await run([
      { status: 200, body: job },
      { status: 400, body: [{ errorCode: 'BULK_API_ERROR', message: 'refused' }] },
      { status: 200, body: { ...job, state: 'Aborted' } },
      { status: 204 },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'BULK_API_ERROR' });
    expect(server.restRequests).toEqual(['POST /services/data/v62.0/jobs/ingest', `PUT ${base}/batches`, `PATCH ${base}`, `DELETE ${base}`]);
  });

  it('aborts, then deletes, a job it could not follow to the end', async () => {
    const error = await run([
      { status: 200, body: job },
      { status: 201 },
      { status: 200, body: { ...job, state: 'UploadComplete' } },
      { status: 200, body: { ...job, state: 'InProgress', numberRecordsProcessed: 0, numberRecordsFailed: 0 } },
      { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }] },
      { status: 200, body: { ...job, state: 'Aborted' } },
      { status: 204 },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'UNKNOWN_EXCEPTION' });
    expect(server.restRequests.slice(3)).toEqual([`GET ${base}`, `GET ${base}`, `PATCH ${base}`, `DELETE ${base}`]);
  });

  it('goes on when the answer to closing the job was lost but the job is closed', async () => {
    const result = (await run([
      { status: 200, body: job },
      { status: 201 },
      { status: 0, drop: true },
      { status: 200, body: { ...job, state: 'UploadComplete' } },
      { status: 200, body: { ...job, state: 'JobComplete', numberRecordsProcessed: 1, numberRecordsFailed: 0 } },
      { status: 200, body: '"sf__Id","sf__Created","LastName"\n"003000000000001AAA","true","x"\n' },
      { status: 200, body: '"sf__Id","sf__Error","LastName"\n' },
      { status: 204 },
    ])) as BulkIngestResult;
    expect(result.successful.map((s) => s.id)).toEqual(['003000000000001AAA']);
    expect(server.restRequests.slice(2)).toEqual([`PATCH ${base}`, `GET ${base}`, `GET ${base}`, `GET ${base}/successfulResults`, `GET ${base}/failedResults`, `DELETE ${base}`]);
  });
});

describe('parseSfError', () => {
  it('reads code, message (colons included) and fields', () => {
    expect(parseSfError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --')).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'],
    });
    expect(parseSfError('INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--')).toEqual({
      errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [],
    });
    expect(parseSfError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName, Company]:LastName,Company --').fields).toEqual(['LastName', 'Company']);
    expect(parseSfError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Custom validation rule violated.')).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Custom validation rule violated.', fields: [],
    });
  });
});
