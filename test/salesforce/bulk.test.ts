// Bulk API 2.0 query jobs against the emulator: thousands of rows over several result pages,
// values that need CSV quoting, other delimiters, queryAll, and the job removed afterwards
// (also when the reader stops early or the query is refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { call, login, type Session } from '../support/salesforce-http.js';
import { SalesforceClient, SalesforceError } from '../../src/salesforce/index.js';
import { collect, demoConfig, recordingSleep } from './support.js';

const emulator = useEmulator({ seed: 'generate:contacts=3000,accounts=20,leads=0,opportunities=0' });
let sf: SalesforceClient;
let polls: number[];
let admin: Session;

beforeAll(async () => {
  const sleep = recordingSleep();
  polls = sleep.waits;
  sf = new SalesforceClient(demoConfig(emulator.current.url), { sleep: sleep.sleep });
  admin = await login(emulator.current.url);
});
afterAll(() => sf.close());

async function openJobs(): Promise<unknown[]> {
  const res = await call<{ records: unknown[] }>(admin, 'GET', '/jobs/query');
  expect(res.status).toBe(200);
  return res.body.records;
}

const TRICKY = [
  { LastName: 'Quote "the" Name', Note__c: 'comma, inside', Description: 'line one\nline two\r\nline three' },
  { LastName: 'Plain', Note__c: null, Description: '""' },
  { LastName: 'Ünïcödé 日本', Note__c: 'tab\there; semi|pipe^caret`back', Description: 'ends with quote"' },
];

describe('bulkQuery', () => {
  it('streams every row of a few thousand, in pages, and deletes the job', async () => {
    const before = polls.length;
    const pages = await collect(sf.bulkQuery('SELECT Id, LastName, Email, Account.Name FROM Contact', { pageSize: 1000, pollIntervalMs: 5 }));
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 1000]);
    const rows = pages.flat();
    expect(new Set(rows.map((r) => r.Id)).size).toBe(3000);
    expect(Object.keys(rows[0]!)).toEqual(['Id', 'LastName', 'Email', 'Account.Name']);
    expect(rows.every((r) => typeof r.Id === 'string' && r.Id.length === 18)).toBe(true);
    expect(polls.length - before).toBeGreaterThan(0);
    expect(polls.slice(before).every((ms) => ms === 5)).toBe(true);
    expect(await openJobs()).toEqual([]);
  });

  it('reads back values that need quoting, line breaks and non-ASCII text; null as null', async () => {
    const tag = `bulk${Date.now()}`;
    const created = await sf.create('Contact', TRICKY.map((r) => ({ ...r, Title: tag })));
    expect(created.every((r) => r.success)).toBe(true);
    for (const delimiter of ['COMMA', 'TAB', 'SEMICOLON', 'PIPE', 'CARET', 'BACKQUOTE'] as const) {
      const rows = (await collect(sf.bulkQuery(`SELECT LastName, Note__c, Description, Email FROM Contact WHERE Title = '${tag}' ORDER BY LastName`, { columnDelimiter: delimiter, pollIntervalMs: 1 }))).flat();
      const expected = [...TRICKY]
        .sort((a, b) => (a.LastName < b.LastName ? -1 : 1))
        .map((r) => ({ LastName: r.LastName, Note__c: r.Note__c, Description: r.Description, Email: null }));
      expect(rows, delimiter).toEqual(expected);
    }
  });

  it('all: true also returns deleted records', async () => {
    const tag = `bulkdel${Date.now()}`;
    const [gone] = await sf.create('Contact', [{ LastName: tag }]);
    await sf.delete([gone!.id!]);
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}'`;
    expect((await collect(sf.bulkQuery(soql, { pollIntervalMs: 1 }))).flat()).toEqual([]);
    expect((await collect(sf.bulkQuery(soql, { all: true, pollIntervalMs: 1 }))).flat()).toEqual([{ Id: gone!.id, IsDeleted: 'true' }]);
  });

  it('a reader that stops after the first page still removes the job', async () => {
    for await (const page of sf.bulkQuery('SELECT Id FROM Contact', { pageSize: 500, pollIntervalMs: 1 })) {
      expect(page).toHaveLength(500);
      break;
    }
    expect(await openJobs()).toEqual([]);
  });

  it('a query the job refuses is a SalesforceError, and leaves no job', async () => {
    const error = await collect(sf.bulkQuery('SELECT COUNT() FROM Contact', { pollIntervalMs: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ status: 400, errorCode: 'INVALIDJOB' });
    expect(await openJobs()).toEqual([]);
  });
});
