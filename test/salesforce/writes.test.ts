// Writing: sObject Collections (create, update, upsert, delete) with per-record results and
// allOrNone, and Composite with references between subrequests.
import { afterAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { SalesforceClient, sqlstateFor, type SaveResult } from '../../src/salesforce/index.js';
import { collect, demoConfig } from './support.js';

const emulator = useEmulator({ seed: 'demo' });
let shared: SalesforceClient | undefined;
function sf(): SalesforceClient {
  shared ??= new SalesforceClient(demoConfig(emulator.current.url));
  return shared;
}
afterAll(() => shared?.close());

const tag = (p: string) => `${p}${Date.now()}${Math.floor(Math.random() * 1e6)}`;

async function contacts(where: string): Promise<Array<Record<string, unknown>>> {
  const pages = await collect(sf().query(`SELECT Id, LastName, Email, External_Id__c FROM Contact WHERE ${where}`));
  return pages.flatMap((p) => p.records);
}

describe('sObject Collections', () => {
  it('create, update and delete: one result per record, in order', async () => {
    const t = tag('col');
    const created = await sf().create('Contact', [{ LastName: t, Email: 'a@example.com' }, { LastName: t }]);
    expect(created).toEqual([
      { id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] },
      { id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] },
    ]);
    const ids = created.map((r) => r.id!);
    const updated = await sf().update('Contact', [{ Id: ids[0], Email: 'b@example.com' }, { Id: ids[1], LastName: `${t}x` }]);
    expect(updated.every((r) => r.success)).toBe(true);
    expect((await contacts(`Id = '${ids[0]}'`))[0]).toMatchObject({ Email: 'b@example.com' });
    const deleted = await sf().delete(ids);
    expect(deleted).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    expect(await contacts(`LastName = '${t}'`)).toEqual([]);
  });

  it('per-record errors stay in the results, with statusCode, message and fields', async () => {
    const t = tag('bad');
    const results = await sf().create('Contact', [{ LastName: t }, { Email: 'x@example.com' }, { LastName: t, Email: 'pauldune.co' }]);
    expect(results[0]).toMatchObject({ success: true });
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }] });
    expect(results[2]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] }] });
    expect(results[1]).not.toHaveProperty('id');
    expect(sqlstateFor(results[1]!.errors[0]!.statusCode)).toBe('23502');
    expect(sqlstateFor(results[2]!.errors[0]!.statusCode)).toBe('23514');
    expect(await contacts(`LastName = '${t}'`)).toHaveLength(1);
  });

  it('allOrNone: one failure rolls every record back', async () => {
    const t = tag('aon');
    const results = await sf().create('Contact', [{ LastName: t }, { LastName: 'x'.repeat(81) }, { LastName: t }], { allOrNone: true });
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'STRING_TOO_LONG', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
    expect(results.every((r: SaveResult) => !r.success)).toBe(true);
    expect(await contacts(`LastName = '${t}'`)).toEqual([]);
  });

  it('upsert by external id: created, then updated', async () => {
    const t = tag('ups');
    const ext = tag('ext');
    const first = await sf().upsert('Contact', 'External_Id__c', [{ External_Id__c: ext, LastName: t }]);
    expect(first).toEqual([{ id: expect.any(String), success: true, errors: [], created: true }]);
    const second = await sf().upsert('Contact', 'External_Id__c', [{ External_Id__c: ext, LastName: `${t}2` }]);
    expect(second).toEqual([{ id: first[0]!.id, success: true, errors: [], created: false }]);
    expect(await contacts(`External_Id__c = '${ext}'`)).toEqual([expect.objectContaining({ LastName: `${t}2` })]);
  });

  it('a duplicate external id is DUPLICATE_VALUE → 23505', async () => {
    const ext = tag('dup');
    await sf().create('Contact', [{ LastName: 'one', External_Id__c: ext }]);
    const [again] = await sf().create('Contact', [{ LastName: 'two', External_Id__c: ext }]);
    expect(again!.errors[0]!.statusCode).toBe('DUPLICATE_VALUE');
    expect(sqlstateFor('DUPLICATE_VALUE')).toBe('23505');
  });

  it('more than 200 records are refused before any request is made', async () => {
    await sf().login();
    const before = emulator.current.apiUsage().used;
    expect(() => sf().create('Contact', Array.from({ length: 201 }, () => ({ LastName: 'x' })))).toThrow(RangeError);
    expect(() => sf().delete([])).toThrow(RangeError);
    expect(emulator.current.apiUsage().used).toBe(before);
  });
});

describe('Composite', () => {
  it('references: a contact points at the account created before it, one API request', async () => {
    const c = sf();
    await c.login();
    const before = emulator.current.apiUsage().used;
    const t = tag('cmp');
    const res = await c.composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${c.dataPath}/sobjects/Account`, referenceId: 'acct', body: { Name: t } },
        { method: 'POST', url: `${c.dataPath}/sobjects/Contact`, referenceId: 'contact', body: { LastName: t, AccountId: '@{acct.id}' } },
        // The reference must stay readable in the URL: encode the SOQL around it.
        { method: 'GET', url: `${c.dataPath}/query?q=${encodeURIComponent('SELECT Id, Account.Name FROM Contact WHERE Id = ')}'@{contact.id}'`, referenceId: 'readBack' },
      ],
    });
    expect(emulator.current.apiUsage().used).toBe(before + 1);
    const [acct, contact, readBack] = res.compositeResponse;
    expect(acct).toMatchObject({ httpStatusCode: 201, referenceId: 'acct', body: { success: true } });
    expect(contact).toMatchObject({ httpStatusCode: 201, referenceId: 'contact' });
    expect(readBack).toMatchObject({ httpStatusCode: 200, body: { totalSize: 1, records: [{ Account: { Name: t } }] } });
  });

  it('allOrNone: a failing subrequest halts the others, reported in the response', async () => {
    const c = sf();
    const t = tag('halt');
    const res = await c.composite({
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${c.dataPath}/sobjects/Contact`, referenceId: 'ok', body: { LastName: t } },
        { method: 'POST', url: `${c.dataPath}/sobjects/Contact`, referenceId: 'bad', body: { Email: 'x@example.com' } },
      ],
    });
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect(res.compositeResponse[0]!.body).toEqual([expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })]);
    expect(res.compositeResponse[1]!.body).toEqual([expect.objectContaining({ errorCode: 'REQUIRED_FIELD_MISSING' })]);
    expect(await contacts(`LastName = '${t}'`)).toEqual([]);
  });

  it('a collection inside Composite, built with the same request builder', async () => {
    const { createRequest } = await import('../../src/salesforce/index.js');
    const c = sf();
    const t = tag('cc');
    const create = createRequest(c.dataPath, 'Contact', [{ LastName: t }, { LastName: t }], { allOrNone: true });
    const res = await c.composite({ allOrNone: true, compositeRequest: [{ ...create, referenceId: 'rows' }] });
    expect(res.compositeResponse[0]).toMatchObject({ httpStatusCode: 200, body: [{ success: true }, { success: true }] });
  });
});
