// The mirror's guard ("no bypass"): after a real sync, a connection that skips pgforce cannot
// change a mirrored table in any shape (DML, TRUNCATE, COPY FROM, MERGE, a function called
// from a SELECT, a data-modifying WITH), with an error that says why; a connection that ran
// allowMirrorWrites can, the sync keeps writing, and tables made before the guard existed
// get it at the next sync start.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import pg from 'pg';
import { allowMirrorWrites } from '../../src/mirror/guard.js';
import { eventually, useSyncHarness } from '../sync/harness.js';
import { call } from '../support/salesforce-http.js';

const h = useSyncHarness({ seed: 'demo' });
const ONLY_CONTACTS = { objects: ['Contact'], customObjects: false };
const NEW_ID = '003000000000001AAA';
const GUARD_TRIGGERS = ['pgforce_guard', 'pgforce_guard_truncate'];

function refused(what: string) {
  return {
    code: '42501', // insufficient_privilege
    message: `cannot ${what} salesforce.contacts directly`,
    detail: 'Mirrored tables change only through pgforce, which writes to Salesforce first.',
    hint: 'Connect through the pgforce proxy and run the statement there.',
    schema: 'salesforce',
    table: 'contacts',
  };
}

const opened: pg.Client[] = [];
/** A direct connection to the mirror database, as the tables' owner, that skips the proxy. */
async function connectDirectly(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: h.database.url });
  await client.connect();
  opened.push(client);
  return client;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.end()));
});

async function contactCount(): Promise<number> {
  return (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM salesforce.contacts'))[0]!.n;
}

beforeAll(async () => {
  await h.sync(ONLY_CONTACTS).runOnce();
});

describe('a direct connection without the mirror-writer setting', () => {
  it.each([
    ['INSERT into', `INSERT INTO salesforce.contacts (id, last_name) VALUES ('${NEW_ID}', 'Bypass')`],
    ['UPDATE', `UPDATE salesforce.contacts SET last_name = 'Bypass'`],
    ['DELETE from', 'DELETE FROM salesforce.contacts'],
    ['TRUNCATE', 'TRUNCATE salesforce.contacts'],
    ['INSERT into', `MERGE INTO salesforce.contacts c USING (SELECT '${NEW_ID}' AS id) s ON c.id = s.id WHEN NOT MATCHED THEN INSERT (id, last_name) VALUES (s.id, 'Bypass')`],
    ['DELETE from', 'WITH d AS (DELETE FROM salesforce.contacts RETURNING 1) SELECT count(*) FROM d'],
  ])('cannot %s the mirror: %s', async (what, sql) => {
    const before = await contactCount();
    expect(before).toBeGreaterThan(0);
    const db = await connectDirectly();
    await expect(db.query(sql)).rejects.toMatchObject(refused(what));
    expect(await contactCount()).toBe(before);
  });

  it('cannot change the mirror from a function called in a SELECT', async () => {
    const db = await connectDirectly();
    await db.query(`CREATE OR REPLACE FUNCTION public.sneaky() RETURNS bigint LANGUAGE sql AS $$
      WITH u AS (UPDATE salesforce.contacts SET last_name = 'Bypass' RETURNING 1) SELECT count(*) FROM u $$`);
    await expect(db.query('SELECT public.sneaky()')).rejects.toMatchObject(refused('UPDATE'));
    expect(await h.query(`SELECT 1 FROM salesforce.contacts WHERE last_name = 'Bypass'`)).toEqual([]);
  });

  it('cannot COPY into the mirror (node-postgres: refused before any data is read)', async () => {
    const db = await connectDirectly();
    await expect(db.query('COPY salesforce.contacts (id, last_name) FROM STDIN')).rejects.toMatchObject(refused('INSERT into'));
    // The session is usable afterwards.
    expect((await db.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('cannot COPY into the mirror (psql \\copy with data)', async () => {
    const before = await contactCount();
    const { code, stderr } = await psql(['-v', 'VERBOSITY=verbose', '-c', '\\copy salesforce.contacts (id, last_name) FROM STDIN'], `${NEW_ID}\tBypass\n\\.\n`);
    expect(code).not.toBe(0);
    expect(stderr).toContain('ERROR:  42501: cannot INSERT into salesforce.contacts directly');
    expect(stderr).toContain('DETAIL:  Mirrored tables change only through pgforce, which writes to Salesforce first.');
    expect(stderr).toContain('HINT:  Connect through the pgforce proxy and run the statement there.');
    expect(stderr).toContain('SCHEMA NAME:  salesforce');
    expect(stderr).toContain('TABLE NAME:  contacts');
    expect(await contactCount()).toBe(before);
  });
});

describe('a connection that ran allowMirrorWrites', () => {
  it('can write the mirror, where it could not before', async () => {
    const db = await connectDirectly();
    const insert = `INSERT INTO salesforce.contacts (id, last_name) VALUES ('${NEW_ID}', 'Allowed')`;
    await expect(db.query(insert)).rejects.toMatchObject(refused('INSERT into'));
    await allowMirrorWrites(db);
    await db.query('BEGIN');
    await db.query(insert);
    const updated = await db.query(`UPDATE salesforce.contacts SET last_name = 'Allowed'`);
    expect(updated.rowCount).toBeGreaterThan(1);
    await db.query('TRUNCATE salesforce.contacts');
    await db.query('ROLLBACK');
  });
});

describe('the sync', () => {
  it('keeps mirroring changes made in the org through the guard', async () => {
    expect(await guardTriggers()).toEqual(GUARD_TRIGGERS);
    const sync = h.sync({ ...ONLY_CONTACTS, intervalMs: 50 });
    sync.start();
    const created = await call<{ id: string }>(h.otherSession, 'POST', '/sobjects/Contact', { LastName: 'Guarded' });
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).length === 1, 15_000, 'create mirrored');
    await call(h.otherSession, 'DELETE', `/sobjects/Contact/${created.body.id}`);
    await eventually(async () => (await h.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [created.body.id])).length === 0, 15_000, 'delete mirrored');
  });

  it('guards a table made before the guard existed at its next start', async () => {
    // What an older pgforce left: the catalog and the tables, no guard function, no triggers.
    await h.query('DROP FUNCTION pgforce.refuse_mirror_write() CASCADE');
    expect(await guardTriggers()).toEqual([]);
    const db = await connectDirectly();
    await db.query('BEGIN');
    await db.query(`UPDATE salesforce.contacts SET last_name = 'Unguarded'`);
    await db.query('ROLLBACK');

    await h.sync(ONLY_CONTACTS).runOnce();
    expect(await guardTriggers()).toEqual(GUARD_TRIGGERS);
    await expect(db.query(`UPDATE salesforce.contacts SET last_name = 'Unguarded'`)).rejects.toMatchObject(refused('UPDATE'));
  });
});

async function guardTriggers(): Promise<string[]> {
  const rows = await h.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'salesforce.contacts'::regclass AND NOT tgisinternal ORDER BY tgname`);
  return rows.map((r) => r.tgname);
}

/** psql on this file's database, with `input` on its stdin; resolves with its exit code and stderr. */
function psql(args: string[], input: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('psql', [h.database.url, '-X', '-v', 'ON_ERROR_STOP=1', ...args], (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
    });
    child.stdin?.end(input);
  });
}
