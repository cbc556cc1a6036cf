// OAuth: the four grants against the emulator, refused credentials, and what happens when a
// session stops working (one new login and one repeat, never a loop).
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { SalesforceAuthError, SalesforceClient } from '../../src/salesforce/index.js';
import { audienceFor } from '../../src/salesforce/jwt.js';
import { captureLog, demoConfig, flushLog, useClients } from './support.js';
import { startScriptedServer, TOKEN_OK, type ScriptedServer } from './scripted-server.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

const emulator = useEmulator({ seed: 'demo', jwtPublicKey: publicKey });
const client = useClients();

/** The client can query and read limits: it holds a working session. */
async function works(c: SalesforceClient): Promise<boolean> {
  const first = await c.query('SELECT Id FROM Contact LIMIT 1')[Symbol.asyncIterator]().next();
  expect(first.value?.records).toHaveLength(1);
  expect((await c.limits()).DailyApiRequests?.Max).toBeGreaterThan(0);
  return true;
}

describe('grants', () => {
  it('password', async () => {
    const c = client(demoConfig(emulator.current.url));
    await c.login();
    expect(await c.instanceUrl()).toBe(emulator.current.url);
    const demoUser = emulator.current.org.userByName('demo@pgforce.dev')!;
    expect(await c.identity()).toEqual({ orgId: emulator.current.org.id, userId: demoUser.id });
    expect(await works(c)).toBe(true);
  });

  it('client_credentials (id and secret only)', async () => {
    const c = client({ loginUrl: emulator.current.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret' });
    expect(await works(c)).toBe(true);
  });

  it('refresh_token, minted by the emulator for the demo user', async () => {
    const res = await fetch(`${emulator.current.url}/__emulator/refresh-tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo@pgforce.dev' }),
    });
    const { refresh_token } = (await res.json()) as { refresh_token: string };
    const c = client({ loginUrl: emulator.current.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret', refreshToken: refresh_token });
    expect(await works(c)).toBe(true);
  });

  it('JWT bearer, signed with a key generated here', async () => {
    const c = client({ loginUrl: emulator.current.url, clientId: 'pgforce-demo', username: 'demo@pgforce.dev', privateKey });
    expect(await works(c)).toBe(true);
  });

  it('JWT audience: Salesforce login hosts by name, anything else as given', () => {
    expect(audienceFor('https://login.salesforce.com/')).toBe('https://login.salesforce.com');
    expect(audienceFor('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(audienceFor('https://acme.my.salesforce.com/')).toBe('https://acme.my.salesforce.com');
    expect(audienceFor('http://127.0.0.1:7480')).toBe('http://127.0.0.1:7480');
  });

  it('JWT signed with another key is refused as invalid_grant', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const c = client({ loginUrl: emulator.current.url, clientId: 'pgforce-demo', username: 'demo@pgforce.dev', privateKey: other.privateKey });
    const error = await c.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(error).toMatchObject({ error: 'invalid_grant', errorDescription: 'invalid assertion', kind: 'auth' });
  });

  it('an explicit grant wins over what is set, and a missing credential fails at construction', () => {
    expect(() => new SalesforceClient({ loginUrl: 'https://login.salesforce.com', clientId: 'x', grant: 'jwt', password: 'p' })).toThrow(/jwt grant needs privateKey, username/);
    expect(() => new SalesforceClient({ loginUrl: 'nope', clientId: 'x', clientSecret: 's' })).toThrow(/loginUrl/);
  });
});

describe('refused credentials', () => {
  it('a wrong password is a SalesforceAuthError with OAuth error and description', async () => {
    const c = client(demoConfig(emulator.current.url, { password: 'wrong' }));
    const error = await c.login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(error).toMatchObject({ error: 'invalid_grant', errorDescription: 'authentication failure', status: 400, sqlstate: '28000' });
  });

  it('an unknown client id and a wrong secret say so', async () => {
    const unknown = await client(demoConfig(emulator.current.url, { clientId: 'nobody' })).login().catch((e: unknown) => e);
    expect(unknown).toMatchObject({ error: 'invalid_client_id' });
    const secret = await client(demoConfig(emulator.current.url, { clientSecret: 'nope' })).login().catch((e: unknown) => e);
    expect(secret).toMatchObject({ error: 'invalid_client' });
  });

  it('a failed login is not remembered: the next call tries again', async () => {
    const log = captureLog();
    const c = client(demoConfig(emulator.current.url, { password: 'wrong' }), { logger: log.logger });
    await expect(c.login()).rejects.toBeInstanceOf(SalesforceAuthError);
    await expect(c.limits()).rejects.toBeInstanceOf(SalesforceAuthError);
  });
});

describe('expired sessions', () => {
  it('after the emulator expires every token, the next call logs in once more and succeeds', async () => {
    const log = captureLog();
    const c = client(demoConfig(emulator.current.url), { logger: log.logger });
    await c.limits();
    emulator.current.expireTokens();
    expect((await c.limits()).DailyApiRequests).toBeDefined();
    await flushLog();
    expect(log.messages().filter((m) => m === 'logged in to Salesforce')).toHaveLength(2);
    expect(log.messages()).toContain('Salesforce session refused; logging in again');
  });

  it('concurrent calls on an expired session share one new login', async () => {
    const log = captureLog();
    const c = client(demoConfig(emulator.current.url), { logger: log.logger });
    await c.limits();
    emulator.current.expireTokens();
    await Promise.all(Array.from({ length: 8 }, () => c.limits()));
    await flushLog();
    expect(log.messages().filter((m) => m === 'logged in to Salesforce')).toHaveLength(2);
  });

  describe('with tokens that live one second', () => {
    const shortLived = useEmulator({ seed: 'demo', tokenLifetimeSeconds: 1 });
    it('a call after the token died succeeds after one new login', async () => {
      const log = captureLog();
      const c = client(demoConfig(shortLived.current.url), { logger: log.logger });
      await c.limits();
      await new Promise((r) => setTimeout(r, 1100));
      await c.limits();
      await flushLog();
      expect(log.messages().filter((m) => m === 'logged in to Salesforce')).toHaveLength(2);
    });
  });
});

describe('a session refused even after a new login (scripted server)', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  it('a second 401 is an error: two logins, two calls, no loop', async () => {
    server.tokenRequests = 0;
    server.restRequests = [];
    server.tokenAnswers = [TOKEN_OK];
    server.restAnswers = [{ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] }];
    const c = client(demoConfig(server.url));
    const error = await c.limits().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(error).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID', error: 'INVALID_SESSION_ID', errorDescription: 'Session expired or invalid' });
    expect(server.tokenRequests).toBe(2);
    expect(server.restRequests).toHaveLength(2);
  });

  it('a new login that is refused ends the call: one repeat of the login, no more', async () => {
    server.tokenRequests = 0;
    server.restRequests = [];
    server.tokenAnswers = [TOKEN_OK, { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } }];
    server.restAnswers = [{ status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] }];
    const c = client(demoConfig(server.url));
    const error = await c.limits().catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'invalid_grant', errorDescription: 'expired access/refresh token' });
    expect(server.tokenRequests).toBe(2);
    expect(server.restRequests).toHaveLength(1);
  });
});
