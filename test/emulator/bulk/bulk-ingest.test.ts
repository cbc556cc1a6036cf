// Bulk API 2.0 ingest jobs: create, upload the CSV once, close, poll while the emulator
// processes the rows later and one by one (through the same validation as REST writes), the
// result files, abort and delete; Salesforce's errors for bad definitions, bad data and calls
// in the wrong state.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ContractSession } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call, type SfResponse } from '../../support/salesforce-http.js';
import {
  DATETIME_SHAPE,
  absentId,
  count,
  createRecord,
  createRecords,
  expectApiError,
  expectSalesforceId,
  getRecord,
  query,
  sleep,
  uniqueTag,
} from '../contract/sf-helpers.js';
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
  externalIdFieldName?: string;
  concurrencyMode: string;
  contentType: string;
  apiVersion: number;
  contentUrl?: string;
  jobType?: string;
  lineEnding?: string;
  columnDelimiter?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  retries?: number;
  totalProcessingTime?: number;
  errorMessage?: string;
}

const FINAL = ['JobComplete', 'Failed', 'Aborted'];

let session: ContractSession;

beforeAll(async () => {
  session = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
});

afterEach(() => {
  emulator.current.setFaults({ bulkIngestChunkDelayMs: 0, lockRowRate: 0 });
});

function createJob(body: unknown, path = '/jobs/ingest'): Promise<SfResponse<JobInfo>> {
  return call<JobInfo>(session, 'POST', path, body);
}

