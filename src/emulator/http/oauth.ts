// The OAuth 2.0 token endpoint (`POST /services/oauth2/token`): password, client
// credentials, refresh token and JWT bearer grants, with Salesforce's response and error
// shapes (salesforce-api-notes §1).
import { createHmac, createPublicKey, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import type { Org, OrgUser } from '../org.js';
import type { TokenStore } from '../auth/tokens.js';

/** The connected app of DESIGN.md. */
export const DEMO_CLIENT = { id: 'pgforce-demo', secret: 'pgforce-demo-secret' } as const;

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const JWT_MAX_LIFETIME_S = 180;
const JWT_AUDIENCES = ['https://login.salesforce.com', 'https://test.salesforce.com'];

export interface OAuthResult {
  status: number;
  body: Record<string, string>;
}

export class OAuthEndpoint {
  private readonly jwtKey: KeyObject | undefined;

  constructor(
    private readonly org: Org,
    private readonly tokens: TokenStore,
    private readonly baseUrl: () => string,
    jwtPublicKey: string | undefined,
  ) {
    this.jwtKey = jwtPublicKey ? loadPublicKey(jwtPublicKey) : undefined;
  }

  token(form: URLSearchParams, basicAuth: string | undefined): OAuthResult {
    const grant = form.get('grant_type');
    const client = clientCredentials(form, basicAuth);
    switch (grant) {
      case 'password':
        return this.passwordGrant(form, client);
      case 'client_credentials':
        return this.checkClient(client, true) ?? this.success(this.org.users[0]!);
      case 'refresh_token':
        return this.refreshGrant(form, client);
      case JWT_GRANT:
        return this.jwtGrant(form.get('assertion') ?? '');
      default:
        return oauthError('unsupported_grant_type', 'grant type not supported');
    }
  }

  private passwordGrant(form: URLSearchParams, client: Client): OAuthResult {
    const bad = this.checkClient(client, true);
    if (bad) return bad;
    const user = this.org.userByName(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) return oauthError('invalid_grant', 'authentication failure');
    return this.success(user);
  }

  private refreshGrant(form: URLSearchParams, client: Client): OAuthResult {
    const bad = this.checkClient(client, client.secret !== undefined);
    if (bad) return bad;
    const userId = this.tokens.userOfRefresh(form.get('refresh_token') ?? '');
    const user = userId ? this.org.userById(userId) : undefined;
    if (!user) return oauthError('invalid_grant', 'expired access/refresh token');
    return this.success(user);
  }

  private jwtGrant(assertion: string): OAuthResult {
    const claims = this.verifyJwt(assertion);
    if (typeof claims === 'string') return oauthError('invalid_grant', claims);
    if (claims.iss !== DEMO_CLIENT.id) return oauthError('invalid_client_id', 'client identifier invalid');
    const user = this.org.userByName(String(claims.sub ?? claims.prn ?? ''));
    if (!user) return oauthError('invalid_grant', "user hasn't approved this consumer");
    return this.success(user);
  }

  /** The claims of a valid assertion, or the error description. */
  private verifyJwt(assertion: string): Record<string, unknown> | string {
    const parts = assertion.split('.');
    if (parts.length !== 3 || !this.jwtKey) return 'invalid assertion';
    const [head, payload, signature] = parts as [string, string, string];
    const header = decodeJson(head);
    const claims = decodeJson(payload);
    if (!header || !claims || header.alg !== 'RS256') return 'invalid assertion';
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${head}.${payload}`);
    if (!verifier.verify(this.jwtKey, Buffer.from(signature, 'base64url'))) return 'invalid assertion';
    const audiences = [...JWT_AUDIENCES, this.baseUrl()];
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => audiences.includes(String(a).replace(/\/$/, '')))) return 'audience is invalid';
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now) return 'expired authorization code';
    if (claims.exp > now + JWT_MAX_LIFETIME_S + 5) return 'invalid assertion';
    return claims;
  }

  private checkClient(client: Client, secretRequired: boolean): OAuthResult | undefined {
    if (client.id !== DEMO_CLIENT.id) return oauthError('invalid_client_id', 'client identifier invalid');
    if (secretRequired && client.secret !== DEMO_CLIENT.secret) return oauthError('invalid_client', 'invalid client credentials');
    return undefined;
  }

  private success(user: OrgUser): OAuthResult {
    const base = this.baseUrl();
    const id = `${base}/id/${this.org.id}/${user.id}`;
    const issuedAt = String(Date.now());
    return {
      status: 200,
      body: {
        access_token: this.tokens.issueAccess(user.id),
        instance_url: base,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
        signature: createHmac('sha256', DEMO_CLIENT.secret).update(id + issuedAt).digest('base64'),
        scope: 'api',
      },
    };
  }
}

interface Client {
  id: string | undefined;
  secret: string | undefined;
}

function clientCredentials(form: URLSearchParams, basicAuth: string | undefined): Client {
  if (basicAuth?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(basicAuth.slice(6), 'base64').toString().split(':');
    return { id, secret };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

function oauthError(error: string, description: string): OAuthResult {
  return { status: 400, body: { error, error_description: description } };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString());
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A PEM public key or X.509 certificate (what a connected app is configured with). */
function loadPublicKey(pem: string): KeyObject {
  return pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
}
