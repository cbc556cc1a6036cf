// SOQL over /query and /queryAll, cursors, getUpdated and getDeleted (salesforce-api-notes §5).
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_PATH, isRealOrg, useContractTarget } from '../../support/contract-target.js';
import { call, type QueryResult } from '../../support/salesforce-http.js';
import { DATETIME_SHAPE, count, createRecord, createRecords, expectApiError, query, sleep, uniqueTag } from './sf-helpers.js';

const target = useContractTarget();
const track = (id: string) => target.track(id);

function q(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

const BATCH_200 = { 'Sforce-Query-Options': 'batchSize=200' };

describe('cursors', () => {
  const tag = uniqueTag('page');
  let ids: string[] = [];

  beforeAll(async () => {
    const s = await target.session();
    ids = await createRecords(s, 'Contact', Array.from({ length: 450 }, (_, i) => ({ LastName: tag, FirstName: `n${i}` })), track);
  });

  it('pages 450 rows as 200/200/50 with batchSize=200 and nextRecordsUrl', async () => {
    const s = await target.session();
    const pages: QueryResult[] = [];
    let res = await call<QueryResult>(s, 'GET', q(`SELECT Id, FirstName FROM Contact WHERE LastName = '${tag}'`), undefined, BATCH_200);
    expect(res.status).toBe(200);
    pages.push(res.body);
    while (res.body.nextRecordsUrl) {
      expect(res.body.done).toBe(false);
      expect(res.body.nextRecordsUrl).toMatch(new RegExp(`^${DATA_PATH.replace(/\./g, '\\.')}/query/[^/?]+$`));
      res = await call<QueryResult>(s, 'GET', res.body.nextRecordsUrl, undefined, BATCH_200);
      expect(res.status).toBe(200);
      pages.push(res.body);
    }
    expect(pages.map((p) => p.records.length)).toEqual([200, 200, 50]);
    expect(pages.map((p) => p.totalSize)).toEqual([450, 450, 450]);
    expect(pages.at(-1)!.done).toBe(true);
    expect(pages.at(-1)).not.toHaveProperty('nextRecordsUrl');
    const seen = pages.flatMap((p) => p.records.map((r) => r.Id as string));
    expect(new Set(seen).size).toBe(450);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it('serves a queryAll cursor at /query/<locator>', async () => {
    const s = await target.session();
    let res = await call<QueryResult>(s, 'GET', `/queryAll?q=${encodeURIComponent(`SELECT Id FROM Contact WHERE LastName = '${tag}'`)}`, undefined, BATCH_200);
    expect(res.status).toBe(200);
    const sizes = [res.body.records.length];
    while (res.body.nextRecordsUrl) {
      const locator = res.body.nextRecordsUrl.split('/').at(-1)!;
      res = await call<QueryResult>(s, 'GET', `/query/${locator}`, undefined, BATCH_200);
      expect(res.status).toBe(200);
      sizes.push(res.body.records.length);
    }
    expect(sizes).toEqual([200, 200, 50]);
  });

  it('uses 2000 as the default batch size', async () => {
    const s = await target.session();
    const res = await call<QueryResult>(s, 'GET', q(`SELECT Id FROM Contact WHERE LastName = '${tag}'`));
    expect(res.body.records).toHaveLength(450);
    expect(res.body.done).toBe(true);
  });

  it('stops at LIMIT even across pages', async () => {
    const s = await target.session();
    const res = await call<QueryResult>(s, 'GET', q(`SELECT Id FROM Contact WHERE LastName = '${tag}' LIMIT 250`), undefined, BATCH_200);
    expect(res.body.totalSize).toBe(250);
    expect(res.body.records).toHaveLength(200);
    const next = await call<QueryResult>(s, 'GET', res.body.nextRecordsUrl!);
    expect(next.body.records).toHaveLength(50);
    expect(next.body.done).toBe(true);
  });

  it('answers an unknown locator with 400 INVALID_QUERY_LOCATOR or 404', async () => {
    const res = await call(await target.session(), 'GET', '/query/01gZZZZZZZZZZZZZZZ-2000');
    expect([400, 404]).toContain(res.status);
    expect(Array.isArray(res.body)).toBe(true);
  });
});

describe('select lists', () => {
  it('returns records with attributes, canonical field names and Salesforce datetimes', async () => {
    const s = await target.session();
    const tag = uniqueTag('sel');
    const id = await createRecord(s, 'Contact', { LastName: tag, Email: 'a@caladan.io' }, track);
    const res = await query(s, `select id, lastname, EMAIL, createddate from contact where id = '${id}'`);
    expect(res).toMatchObject({ totalSize: 1, done: true });
    const [r] = res.records;
    expect(r).toEqual({
      attributes: { type: 'Contact', url: `${DATA_PATH}/sobjects/Contact/${id}` },
      Id: id,
      LastName: tag,
      Email: 'a@caladan.io',
      CreatedDate: expect.stringMatching(DATETIME_SHAPE),
    });
  });

  it('nests parent fields as an object with attributes, null without a parent', async () => {
    const s = await target.session();
    const tag = uniqueTag('par');
    const accountId = await createRecord(s, 'Account', { Name: `${tag} Inc` }, track);
    const withParent = await createRecord(s, 'Contact', { LastName: tag, FirstName: 'with', AccountId: accountId }, track);
    await createRecord(s, 'Contact', { LastName: tag, FirstName: 'without' }, track);
    const res = await query(s, `SELECT Id, FirstName, Account.Name, Account.Id FROM Contact WHERE LastName = '${tag}' ORDER BY FirstName`);
    expect(res.totalSize).toBe(2);
    const [a, b] = res.records;
    expect(a!.FirstName).toBe('with');
    expect(a!.Id).toBe(withParent);
    expect(a!.Account).toEqual({ attributes: { type: 'Account', url: `${DATA_PATH}/sobjects/Account/${accountId}` }, Name: `${tag} Inc`, Id: accountId });
    expect(b!.FirstName).toBe('without');
    expect(b!.Account).toBeNull();
  });

  it('filters on a parent field', async () => {
    const s = await target.session();
    const tag = uniqueTag('pw');
    const accountId = await createRecord(s, 'Account', { Name: `${tag} Parent` }, track);
    await createRecords(s, 'Contact', [{ LastName: tag, AccountId: accountId }, { LastName: tag }], track);
    expect(await count(s, `SELECT Id FROM Contact WHERE LastName = '${tag}' AND Account.Name = '${tag} Parent'`)).toBe(1);
  });

  it('matches 15-character ids in WHERE and answers with 18-character ones', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('q15') }, track);
    const res = await query(s, `SELECT Id FROM Contact WHERE Id IN ('${id.slice(0, 15)}')`);
    expect(res.records.map((r) => r.Id)).toEqual([id]);
  });

  it('reads escaped quotes in string literals', async () => {
    const s = await target.session();
    const tag = uniqueTag('esc');
    const id = await createRecord(s, 'Contact', { LastName: `O'Brien ${tag}` }, track);
    const res = await query(s, `SELECT Id, LastName FROM Contact WHERE LastName = 'O\\'Brien ${tag}'`);
    expect(res.records.map((r) => [r.Id, r.LastName])).toEqual([[id, `O'Brien ${tag}`]]);
  });

  it('counts with COUNT(): records empty and totalSize the count', async () => {
    const s = await target.session();
    const tag = uniqueTag('cnt');
    await createRecords(s, 'Contact', [1, 2, 3].map(() => ({ LastName: tag })), track);
    const res = await query(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}'`);
    expect(res).toEqual({ totalSize: 3, done: true, records: [] });
  });

  it('answers an empty result with totalSize 0 and no records', async () => {
    const res = await query(await target.session(), `SELECT Id FROM Contact WHERE LastName = '${uniqueTag('none')}'`);
    expect(res).toEqual({ totalSize: 0, done: true, records: [] });
  });
});