async function openJob(object: string, operation: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
  const res = await createJob({ object, operation, ...options });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

function upload(jobId: string, csv: string, contentType = 'text/csv'): Promise<SfResponse> {
  return call(session, 'PUT', `/jobs/ingest/${jobId}/batches`, csv, { 'content-type': contentType });
}

function getJob(jobId: string): Promise<SfResponse<JobInfo>> {
  return call<JobInfo>(session, 'GET', `/jobs/ingest/${jobId}`);
}

async function close(jobId: string): Promise<JobInfo> {
  const res = await call<JobInfo>(session, 'PATCH', `/jobs/ingest/${jobId}`, { state: 'UploadComplete' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls, as a client must, until the job is JobComplete, Failed or Aborted. */
async function finished(jobId: string): Promise<JobInfo> {
  for (let i = 0; i < 1000; i++) {
    const res = await getJob(jobId);
    expect(res.status).toBe(200);
    if (FINAL.includes(res.body.state)) return res.body;
    await sleep(5);
  }
  throw new Error(`job ${jobId} never finished`);
}

/** Create, upload, close and wait: the job info at the end. */
async function runJob(object: string, operation: string, csv: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
  const job = await openJob(object, operation, options);
  const res = await upload(job.id, csv);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await close(job.id);
  return finished(job.id);
}

async function resultFile(jobId: string, file: string): Promise<SfResponse<string>> {
  const res = await fetch(`${session.instanceUrl}${session.dataPath}/jobs/ingest/${jobId}/${file}`, {
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  const text = await res.text();
  let body: unknown = text;
  if (!res.ok) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as string };
}

async function resultText(jobId: string, file: string): Promise<string> {
  const res = await resultFile(jobId, file);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  return res.body;
}

/** A result file as objects keyed by its header. */
async function resultRows(jobId: string, file: string): Promise<Array<Record<string, string>>> {
  const [header, ...rows] = parseCsv(await resultText(jobId, file));
  return rows.map((r) => Object.fromEntries(header!.map((name, k) => [name, r[k]!])));
}

function contactRows(tag: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `${tag},n${i}`).join('\n');
}

describe('a new ingest job', () => {
  it('is Open, with Salesforce job info and the URL to upload its data to', async () => {
    const res = await createJob({ object: 'contact', operation: 'insert' });
    expect(res.status).toBe(200);
    const job = res.body;
    expectSalesforceId(job.id, '750');
    expect(job).toEqual({
      id: job.id, operation: 'insert', object: 'Contact', createdById: session.userId, createdDate: job.createdDate,
      systemModstamp: job.createdDate, state: 'Open', concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 62,
      contentUrl: `services/data/v62.0/jobs/ingest/${job.id}/batches`, lineEnding: 'LF', columnDelimiter: 'COMMA',
    });
    expect(job.createdDate).toMatch(DATETIME_SHAPE);
    const info = await getJob(job.id.slice(0, 15));
    expect(info.body).toMatchObject({
      id: job.id, state: 'Open', jobType: 'V2Ingest', contentUrl: job.contentUrl, numberRecordsProcessed: 0, numberRecordsFailed: 0, retries: 0,
    });
  });

  it('takes the delimiter, the line ending and, for upsert, the external id field', async () => {
    const job = await openJob('Contact', 'upsert', { externalIdFieldName: 'external_id__c', columnDelimiter: 'PIPE', lineEnding: 'CRLF', contentType: 'CSV' });
    expect(job).toMatchObject({ operation: 'upsert', externalIdFieldName: 'External_Id__c', columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
  });

  it('is listed with the other ingest jobs, not with query jobs', async () => {
    const job = await openJob('Account', 'insert');
    const list = await call<{ done: boolean; records: JobInfo[]; nextRecordsUrl: null }>(session, 'GET', '/jobs/ingest');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ done: true, nextRecordsUrl: null });
    expect(list.body.records.find((r) => r.id === job.id)).toMatchObject({ object: 'Account', state: 'Open', jobType: 'V2Ingest' });
    const queries = await call<{ records: JobInfo[] }>(session, 'GET', '/jobs/query');
    expect(queries.body.records.some((r) => r.id === job.id)).toBe(false);
  });
});

describe('processing', () => {
  it('starts only after UploadComplete, later than the request that closed the job', async () => {
    const tag = uniqueTag('late');
    const job = await openJob('Contact', 'insert');
    expect((await upload(job.id, `LastName,FirstName\n${contactRows(tag, 2)}\n`)).status).toBe(201);
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
    const closed = await close(job.id);
    expect(closed).toEqual({
      id: job.id, operation: 'insert', object: 'Contact', createdById: session.userId, createdDate: job.createdDate,
      systemModstamp: closed.systemModstamp, state: 'UploadComplete', concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: 62,
    });
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 0 });
    expect(done.contentUrl).toBeUndefined();
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(2);
  });

  it('is InProgress while chunks of 200 rows are saved, counting them', async () => {
    emulator.current.setFaults({ bulkIngestChunkDelayMs: 60 });
    const tag = uniqueTag('chunk');
    const job = await openJob('Contact', 'insert');
    await upload(job.id, `LastName,FirstName\n${contactRows(tag, 450)}\n`);
    await close(job.id);
    const seen: Array<[string, number]> = [];
    for (;;) {
      const info = (await getJob(job.id)).body;
      seen.push([info.state, info.numberRecordsProcessed!]);
      if (FINAL.includes(info.state)) break;
      await sleep(5);
    }
    expect(seen.at(-1)).toEqual(['JobComplete', 450]);
    const counts = new Set(seen.filter(([state]) => state === 'InProgress').map(([, n]) => n));
    expect([...counts].some((n) => n === 200 || n === 400)).toBe(true);
  });

  it('is slowed down only by a valid bulkIngestChunkDelayMs fault', () => {
    expect(() => emulator.current.setFaults({ bulkIngestChunkDelayMs: -1 })).toThrow(/bulkIngestChunkDelayMs/);
    expect(emulator.current.faults.bulkIngestChunkDelayMs).toBe(0);
  });

  it('saves each row on its own: failed rows are reported, the others are committed', async () => {
    const tag = uniqueTag('part');
    const csv = ['LastName,FirstName,Email', `${tag},ok1,ok1@example.com`, `${tag},bad,foo`, `,nolast,${tag}@example.com`, `${tag},ok2,`].join('\n');
    const job = await runJob('Contact', 'insert', csv);
    expect(job).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 4, numberRecordsFailed: 2 });
    expect(await resultText(job.id, 'failedResults')).toBe(
      '"sf__Id","sf__Error",LastName,FirstName,Email\n' +
        `"","INVALID_EMAIL_ADDRESS:Email: invalid email address: foo:Email --","${tag}","bad","foo"\n` +
        `"","REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --","","nolast","${tag}@example.com"\n`,
    );
    const ok = await resultRows(job.id, 'successfulResults');
    expect(ok.map((r) => [r.sf__Created, r.LastName, r.FirstName, r.Email])).toEqual([
      ['true', tag, 'ok1', 'ok1@example.com'],
      ['true', tag, 'ok2', ''],
    ]);
    const saved = await query(session, `SELECT Id, FirstName, Email FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`);
    expect(saved.records.map((r) => [r.Id, r.FirstName, r.Email])).toEqual([
      [ok[0]!.sf__Id, 'ok1', 'ok1@example.com'],
      [ok[1]!.sf__Id, 'ok2', null],
    ]);
    expect(await resultText(job.id, 'unprocessedrecords')).toBe('LastName,FirstName,Email\n');
  });

  it('applies defaults, formulas and validation rules as a REST write does; #N/A is null, empty is unset', async () => {
    const tag = uniqueTag('inv');
    const accountId = await createRecord(session, 'Account', { Name: tag });
    const csv = [
      'Name,Account__c,Amount__c,Status__c,Due_Date__c',
      `${tag} a,${accountId},100,,2026-03-01`,
      `${tag} b,${accountId},10,#N/A,`,
      `${tag} c,${accountId},-5,Sent,`,
      `${tag} d,${accountId},7,Unknown,`,
      `${tag} e,${absentId('001')},7,,`,
    ].join('\n');
    const job = await runJob('Invoice__c', 'insert', csv);
    expect(job).toMatchObject({ numberRecordsProcessed: 5, numberRecordsFailed: 3 });
    const errors = (await resultRows(job.id, 'failedResults')).map((r) => [r.Name, r.sf__Error]);
    expect(errors).toEqual([
      [`${tag} c`, 'FIELD_CUSTOM_VALIDATION_EXCEPTION:Amount must not be negative:Amount__c --'],
      [`${tag} d`, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Status: bad value for restricted picklist field: Unknown:Status__c --'],
      [`${tag} e`, 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:Account__c --'],
    ]);
    const saved = await query(session, `SELECT Name, Status__c, Total_With_Tax__c, Due_Date__c, OwnerId, CreatedDate FROM Invoice__c WHERE Account__c = '${accountId}' ORDER BY Name`);
    expect(saved.records.map((r) => [r.Name, r.Status__c, r.Total_With_Tax__c, r.Due_Date__c, r.OwnerId])).toEqual([
      [`${tag} a`, 'Draft', 120, '2026-03-01', session.userId],
      [`${tag} b`, null, 12, null, session.userId],
    ]);
    expect(saved.records[0]!.CreatedDate).toMatch(DATETIME_SHAPE);
  });

  it('updates by Id: #N/A clears a field, an empty value leaves it, SystemModstamp moves', async () => {
    const tag = uniqueTag('upd');
    const [id] = await createRecords(session, 'Contact', [{ LastName: tag, Email: `${tag}@example.com`, Description: 'keep me', Title: 'old' }]);
    const before = await getRecord(session, 'Contact', id!);
    const missing = absentId('003');
    const csv = ['Id,Title,Email,Description', `${id},new,#N/A,`, `${missing},x,,`, ',y,,'].join('\n');
    const job = await runJob('Contact', 'update', csv);
    expect(job).toMatchObject({ numberRecordsProcessed: 3, numberRecordsFailed: 2 });
    expect((await resultRows(job.id, 'successfulResults')).map((r) => [r.sf__Id, r.sf__Created, r.Id])).toEqual([[id, 'false', id]]);
    expect((await resultRows(job.id, 'failedResults')).map((r) => [r.sf__Id, r.sf__Error])).toEqual([
      [missing, 'INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--'],
      ['', 'MISSING_ARGUMENT:Id not specified in an update call:--'],
    ]);
    const after = await getRecord(session, 'Contact', id!);
    expect(after).toMatchObject({ Title: 'new', Email: null, Description: 'keep me', LastModifiedById: session.userId });
    expect(String(after.SystemModstamp) > String(before.SystemModstamp)).toBe(true);
  });

  it('upserts by external id: updates the match, creates the others; a key given twice fails both rows', async () => {
    const tag = uniqueTag('ups');
    const existing = await createRecord(session, 'Contact', { LastName: 'before', External_Id__c: `${tag}-1` });
    const csv = ['External_Id__c,LastName', `${tag}-1,after`, `${tag}-2,new`, `${tag}-3,A`, `${tag}-3,B`, ',nokey'].join('\n');
    const job = await runJob('Contact', 'upsert', csv, { externalIdFieldName: 'External_Id__c' });
    expect(job).toMatchObject({ state: 'JobComplete', externalIdFieldName: 'External_Id__c', numberRecordsProcessed: 5, numberRecordsFailed: 3 });
    const ok = await resultRows(job.id, 'successfulResults');
    expect(ok.map((r) => [r.External_Id__c, r.sf__Created])).toEqual([[`${tag}-1`, 'false'], [`${tag}-2`, 'true']]);
    expect(ok[0]!.sf__Id).toBe(existing);
    expect((await getRecord(session, 'Contact', existing)).LastName).toBe('after');
    expect((await getRecord(session, 'Contact', ok[1]!.sf__Id!)).External_Id__c).toBe(`${tag}-2`);
    expect((await resultRows(job.id, 'failedResults')).map((r) => [r.LastName, r.sf__Error])).toEqual([
      ['A', `DUPLICATE_EXTERNAL_ID:Duplicate external id specified: ${tag}-3:External_Id__c --`],
      ['B', `DUPLICATE_EXTERNAL_ID:Duplicate external id specified: ${tag}-3:External_Id__c --`],
      ['nokey', 'MISSING_ARGUMENT:External_Id__c not specified:--'],
    ]);
  });

  it('deletes by Id, to the recycle bin; deleted and foreign ids fail', async () => {
    const tag = uniqueTag('del');
    const [keep, gone, twice] = await createRecords(session, 'Contact', [{ LastName: tag }, { LastName: tag }, { LastName: tag }]);
    expect((await call(session, 'DELETE', `/sobjects/Contact/${twice}`)).status).toBe(204);
    const accountId = await createRecord(session, 'Account', { Name: tag });
    const job = await runJob('Contact', 'delete', `Id\n${gone}\n${twice}\n${accountId}\n`);
    expect(job).toMatchObject({ numberRecordsProcessed: 3, numberRecordsFailed: 2 });
    expect((await resultRows(job.id, 'successfulResults')).map((r) => [r.sf__Id, r.sf__Created])).toEqual([[gone, 'false']]);
    expect((await resultRows(job.id, 'failedResults')).map((r) => [r.sf__Id, r.sf__Error])).toEqual([
      [twice, 'ENTITY_IS_DELETED:entity is deleted:--'],
      ['', `MALFORMED_ID:Contact ID: id value of incorrect type: ${accountId}:Id --`],
    ]);
    const all = await query(session, `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}' ORDER BY Id`, true);
    expect(Object.fromEntries(all.records.map((r) => [r.Id, r.IsDeleted]))).toEqual({ [keep!]: false, [gone!]: true, [twice!]: true });
  });

  it('goes through the write faults: UNABLE_TO_LOCK_ROW per row', async () => {
    emulator.current.setFaults({ lockRowRate: 1 });
    const tag = uniqueTag('lock');
    const job = await runJob('Contact', 'insert', `LastName\n${tag}\n${tag}\n`);
    expect(job).toMatchObject({ numberRecordsProcessed: 2, numberRecordsFailed: 2 });
    for (const row of await resultRows(job.id, 'failedResults')) expect(row.sf__Error).toMatch(/^UNABLE_TO_LOCK_ROW:unable to obtain exclusive access/);
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });
});

describe('CSV', () => {
  it('reads quoted values with delimiters, quotes and line breaks inside', async () => {
    const tag = uniqueTag('q');
    const description = 'He said "hi", then left.\nSecond line';
    const job = await runJob('Contact', 'insert', `"LastName","Description"\n"${tag}","He said ""hi"", then left.\nSecond line"\n`);
    expect(job.numberRecordsFailed).toBe(0);
    const [row] = await resultRows(job.id, 'successfulResults');
    expect(row).toMatchObject({ LastName: tag, Description: description });
    expect((await getRecord(session, 'Contact', row!.sf__Id!)).Description).toBe(description);
  });

  it('honours the column delimiter and the line ending, in the results too', async () => {
    const tag = uniqueTag('tab');
    const job = await runJob('Contact', 'insert', `LastName\tTitle\r\n${tag}\ta;b\r\n`, { columnDelimiter: 'TAB', lineEnding: 'CRLF' });
    expect(job.numberRecordsFailed).toBe(0);
    const text = await resultText(job.id, 'successfulResults');
    const id = parseCsv(text, '\t', '\r\n')[1]![0]!;
    expectSalesforceId(id, '003');
    expect(text).toBe(`"sf__Id"\t"sf__Created"\tLastName\tTitle\r\n"${id}"\t"true"\t"${tag}"\t"a;b"\r\n`);
  });

  it('has no sf__Id column in failedResults before API version 53.0', async () => {
    const res = await createJob({ object: 'Contact', operation: 'insert' }, '/services/data/v52.0/jobs/ingest');
    expect(res.status).toBe(200);
    await upload(res.body.id, 'FirstName\nx\n');
    await close(res.body.id);
    await finished(res.body.id);
    expect(await resultText(res.body.id, 'failedResults')).toBe(
      '"sf__Error",FirstName\n"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --","x"\n',
    );
  });
});

describe('a job whose data cannot be read', () => {
  async function failedJob(csv: string, options: Record<string, unknown> = {}): Promise<JobInfo> {
    const job = await runJob('Contact', 'insert', csv, options);
    expect(job).toMatchObject({ state: 'Failed', numberRecordsProcessed: 0, numberRecordsFailed: 0 });
    expect(await resultText(job.id, 'unprocessedrecords')).toBe(csv);
    return job;
  }

  it('Fails before saving anything when a column names no field', async () => {
    const tag = uniqueTag('nof');
    const job = await failedJob(`LastName,Nope__c\n${tag},x\n`);
    expect(job.errorMessage).toBe('InvalidBatch : Field name not found : Nope__c');
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
    expect(await resultText(job.id, 'successfulResults')).toBe('"sf__Id","sf__Created"\n');
  });

  it('Fails on line endings other than the job says', async () => {
    expect((await failedJob('LastName\r\nx\r\n')).errorMessage).toBe('ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF');
    expect((await failedJob('LastName\nx\n', { lineEnding: 'CRLF' })).errorMessage).toBe(
      'ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF',
    );
  });

  it('Fails on a quote inside an unquoted value, and on rows of the wrong width', async () => {
    expect((await failedJob('LastName\nsay "hi"\n')).errorMessage).toBe(
      'InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote',
    );
    expect((await failedJob('LastName,FirstName\na,b,c\n')).errorMessage).toMatch(/^InvalidBatch : Failed to parse CSV/);
  });

  it('completes with nothing to do when no data was uploaded', async () => {
    const job = await openJob('Contact', 'insert');
    await close(job.id);
    expect(await finished(job.id)).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 0 });
    expect(await resultText(job.id, 'successfulResults')).toBe('"sf__Id","sf__Created"\n');
  });
});

