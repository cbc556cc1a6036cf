// Configuration: DESIGN.md's environment variables, a JSON file, and clear failures.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS, loadConfig } from '../../src/config.js';

const ENV = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  SALESFORCE_URL: 'http://127.0.0.1:7480',
  SALESFORCE_CLIENT_ID: 'pgforce-demo',
  SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret',
  SALESFORCE_USERNAME: 'demo@pgforce.dev',
  SALESFORCE_PASSWORD: 'demo',
};

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pgforce-config-')), 'pgforce.json');
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
