// JWT bearer flow (salesforce-api-notes §1.2): an RS256 assertion with iss = client id,
// sub = username, aud = the login URL, exp within 3 minutes, checked against the key
// configured with `EmulatorOptions.jwtPublicKey` (a PEM public key or an X.509 certificate).
// Emulator only: a real org would need its connected app's private key.
import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityOf, isRealOrg, loginAs, type Credentials } from '../../support/contract-target.js';
import { useEmulator } from '../../support/emulator.js';
import { DEMO_CREDENTIALS, call, formPost } from '../../support/salesforce-http.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, privateKey: KeyObject): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe.skipIf(isRealOrg)('JWT bearer grant with a PEM public key', () => {
  const emulator = useEmulator({ seed: 'demo', jwtPublicKey: publicKeyPem });

  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { iss: DEMO_CREDENTIALS.client_id, sub: DEMO_CREDENTIALS.username, aud: emulator.current.url, exp: nowSeconds() + 120, ...overrides };
  }

  function exchange(assertion: string) {
    return formPost(`${emulator.current.url}/services/oauth2/token`, { grant_type: JWT_GRANT, assertion });
  }

  it('exchanges a valid assertion for a token of the named user', async () => {
    const res = await exchange(signJwt(claims(), keys.privateKey));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
    expect(res.body.instance_url).toBe(emulator.current.url);
    expect(res.body).not.toHaveProperty('refresh_token');
    expect(res.body).not.toHaveProperty('expires_in');
    const password = await loginAs(emulator.current.url, DEMO_CREDENTIALS as Credentials);
    expect(identityOf(String(res.body.id))).toEqual({ orgId: password.orgId, userId: password.userId });
    expect(String(res.body.access_token).startsWith(`${password.orgId.slice(0, 15)}!`)).toBe(true);
    const limits = await call({ ...password, accessToken: String(res.body.access_token) }, 'GET', '/limits');
    expect(limits.status).toBe(200);
  });

  it('accepts https://login.salesforce.com as the audience', async () => {
    const res = await exchange(signJwt(claims({ aud: 'https://login.salesforce.com' }), keys.privateKey));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('logs in the other user when sub names them', async () => {
    const res = await exchange(signJwt(claims({ sub: 'other@pgforce.dev' }), keys.privateKey));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const demo = await loginAs(emulator.current.url, DEMO_CREDENTIALS as Credentials);
    expect(identityOf(String(res.body.id)).userId).not.toBe(demo.userId);
  });

  it('refuses an assertion signed with another key with invalid_grant', async () => {
    const res = await exchange(signJwt(claims(), strangerKeys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an assertion whose signature was tampered with', async () => {
    const good = signJwt(claims(), keys.privateKey);
    const [header, , signature] = good.split('.');
    const forgedPayload = base64url(JSON.stringify(claims({ sub: 'other@pgforce.dev' })));
    const res = await exchange(`${header}.${forgedPayload}.${signature}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an expired assertion with invalid_grant', async () => {
    const res = await exchange(signJwt(claims({ exp: nowSeconds() - 60 }), keys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an assertion valid for longer than three minutes with invalid_grant', async () => {
    const res = await exchange(signJwt(claims({ exp: nowSeconds() + 3600 }), keys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an unknown user with invalid_grant', async () => {
    const res = await exchange(signJwt(claims({ sub: 'nobody@pgforce.dev' }), keys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses a foreign audience with invalid_grant', async () => {
    const res = await exchange(signJwt(claims({ aud: 'https://example.com' }), keys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an unknown issuer (client id) with invalid_client_id', async () => {
    const res = await exchange(signJwt(claims({ iss: 'no-such-connected-app' }), keys.privateKey));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_client_id');
  });

  it('refuses an assertion that is not a JWT with invalid_grant', async () => {
    const res = await exchange('not.a.jwt');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });
});

function selfSignedCertificate(privateKeyPem: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'pgforce-jwt-'));
  try {
    writeFileSync(join(dir, 'key.pem'), privateKeyPem);
    execFileSync('openssl', ['req', '-x509', '-new', '-key', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=pgforce-test'], { stdio: 'ignore' });
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const certKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const certificate = selfSignedCertificate(certKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

describe.skipIf(isRealOrg || certificate === undefined)('JWT bearer grant with an X.509 certificate', () => {
  const emulator = useEmulator({ seed: 'demo', jwtPublicKey: certificate ?? '' });

  it('accepts an assertion signed with the certificate key and refuses another key', async () => {
    const claims = { iss: DEMO_CREDENTIALS.client_id, sub: DEMO_CREDENTIALS.username, aud: emulator.current.url, exp: nowSeconds() + 120 };
    const url = `${emulator.current.url}/services/oauth2/token`;
    const good = await formPost(url, { grant_type: JWT_GRANT, assertion: signJwt(claims, certKeys.privateKey) });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    const bad = await formPost(url, { grant_type: JWT_GRANT, assertion: signJwt(claims, strangerKeys.privateKey) });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_grant');
  });
});
