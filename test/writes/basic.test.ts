import { describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();

describe('writes through the proxy', () => {
  it('inserts, updates, deletes', async () => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    const ins = await client.query(`insert into salesforce.contacts (first_name, last_name, email) values ('Paul', 'Atreides', 'paul.atreides@caladan.io')`);
    console.log(ins.command, ins.rowCount, ins.rows, ins.fields.map((f) => f.name));
    console.log('requests', (await world.apiRequests()) - before);
    const id = ins.rows[0].changed_ids;
    console.log((await client.query('select email, system_modstamp from salesforce.contacts where id = $1', [id])).rows);
    const upd = await client.query(`update salesforce.contacts set email = 'paul@dune.co', note = 'Moved' where id = $1`, [id]);
    console.log(upd.command, upd.rowCount, upd.rows);
    await expect(client.query(`update salesforce.contacts set email = 'pauldune.co' where id = '${id}'`)).rejects.toMatchObject({ code: '23514' });
    const err = await client.query(`update salesforce.contacts set email = 'pauldune.co' where id = '${id}'`).catch((e) => e);
    console.log(err.message, err.detail, err.where, err.column, err.constraint);
    const del = await client.query(`delete from salesforce.contacts where email = 'paul@dune.co'`);
    console.log(del.command, del.rowCount, del.rows);
    console.log(await world.diff('Contact').then((d) => ({ ...d, compared: d.compared })));
    const r = await soql(world.harness.session, `SELECT Id FROM Contact WHERE Id = '${id}'`);
    console.log(r.body.records);
  });
});
