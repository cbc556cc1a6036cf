// Configuration: DESIGN.md's environment variables, a JSON file, and clear failures.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, loadConfig, loadProxySettings, postgresTarget } from '../src/config.js';

const ENV = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  SALESFORCE_URL: 'http://127.0.0.1:7480',
  SALESFORCE_CLIENT_ID: 'pgforce-demo',
  SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret',
  SALESFORCE_USERNAME: 'demo@pgforce.dev',
  SALESFORCE_PASSWORD: 'demo',
};

/** The configuration files' directories, removed after the file's tests. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function file(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgforce-config-'));
  made.push(dir);
  const path = join(dir, 'pgforce.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('configuration', () => {
  it('reads the environment variables of DESIGN.md with defaults', () => {
    const config = loadConfig({ env: ENV });
    expect(config.databaseUrl).toBe(ENV.DATABASE_URL);
    expect(config.salesforce).toMatchObject({ loginUrl: ENV.SALESFORCE_URL, clientId: 'pgforce-demo', username: 'demo@pgforce.dev', apiVersion: '62.0' });
    expect(config.sync).toMatchObject({ objects: [...DEFAULTS.objects], intervalMs: 1000, customObjects: true });
  });

  it('reads a file, and the environment overrides it', () => {
    const path = file({ salesforce: { loginUrl: 'https://login.salesforce.com', clientId: 'x', clientSecret: 'y' }, sync: { objects: ['Contact'], intervalMs: 5000, renames: { Contact: { Email: 'email_address' } } } });
    const config = loadConfig({ file: path, env: { SALESFORCE_CLIENT_ID: 'from-env' } });
    expect(config.salesforce.clientId).toBe('from-env');
    expect(config.sync.objects).toEqual(['Contact']);
    expect(config.sync.renames).toEqual({ Contact: { Email: 'email_address' } });
  });

  it.each([
    [{ ...ENV, SALESFORCE_URL: 'not a url' }, /salesforce\.loginUrl/],
    [{ ...ENV, SALESFORCE_CLIENT_ID: undefined }, /salesforce\.clientId/],
    [{ ...ENV, SALESFORCE_CLIENT_SECRET: undefined, SALESFORCE_PASSWORD: undefined }, /needs credentials/],
    [{ ...ENV, PGFORCE_SYNC_INTERVAL_MS: 'soon' }, /sync\.intervalMs/],
  ])('fails clearly on bad settings (%#)', (env, message) => {
    expect(() => loadConfig({ env })).toThrow(ConfigError);
    expect(() => loadConfig({ env })).toThrow(message);
  });

  it('names the bad keys of a file', () => {
    expect(() => loadConfig({ file: file({ salesforce: { loginUrl: 'http://x', clientId: 'a', clientSecret: 'b' }, sync: { intervalMs: -1, objects: [], bogus: 1 } }), env: {} })).toThrow(/sync\.intervalMs[\s\S]*sync\.objects|sync: Unrecognized key/);
    expect(() => loadConfig({ file: file('{nope'), env: {} })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ file: '/nonexistent/pgforce.json', env: {} })).toThrow(/cannot read/);
  });
});

describe('proxy configuration', () => {
  it('has the defaults of docs/configuration.md', () => {
    expect(loadConfig({ env: ENV }).proxy).toEqual({
      host: '127.0.0.1', port: 7432, authMethod: 'scram-sha-256', allowlist: [], maxClientConnections: 1000,
      maxMessageSize: 256 * 1024 * 1024, startupTimeoutMs: 60_000, mirrorRefreshMs: 10_000, wireTrace: false,
    });
  });

  it('reads PGFORCE_* variables, typed, over the file', () => {
    const path = file({ salesforce: { loginUrl: 'http://x', clientId: 'a', clientSecret: 'b' }, proxy: { port: 6000, maxClientConnections: 10, tls: { certFile: '/a.pem', keyFile: '/a.key' } } });
    const config = loadConfig({
      file: path,
      env: { PGFORCE_PORT: '6543', PGFORCE_ALLOWLIST: '10.0.0.0/8, ::1/128 192.168.1.7', PGFORCE_WIRE_TRACE: 'true', PGFORCE_AUTH_METHOD: 'md5', PGFORCE_TLS_KEY_FILE: '/b.key' },
    });
    expect(config.proxy).toMatchObject({
      port: 6543, maxClientConnections: 10, allowlist: ['10.0.0.0/8', '::1/128', '192.168.1.7'], wireTrace: true, authMethod: 'md5',
      tls: { certFile: '/a.pem', keyFile: '/b.key' },
    });
  });

  it.each([
    [{ PGFORCE_PORT: 'seventy' }, /proxy\.port \(PGFORCE_PORT\)/],
    [{ PGFORCE_PORT: '70000' }, /proxy\.port \(PGFORCE_PORT\)/],
    [{ PGFORCE_ALLOWLIST: '10.0.0.0/33' }, /proxy\.allowlist \(PGFORCE_ALLOWLIST\): invalid allowlist entry "10\.0\.0\.0\/33"/],
    [{ PGFORCE_AUTH_METHOD: 'trust' }, /proxy\.authMethod \(PGFORCE_AUTH_METHOD\)/],
    [{ PGFORCE_WIRE_TRACE: 'maybe' }, /proxy\.wireTrace \(PGFORCE_WIRE_TRACE\)/],
    [{ PGFORCE_TLS_CERT_FILE: '/only-a-cert.pem' }, /proxy\.tls\.keyFile/],
    [{ PGFORCE_MAX_MESSAGE_SIZE: '12' }, /proxy\.maxMessageSize \(PGFORCE_MAX_MESSAGE_SIZE\)/],
  ])('fails at start naming the setting and its variable (%#)', (env, message) => {
    expect(() => loadConfig({ env: { ...ENV, ...env } })).toThrow(message);
    expect(() => loadProxySettings(env)).toThrow(message);
  });

  it('refuses unknown keys and a proxy section that is not an object', () => {
    const sf = { loginUrl: 'http://x', clientId: 'a', clientSecret: 'b' };
    expect(() => loadConfig({ file: file({ salesforce: sf, proxy: { prot: 7432 } }), env: {} })).toThrow(/proxy: Unrecognized key.*prot/);
    expect(() => loadConfig({ file: file({ salesforce: sf, proxy: 7432 }), env: { PGFORCE_PORT: '1' } })).toThrow(/proxy: /);
  });

  it('loadProxySettings reads the proxy section of PGFORCE_CONFIG and the environment only', () => {
    const path = file({ proxy: { port: 6000, allowlist: ['127.0.0.1'] } });
    expect(loadProxySettings({ PGFORCE_CONFIG: path, PGFORCE_PORT: '6001' })).toMatchObject({ port: 6001, allowlist: ['127.0.0.1'] });
    expect(loadProxySettings({})).toMatchObject({ port: 7432 });
  });
});

describe('postgresTarget', () => {
  it('takes a URL apart', () => {
    expect(postgresTarget('postgres://app:s%40cret@db.internal:6432/crm', {})).toEqual({ host: 'db.internal', port: 6432, user: 'app', password: 's@cret', database: 'crm' });
  });

  it('takes a Unix socket directory from the host parameter', () => {
    expect(postgresTarget('postgres://app@/crm?host=/var/run/postgresql', {})).toMatchObject({ host: '/var/run/postgresql', port: 5432, database: 'crm' });
  });

  it("falls back to libpq's PG* variables, then libpq's defaults", () => {
    expect(postgresTarget(undefined, { PGHOST: 'h', PGPORT: '5433', PGUSER: 'u', PGPASSWORD: 'p', PGDATABASE: 'd' })).toEqual({ host: 'h', port: 5433, user: 'u', password: 'p', database: 'd' });
    expect(postgresTarget(undefined, { USER: 'me' })).toEqual({ host: 'localhost', port: 5432, user: 'me', database: 'me' });
  });

  it('refuses a port that is not one', () => {
    expect(() => postgresTarget('postgres://h:99999/x', {})).toThrow(ConfigError);
  });
});
