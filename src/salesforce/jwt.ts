// The JWT bearer assertion (notes §1.2): RS256 over `{"alg":"RS256"}` and the claims iss
// (consumer key), sub (username), aud (login host) and exp (three minutes ahead).
import { createSign } from 'node:crypto';

const LIFETIME_S = 180;
const SALESFORCE_AUDIENCES = new Set(['login.salesforce.com', 'test.salesforce.com']);

export interface JwtInput {
  clientId: string;
  username: string;
  loginUrl: string;
  /** PEM. */
  privateKey: string;
  nowMs?: number;
}

/** `https://login.salesforce.com` / `https://test.salesforce.com` for those hosts, else the login URL itself. */
export function audienceFor(loginUrl: string): string {
  const url = new URL(loginUrl);
  return SALESFORCE_AUDIENCES.has(url.hostname) ? `https://${url.hostname}` : loginUrl.replace(/\/+$/, '');
}

export function jwtAssertion(input: JwtInput): string {
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const claims = base64url(
    JSON.stringify({
      iss: input.clientId,
      sub: input.username,
      aud: audienceFor(input.loginUrl),
      exp: Math.floor((input.nowMs ?? Date.now()) / 1000) + LIFETIME_S,
    }),
  );
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  return `${header}.${claims}.${signer.sign(input.privateKey).toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
