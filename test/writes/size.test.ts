// Statement size and API cost: up to 200 records cost exactly one API request (the read-back
// included); up to 1,000 go in one atomic Composite request (plus one to read back what
// Salesforce computed); more is refused with 54000 before anything is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact'));

async function orgCount(prefix: string): Promise<number> {
  return (await soql(world.harness.session, `SELECT COUNT() FROM Contact WHERE LastName LIKE '${prefix}%'`)).body.totalSize as number;
}

async function insert(prefix: string, n: number, email = (_i: number) => 'NULL') {
  const client = await world.proxy.connect();
  const values = Array.from({ length: n }, (_, i) => `('${prefix}${i + 1}', ${email(i + 1)})`).join(', ');
  const before = await world.apiRequests();
  const result = await client.query(`INSERT INTO salesforce.contacts (last_name, email) VALUES ${values}`);
  return { result, requests: (await world.apiRequests()) - before, client };
}

describe('API requests per statement', () => {
  it('1 record: one request', async () => {
    const { result, requests } = await insert('One', 1);
    expect([result.rowCount, requests]).toEqual([1, 1]);
  });

  it('200 records: one request, and the mirror has all of them with Salesforce values', async () => {
    const { result, requests, client } = await insert('Two', 200);
    expect([result.rowCount, requests]).toEqual([200, 1]);
    const { rows } = await client.query(`SELECT count(*)::int AS n, count(system_modstamp)::int AS stamped FROM salesforce.contacts WHERE last_name LIKE 'Two%'`);
    expect(rows).toEqual([{ n: 200, stamped: 200 }]);
    expect(await orgCount('Two')).toBe(200);
  });

  it('201 records: one atomic Composite request plus one read-back', async () => {
    const { result, requests } = await insert('Three', 201);
    expect([result.rowCount, requests]).toEqual([201, 2]);
    expect(await orgCount('Three')).toBe(201);
    const diff = await world.diff('Contact');
    expect([diff.missing, diff.different]).toEqual([[], []]);
  });

  it('201 records with the last one rejected: none is applied', async () => {
    const client = await world.proxy.connect();
    const values = Array.from({ length: 201 }, (_, i) => `('Four${i + 1}', ${i === 200 ? "'bad-address'" : 'NULL'})`).join(', ');
    const error = await client.query(`INSERT INTO salesforce.contacts (last_name, email) VALUES ${values}`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23514', detail: 'Key (email)=(bad-address) is not a valid email address.' });
    expect((error as { where: string }).where).toContain('record 201 of 201');
    expect(await orgCount('Four')).toBe(0);
  });

  it('UPDATE of 250 records and DELETE of them', async () => {
    const client = await world.proxy.connect();
    await client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Five' || g FROM generate_series(1, 200) g`);
    await client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Five' || g FROM generate_series(201, 250) g`);
    let before = await world.apiRequests();
    const updated = await client.query(`UPDATE salesforce.contacts SET note = 'bulk ' || last_name WHERE last_name LIKE 'Five%'`);
    expect([updated.rowCount, (await world.apiRequests()) - before]).toEqual([250, 2]);
    expect((await client.query(`SELECT count(*)::int AS n FROM salesforce.contacts WHERE note = 'bulk ' || last_name`)).rows).toEqual([{ n: 250 }]);
    before = await world.apiRequests();
    const deleted = await client.query(`DELETE FROM salesforce.contacts WHERE last_name LIKE 'Five%'`);
    expect([deleted.rowCount, (await world.apiRequests()) - before]).toEqual([250, 1]);
    expect(await orgCount('Five')).toBe(0);
  });

  it('more than 1,000 records: 54000 before anything is sent', async () => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Six' || g FROM generate_series(1, 1001) g`)).rejects.toMatchObject({
      code: '54000', message: 'statement would change 1001 Salesforce records, more than the 1000 pgforce can apply atomically',
    });
    expect(await world.apiRequests()).toBe(before);
    expect(await orgCount('Six')).toBe(0);
  });

  it('1,000 records: accepted in one atomic request', async () => {
    const client = await world.proxy.connect();
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name) SELECT 'Seven' || g FROM generate_series(1, 1000) g`);
    expect(result.rowCount).toBe(1000);
    expect(await orgCount('Seven')).toBe(1000);
  });
});
