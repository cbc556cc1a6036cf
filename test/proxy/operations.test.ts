// Operations: structured session logs without values, the wire trace, the Unix socket, an
// upstream that goes away, a misconfigured upstream login, and shutdown.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { startProxy } from '../../src/proxy/index.js';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, upstreamOf, useProxy } from '../support/proxy.js';

const run = promisify(execFile);
const db = useTestDatabase();
const lines: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
const socketDir = mkdtempSync(join(tmpdir(), 'pgforce-sock-'));
afterAll(() => rmSync(socketDir, { recursive: true, force: true }));
const traced = useProxy(db, { logger, wireTrace: true, unixSocketDir: socketDir });
const plain = useProxy(db);

describe('logs', () => {
  it('logs session open and close with duration and bytes, and the wire trace, never values', async () => {
    const client = new pg.Client({ connectionString: traced.url() });
    await client.connect();
    await client.query(`SELECT $1::text AS secret_value`, ['hunter2-parameter']);
    await client.query(`SELECT 'literal-in-sql' AS x`);
    await client.end();
    await expect.poll(() => lines.some((l) => l.msg === 'session close')).toBe(true);
    const open = lines.find((l) => l.msg === 'session open');
    const close = lines.find((l) => l.msg === 'session close');
    expect(open).toMatchObject({ user: ALICE.user, session: expect.any(Number) });
    expect(close).toMatchObject({ durationMs: expect.any(Number), bytesFromClient: expect.any(Number), bytesToClient: expect.any(Number) });
    expect(lines.filter((l) => l.msg === 'wire').map((l) => l.type)).toEqual(expect.arrayContaining(['P', 'B', 'E', 'S', 'Q', 'T', 'D', 'Z']));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('hunter2-parameter');
    expect(text).not.toContain('literal-in-sql');
  });
});

describe('Unix socket', () => {
  it('psql connects through <dir>/.s.PGSQL.<port>', async () => {
    expect(traced.proxy.unixSocketPath).toBe(join(socketDir, `.s.PGSQL.${traced.port}`));
    const { stdout } = await run('psql', ['-XAt', '-h', socketDir, '-p', String(traced.port), '-U', ALICE.user, '-d', traced.database, '-c', 'SELECT 11'], {
      env: { ...process.env, PGPASSWORD: ALICE.password },
    });
    expect(stdout.trim()).toBe('11');
  });

  it('reaches the mirror database through its Unix socket when the upstream host is a directory', async () => {
    const proxy = await startProxy({ port: 0, upstream: { ...upstreamOf(db.url), host: inject('postgresSocketDir') }, users: plain.users, mirrorRefreshMs: 0 });
    try {
      const client = new pg.Client({ host: '127.0.0.1', port: proxy.port, user: ALICE.user, password: ALICE.password, database: plain.database });
      await client.connect();
      const { rows } = await client.query<{ unix: boolean }>('SELECT inet_client_addr() IS NULL AS unix');
      await client.end();
      expect(rows[0]!.unix).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('upstream failures', () => {
  it('relays the upstream FATAL when its backend is terminated, then closes the client', async () => {
    const client = await plain.connect();
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    await db.client.query('SELECT pg_terminate_backend($1)', [(rows[0] as { pid: number }).pid]);
    await ended;
    expect(errors[0]).toMatchObject({ code: '57P01' });
  });

  it('tells the client the mirror database is unreachable when the proxy cannot log in', async () => {
    const proxy = await startProxy({ port: 0, upstream: { ...upstreamOf(db.url), password: 'wrong' }, users: plain.users, mirrorRefreshMs: 0 }).catch((e: unknown) => e);
    // The catalog connection already fails at start: a misconfigured proxy does not start.
    expect(proxy).toMatchObject({ code: '28P01' });
  });

  it('ends sessions with 57P01 when the proxy shuts down', async () => {
    const proxy = await startProxy({ port: 0, upstream: upstreamOf(db.url), users: plain.users, mirrorRefreshMs: 0 });
    const client = new pg.Client({ connectionString: `postgres://${ALICE.user}:${ALICE.password}@127.0.0.1:${proxy.port}/${plain.database}` });
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    await client.connect();
    await proxy.close();
    await expect.poll(() => errors[0]).toMatchObject({ code: '57P01', message: 'terminating connection because pgforce is shutting down' });
  });
});