describe('bad job definitions', () => {
  it('answer an unknown or missing object with 400 INVALIDJOB', async () => {
    expect(expectApiError(await createJob({ object: 'Nope__c', operation: 'insert' }), 400, 'INVALIDJOB').message).toBe(
      'InvalidJob : Unable to find object: Nope__c',
    );
    expect(expectApiError(await createJob({ operation: 'insert' }), 400, 'INVALIDJOB').message).toBe('InvalidJob : Unable to find object: ');
  });

  it('answer an operation, content type, delimiter or line ending Salesforce does not have with 400 API_ERROR', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ operation: 'merge' }, "Invalid value: 'merge' supplied for property: 'operation'"],
      [{ operation: 'query' }, "Invalid value: 'query' supplied for property: 'operation'"],
      [{ operation: '' }, "Invalid value: '' supplied for property: 'operation'"],
      [{ operation: 'insert', contentType: 'JSON' }, "Invalid value: 'JSON' supplied for property: 'contentType'"],
      [{ operation: 'insert', columnDelimiter: 'COLON' }, "Invalid value: 'COLON' supplied for property: 'columnDelimiter'"],
      [{ operation: 'insert', lineEnding: 'CR' }, "Invalid value: 'CR' supplied for property: 'lineEnding'"],
    ];
    for (const [body, message] of cases) {
      expect(expectApiError(await createJob({ object: 'Contact', ...body }), 400, 'API_ERROR').message).toBe(message);
    }
  });

  it('answer an upsert without a usable external id field with 400 INVALIDJOB', async () => {
    expect(expectApiError(await createJob({ object: 'Contact', operation: 'upsert' }), 400, 'INVALIDJOB').message).toBe(
      'InvalidJob : External ID was blank for Contact. An External ID must be specified for upsert.',
    );
    expect(expectApiError(await createJob({ object: 'Contact', operation: 'upsert', externalIdFieldName: 'Title' }), 400, 'INVALIDJOB').message).toBe(
      'InvalidJob : Field name provided, Title does not match an External ID for Contact',
    );
    expect((await createJob({ object: 'Contact', operation: 'upsert', externalIdFieldName: 'Id' })).status).toBe(200);
  });

  it('refuse hardDelete: the user lacks the permission', async () => {
    const error = expectApiError(await createJob({ object: 'Contact', operation: 'hardDelete' }), 400, 'FEATURENOTENABLED');
    expect(error.message).toBe('hardDelete operation requires special user profile permission, please contact your system administrator');
  });

  it('refuse unknown keys and bodies that are not an object', async () => {
    expectApiError(await createJob({ object: 'Contact', operation: 'insert', query: 'SELECT Id FROM Contact' }), 400, 'INVALIDJOB');
    expectApiError(await createJob(['Contact']), 400, 'JSON_PARSER_ERROR');
  });

  it('exist from API version 41.0 on', async () => {
    expectApiError(await call(session, 'GET', '/services/data/v40.0/jobs/ingest'), 404, 'NOT_FOUND');
    expect((await call(session, 'GET', '/services/data/v41.0/jobs/ingest')).status).toBe(200);
  });
});

