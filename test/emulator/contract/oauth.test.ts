// OAuth 2.0 token endpoint and session handling (salesforce-api-notes §1).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityOf, isRealOrg, useContractTarget } from '../../support/contract-target.js';
import { call, formPost } from '../../support/salesforce-http.js';
import { expectSalesforceId } from './sf-helpers.js';

const target = useContractTarget();

function tokenUrl(): string {
  return `${target.loginUrl}/services/oauth2/token`;
}

describe('password grant', () => {
  it('returns a Salesforce-shaped token response without expires_in or refresh_token', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body;
    expect(body.token_type).toBe('Bearer');
    expect(body).not.toHaveProperty('expires_in');
    expect(body).not.toHaveProperty('refresh_token');
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.signature).toBe('string');
    expect(String(body.issued_at)).toMatch(/^\d{13}$/);
    expect(typeof body.issued_at).toBe('string');
    expect(Math.abs(Number(body.issued_at) - Date.now())).toBeLessThan(5 * 60_000);
    const id = String(body.id);
    expect(id).toMatch(/^https?:\/\/[^/]+\/id\/00D[a-zA-Z0-9]{15}\/005[a-zA-Z0-9]{15}$/);
    const { orgId, userId } = identityOf(id);
    expectSalesforceId(orgId, '00D');
    expectSalesforceId(userId, '005');
    expect(String(body.access_token).startsWith(`${orgId.slice(0, 15)}!`)).toBe(true);
  });

  it.skipIf(isRealOrg)('gives the emulator url as instance_url and as the identity host', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials });
    expect(res.status).toBe(200);
    expect(res.body.instance_url).toBe(target.emulator.url);
    expect(String(res.body.id).startsWith(`${target.emulator.url}/id/`)).toBe(true);
  });

  it('signs the response with HMAC-SHA256 of id + issued_at keyed by the client secret', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials });
    expect(res.status).toBe(200);
    const expected = createHmac('sha256', target.credentials.client_secret)
      .update(String(res.body.id) + String(res.body.issued_at))
      .digest('base64');
    expect(res.body.signature).toBe(expected);
  });

  it('issues a token the REST API accepts', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials });
    const session = { accessToken: String(res.body.access_token), instanceUrl: String(res.body.instance_url), dataPath: (await target.session()).dataPath };
    const limits = await call(session, 'GET', '/limits');
    expect(limits.status).toBe(200);
  });

  it('refuses a wrong password with invalid_grant authentication failure', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials, password: 'definitely-wrong' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
    expect(String(res.body.error_description)).toMatch(/^authentication failure/);
  });

  it('refuses an unknown username with invalid_grant authentication failure', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials, username: 'nobody-at-all@pgforce.invalid' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
    expect(String(res.body.error_description)).toMatch(/^authentication failure/);
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials, client_secret: 'wrong-secret' });
    expect([400, 401]).toContain(res.status);
    expect(res.body.error).toBe('invalid_client');
    expect(typeof res.body.error_description).toBe('string');
  });

  it('refuses an unknown client id with invalid_client_id', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials, client_id: 'no-such-connected-app' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client_id');
    expect(typeof res.body.error_description).toBe('string');
  });

  it('refuses an unknown grant_type with unsupported_grant_type', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'magic', ...target.credentials });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsupported_grant_type');
  });
});

describe('client credentials grant', () => {
  it.skipIf(isRealOrg)('runs as the demo user', async () => {
    const { client_id, client_secret } = target.credentials;
    const res = await formPost(tokenUrl(), { grant_type: 'client_credentials', client_id, client_secret });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body).not.toHaveProperty('refresh_token');
    expect(res.body).not.toHaveProperty('expires_in');
    expect(res.body.instance_url).toBe(target.emulator.url);
    const demo = await target.session();
    expect(identityOf(String(res.body.id))).toEqual({ orgId: demo.orgId, userId: demo.userId });
    const session = { ...demo, accessToken: String(res.body.access_token) };
    expect((await call(session, 'GET', '/limits')).status).toBe(200);
  });

  it.skipIf(isRealOrg)('accepts the client id and secret in an HTTP Basic header', async () => {
    const { client_id, client_secret } = target.credentials;
    const res = await fetch(tokenUrl(), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(identityOf(String(body.id)).userId).toBe((await target.session()).userId);
  });

  it.skipIf(isRealOrg)('refuses a wrong client secret with invalid_client', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'client_credentials', client_id: target.credentials.client_id, client_secret: 'nope' });
    expect([400, 401]).toContain(res.status);
    expect(res.body.error).toBe('invalid_client');
  });
});

describe('sessions', () => {
  const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

  it('answers a garbage token with 401 INVALID_SESSION_ID', async () => {
    const session = { ...(await target.session()), accessToken: 'garbage-token' };
    const res = await call(session, 'GET', '/sobjects/Contact/describe');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID_SESSION);
  });

  it('answers a token of the right shape but unknown value with 401 INVALID_SESSION_ID', async () => {
    const real = await target.session();
    const forged = `${real.orgId.slice(0, 15)}!AQ8AQForgedTokenValueThatWasNeverIssued`;
    const res = await call({ ...real, accessToken: forged }, 'GET', '/limits');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID_SESSION);
  });

  it('answers a REST call without Authorization header with 401 INVALID_SESSION_ID', async () => {
    const s = await target.session();
    const res = await fetch(`${s.instanceUrl}${s.dataPath}/limits`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(INVALID_SESSION);
  });

  it('keeps sessions independent: a second login does not end the first', async () => {
    const first = await target.session();
    const res = await formPost(tokenUrl(), { grant_type: 'password', ...target.credentials });
    expect(res.status).toBe(200);
    expect((await call(first, 'GET', '/limits')).status).toBe(200);
  });
});
