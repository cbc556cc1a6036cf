// Bulk API 2.0 query jobs (salesforce-api-notes §5.5): create, poll, page through the CSV
// results with maxRecords and Sforce-Locator, abort, delete; CSV quoting and nulls; errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ContractSession } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call, type SfResponse } from '../../support/salesforce-http.js';
import { createRecord, createRecords, expectApiError, expectSalesforceId, uniqueTag } from '../contract/sf-helpers.js';
import { parseCsv } from './read-csv.js';

const emulator = useEmulator({ seed: 'demo' });

interface JobInfo {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: string;
  concurrencyMode: string;
  contentType: string;
  apiVersion: number;
  lineEnding: string;
  columnDelimiter: string;
  jobType?: string;
  numberRecordsProcessed?: number;
  retries?: number;
  totalProcessingTime?: number;
}

interface ResultsPage {
  status: number;
  headers: Headers;
  text: string;
}

let session: ContractSession;

beforeAll(async () => {
  session = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
});

function createJob(body: Record<string, unknown>): Promise<SfResponse<JobInfo>> {
  return call<JobInfo>(session, 'POST', '/jobs/query', body);
}

async function jobFor(query: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
  const res = await createJob({ operation: 'query', query, ...options });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls until JobComplete, as a client must. */
async function completedJob(query: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
  const job = await jobFor(query, options);
  for (let i = 0; i < 5; i++) {
    const info = await call<JobInfo>(session, 'GET', `/jobs/query/${job.id}`);
    expect(info.status).toBe(200);
    if (info.body.state === 'JobComplete') return info.body;
  }
  throw new Error(`job ${job.id} never completed`);
}

async function results(jobId: string, params: Record<string, string> = {}): Promise<ResultsPage> {
  const qs = new URLSearchParams(params).toString();
  const res = await fetch(`${session.instanceUrl}${session.dataPath}/jobs/query/${jobId}/results${qs ? `?${qs}` : ''}`, {
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Every page of a job's results, following Sforce-Locator. */
async function allPages(jobId: string, maxRecords?: number): Promise<ResultsPage[]> {
  const pages: ResultsPage[] = [];
  let locator: string | null = null;
  do {
    const params: Record<string, string> = {};
    if (maxRecords !== undefined) params.maxRecords = String(maxRecords);
    if (locator) params.locator = locator;
    const page = await results(jobId, params);
    expect(page.status, page.text.slice(0, 300)).toBe(200);
    pages.push(page);
    locator = page.headers.get('sforce-locator');
    expect(locator).not.toBeNull();
    if (locator === 'null') locator = null;
  } while (locator);
  return pages;
}

/** Header and rows of one page as objects keyed by column. */
function records(page: ResultsPage, delimiter = ',', eol = '\n'): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(page.text, delimiter, eol);
  return rows.map((r) => Object.fromEntries(header!.map((name, k) => [name, r[k]!])));
}

describe('a query job', () => {
  it('is created with Salesforce job info, state UploadComplete', async () => {
    const res = await createJob({ operation: 'query', query: 'SELECT Id, Name FROM Account' });
    expect(res.status).toBe(200);
    const job = res.body;
    expectSalesforceId(job.id, '750');
    expect(job).toMatchObject({
      operation: 'query', object: 'Account', createdById: session.userId, state: 'UploadComplete',
      concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 62, lineEnding: 'LF', columnDelimiter: 'COMMA',
    });
    expect(job.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(job.systemModstamp).toBe(job.createdDate);
  });

  it('reports InProgress on the first poll and JobComplete on the next', async () => {
    const tag = uniqueTag('poll');
    await createRecords(session, 'Account', [{ Name: `${tag} 1` }, { Name: `${tag} 2` }, { Name: `${tag} 3` }]);
    const job = await jobFor(`SELECT Id FROM Account WHERE Name LIKE '${tag}%'`);
    const first = await call<JobInfo>(session, 'GET', `/jobs/query/${job.id}`);
    expect(first.body).toMatchObject({ id: job.id, state: 'InProgress', jobType: 'V2Query', retries: 0, numberRecordsProcessed: 0 });
    const second = await call<JobInfo>(session, 'GET', `/jobs/query/${job.id}`);
    expect(second.body.state).toBe('JobComplete');
    expect(second.body.numberRecordsProcessed).toBe(3);
    expect(typeof second.body.totalProcessingTime).toBe('number');
    const third = await call<JobInfo>(session, 'GET', `/jobs/query/${job.id}`);
    expect(third.body.state).toBe('JobComplete');
  });

  it('refuses results before JobComplete with 400 INVALIDJOB', async () => {
    const job = await jobFor('SELECT Id FROM Account');
    expectApiError(asApi(await results(job.id)), 400, 'INVALIDJOB');
    await call(session, 'GET', `/jobs/query/${job.id}`);
    expectApiError(asApi(await results(job.id)), 400, 'INVALIDJOB');
    await call(session, 'GET', `/jobs/query/${job.id}`);
    expect((await results(job.id)).status).toBe(200);
  });

  it('accepts a 15-character job id', async () => {
    const job = await jobFor('SELECT Id FROM Account');
    const res = await call<JobInfo>(session, 'GET', `/jobs/query/${job.id.slice(0, 15)}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(job.id);
  });
});

function asApi(page: ResultsPage): SfResponse {
  let body: unknown = page.text;
  try {
    body = JSON.parse(page.text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: page.status, headers: page.headers, body };
}

describe('results', () => {
  const tag = uniqueTag('bulk');
  let ids: string[] = [];

  beforeAll(async () => {
    ids = await createRecords(session, 'Contact', Array.from({ length: 25 }, (_, i) => ({ LastName: tag, FirstName: `n${String(i).padStart(2, '0')}` })));
  });

  it('pages with maxRecords and Sforce-Locator, a header line on every page', async () => {
    const job = await completedJob(`SELECT Id, FirstName FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`);
    const pages = await allPages(job.id, 10);
    expect(pages.map((p) => p.headers.get('sforce-numberofrecords'))).toEqual(['10', '10', '5']);
    expect(pages.map((p) => p.headers.get('sforce-locator') === 'null')).toEqual([false, false, true]);
    for (const page of pages) {
      expect(page.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(page.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
      expect(page.text.split('\n')[0]).toBe('"Id","FirstName"');
    }
    const rows = pages.flatMap((p) => records(p));
    expect(rows.map((r) => r.FirstName)).toEqual(Array.from({ length: 25 }, (_, i) => `n${String(i).padStart(2, '0')}`));
    expect(rows.map((r) => r.Id).sort()).toEqual([...ids].sort());
  });

  it('sends every row at once without maxRecords, and the locator can be replayed', async () => {
    const job = await completedJob(`SELECT Id FROM Contact WHERE LastName = '${tag}'`);
    const all = await results(job.id);
    expect(all.headers.get('sforce-locator')).toBe('null');
    expect(all.headers.get('sforce-numberofrecords')).toBe('25');
    expect(records(all)).toHaveLength(25);
    const first = await results(job.id, { maxRecords: '20' });
    const locator = first.headers.get('sforce-locator')!;
    const again = await results(job.id, { locator });
    const twice = await results(job.id, { locator });
    expect(again.text).toBe(twice.text);
    expect(records(again)).toHaveLength(5);
  });

  it('answers a job with no rows with the header line alone', async () => {
    const job = await completedJob(`SELECT Id, Email FROM Contact WHERE LastName = '${uniqueTag('none')}'`);
    const page = await results(job.id);
    expect(page.text).toBe('"Id","Email"\n');
    expect(page.headers.get('sforce-numberofrecords')).toBe('0');
    expect(page.headers.get('sforce-locator')).toBe('null');
  });

  it('refuses a locator it did not hand out, and a bad maxRecords', async () => {
    const job = await completedJob(`SELECT Id FROM Contact WHERE LastName = '${tag}'`);
    expectApiError(asApi(await results(job.id, { locator: 'bm90IGEgbG9jYXRvcg' })), 400, 'INVALID_QUERY_LOCATOR');
    expectApiError(asApi(await results(job.id, { locator: Buffer.from('25').toString('base64') })), 400, 'INVALID_QUERY_LOCATOR');
    expectApiError(asApi(await results(job.id, { maxRecords: '0' })), 400, 'INVALIDJOB');
    expectApiError(asApi(await results(job.id, { maxRecords: 'ten' })), 400, 'INVALIDJOB');
  });

  it('is a snapshot taken when the job was created', async () => {
    const job = await jobFor(`SELECT Id, FirstName FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`);
    expect((await call(session, 'PATCH', `/sobjects/Contact/${ids[0]}`, { FirstName: 'n00-changed' })).status).toBe(204);
    await createRecord(session, 'Contact', { LastName: tag, FirstName: 'late' });
    await call(session, 'GET', `/jobs/query/${job.id}`);
    await call(session, 'GET', `/jobs/query/${job.id}`);
    const rows = records(await results(job.id));
    expect(rows).toHaveLength(25);
    expect(rows[0]!.FirstName).toBe('n00');
  });

  it('splits a page at 10 MB even without maxRecords', async () => {
    const big = uniqueTag('big');
    const description = 'x'.repeat(32_000);
    await createRecords(session, 'Contact', Array.from({ length: 400 }, () => ({ LastName: big, Description: description })));
    const job = await completedJob(`SELECT Id, Description FROM Contact WHERE LastName = '${big}'`);
    const pages = await allPages(job.id);
    expect(pages.length).toBe(2);
    for (const page of pages) expect(Buffer.byteLength(page.text)).toBeLessThan(10 * 1024 * 1024 + 40_000);
    const counts = pages.map((p) => Number(p.headers.get('sforce-numberofrecords')));
    expect(counts[0]).toBeGreaterThan(300);
    expect(counts[0]! + counts[1]!).toBe(400);
  });
});

describe('CSV', () => {
  it('quotes every value, doubles quotes, keeps commas and line breaks inside values, writes nulls as ""', async () => {
    const tag = uniqueTag('csv');
    const description = 'He said "hi", then left.\nSecond line, with a comma';
    const id = await createRecord(session, 'Contact', { LastName: tag, Description: description });
    const job = await completedJob(`SELECT Id, FirstName, Description, LastName FROM Contact WHERE LastName = '${tag}'`);
    const page = await results(job.id);
    expect(page.text).toBe(
      `"Id","FirstName","Description","LastName"\n"${id}","","He said ""hi"", then left.\nSecond line, with a comma","${tag}"\n`,
    );
    expect(records(page)).toEqual([{ Id: id, FirstName: '', Description: description, LastName: tag }]);
  });

  it('writes booleans, numbers and datetimes as the REST API stores them', async () => {
    const tag = uniqueTag('typ');
    const accountId = await createRecord(session, 'Account', { Name: tag });
    await createRecord(session, 'Invoice__c', { Name: tag, Account__c: accountId, Amount__c: 1234.5, Due_Date__c: '2026-03-01' });
    const job = await completedJob(`SELECT Amount__c, Total_With_Tax__c, Due_Date__c, IsDeleted, CreatedDate FROM Invoice__c WHERE Name = '${tag}'`);
    const [row] = records(await results(job.id));
    expect(row).toMatchObject({ Amount__c: '1234.5', Total_With_Tax__c: '1481.4', Due_Date__c: '2026-03-01', IsDeleted: 'false' });
    expect(row!.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('names relationship columns as the SELECT does and leaves them empty without a parent', async () => {
    const tag = uniqueTag('rel');
    const accountId = await createRecord(session, 'Account', { Name: `${tag} Inc` });
    const withParent = await createRecord(session, 'Contact', { LastName: tag, FirstName: 'a', AccountId: accountId });
    const orphan = await createRecord(session, 'Contact', { LastName: tag, FirstName: 'b' });
    const job = await completedJob(`SELECT Id, account.name, Account.Owner.Email FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`);
    const page = await results(job.id);
    expect(page.text.split('\n')[0]).toBe('"Id","Account.Name","Account.Owner.Email"');
    expect(records(page)).toEqual([
      { Id: withParent, 'Account.Name': `${tag} Inc`, 'Account.Owner.Email': 'demo@pgforce.dev' },
      { Id: orphan, 'Account.Name': '', 'Account.Owner.Email': '' },
    ]);
  });

  it('honours the column delimiter and the line ending', async () => {
    const tag = uniqueTag('dlm');
    await createRecords(session, 'Contact', [{ LastName: tag, FirstName: 'tab\there' }, { LastName: tag, FirstName: 'plain' }]);
    const job = await completedJob(`SELECT FirstName, LastName FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`, {
      columnDelimiter: 'TAB', lineEnding: 'CRLF',
    });
    expect(job).toMatchObject({ columnDelimiter: 'TAB', lineEnding: 'CRLF' });
    const page = await results(job.id);
    expect(page.text).toBe(`"FirstName"\t"LastName"\r\n"plain"\t"${tag}"\r\n"tab\there"\t"${tag}"\r\n`);
    for (const [delimiter, char] of [['SEMICOLON', ';'], ['PIPE', '|'], ['CARET', '^'], ['BACKQUOTE', '`'], ['COMMA', ',']] as const) {
      const other = await completedJob(`SELECT FirstName, LastName FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`, { columnDelimiter: delimiter });
      expect((await results(other.id)).text.split('\n')[0]).toBe(`"FirstName"${char}"LastName"`);
    }
  });
});

describe('queryAll', () => {
  it('includes deleted records; query does not', async () => {
    const tag = uniqueTag('del');
    const [kept, gone] = await createRecords(session, 'Contact', [{ LastName: tag, FirstName: 'kept' }, { LastName: tag, FirstName: 'gone' }]);
    expect((await call(session, 'DELETE', `/sobjects/Contact/${gone}`)).status).toBe(204);
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`;
    const live = await completedJob(soql);
    expect(records(await results(live.id))).toEqual([{ Id: kept, IsDeleted: 'false' }]);
    const all = await completedJob(soql, { operation: 'queryAll' });
    expect(all.operation).toBe('queryAll');
    expect(records(await results(all.id))).toEqual([{ Id: gone, IsDeleted: 'true' }, { Id: kept, IsDeleted: 'false' }]);
  });
});

describe('bad job definitions', () => {
  it('answer bad SOQL with 400 INVALIDJOB and the SOQL error text', async () => {
    const unknownField = expectApiError(await createJob({ operation: 'query', query: 'SELECT Id, Nope__c FROM Contact' }), 400, 'INVALIDJOB');
    expect(unknownField.message).toContain("No such column 'Nope__c'");
    const unknownObject = expectApiError(await createJob({ operation: 'query', query: 'SELECT Id FROM Nope__c' }), 400, 'INVALIDJOB');
    expect(unknownObject.message).toContain("sObject type 'Nope__c' is not supported");
    expectApiError(await createJob({ operation: 'query', query: 'SELECT FROM Contact' }), 400, 'INVALIDJOB');
  });

  it('refuse what Bulk API 2.0 does not support: COUNT(), OFFSET, child subqueries', async () => {
    for (const query of [
      'SELECT COUNT() FROM Contact',
      'SELECT Id FROM Contact LIMIT 10 OFFSET 5',
      'SELECT Id, (SELECT Id FROM Contacts) FROM Account',
    ]) {
      expectApiError(await createJob({ operation: 'query', query }), 400, 'INVALIDJOB');
    }
  });

  it('refuse unknown operations, content types, delimiters, line endings, a missing query and unknown keys', async () => {
    const query = 'SELECT Id FROM Contact';
    for (const body of [
      { operation: 'insert', query },
      { query },
      { operation: 'query', query, contentType: 'JSON' },
      { operation: 'query', query, columnDelimiter: 'COLON' },
      { operation: 'query', query, lineEnding: 'CR' },
      { operation: 'query' },
      { operation: 'query', query: '   ' },
      { operation: 'query', query, object: 'Contact' },
    ]) {
      const error = expectApiError(await createJob(body), 400, 'INVALIDJOB');
      expect(error.message.length).toBeGreaterThan(0);
    }
    expectApiError(await call(session, 'POST', '/jobs/query', [query]), 400, 'JSON_PARSER_ERROR');
  });
});

describe('job management', () => {
  it('lists jobs', async () => {
    const job = await jobFor('SELECT Id FROM Lead');
    const res = await call<{ done: boolean; records: JobInfo[]; nextRecordsUrl: string | null }>(session, 'GET', '/jobs/query');
    expect(res.status).toBe(200);
    expect(res.body.done).toBe(true);
    expect(res.body.nextRecordsUrl).toBeNull();
    expect(res.body.records.find((r) => r.id === job.id)).toMatchObject({ object: 'Lead', state: 'UploadComplete', jobType: 'V2Query' });
  });

  it('aborts a job: state Aborted, no results, no second abort', async () => {
    const job = await jobFor('SELECT Id FROM Account');
    expectApiError(await call(session, 'PATCH', `/jobs/query/${job.id}`, { state: 'JobComplete' }), 400, 'INVALIDJOB');
    const aborted = await call<JobInfo>(session, 'PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    expect(aborted.body).toMatchObject({ id: job.id, state: 'Aborted' });
    expect((await call<JobInfo>(session, 'GET', `/jobs/query/${job.id}`)).body.state).toBe('Aborted');
    expectApiError(asApi(await results(job.id)), 400, 'INVALIDJOB');
    expectApiError(await call(session, 'PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' }), 400, 'INVALIDJOB');
  });

  it('deletes a job with 204; it is gone afterwards', async () => {
    const job = await completedJob('SELECT Id FROM Account');
    const res = await call(session, 'DELETE', `/jobs/query/${job.id}`);
    expect(res.status).toBe(204);
    expectApiError(await call(session, 'GET', `/jobs/query/${job.id}`), 404, 'NOT_FOUND');
    const list = await call<{ records: JobInfo[] }>(session, 'GET', '/jobs/query');
    expect(list.body.records.some((r) => r.id === job.id)).toBe(false);
  });

  it('refuses to delete a job in progress', async () => {
    const job = await jobFor('SELECT Id FROM Account');
    await call(session, 'GET', `/jobs/query/${job.id}`);
    expectApiError(await call(session, 'DELETE', `/jobs/query/${job.id}`), 400, 'INVALIDJOB');
  });

  it('answers an unknown job with 404 NOT_FOUND', async () => {
    const unknown = '750Hs0000zZyYxXAAA';
    expectApiError(await call(session, 'GET', `/jobs/query/${unknown}`), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'GET', '/jobs/query/not-an-id'), 404, 'NOT_FOUND');
    expectApiError(asApi(await results(unknown)), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'PATCH', `/jobs/query/${unknown}`, { state: 'Aborted' }), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'DELETE', `/jobs/query/${unknown}`), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'GET', '/jobs/other'), 404, 'NOT_FOUND');
    // Bulk API 2.0 query jobs exist from API version 47.0 on.
    expectApiError(await call(session, 'GET', '/services/data/v46.0/jobs/query'), 404, 'NOT_FOUND');
    expect((await call(session, 'GET', '/services/data/v47.0/jobs/query')).status).toBe(200);
  });

  it('answers a method the resource does not take with 405', async () => {
    expectApiError(await call(session, 'PUT', '/jobs/query', {}), 405, 'METHOD_NOT_ALLOWED');
    const job = await jobFor('SELECT Id FROM Account');
    expectApiError(await call(session, 'POST', `/jobs/query/${job.id}/results`, {}), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('like every REST call', () => {
  it('needs a token', async () => {
    const res = await fetch(`${session.instanceUrl}${session.dataPath}/jobs/query`);
    expect(res.status).toBe(401);
  });

  it('counts one API request per call, results pages included', async () => {
    const before = emulator.current.apiUsage();
    const job = await jobFor('SELECT Id FROM Account');
    await call(session, 'GET', `/jobs/query/${job.id}`);
    await call(session, 'GET', `/jobs/query/${job.id}`);
    await results(job.id, { maxRecords: '10' });
    await results(job.id, { maxRecords: '10', locator: Buffer.from('10').toString('base64') });
    await call(session, 'DELETE', `/jobs/query/${job.id}`);
    const after = emulator.current.apiUsage();
    expect(after.used - before.used).toBe(6);
  });
});
