// Every way a write can fail, as the client sees it: Salesforce's rejections (one per
// catalogue entry the demo org can produce) with their SQLSTATE and error fields, several
// records failing all-or-none, refusals before any call, and Salesforce down, over its limit
// or losing the connection after the write. Nothing reaches the mirror unless Salesforce
// accepted it, and the session stays usable.
import { afterEach, describe, expect, it } from 'vitest';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';
import { eventually } from '../sync/harness.js';

const world = useWriteWorld();

async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${world.harness.emulator.current.url}/__emulator/faults`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults),
  });
  expect(res.status).toBe(200);
}

afterEach(async () => {
  await setFaults({ serverUnavailableRate: 0, requestLimitExhausted: false, dropAfterApplyRate: 0, lockRowRate: 0 });
  await world.expectMirrorEqualsOrg('Contact');
});

async function contact(lastName: string, extra = ''): Promise<string> {
  const client = await world.proxy.connect();
  const cols = extra ? `, ${extra.split('=')[0]}` : '';
  const vals = extra ? `, '${extra.split('=')[1]}'` : '';
  return (await client.query(`INSERT INTO salesforce.contacts (last_name${cols}) VALUES ('${lastName}'${vals})`)).rows[0].changed_ids;
}

describe('Salesforce rejections', () => {
  it.each([
    ['bad email', `UPDATE salesforce.contacts SET email = 'pauldune.co' WHERE id = $1`, {
      code: '23514', column: 'email', constraint: 'INVALID_EMAIL_ADDRESS', detail: 'Key (email)=(pauldune.co) is not a valid email address.',
    }],
    ['required field emptied', `UPDATE salesforce.contacts SET last_name = NULL WHERE id = $1`, {
      code: '23502', column: 'last_name', constraint: 'REQUIRED_FIELD_MISSING', detail: 'Key (last_name)=(null) is required: the field cannot be empty.',
    }],
    ['too long', `UPDATE salesforce.contacts SET last_name = repeat('x', 81) WHERE id = $1`, {
      code: '22001', column: 'last_name', constraint: 'STRING_TOO_LONG', detail: `Key (last_name)=(${'x'.repeat(81)}) is longer than 80 characters.`,
    }],
    ['malformed id', `UPDATE salesforce.contacts SET account_id = 'not-an-id' WHERE id = $1`, {
      code: '22P02', column: 'account_id', constraint: 'MALFORMED_ID', detail: 'Key (account_id)=(not-an-id) is not a valid Salesforce id.',
    }],
    ['id of another object', `UPDATE salesforce.contacts SET account_id = $1 WHERE id = $1`, {
      code: '23503', column: 'account_id', constraint: 'FIELD_INTEGRITY_EXCEPTION',
    }],
    ['bad reference', `UPDATE salesforce.contacts SET account_id = '001000000000000AAA' WHERE id = $1`, {
      code: '23503', column: 'account_id', constraint: expect.stringMatching(/INVALID_CROSS_REFERENCE_KEY|FIELD_INTEGRITY_EXCEPTION/),
    }],
  ])('%s', async (_name, sql, expected) => {
    const id = await contact('Rejectable', 'email=ok@example.com');
    const client = await world.proxy.connect();
    const error = await client.query(sql, [id]).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'salesforce validation error', schema: 'salesforce', table: 'contacts', ...expected });
    expect((error as { where: string }).where).toMatch(/^Salesforce rejected record 1 of 1 of UPDATE on Contact \(/);
    // Nothing changed, in Salesforce or in the mirror, and the session lives on.
    expect((await client.query('SELECT last_name, email, account_id FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ last_name: 'Rejectable', email: 'ok@example.com', account_id: null }]);
  });

  it('restricted picklist: 23514', async () => {
    const client = await world.proxy.connect();
    const [id] = (await client.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-PICK', 1)`)).rows.map((r) => r.changed_ids);
    await expect(client.query(`UPDATE salesforce.invoices SET status = 'Bogus' WHERE id = $1`, [id])).rejects.toMatchObject({
      code: '23514', column: 'status', constraint: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', detail: 'Key (status)=(Bogus) is not an allowed picklist value.',
    });
  });

  it('record locked in Salesforce: 55P03', async () => {
    const id = await contact('Locked');
    await setFaults({ lockRowRate: 1 });
    const client = await world.proxy.connect();
    await expect(client.query(`UPDATE salesforce.contacts SET note = 'locked' WHERE id = $1`, [id])).rejects.toMatchObject({
      code: '55P03', constraint: 'UNABLE_TO_LOCK_ROW', message: 'salesforce validation error',
    });
  });

  it('duplicate external id: 23505', async () => {
    await contact('Dup1', 'external_id=EXT-DUP');
    const client = await world.proxy.connect();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name, external_id) VALUES ('Dup2', 'EXT-DUP')`)).rejects.toMatchObject({
      code: '23505', column: 'external_id', constraint: 'DUPLICATE_VALUE', detail: 'Key (external_id)=(EXT-DUP) already exists.',
    });
  });

  it('validation rule: 23514 with the rule message', async () => {
    const client = await world.proxy.connect();
    await expect(client.query(`INSERT INTO salesforce.invoices (name, amount) VALUES ('INV-NEG', -5)`)).rejects.toMatchObject({
      code: '23514', table: 'invoices', column: 'amount', constraint: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      detail: 'Key (amount)=(-5) violates a validation rule: Amount must not be negative.',
    });
  });

  it('several records: none applied, and the error names the first failing row', async () => {
    const client = await world.proxy.connect();
    const before = (await client.query('SELECT count(*)::int AS n FROM salesforce.contacts')).rows[0].n;
    const error = await client.query(`INSERT INTO salesforce.contacts (last_name, email) VALUES
      ('AllOrNone1', 'a1@example.com'), ('AllOrNone2', 'broken'), ('AllOrNone3', 'also-broken')`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '23514', detail: 'Key (email)=(broken) is not a valid email address.' });
    expect((error as { where: string }).where).toContain('record 2 of 3');
    expect((error as { where: string }).where).toContain('none of the records was applied');
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE LastName LIKE 'AllOrNone%'`)).body.records).toEqual([]);
    expect((await client.query('SELECT count(*)::int AS n FROM salesforce.contacts')).rows[0].n).toBe(before);
  });

  it('is journaled as rejected', async () => {
    const { rows } = await world.db.query(`SELECT outcome, error_code, sobject, operation, proxy_user, records FROM pgforce.write_journal WHERE statement LIKE '%AllOrNone2%'`);
    expect(rows).toEqual([{ outcome: 'rejected', error_code: 'INVALID_EMAIL_ADDRESS', sobject: 'Contact', operation: 'insert', proxy_user: 'alice', records: 3 }]);
  });
});

