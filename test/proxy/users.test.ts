// Proxy users in the database (pgforce.proxy_users), and `pgforce users` run as a child
// process against the same real database.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ConfigError, databaseUrlFromEnv, userPasswordFromEnv } from '../../src/config.js';
import { ScramClientExchange, ScramServerExchange, parseScramVerifier } from '../../src/proxy/auth/scram.js';
import { md5PasswordHash } from '../../src/proxy/auth/md5.js';
import { ProxyUserError, UserStore } from '../../src/proxy/users.js';
import { startCli } from '../support/cli.js';
import { useTestDatabase } from '../support/postgres.js';

const db = useTestDatabase();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function scramLogin(verifier: string | undefined, name: string, password: string): boolean {
  const client = new ScramClientExchange(name, password);
  const server = new ScramServerExchange(verifier, name);
  const first = server.clientFirst(Buffer.from(client.clientFirst()));
  if (!('serverFirst' in first)) throw new Error(first.error);
  return server.clientFinal(Buffer.from(client.clientFinal(first.serverFirst))).ok;
}

describe('UserStore', () => {
  let store: UserStore;
  beforeAll(async () => {
    store = new UserStore(db.client);
    await store.ensureTable();
  });

  it('creates its table idempotently, also from several connections at once', async () => {
    const clients = [0, 1, 2].map(() => new pg.Client({ connectionString: db.url }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      await db.client.query('DROP TABLE pgforce.proxy_users');
      await Promise.all(clients.map((c) => new UserStore(c).ensureTable()));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const { rows } = await db.client.query(`SELECT to_regclass('pgforce.proxy_users') AS t`);
    expect(rows[0].t).toBe('pgforce.proxy_users');
  });

  it('adds a user with a SCRAM verifier and never the password', async () => {
    await store.add('store_alice', 'wonderland');
    const user = await store.find('store_alice');
    expect(user).toMatchObject({ name: 'store_alice', md5Hash: null, readOnly: false });
    expect(parseScramVerifier(user!.scramVerifier)).toBeDefined();
    const { rows } = await db.client.query(`SELECT * FROM pgforce.proxy_users WHERE name = 'store_alice'`);
    expect(JSON.stringify(rows)).not.toContain('wonderland');
    expect(scramLogin(user!.scramVerifier, 'store_alice', 'wonderland')).toBe(true);
    expect(scramLogin(user!.scramVerifier, 'store_alice', 'wonder')).toBe(false);
  });

  it('stores an md5 hash only when asked, and the read-only flag', async () => {
    await store.add('store_bob', 'builder', { md5: true, readOnly: true });
    expect(await store.find('store_bob')).toMatchObject({ md5Hash: md5PasswordHash('store_bob', 'builder'), readOnly: true });
  });

  it('refuses a second user of the same name', async () => {
    await store.add('store_carol', 'one');
    await expect(store.add('store_carol', 'two')).rejects.toMatchObject({ code: 'exists', message: 'proxy user "store_carol" already exists' });
    expect(scramLogin((await store.find('store_carol'))!.scramVerifier, 'store_carol', 'one')).toBe(true);
  });

  it.each([
    ['', 'invalid_name'],
    ['x'.repeat(64), 'invalid_name'],
    ['é'.repeat(32), 'invalid_name'], // 64 bytes
    ['tab\tname', 'invalid_name'],
  ])('refuses the name %j', async (name, code) => {
    await expect(store.add(name, 'pw')).rejects.toMatchObject({ code });
  });

  it('accepts a 63-byte name, refuses an empty password', async () => {
    await store.add('x'.repeat(63), 'pw');
    expect(await store.find('x'.repeat(63))).toBeDefined();
    const error = await store.add('store_empty', '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyUserError);
    expect(error).toMatchObject({ code: 'invalid_password' });
  });

  it('changes a password (keeping md5 in step) and the read-only flag', async () => {
    await store.add('store_dave', 'old', { md5: true });
    expect(await store.setPassword('store_dave', 'new')).toBe(true);
    const user = await store.find('store_dave');
    expect(scramLogin(user!.scramVerifier, 'store_dave', 'new')).toBe(true);
    expect(user!.md5Hash).toBe(md5PasswordHash('store_dave', 'new'));
    expect(await store.setPassword('store_dave', 'newer', { md5: false })).toBe(true);
    expect((await store.find('store_dave'))!.md5Hash).toBeNull();
    expect(await store.setReadOnly('store_dave', true)).toBe(true);
    expect((await store.find('store_dave'))!.readOnly).toBe(true);
    expect(await store.setPassword('store_nobody', 'x')).toBe(false);
    expect(await store.setReadOnly('store_nobody', true)).toBe(false);
  });

  it('removes and lists users', async () => {
    await store.add('store_erin', 'pw', { readOnly: true, md5: true });
    const listed = (await store.list()).find((u) => u.name === 'store_erin');
    expect(listed).toEqual({ name: 'store_erin', readOnly: true, md5: true, createdAt: expect.any(Date) });
    expect(await store.remove('store_erin')).toBe(true);
    expect(await store.remove('store_erin')).toBe(false);
    expect(await store.find('store_erin')).toBeUndefined();
  });
});

/** `pgforce users …` with stdin piped (startCli gives the child no stdin). */
function runWithStdin(args: string[], stdin: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const run = startCli(['users', ...args], { DATABASE_URL: db.url, PGFORCE_USER_PASSWORD: '', ...env });
  const code = await run.exited;
  return { code, output: run.output() };
}

describe('pgforce users', () => {
  it('adds a user from PGFORCE_USER_PASSWORD, lists it, removes it', async () => {
    const added = await cli(['add', 'cli_frank', '--read-only'], { PGFORCE_USER_PASSWORD: 'frankly' });
    expect(added).toEqual({ code: 0, output: expect.stringContaining('added proxy user "cli_frank" (read-only)') });
    const user = await new UserStore(db.client).find('cli_frank');
    expect(user?.readOnly).toBe(true);
    expect(scramLogin(user!.scramVerifier, 'cli_frank', 'frankly')).toBe(true);

    const listed = await cli(['list']);
    expect(listed.code).toBe(0);
    expect(listed.output).toMatch(/^name\s+access\s+md5\s+created$/m);
    expect(listed.output).toMatch(/^cli_frank\s+read-only\s+no\s+\d{4}-/m);
    expect(listed.output).not.toContain('SCRAM');

    expect(await cli(['remove', 'cli_frank'])).toEqual({ code: 0, output: expect.stringContaining('removed proxy user "cli_frank"') });
    expect(await cli(['remove', 'cli_frank'])).toEqual({ code: 1, output: expect.stringContaining('no proxy user "cli_frank"') });
  });

  it('reads the password from stdin with --password-stdin (without the final newline)', async () => {
    const result = await runWithStdin(['users', 'add', 'cli_grace', '--md5', '--password-stdin'], 'hopper pw\n', { DATABASE_URL: db.url });
    expect(result).toEqual({ code: 0, output: expect.stringContaining('added proxy user "cli_grace" (md5 allowed)') });
    const user = await new UserStore(db.client).find('cli_grace');
    expect(user?.md5Hash).toBe(md5PasswordHash('cli_grace', 'hopper pw'));
    expect(scramLogin(user!.scramVerifier, 'cli_grace', 'hopper pw')).toBe(true);
  });

  it('fails (exit 1) when the user exists', async () => {
    expect((await cli(['add', 'cli_heidi'], { PGFORCE_USER_PASSWORD: 'a' })).code).toBe(0);
    expect(await cli(['add', 'cli_heidi'], { PGFORCE_USER_PASSWORD: 'b' })).toEqual({ code: 1, output: expect.stringContaining('already exists') });
  });

  it.each([
    [[], /a subcommand is needed/],
    [['frobnicate'], /unknown subcommand 'frobnicate'/],
    [['add'], /exactly one user NAME/],
    [['add', 'a', 'b'], /exactly one user NAME/],
    [['add', 'cli_ivan', '--password', 'secret'], /Unknown option '--password'/],
    [['remove', 'x', '--read-only'], /Unknown option '--read-only'/],
    [['list', 'extra'], /takes no arguments/],
    [['add', 'x'.repeat(64)], /1 to 63 bytes/],
  ])('usage error (exit 2): %j', async (args, message) => {
    const result = await cli(args as string[], { PGFORCE_USER_PASSWORD: 'pw' });
    expect(result.code).toBe(2);
    expect(result.output).toMatch(message);
  });

  it('without a password source and no terminal: exit 2 naming the ways to give one', async () => {
    const result = await cli(['add', 'cli_judy']); // PGFORCE_USER_PASSWORD empty: unset
    expect(result).toEqual({ code: 2, output: expect.stringContaining('--password-stdin') });
  });

  it('an empty password from stdin is a usage error', async () => {
    expect(await runWithStdin(['users', 'add', 'cli_kim', '--password-stdin'], '\n', { DATABASE_URL: db.url })).toEqual({ code: 2, output: expect.stringContaining('must not be empty') });
  });

  it('an unreachable database: exit 1 with the reason', async () => {
    const result = await cli(['list'], { DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/cannot connect to the database: .*ECONNREFUSED/);
  });
});

describe('databaseUrlFromEnv / userPasswordFromEnv', () => {
  it('takes DATABASE_URL, else databaseUrl of the PGFORCE_CONFIG file, else nothing (PG* variables)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgforce-users-config-'));
    try {
      const file = join(dir, 'pgforce.json');
      writeFileSync(file, JSON.stringify({ databaseUrl: 'postgres://from-file/db', salesforce: {} }));
      expect(databaseUrlFromEnv({ DATABASE_URL: 'postgres://env/db', PGFORCE_CONFIG: file })).toBe('postgres://env/db');
      expect(databaseUrlFromEnv({ PGFORCE_CONFIG: file })).toBe('postgres://from-file/db');
      expect(databaseUrlFromEnv({ PGHOST: 'x' })).toBeUndefined();
      expect(() => databaseUrlFromEnv({ PGFORCE_CONFIG: join(dir, 'missing.json') })).toThrow(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(userPasswordFromEnv({ PGFORCE_USER_PASSWORD: 'pw' })).toBe('pw');
    expect(userPasswordFromEnv({ PGFORCE_USER_PASSWORD: '' })).toBeUndefined();
  });
});