describe('where, order by, limit', () => {
  const tag = uniqueTag('wh');
  const rows = [
    { Name: `${tag}-a`, NumberOfEmployees: 10, Industry: 'Energy' },
    { Name: `${tag}-b`, NumberOfEmployees: 20, Industry: 'Banking' },
    { Name: `${tag}-c`, NumberOfEmployees: 30, Industry: 'Energy' },
    { Name: `${tag}-d`, NumberOfEmployees: null, Industry: null },
  ];
  let before = '';

  beforeAll(async () => {
    before = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await createRecords(await target.session(), 'Account', rows, track);
  });

  async function names(where: string, orderBy = 'Name'): Promise<string[]> {
    const res = await query(await target.session(), `SELECT Name FROM Account WHERE Name LIKE '${tag}-%' AND (${where}) ORDER BY ${orderBy}`);
    return res.records.map((r) => String(r.Name).slice(tag.length + 1));
  }

  it.each([
    ['NumberOfEmployees = 20', ['b']],
    ['NumberOfEmployees != 20', ['a', 'c', 'd']],
    ['NumberOfEmployees > 15', ['b', 'c']],
    ['NumberOfEmployees >= 20', ['b', 'c']],
    ['NumberOfEmployees < 20', ['a']],
    ['NumberOfEmployees <= 20', ['a', 'b']],
    ['NumberOfEmployees = 10 OR NumberOfEmployees = 30', ['a', 'c']],
    ['NumberOfEmployees > 5 AND Industry = \'Energy\'', ['a', 'c']],
    ['NOT Industry = \'Energy\'', ['b', 'd']],
    ['Industry IN (\'Banking\', \'Energy\')', ['a', 'b', 'c']],
    ['Industry NOT IN (\'Banking\')', ['a', 'c', 'd']],
    ['Industry = null', ['d']],
    ['Industry != null', ['a', 'b', 'c']],
    ['NumberOfEmployees = null', ['d']],
    ['Industry = \'energy\'', ['a', 'c']],
    [`Name LIKE '${tag.toUpperCase()}-_'`, ['a', 'b', 'c', 'd']],
    ['Name LIKE \'%-b\'', ['b']],
    ['(NumberOfEmployees = 10 OR Industry = \'Banking\') AND NOT NumberOfEmployees = 10', ['b']],
  ])('WHERE %s', async (where, expected) => {
    expect(await names(where)).toEqual(expected);
  });

  it('compares datetime literals', async () => {
    expect(await names(`CreatedDate > ${before}`)).toEqual(['a', 'b', 'c', 'd']);
    expect(await names('CreatedDate < 2000-01-01T00:00:00Z')).toEqual([]);
    expect(await names('CreatedDate > 2000-01-01T00:00:00+00:00')).toEqual(['a', 'b', 'c', 'd']);
    expect(await names('SystemModstamp >= 2000-01-01T00:00:00.000Z')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders ascending with nulls first and descending with nulls last by default', async () => {
    expect(await names('Name != null', 'NumberOfEmployees ASC')).toEqual(['d', 'a', 'b', 'c']);
    expect(await names('Name != null', 'NumberOfEmployees DESC')).toEqual(['c', 'b', 'a', 'd']);
    expect(await names('Name != null', 'NumberOfEmployees ASC NULLS LAST')).toEqual(['a', 'b', 'c', 'd']);
    expect(await names('Name != null', 'Industry, NumberOfEmployees DESC')).toEqual(['d', 'b', 'c', 'a']);
  });

  it('applies LIMIT after ORDER BY', async () => {
    const res = await query(await target.session(), `SELECT Name FROM Account WHERE Name LIKE '${tag}-%' ORDER BY NumberOfEmployees DESC NULLS LAST LIMIT 2`);
    expect(res.totalSize).toBe(2);
    expect(res.records.map((r) => r.Name)).toEqual([`${tag}-c`, `${tag}-b`]);
  });

  it('compares date literals on date fields', async () => {
    const s = await target.session();
    const ctag = uniqueTag('bd');
    await createRecords(s, 'Contact', [{ LastName: ctag, Birthdate: '1980-05-01' }, { LastName: ctag, Birthdate: '1995-05-01' }], track);
    const res = await query(s, `SELECT Birthdate FROM Contact WHERE LastName = '${ctag}' AND Birthdate > 1990-01-01`);
    expect(res.records.map((r) => r.Birthdate)).toEqual(['1995-05-01']);
  });
});

describe('query errors', () => {
  it('answers malformed SOQL with 400 MALFORMED_QUERY', async () => {
    const err = expectApiError(await call(await target.session(), 'GET', q('SELEKT Id FROM Contact')), 400, 'MALFORMED_QUERY');
    expect(err.message).toMatch(/ERROR at Row:\d+:Column:\d+/);
    expectApiError(await call(await target.session(), 'GET', q('SELECT Id FROM Contact WHERE')), 400, 'MALFORMED_QUERY');
  });

  it('answers an unknown field with 400 INVALID_FIELD', async () => {
    const err = expectApiError(await call(await target.session(), 'GET', q('SELECT Id, Nope__c FROM Contact')), 400, 'INVALID_FIELD');
    expect(err.message).toContain("No such column 'Nope__c' on entity 'Contact'");
  });

  it('answers an unknown object with 400 INVALID_TYPE', async () => {
    const err = expectApiError(await call(await target.session(), 'GET', q('SELECT Id FROM Nope__c')), 400, 'INVALID_TYPE');
    expect(err.message).toContain("sObject type 'Nope__c' is not supported");
  });

  it.skipIf(isRealOrg)('answers unsupported SOQL (GROUP BY) with 400 MALFORMED_QUERY', async () => {
    const res = await call(await target.session(), 'GET', q('SELECT LastName, COUNT(Id) FROM Contact GROUP BY LastName'));
    expectApiError(res, 400, 'MALFORMED_QUERY');
  });

  it('answers a missing q parameter with a 400 error array', async () => {
    const res = await call(await target.session(), 'GET', '/query');
    expect(res.status).toBe(400);
    expect(Array.isArray(res.body)).toBe(true);
  });
});

describe('incremental sync by SystemModstamp', () => {
  it('finds updates and deletes after a cursor taken from a previous read', async () => {
    const s = await target.session();
    const tag = uniqueTag('sync');
    const [a, b, c] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }, { LastName: tag }], track);
    const soql = (cursor: string) =>
      `SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE LastName = '${tag}' AND SystemModstamp > ${cursor} ORDER BY SystemModstamp, Id`;
    const first = await query(s, soql('2000-01-01T00:00:00Z'), true);
    expect(first.records.map((r) => r.Id).sort()).toEqual([a, b, c].sort());
    const cursor = String(first.records.at(-1)!.SystemModstamp).replace('+0000', 'Z');
    if (isRealOrg) await sleep(1100);
    expect((await call(s, 'PATCH', `/sobjects/Contact/${b}`, { Note__c: 'moved' })).status).toBe(204);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${c}`)).status).toBe(204);
    const next = await query(s, soql(cursor), true);
    expect(next.records.map((r) => [r.Id, r.IsDeleted])).toEqual([[b, false], [c, true]]);
    for (const r of next.records) expect(String(r.SystemModstamp) > String(first.records.at(-1)!.SystemModstamp)).toBe(true);
  });
});

describe('deleted rows', () => {
  it('shows deleted rows with IsDeleted true in queryAll only', async () => {
    const s = await target.session();
    const tag = uniqueTag('qa');
    const [live, gone] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }], track);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${gone}`)).status).toBe(204);
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE LastName = '${tag}' ORDER BY Id`;
    const visible = await query(s, soql);
    expect(visible.records.map((r) => [r.Id, r.IsDeleted])).toEqual([[live, false]]);
    const all = await query(s, soql, true);
    const byId = new Map(all.records.map((r) => [r.Id, r.IsDeleted]));
    expect(byId.get(live)).toBe(false);
    expect(byId.get(gone)).toBe(true);
    expect(all.totalSize).toBe(2);
    expect(await count(s, `SELECT COUNT() FROM Contact WHERE LastName = '${tag}' AND IsDeleted = true`, true)).toBe(1);
  });
});

function minute(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

describe('getUpdated and getDeleted', () => {
  async function getUpdated(start: string, end: string) {
    return call<{ ids: string[]; latestDateCovered: string }>(await target.session(), 'GET', `/sobjects/Contact/updated/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);
  }

  async function getDeleted(start: string, end: string) {
    return call<{ deletedRecords: Array<{ id: string; deletedDate: string }>; earliestDateAvailable: string; latestDateCovered: string }>(
      await target.session(), 'GET', `/sobjects/Contact/deleted/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`,
    );
  }

  it('covers whole minutes up to now at most', async () => {
    const res = await getUpdated(minute(Date.now() - 5 * 60_000), minute(Date.now() + 2 * 60_000));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Array.isArray(res.body.ids)).toBe(true);
    expect(res.body.latestDateCovered).toMatch(DATETIME_SHAPE);
    expect(res.body.latestDateCovered).toMatch(/:00\.000\+0000$/);
    expect(Date.parse(res.body.latestDateCovered.replace('+0000', 'Z'))).toBeLessThanOrEqual(Date.now());
  });

  it('lists created, updated and deleted ids once their minute is covered', { timeout: 100_000 }, async () => {
    const s = await target.session();
    const start = minute(Date.now() - 5 * 60_000);
    const tag = uniqueTag('win');
    const [created, updated, deleted] = await createRecords(s, 'Contact', [{ LastName: tag }, { LastName: tag }, { LastName: tag }], track);
    expect((await call(s, 'PATCH', `/sobjects/Contact/${updated}`, { Note__c: 'changed' })).status).toBe(204);
    expect((await call(s, 'DELETE', `/sobjects/Contact/${deleted}`)).status).toBe(204);
    const stamps = (await query(s, `SELECT SystemModstamp FROM Contact WHERE LastName = '${tag}'`, true)).records.map((r) => Date.parse(String(r.SystemModstamp).replace('+0000', 'Z')));
    const lastWrite = Math.max(...stamps);
    // getUpdated/getDeleted never cover the current, incomplete minute: wait for the next one.
    const covered = Math.ceil((lastWrite + 1) / 60_000) * 60_000 + (isRealOrg ? 60_000 : 1_000);
    await sleep(Math.max(0, covered - Date.now()));
    const end = minute(Date.now() + 2 * 60_000);

    const upd = await getUpdated(start, end);
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body.ids).toContain(created);
    expect(upd.body.ids).toContain(updated);

    const del = await getDeleted(start, end);
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    const entry = del.body.deletedRecords.find((r) => r.id === deleted);
    expect(entry).toBeDefined();
    expect(entry!.deletedDate).toMatch(DATETIME_SHAPE);
    expect(del.body.deletedRecords.map((r) => r.id)).not.toContain(created);
    expect(del.body.earliestDateAvailable).toMatch(DATETIME_SHAPE);
    expect(del.body.latestDateCovered).toMatch(DATETIME_SHAPE);
  });

  it('does not list ids changed outside the window', async () => {
    const s = await target.session();
    const id = await createRecord(s, 'Contact', { LastName: uniqueTag('old') }, track);
    const res = await getUpdated(minute(Date.now() - 20 * 60_000), minute(Date.now() - 10 * 60_000));
    expect(res.status).toBe(200);
    expect(res.body.ids).not.toContain(id);
  });

  it('refuses a window whose start is after its end with a 400 error array', async () => {
    const start = minute(Date.now() - 60_000);
    const end = minute(Date.now() - 10 * 60_000);
    const res = await getUpdated(start, end);
    expect(res.status).toBe(400);
    expect(typeof (res.body as unknown as Array<{ errorCode: string }>)[0]?.errorCode).toBe('string');
    expect((await getDeleted(start, end)).status).toBe(400);
  });

  it('refuses a window older than 30 days and a missing start with a 400 error array', async () => {
    const s = await target.session();
    const old = await getUpdated(minute(Date.now() - 40 * 86_400_000), minute(Date.now() - 35 * 86_400_000));
    expect(old.status).toBe(400);
    expect(Array.isArray(old.body)).toBe(true);
    const missing = await call(s, 'GET', `/sobjects/Contact/updated/?end=${encodeURIComponent(minute(Date.now()))}`);
    expect(missing.status).toBe(400);
    expect(Array.isArray(missing.body)).toBe(true);
  });
});
