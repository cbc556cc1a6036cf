// Every statement shape the write path carries, through node-postgres in both protocols:
// what Salesforce receives, what the client gets back (changed_ids, command tags), and that
// the mirror equals the org afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();

afterEach(() => world.expectMirrorEqualsOrg('Contact'));

async function org(query: string): Promise<Array<Record<string, unknown>>> {
  return (await soql(world.harness.session, query)).body.records as Array<Record<string, unknown>>;
}

const idsOf = (rows: Array<{ changed_ids: string }>): string[] => rows.map((r) => r.changed_ids);

describe('INSERT', () => {
  it('multi-row VALUES returns one changed_ids row per record and INSERT 0 n', async () => {
    const client = await world.proxy.connect();
    const result = await client.query(`INSERT INTO salesforce.contacts (first_name, last_name, email) VALUES
      ('Leto', 'Atreides', 'leto@caladan.io'), ('Jessica', 'Atreides', 'jessica@caladan.io'), ('Alia', 'Atreides', NULL)`);
    expect(result.command).toBe('INSERT');
    expect(result.rowCount).toBe(3);
    expect(result.fields.map((f) => f.name)).toEqual(['changed_ids']);
    const ids = idsOf(result.rows);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^003[A-Za-z0-9]{15}$/);
    const records = await org(`SELECT Id, FirstName, Email FROM Contact WHERE Id IN ('${ids.join("','")}') ORDER BY FirstName`);
    expect(records.map((r) => [r.FirstName, r.Email])).toEqual([['Alia', null], ['Jessica', 'jessica@caladan.io'], ['Leto', 'leto@caladan.io']]);
    // Statement order is kept: the first id is Leto's.
    expect((await client.query('SELECT first_name FROM salesforce.contacts WHERE id = $1', [ids[0]])).rows).toEqual([{ first_name: 'Leto' }]);
  });

  it('keeps quotes, backslashes and non-ASCII text exactly', async () => {
    const client = await world.proxy.connect();
    const note = "it's a \\path\\ to ☃ — \"quoted\"";
    const literal = `'${note.replace(/'/g, "''")}'`;
    const [a, b] = idsOf((await client.query(`INSERT INTO salesforce.contacts (last_name, note) VALUES ('Quoted', ${literal}), ('Quoted', E'tab\\there')`)).rows);
    expect(await org(`SELECT Note__c FROM Contact WHERE Id = '${a}'`)).toMatchObject([{ Note__c: note }]);
    expect(await org(`SELECT Note__c FROM Contact WHERE Id = '${b}'`)).toMatchObject([{ Note__c: 'tab\there' }]);
  });

  it('evaluates expressions, DEFAULT and bind parameters in the client session', async () => {
    const client = await world.proxy.connect();
    await client.query("SET application_name = 'dune'");
    const result = await client.query(
      `INSERT INTO salesforce.contacts (first_name, last_name, note) VALUES (upper($1), $2 || '-' || current_setting('application_name'), DEFAULT)`,
      ['gurney', 'Halleck'],
    );
    const [id] = idsOf(result.rows);
    expect(await org(`SELECT FirstName, LastName, Note__c FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ FirstName: 'GURNEY', LastName: 'Halleck-dune', Note__c: null }]);
  });

  it('INSERT … SELECT from another table and a CTE', async () => {
    const client = await world.proxy.connect();
    await client.query('CREATE TEMP TABLE recruits (first text, last text)');
    await client.query("INSERT INTO recruits VALUES ('Duncan', 'Idaho'), ('Thufir', 'Hawat')");
    const result = await client.query(`WITH r AS (SELECT * FROM recruits) INSERT INTO salesforce.contacts (first_name, last_name) SELECT first, last FROM r ORDER BY first`);
    expect(result.rowCount).toBe(2);
    const names = await client.query('SELECT first_name FROM salesforce.contacts WHERE id = ANY($1) ORDER BY first_name', [idsOf(result.rows)]);
    expect(names.rows).toEqual([{ first_name: 'Duncan' }, { first_name: 'Thufir' }]);
  });

  it('fills the mirror row with what Salesforce computed: defaults, formulas, system fields', async () => {
    const client = await world.proxy.connect();
    const result = await client.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-W1', 100)`);
    const [id] = idsOf(result.rows);
    const { rows } = await client.query('SELECT status, total_with_tax, created_date IS NOT NULL AS created, system_modstamp IS NOT NULL AS stamped FROM salesforce.invoices WHERE id = $1', [id]);
    expect(rows).toEqual([{ status: 'Draft', total_with_tax: '120.00', created: true, stamped: true }]);
  });

  it('resolves unqualified table names with the session search_path', async () => {
    const client = await world.proxy.connect();
    await client.query('SET search_path = salesforce, public');
    const [id] = idsOf((await client.query(`INSERT INTO contacts (last_name) VALUES ('Pathfinder')`)).rows);
    expect(await org(`SELECT LastName FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ LastName: 'Pathfinder' }]);
  });

  it('INSERT … DEFAULT VALUES is a record with no fields set (Salesforce decides)', async () => {
    const client = await world.proxy.connect();
    await expect(client.query('INSERT INTO salesforce.contacts DEFAULT VALUES')).rejects.toMatchObject({ code: '23502', column: 'last_name' });
  });
});

describe('values of each type', () => {
  it('reach Salesforce as typed JSON whatever the session DateStyle, TimeZone or extra_float_digits', async () => {
    const client = await world.proxy.connect();
    await client.query(`SET DateStyle = 'SQL, DMY'; SET TimeZone = 'Asia/Tokyo'; SET extra_float_digits = -3`);
    const [id] = idsOf((await client.query(`INSERT INTO salesforce.contacts (last_name, birthdate, do_not_call, has_opted_out_of_email)
      VALUES ('Typed', '03/12/1990', true, 'f')`)).rows);
    expect(await org(`SELECT Birthdate, DoNotCall, HasOptedOutOfEmail FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ Birthdate: '1990-12-03', DoNotCall: true, HasOptedOutOfEmail: false }]);
    const account = (await client.query('SELECT id FROM salesforce.accounts LIMIT 1')).rows[0].id;
    const [opp] = idsOf((await client.query(`INSERT INTO salesforce.opportunities (name, stage_name, close_date, amount, probability, account_id)
      VALUES ('Typed deal', 'Prospecting', current_date + 30, 1234567.891, 10, $1)`, [account])).rows);
    const [record] = await org(`SELECT Amount, Probability, CloseDate FROM Opportunity WHERE Id = '${opp}'`);
    expect(record).toMatchObject({ Amount: 1234567.89, Probability: 10 });
    expect(record!.CloseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mirror = await client.query(`SELECT to_char(close_date, 'YYYY-MM-DD') AS close_date FROM salesforce.opportunities WHERE id = $1`, [opp]);
    expect(mirror.rows[0].close_date).toBe(record!.CloseDate);
  });
});