describe('refused before any Salesforce call', () => {
  it.each([
    ['a formula field', `UPDATE salesforce.invoices SET total_with_tax = 1`, { code: '428C9', column: 'total_with_tax', message: 'column "total_with_tax" cannot be updated' }],
    ['a system field on insert', `INSERT INTO salesforce.contacts (last_name, created_date) VALUES ('x', now())`, { code: '428C9', message: 'cannot insert a non-DEFAULT value into column "created_date"' }],
    ['the id', `UPDATE salesforce.contacts SET id = 'x'`, { code: '428C9', column: 'id' }],
    ['an unknown column', `UPDATE salesforce.contacts SET shoe_size = 42`, { code: '42703', message: 'column "shoe_size" of relation "contacts" does not exist' }],
    ['a column twice', `INSERT INTO salesforce.contacts (last_name, last_name) VALUES ('a', 'b')`, { code: '42701' }],
    ['too many values', `INSERT INTO salesforce.contacts (last_name) VALUES ('a', 'b')`, { code: '42601', message: 'INSERT has more expressions than target columns' }],
    ['too few values', `INSERT INTO salesforce.contacts (last_name, email) VALUES ('a')`, { code: '42601', message: 'INSERT has more target columns than expressions' }],
    ['SET … = DEFAULT', `UPDATE salesforce.contacts SET note = DEFAULT`, { code: '0A000' }],
    ['a wrong type', `UPDATE salesforce.invoices SET amount = 'lots'`, { code: '22P02' }],
    ['malformed SQL', `UPDATE salesforce.contacts SET note = WHERE`, { code: '42601' }],
  ])('%s', async (_name, sql, expected) => {
    const client = await world.proxy.connect();
    const before = await world.apiRequests();
    await expect(client.query(sql)).rejects.toMatchObject(expected);
    expect(await world.apiRequests()).toBe(before);
    expect((await client.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }]);
  });
});

