// Emulator-only token handling: refresh tokens handed out by `/__emulator/refresh-tokens`
// (standing in for the browser flow) and short token lifetimes.
import { describe, expect, it } from 'vitest';
import { identityOf, loginAs } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, OTHER_CREDENTIALS, call, formPost } from '../../support/salesforce-http.js';
import { sleep } from '../contract/sf-helpers.js';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

async function issueRefreshToken(url: string, username: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/__emulator/refresh-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('refresh tokens', () => {
  const emulator = useEmulator({ seed: 'none' });
  const tokenUrl = () => `${emulator.current.url}/services/oauth2/token`;
  const { client_id, client_secret } = DEMO_CREDENTIALS;

  it('exchanges an issued refresh token for an access token of that user', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'demo@pgforce.dev');
    expect(issued.status).toBe(200);
    expect(typeof issued.body.refresh_token).toBe('string');
    const res = await formPost(tokenUrl(), { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token), client_id, client_secret });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', instance_url: emulator.current.url });
    expect(String(res.body.issued_at)).toMatch(/^\d{13}$/);
    expect(res.body).not.toHaveProperty('expires_in');
    const password = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect(identityOf(String(res.body.id))).toEqual({ orgId: password.orgId, userId: password.userId });
    expect(String(res.body.access_token).startsWith(`${password.orgId.slice(0, 15)}!`)).toBe(true);
    const limits = await call({ ...password, accessToken: String(res.body.access_token) }, 'GET', '/limits');
    expect(limits.status).toBe(200);
  });

  it('can be used again for a new access token', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'demo@pgforce.dev');
    const form = { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token), client_id, client_secret };
    expect((await formPost(tokenUrl(), form)).status).toBe(200);
    expect((await formPost(tokenUrl(), form)).status).toBe(200);
  });

  it('issues refresh tokens for the other user too', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'other@pgforce.dev');
    const res = await formPost(tokenUrl(), { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token), client_id, client_secret });
    expect(res.status).toBe(200);
    const other = await loginAs(emulator.current.url, { ...OTHER_CREDENTIALS });
    expect(identityOf(String(res.body.id)).userId).toBe(other.userId);
  });

  it('refuses a bad refresh token with invalid_grant expired access/refresh token', async () => {
    const res = await formPost(tokenUrl(), { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id, client_secret });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('refuses a refresh with a wrong client secret with invalid_client', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'demo@pgforce.dev');
    const res = await formPost(tokenUrl(), { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token), client_id, client_secret: 'wrong' });
    expect([400, 401]).toContain(res.status);
    expect(res.body.error).toBe('invalid_client');
  });

  it('refuses to issue a refresh token for an unknown user', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'nobody@pgforce.dev');
    expect(issued.status).toBeGreaterThanOrEqual(400);
  });

  it('keeps refresh tokens working after access tokens are expired', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'demo@pgforce.dev');
    emulator.current.expireTokens();
    const res = await formPost(tokenUrl(), { grant_type: 'refresh_token', refresh_token: String(issued.body.refresh_token), client_id, client_secret });
    expect(res.status).toBe(200);
  });
});

describe('token lifetime', () => {
  const emulator = useEmulator({ seed: 'none', tokenLifetimeSeconds: 1 });

  it('answers 401 INVALID_SESSION_ID once a token outlives tokenLifetimeSeconds', async () => {
    const s = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
    await sleep(1200);
    const res = await call(s, 'GET', '/limits');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID_SESSION);
    const fresh = await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS });
    expect((await call(fresh, 'GET', '/limits')).status).toBe(200);
  });

  it('lets a refresh token mint a new short-lived token after expiry', async () => {
    const issued = await issueRefreshToken(emulator.current.url, 'demo@pgforce.dev');
    await sleep(1200);
    const res = await formPost(`${emulator.current.url}/services/oauth2/token`, {
      grant_type: 'refresh_token',
      refresh_token: String(issued.body.refresh_token),
      client_id: DEMO_CREDENTIALS.client_id,
      client_secret: DEMO_CREDENTIALS.client_secret,
    });
    expect(res.status).toBe(200);
    const s = { ...(await loginAs(emulator.current.url, { ...DEMO_CREDENTIALS })), accessToken: String(res.body.access_token) };
    expect((await call(s, 'GET', '/limits')).status).toBe(200);
  });
});