describe('the job state machine', () => {
  it('takes one upload, only while Open, only as text/csv', async () => {
    const job = await openJob('Contact', 'insert');
    expectApiError(await upload(job.id, '{"LastName":"x"}', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await upload(job.id, 'LastName\nx\n')).toMatchObject({ status: 201, body: null });
    const again = expectApiError(await upload(job.id, 'LastName\ny\n'), 400, 'BULK_API_ERROR');
    expect(again.message).toBe(
      `Found multipe contents for job: <${job.id.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
    );
    await close(job.id);
    expectApiError(await upload(job.id, 'LastName\nz\n'), 400, 'INVALIDJOB');
  });

  it('closes once; results only once the job is done', async () => {
    const job = await openJob('Contact', 'insert');
    for (const file of ['successfulResults', 'failedResults', 'unprocessedrecords']) {
      expectApiError(await resultFile(job.id, file), 400, 'INVALIDJOB');
    }
    expectApiError(await call(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'JobComplete' }), 400, 'INVALIDJOB');
    await upload(job.id, `LastName\n${uniqueTag('once')}\n`);
    await close(job.id);
    expectApiError(await call(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' }), 400, 'INVALIDJOB');
    await finished(job.id);
    expectApiError(await call(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'Aborted' }), 400, 'INVALIDJOB');
  });

  it('aborts an Open job: nothing is saved, the upload is unprocessed', async () => {
    const tag = uniqueTag('abo');
    const job = await openJob('Contact', 'insert');
    await upload(job.id, `LastName\n${tag}\n`);
    const aborted = await call<JobInfo>(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'Aborted' });
    expect(aborted.status).toBe(200);
    expect(aborted.body).toMatchObject({ id: job.id, state: 'Aborted' });
    expectApiError(await call(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'UploadComplete' }), 400, 'INVALIDJOB');
    expect(await resultText(job.id, 'unprocessedrecords')).toBe(`LastName\n${tag}\n`);
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
  });

  it('aborts a job in progress between chunks: saved rows stay, the rest are unprocessed', async () => {
    emulator.current.setFaults({ bulkIngestChunkDelayMs: 150 });
    const tag = uniqueTag('mid');
    const job = await openJob('Contact', 'insert');
    await upload(job.id, `LastName,FirstName\n${contactRows(tag, 500)}\n`);
    await close(job.id);
    let info = (await getJob(job.id)).body;
    while (info.numberRecordsProcessed === 0) {
      await sleep(5);
      info = (await getJob(job.id)).body;
    }
    expect(info.state).toBe('InProgress');
    expect((await call(session, 'PATCH', `/jobs/ingest/${job.id}`, { state: 'Aborted' })).status).toBe(200);
    await sleep(400);
    const after = (await getJob(job.id)).body;
    expect(after).toMatchObject({ state: 'Aborted', numberRecordsProcessed: 200 });
    expect(await resultRows(job.id, 'successfulResults')).toHaveLength(200);
    const unprocessed = parseCsv(await resultText(job.id, 'unprocessedrecords'));
    expect(unprocessed[0]).toEqual(['LastName', 'FirstName']);
    expect(unprocessed.slice(1).map((r) => r[1])).toEqual(Array.from({ length: 300 }, (_, i) => `n${i + 200}`));
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(200);
  });

  it('deletes a closed job before it is processed, and with it the processing', async () => {
    emulator.current.setFaults({ bulkIngestChunkDelayMs: 150 });
    const tag = uniqueTag('gone');
    const job = await openJob('Contact', 'insert');
    expectApiError(await call(session, 'DELETE', `/jobs/ingest/${job.id}`), 400, 'INVALIDJOB');
    await upload(job.id, `LastName\n${tag}\n`);
    await close(job.id);
    expect((await call(session, 'DELETE', `/jobs/ingest/${job.id}`)).status).toBe(204);
    await sleep(400);
    expect(await count(session, `SELECT Id FROM Contact WHERE LastName = '${tag}'`)).toBe(0);
    expectApiError(await getJob(job.id), 404, 'NOT_FOUND');
  });

  it('deletes a finished job with 204; it is gone afterwards', async () => {
    const job = await runJob('Contact', 'insert', `LastName\n${uniqueTag('fin')}\n`);
    expect((await call(session, 'DELETE', `/jobs/ingest/${job.id}`)).status).toBe(204);
    expectApiError(await getJob(job.id), 404, 'NOT_FOUND');
    const list = await call<{ records: JobInfo[] }>(session, 'GET', '/jobs/ingest');
    expect(list.body.records.some((r) => r.id === job.id)).toBe(false);
  });

  it('answers an unknown job with 404 NOT_FOUND, a wrong method with 405', async () => {
    const unknown = '750Hs0000zZyYxXAAA';
    expectApiError(await getJob(unknown), 404, 'NOT_FOUND');
    expectApiError(await getJob('not-an-id'), 404, 'NOT_FOUND');
    expectApiError(await upload(unknown, 'LastName\nx\n'), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'PATCH', `/jobs/ingest/${unknown}`, { state: 'Aborted' }), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'DELETE', `/jobs/ingest/${unknown}`), 404, 'NOT_FOUND');
    expectApiError(await resultFile(unknown, 'failedResults'), 404, 'NOT_FOUND');
    const job = await openJob('Contact', 'insert');
    expectApiError(await resultFile(job.id, 'results'), 404, 'NOT_FOUND');
    expectApiError(await call(session, 'POST', `/jobs/ingest/${job.id}/batches`, 'LastName\nx\n', { 'content-type': 'text/csv' }), 405, 'METHOD_NOT_ALLOWED');
    expectApiError(await call(session, 'DELETE', '/jobs/ingest'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('is the only resource that takes CSV', async () => {
    expectApiError(await call(session, 'POST', '/sobjects/Contact', 'LastName\nx\n', { 'content-type': 'text/csv' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectApiError(await call(session, 'POST', '/jobs/query', 'x', { 'content-type': 'text/csv' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('like every REST call', () => {
  it('needs a token', async () => {
    expect((await fetch(`${session.instanceUrl}${session.dataPath}/jobs/ingest`)).status).toBe(401);
  });

  it('counts one API request per call; processing the rows counts none', async () => {
    const before = emulator.current.apiUsage();
    const job = await openJob('Contact', 'insert');
    await upload(job.id, `LastName\n${uniqueTag('use')}\n${uniqueTag('use')}\n`);
    await close(job.id);
    await sleep(100);
    expect((await getJob(job.id)).body.state).toBe('JobComplete');
    await resultText(job.id, 'successfulResults');
    await call(session, 'DELETE', `/jobs/ingest/${job.id}`);
    expect(emulator.current.apiUsage().used - before.used).toBe(6);
  });
});