describe('a field Salesforce does not let this user set, given by a parameter or a query', () => {
  it('NULL is left out (as ORMs send an unset key); a value is refused with 428C9 before any call', async () => {
    const client = await world.proxy.connect();
    const ok = await client.query('INSERT INTO salesforce.contacts (id, last_name) VALUES ($1, $2)', [null, 'NullKey']);
    expect(ok.rows[0].changed_ids).toMatch(/^003/);
    const before = await world.apiRequests();
    await expect(client.query('INSERT INTO salesforce.contacts (id, last_name) VALUES ($1, $2)', ['003000000000001AAA', 'GivenKey'])).rejects.toMatchObject({ code: '428C9', column: 'id' });
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name, created_date) SELECT 'Dated', now()`)).rejects.toMatchObject({ code: '428C9', column: 'created_date' });
    expect(await world.apiRequests()).toBe(before);
  });
});

describe('Salesforce unavailable, over its limit, or the outcome unknown', () => {
  it('unavailable: 57P03, nothing written, the session stays usable', async () => {
    const id = await contact('Outage');
    await setFaults({ serverUnavailableRate: 1 });
    const client = await world.proxy.connect();
    await expect(client.query(`UPDATE salesforce.contacts SET note = 'during outage' WHERE id = $1`, [id])).rejects.toMatchObject({
      code: '57P03', message: 'Salesforce is unavailable',
    });
    await setFaults({ serverUnavailableRate: 0 });
    expect((await client.query('SELECT note FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ note: null }]);
    await client.query(`UPDATE salesforce.contacts SET note = 'after outage' WHERE id = $1`, [id]);
    expect((await client.query('SELECT note FROM salesforce.contacts WHERE id = $1', [id])).rows).toEqual([{ note: 'after outage' }]);
  });

  it('daily request limit spent: 53400', async () => {
    await setFaults({ requestLimitExhausted: true });
    const client = await world.proxy.connect();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('OverLimit')`)).rejects.toMatchObject({
      code: '53400', message: expect.stringContaining('Salesforce API request limit reached'),
    });
  });

  it('connection lost after the request was sent: 40003, not retried, journaled as unknown; the sync settles the mirror', async () => {
    const client = await world.proxy.connect();
    await setFaults({ dropAfterApplyRate: 1 });
    const before = await world.apiRequests();
    await expect(client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Unknowable')`)).rejects.toMatchObject({ code: '40003' });
    await setFaults({ dropAfterApplyRate: 0 });
    // One request, applied by Salesforce, never resent.
    expect(await world.apiRequests()).toBe(before + 1);
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE LastName = 'Unknowable'`)).body.records).toHaveLength(1);
    const { rows } = await world.db.query(`SELECT outcome FROM pgforce.write_journal WHERE statement LIKE '%Unknowable%'`);
    expect(rows).toEqual([{ outcome: 'unknown' }]);
    await world.harness.sync({}, world.harness.client()).runOnce();
    await eventually(async () => (await client.query(`SELECT 1 FROM salesforce.contacts WHERE last_name = 'Unknowable'`)).rowCount === 1);
  });
});
