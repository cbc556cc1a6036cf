// search_path tracking against a server that does not report search_path changes
// (PostgreSQL 15, from the Debian package when present): after a statement mentions
// search_path, the proxy reads it again with its own SHOW search_path before classifying the
// next statement, and the client never sees that query.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../src/embedded/free-port.js';
import { ensureCatalog } from '../../src/mirror/catalog.js';
import { startProxy, type RunningProxy } from '../../src/proxy/index.js';
import { UserStore } from '../../src/proxy/users.js';
import { ALICE } from '../support/proxy.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
const available = existsSync(join(BIN, 'postgres'));
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

let dir: string | undefined;
let server: ChildProcess | undefined;
let proxy: RunningProxy | undefined;
let admin: pg.Client | undefined;
let port = 0;

beforeAll(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), 'pgforce-pg15-'));
  await chmod(dir, 0o777);
  port = await freePort();
  const [initdb, initArgs] = asPostgres(join(BIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-N']);
  await run(initdb, initArgs);
  const [postgres, args] = asPostgres(join(BIN, 'postgres'), ['-D', join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  server = spawn(postgres, args, { stdio: 'ignore' });
  admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  for (let i = 0; ; i++) {
    try {
      await admin.connect();
      break;
    } catch (e) {
      if (i > 50) throw e;
      admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await ensureCatalog(admin);
  await admin.query(`CREATE TABLE salesforce.contacts (id text PRIMARY KEY); CREATE TABLE public.contacts (id int)`);
  await admin.query(`INSERT INTO pgforce.mirror_tables (table_name, sobject) VALUES ('contacts', 'Contact')`);
  const users = new UserStore(admin);
  await users.ensureTable();
  await users.add(ALICE.user, ALICE.password);
  proxy = await startProxy({ port: 0, upstream: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' }, users, mirrorRefreshMs: 0 });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await admin?.end();
  if (server && dir) {
    const [pgCtl, args] = asPostgres(join(BIN, 'pg_ctl'), ['-D', join(dir, 'data'), 'stop', '-m', 'immediate']);
    await run(pgCtl, args).catch(() => server?.kill('SIGKILL'));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('search_path on PostgreSQL 15 (not reported by the server)', () => {
  it('re-reads search_path before classifying unqualified names', async () => {
    const client = new pg.Client({ connectionString: `postgres://${ALICE.user}:${ALICE.password}@127.0.0.1:${proxy!.port}/postgres` });
    await client.connect();
    try {
      expect((await client.query('SHOW server_version_num')).rows[0]).toMatchObject({ server_version_num: expect.stringMatching(/^15/) });
      await client.query('INSERT INTO contacts VALUES (1)');
      await client.query('SET search_path = salesforce, public');
      await expect(client.query(`INSERT INTO contacts VALUES ('x')`)).rejects.toMatchObject({ code: '0A000' });
      await expect(client.query(`INSERT INTO contacts VALUES ($1)`, ['x'])).rejects.toMatchObject({ code: '0A000' });
      await client.query(`SELECT set_config('search_path', 'public', false)`);
      await client.query('INSERT INTO contacts VALUES (2)');
      await client.query('INSERT INTO contacts VALUES ($1)', [3]);
      expect((await client.query('SELECT count(*)::int AS n FROM public.contacts')).rows).toEqual([{ n: 3 }]);
      // The proxy's own SHOW never reaches the client: results line up with the queries.
      expect((await client.query('SELECT 5 AS five')).rows).toEqual([{ five: 5 }]);
    } finally {
      await client.end();
    }
  });
});