describe('UPDATE', () => {
  it('computes SET expressions from current values, with functions and parameters', async () => {
    const client = await world.proxy.connect();
    const [id] = idsOf((await client.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-U1', 10)`)).rows);
    const result = await client.query(`UPDATE salesforce.invoices SET amount = amount * 1.1 + $1, name = lower(name) WHERE id = $2`, [5, id]);
    expect(result.command).toBe('UPDATE');
    expect(idsOf(result.rows)).toEqual([id]);
    expect(await org(`SELECT Name, Amount__c, Total_With_Tax__c FROM Invoice__c WHERE Id = '${id}'`)).toMatchObject([{ Name: 'inv-u1', Amount__c: 16, Total_With_Tax__c: 19.2 }]);
    expect((await client.query('SELECT amount, total_with_tax FROM salesforce.invoices WHERE id = $1', [id])).rows).toEqual([{ amount: '16.00', total_with_tax: '19.20' }]);
  });

  it('joins through FROM and filters with subqueries; a record matched twice changes once', async () => {
    const client = await world.proxy.connect();
    const account = (await client.query(`SELECT id, name FROM salesforce.accounts ORDER BY name LIMIT 1`)).rows[0];
    const ids = idsOf((await client.query(`INSERT INTO salesforce.contacts (last_name, account_id) VALUES ('Join1', $1), ('Join2', $1)`, [account.id])).rows);
    await client.query('CREATE TEMP TABLE twice (n int)');
    await client.query('INSERT INTO twice VALUES (1), (2)');
    const result = await client.query(`UPDATE salesforce.contacts c SET note = 'via ' || a.name FROM salesforce.accounts a, twice
      WHERE c.account_id = a.id AND c.last_name IN (SELECT unnest(ARRAY['Join1', 'Join2'])) AND c.id = ANY($1)`, [ids]);
    expect(result.rowCount).toBe(2);
    expect(idsOf(result.rows).sort()).toEqual([...ids].sort());
    expect((await org(`SELECT Note__c FROM Contact WHERE Id IN ('${ids.join("','")}')`)).map((r) => r.Note__c)).toEqual([`via ${account.name}`, `via ${account.name}`]);
  });

  it('(a, b) = (x, y) and NULL clear fields', async () => {
    const client = await world.proxy.connect();
    const [id] = idsOf((await client.query(`INSERT INTO salesforce.contacts (last_name, note, email) VALUES ('Multi', 'n', 'm@x.io')`)).rows);
    await client.query(`UPDATE salesforce.contacts SET (note, email) = (NULL, 'new@x.io') WHERE id = '${id}'`);
    expect(await org(`SELECT Note__c, Email FROM Contact WHERE Id = '${id}'`)).toMatchObject([{ Note__c: null, Email: 'new@x.io' }]);
  });

  it('matching no row makes no Salesforce call and returns zero rows', async () => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    const result = await client.query(`UPDATE salesforce.contacts SET note = 'x' WHERE last_name = 'Nobody At All'`);
    expect(result.command).toBe('UPDATE');
    expect(result.rowCount).toBe(0);
    expect(result.rows).toEqual([]);
    const deleted = await client.query(`DELETE FROM salesforce.contacts WHERE false`);
    expect([deleted.command, deleted.rowCount]).toEqual(['DELETE', 0]);
    expect(await world.apiRequests()).toBe(before);
  });
});

describe('DELETE', () => {
  it('with WHERE and USING; the records are gone from Salesforce and the mirror', async () => {
    const client = await world.proxy.connect();
    const ids = idsOf((await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Gone1'), ('Gone2'), ('Stays')`)).rows);
    await client.query('CREATE TEMP TABLE doomed (name text)');
    await client.query("INSERT INTO doomed VALUES ('Gone1'), ('Gone2')");
    const result = await client.query(`DELETE FROM salesforce.contacts c USING doomed d WHERE c.last_name = d.name AND c.id = ANY($1)`, [ids]);
    expect(result.command).toBe('DELETE');
    expect(idsOf(result.rows).sort()).toEqual(ids.slice(0, 2).sort());
    expect(await org(`SELECT Id FROM Contact WHERE Id IN ('${ids.join("','")}')`)).toEqual([{ attributes: expect.anything(), Id: ids[2] }]);
    expect((await client.query('SELECT last_name FROM salesforce.contacts WHERE id = ANY($1)', [ids])).rows).toEqual([{ last_name: 'Stays' }]);
  });
});
