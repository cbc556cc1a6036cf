// Who may connect: SCRAM success and failure, md5, cleartext only over TLS, TLS with psql
// (sslmode=require and verify-full), the IP allowlist, and the connection limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { Allowlist } from '../../src/proxy/allowlist.js';
import { useTestDatabase } from '../support/postgres.js';
import { ALICE, useProxy } from '../support/proxy.js';
import { errorFields, readUntilClosed } from './raw-client.js';

const run = promisify(execFile);
const db = useTestDatabase();

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
function makeCertificates(): { dir: string; ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pgforce-tls-'));
  return { dir, ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}
const certs = makeCertificates();
const tlsReady = (async () => {
  const ssl = (args: string[]) => run('openssl', args, { cwd: certs.dir });
  await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=pgforce test CA']);
  await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(certs.dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.ext']);
  return { cert: readFileSync(certs.cert), key: readFileSync(certs.key) };
})();
let tls: { cert: Buffer; key: Buffer } | undefined;
beforeAll(async () => {
  tls = await tlsReady;
});
afterAll(() => rmSync(certs.dir, { recursive: true, force: true }));

const scram = useProxy(db);
const withTls = useProxy(db, () => ({ tls, authMethod: 'password' }));
const md5 = useProxy(db, { authMethod: 'md5' });
const cleartextNoTls = useProxy(db, { authMethod: 'password' });
const allowlisted = useProxy(db, { allowlist: new Allowlist(['10.0.0.0/8', '2001:db8::/32']) });
const limited = useProxy(db, { maxClientConnections: 2, startupTimeoutMs: 300 });

const psql = (url: string, sql: string) => run('psql', [url, '-XAtc', sql], { env: { ...process.env, PGCONNECT_TIMEOUT: '5' } });

describe('authentication', () => {
  it('accepts SCRAM-SHA-256 with the right password', async () => {
    const client = await scram.connect();
    expect((await client.query('SELECT current_database() AS d')).rows).toEqual([{ d: scram.database }]);
  });

  it('refuses a wrong password and an unknown user identically with 28P01', async () => {
    for (const credentials of [{ user: ALICE.user, password: 'wrong' }, { user: 'nobody', password: 'wrong' }]) {
      const client = new pg.Client({ connectionString: scram.url(credentials) });
      await expect(client.connect()).rejects.toMatchObject({
        code: '28P01', message: `password authentication failed for user "${credentials.user}"`, severity: 'FATAL',
      });
    }
  });

  it('accepts md5 when configured, for a user with an md5 hash', async () => {
    const client = await md5.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await expect(new pg.Client({ connectionString: md5.url({ user: 'alice', password: 'bad' }) }).connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('refuses cleartext passwords without TLS', async () => {
    await expect(new pg.Client({ connectionString: cleartextNoTls.url() }).connect()).rejects.toMatchObject({ code: '28000', message: 'pgforce accepts cleartext passwords only over TLS' });
  });
});

describe('TLS', () => {
  it('psql sslmode=require works (and cleartext auth over it)', async () => {
    const { stdout } = await psql(withTls.url(ALICE, 'sslmode=require'), 'SELECT 7');
    expect(stdout.trim()).toBe('7');
  });

  it('psql sslmode=verify-full works against our CA', async () => {
    const { stdout } = await psql(withTls.url(ALICE, `sslmode=verify-full&sslrootcert=${encodeURIComponent(certs.ca)}`), 'SELECT 8');
    expect(stdout.trim()).toBe('8');
  });

  it('node-postgres over TLS', async () => {
    const client = new pg.Client({ connectionString: withTls.url(), ssl: { ca: readFileSync(certs.ca) } });
    await client.connect();
    expect((await client.query('SELECT 9 AS n')).rows).toEqual([{ n: 9 }]);
    await client.end();
  });

  it('without a certificate the proxy answers N and psql sslmode=require fails', async () => {
    await expect(psql(scram.url(ALICE, 'sslmode=require'), 'SELECT 1')).rejects.toMatchObject({ stderr: expect.stringMatching(/server does not support SSL/) });
  });
});

describe('allowlist', () => {
  it('refuses a client outside the allowlist before authentication, saying why', async () => {
    await expect(new pg.Client({ connectionString: allowlisted.url() }).connect()).rejects.toMatchObject({
      code: '28000', severity: 'FATAL', message: 'no pgforce allowlist entry for host "127.0.0.1"',
    });
  });
});

describe('limits', () => {
  it('refuses connections beyond maxClientConnections with 53300', async () => {
    await limited.connect();
    await limited.connect();
    await expect(new pg.Client({ connectionString: limited.url() }).connect()).rejects.toMatchObject({ code: '53300', message: 'sorry, too many clients already' });
  });

  it('ends a connection that does not complete startup in time', async () => {
    const socket = connect(limited.port, '127.0.0.1');
    const fields = errorFields(await readUntilClosed(socket));
    expect(fields.get('C')).toBe('08P01');
    expect(fields.get('M')).toMatch(/within 300 ms/);
  });
});
