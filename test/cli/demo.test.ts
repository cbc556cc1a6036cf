// `pgforce demo` (npm start) from the outside, as a newcomer meets it: one command, then psql
// on the printed URL reads the mirror and writes Salesforce, a change in the emulator reaches
// the mirror, the client role cannot see pgforce's own tables, and Ctrl-C stops everything.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { startCli } from '../support/cli.js';
import { call, login } from '../support/salesforce-http.js';

const run = promisify(execFile);

describe('pgforce demo', () => {
  it('serves the demo org through psql on the printed URL and stops cleanly on SIGINT', async () => {
    const cli = startCli(['demo', '--port', '0', '--emulator-port', '0'], {});
    let url: string | undefined;
    let emulatorUrl: string | undefined;
    try {
      await expect.poll(() => (url = /psql (postgres:\/\/demo:demo@127\.0\.0\.1:\d+\/demo)/.exec(cli.output())?.[1]), { timeout: 60_000 }).toBeDefined();
      emulatorUrl = /emulator behind it: (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
      expect(emulatorUrl).toBeDefined();
      const psql = async (sql: string): Promise<string> => (await run('psql', [url!, '-XAtc', sql])).stdout.trim();

      expect(Number(await psql('SELECT count(*) FROM salesforce.contacts'))).toBeGreaterThan(10);
      expect(await psql('SELECT current_user')).toBe('pgforce_client');
      await expect(psql('SELECT * FROM pgforce.proxy_users')).rejects.toMatchObject({ stderr: expect.stringContaining('permission denied for schema pgforce') });
      // Writes reach Salesforce through the restricted role; the role itself cannot write the mirror.
      const created = await psql(`INSERT INTO salesforce.contacts (last_name, email) VALUES ('Demo', 'demo@example.com')`);
      expect(created).toMatch(/^003\w{15}\nINSERT 0 1$/);
      await expect(psql(`UPDATE salesforce.contacts SET email = 'nope' WHERE last_name = 'Demo'`)).rejects.toMatchObject({
        stderr: expect.stringContaining('DETAIL:  Key (email)=(nope) is not a valid email address.'),
      });

      // Someone edits the org: the sync brings it to the mirror.
      const session = await login(emulatorUrl!);
      const { body } = await call<{ records: Array<{ Id: string }> }>(session, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Contact LIMIT 1')}`);
      const id = body.records[0]!.Id;
      expect((await call(session, 'PATCH', `/sobjects/Contact/${id}`, { Title: 'Mentat' })).status).toBe(204);
      await expect.poll(() => psql(`SELECT title FROM salesforce.contacts WHERE id = '${id}'`), { timeout: 15_000 }).toBe('Mentat');
    } finally {
      cli.child.kill('SIGINT');
    }
    expect(await cli.exited, cli.output()).toBe(0);
    expect(cli.output()).toContain('stopping');
    const client = new pg.Client({ connectionString: url });
    await expect(client.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  }, 90_000);

  it('refuses a bad --port with exit code 2', async () => {
    const cli = startCli(['demo', '--port', 'eighty'], {});
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/--port must be a port number/);
  });
});
