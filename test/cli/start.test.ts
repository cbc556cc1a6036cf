// `pgforce start`: the sync and the proxy in one process, configured by DESIGN.md's
// environment variables, serving the mirror to a client of the proxy's user store.
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { startCli, type CliProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { useTestDatabase } from '../support/postgres.js';
import { DEMO_CREDENTIALS } from '../support/salesforce-http.js';
import { UserStore } from '../../src/proxy/users.js';

const db = useTestDatabase();
const emulator = useEmulator();

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db.url,
    SALESFORCE_URL: emulator.current.url,
    SALESFORCE_CLIENT_ID: DEMO_CREDENTIALS.client_id,
    SALESFORCE_CLIENT_SECRET: DEMO_CREDENTIALS.client_secret,
    SALESFORCE_USERNAME: DEMO_CREDENTIALS.username,
    SALESFORCE_PASSWORD: DEMO_CREDENTIALS.password,
    PGFORCE_PORT: '0',
    ...extra,
  };
}

async function listeningPort(cli: CliProcess): Promise<number> {
  let port: string | undefined;
  await expect.poll(() => (port = /pgforce listening on [^"]*:(\d+)/.exec(cli.output())?.[1]), { timeout: 20_000 }).toBeDefined();
  return Number(port);
}

describe('pgforce start', () => {
  it('serves the mirror the sync fills, carries writes to Salesforce, and stops on SIGTERM', async () => {
    await new UserStore(db.client).ensureTable();
    await new UserStore(db.client).add('app', 'app-secret');
    const cli = startCli(['start'], env({ PGFORCE_SYNC_INTERVAL_MS: '200' }));
    try {
      const port = await listeningPort(cli);
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'app', password: 'app-secret', database: new URL(db.url).pathname.slice(1) });
      await client.connect();
      try {
        const count = async (): Promise<number> =>
          client.query<{ n: number }>('SELECT count(*)::int AS n FROM salesforce.contacts').then((r) => r.rows[0]!.n, () => 0);
        await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(0);
        const { rows } = await client.query(`INSERT INTO salesforce.contacts (last_name) VALUES ('Started')`);
        expect(rows[0].changed_ids).toMatch(/^003/);
        expect((await client.query('SELECT last_name FROM salesforce.contacts WHERE id = $1', [rows[0].changed_ids])).rows).toEqual([{ last_name: 'Started' }]);
        await expect(client.query(`INSERT INTO salesforce.contacts (id, last_name) VALUES ('003000000000001AAA', 'x')`)).rejects.toMatchObject({ code: '428C9' });
      } finally {
        await client.end();
      }
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited, cli.output()).toBe(0);
  }, 60_000);

  it.each([
    [{ PGFORCE_ALLOWLIST: '10.0.0.0/8,bogus' }, /proxy\.allowlist \(PGFORCE_ALLOWLIST\): invalid allowlist entry "bogus"/],
    [{ PGFORCE_PORT: 'x' }, /proxy\.port \(PGFORCE_PORT\)/],
    [{ SALESFORCE_URL: 'nowhere' }, /salesforce\.loginUrl \(SALESFORCE_URL\)/],
  ])('fails at start with exit code 2 and a message naming the setting (%#)', async (extra, message) => {
    const cli = startCli(['start'], env(extra));
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(message);
  });

  it('fails with exit code 1 when a TLS file cannot be read', async () => {
    const cli = startCli(['start'], env({ PGFORCE_TLS_CERT_FILE: '/nonexistent/cert.pem', PGFORCE_TLS_KEY_FILE: '/nonexistent/key.pem' }));
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/proxy\.tls\.certFile: cannot read \/nonexistent\/cert\.pem/);
  });
});
