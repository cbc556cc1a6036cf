// RETURNING: any list, `*` included, answered with what Salesforce holds after the write (ids,
// defaults, formula and system fields), in both protocols, with Describe before Execute.
import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import type pg from 'pg';
import { frontend } from '../../src/wire/index.js';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';
import { rawLogin, readUntilClosed } from '../proxy/raw-client.js';
import { ALICE } from '../support/proxy.js';

const world = useWriteWorld();

describe('RETURNING', () => {
  it('INSERT … RETURNING (simple protocol) gives the id and Salesforce-filled fields', async () => {
    const client = await world.proxy.connect();
    const result = await client.query(`INSERT INTO salesforce.contacts (last_name, email) VALUES ('Harkonnen', 'vladimir@giedi.prime'), ('Rabban', NULL)
      RETURNING id, last_name, created_date IS NOT NULL AS created`);
    expect(result.command).toBe('INSERT');
    expect(result.rowCount).toBe(2);
    expect(result.fields.map((f) => f.name)).toEqual(['id', 'last_name', 'created']);
    expect(result.rows.map((r) => [r.last_name, r.created])).toEqual([['Harkonnen', true], ['Rabban', true]]);
    expect(result.rows[0].id).toMatch(/^003[A-Za-z0-9]{15}$/);
    const org = (await soql(world.harness.session, `SELECT LastName FROM Contact WHERE Id = '${result.rows[0].id}'`)).body.records;
    expect(org).toMatchObject([{ LastName: 'Harkonnen' }]);
  });

  it('INSERT … RETURNING * with bind parameters: every column, typed', async () => {
    const client = await world.proxy.connect();
    const result = await client.query('INSERT INTO salesforce.invoices (name, amount) VALUES ($1, $2) RETURNING *', ['INV-RET', 50]);
    const columns = (await client.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'salesforce' AND table_name = 'invoices' ORDER BY ordinal_position`)).rows.map((r) => r.column_name);
    expect(result.fields.map((f) => f.name)).toEqual(columns);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ name: 'INV-RET', amount: '50.00', total_with_tax: '60.00', status: 'Draft' });
    expect(result.rows[0].system_modstamp).toBeInstanceOf(Date);
  });

  it('UPDATE … RETURNING the recomputed formula; DELETE … RETURNING the values before the delete', async () => {
    const client = await world.proxy.connect();
    const [{ id }] = (await client.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-RU', 10) RETURNING id`)).rows;
    const updated = await client.query('UPDATE salesforce.invoices SET amount = amount + $1 WHERE id = $2 RETURNING amount, total_with_tax', [5, id]);
    expect([updated.command, updated.rows]).toEqual(['UPDATE', [{ amount: '15.00', total_with_tax: '18.00' }]]);
    const deleted = await client.query(`DELETE FROM salesforce.invoices WHERE id = '${id}' RETURNING id, name, upper(name) AS shout`);
    expect([deleted.command, deleted.rows]).toEqual(['DELETE', [{ id, name: 'INV-RU', shout: 'INV-RU' }]]);
  });

  it('RETURNING of a column that does not exist: 42703 before any Salesforce call, nothing applied', async () => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    for (const sql of [
      `INSERT INTO salesforce.contacts (last_name) VALUES ('Ghost') RETURNING id, shoe_size`,
      `UPDATE salesforce.contacts SET note = 'ghost' WHERE last_name = 'Ghost' RETURNING shoe_size`,
      `DELETE FROM salesforce.contacts AS c WHERE last_name = 'Ghost' RETURNING c.nope`,
    ]) {
      await expect(client.query(sql)).rejects.toMatchObject({ code: '42703' });
    }
    expect(await world.apiRequests()).toBe(before);
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE LastName = 'Ghost'`)).body.records).toEqual([]);
  });

  it('no matching row: the columns, no rows, no Salesforce call', async () => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    const result = await client.query(`UPDATE salesforce.contacts SET note = 'x' WHERE last_name = 'Nobody' RETURNING id, note`);
    expect([result.command, result.rowCount, result.fields.map((f) => f.name)]).toEqual(['UPDATE', 0, ['id', 'note']]);
    expect(await world.apiRequests()).toBe(before);
  });

  it('Describe before Execute answers the RETURNING columns and their types', async () => {
    const socket = await rawLogin(world.proxy.port, world.proxy.database, ALICE);
    socket.write(Buffer.concat([
      frontend.parse('r1', 'INSERT INTO salesforce.contacts (last_name) VALUES ($1) RETURNING id, created_date, do_not_call'),
      Buffer.from([0x44, 0, 0, 0, 8, 0x53, 0x72, 0x31, 0]), // Describe S "r1"
      frontend.SYNC, frontend.TERMINATE,
    ]));
    const bytes = await readUntilClosed(socket);
    const t = bytes.indexOf(Buffer.from([0x54]), bytes.indexOf(Buffer.from([0x74]), 5)); // the RowDescription after ParameterDescription
    expect(bytes.readInt16BE(t + 5)).toBe(3);
    const names = ['id', 'created_date', 'do_not_call'];
    let pos = t + 7;
    const types: number[] = [];
    for (const name of names) {
      expect(bytes.toString('utf8', pos, pos + name.length)).toBe(name);
      pos += name.length + 1;
      types.push(bytes.readInt32BE(pos + 6));
      pos += 18;
    }
    expect(types).toEqual([1043, 1184, 16]); // varchar, timestamptz, boolean
  });

  it('binary results as the client asks', async () => {
    const client = await world.proxy.connect();
    // node-postgres asks for binary results with `binary: true` (not in its type definitions).
    const config = { text: 'INSERT INTO salesforce.contacts (last_name, do_not_call) VALUES ($1, true) RETURNING do_not_call, created_date', values: ['Binary'], binary: true };
    const result = await client.query(config as pg.QueryConfig);
    expect(result.rows[0].do_not_call).toBe(true);
    expect(result.rows[0].created_date).toBeInstanceOf(Date);
  });

  it('postgres.js', async () => {
    const sql = postgres(world.proxy.url(), { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`INSERT INTO salesforce.contacts (last_name) VALUES (${'PgJs'}) RETURNING id, last_name`;
      expect(rows).toEqual([{ id: expect.stringMatching(/^003/), last_name: 'PgJs' }]);
    } finally {
      await sql.end();
    }
  });
});
