// OAuth 2.0 against `<loginUrl>/services/oauth2/token` with the configured grant, and the
// session the REST calls use. Salesforce tokens carry no lifetime (notes §1.3): the session
// is replaced when a REST call answers 401. Concurrent callers share one login.
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { ResolvedConfig } from './config.js';
import { SalesforceAuthError, SalesforceUnavailableError } from './errors.js';
import { jwtAssertion } from './jwt.js';
import { retrying, type Attempt, type RetryPolicy } from './retry-loop.js';
import { HttpTransport, originOf, TransportError, type Origin } from './transport.js';

const TOKEN_PATH = '/services/oauth2/token';
const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface Session {
  accessToken: string;
  /** Where REST calls go (`instance_url`). */
  instanceUrl: string;
  origin: Origin;
  /** The identity URL `…/id/<orgId>/<userId>`, when the token response has one. */
  identityUrl: string | undefined;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  instance_url: z.string().url(),
  id: z.string().optional(),
  refresh_token: z.string().optional(),
});

const OAuthErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export class Authenticator {
  private current: Promise<Session> | undefined;
  /** The session `current` resolved to; undefined while a login runs. */
  private latest: Session | undefined;
  private refreshToken: string | undefined;
  private readonly loginOrigin: Origin;

  constructor(
    private readonly config: ResolvedConfig,
    private readonly transport: HttpTransport,
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
  ) {
    this.loginOrigin = originOf(config.loginUrl);
    this.refreshToken = config.refreshToken;
  }

  /** The current session, logging in first when there is none. */
  session(): Promise<Session> {
    this.current ??= this.login();
    return this.current;
  }

  /** Replaces `stale` with a new login, unless another caller already started one. */
  renew(stale: Session): Promise<Session> {
    if (this.current && this.latest !== stale) return this.current;
    this.logger.info({ grant: this.config.grant }, 'Salesforce session refused; logging in again');
    return (this.current = this.login());
  }

  private login(): Promise<Session> {
    this.latest = undefined;
    const attempt = this.requestToken().then((session) => {
      if (this.current === attempt) this.latest = session;
      return session;
    });
    // A failed login must not stick: the next call tries again.
    attempt.catch(() => {
      if (this.current === attempt) this.current = undefined;
    });
    return attempt;
  }

  private async requestToken(): Promise<Session> {
    const form = new URLSearchParams(this.grantForm()).toString();
    const request = `POST ${TOKEN_PATH}`;
    const body = await retrying(this.policy, request, async (): Promise<Attempt<unknown>> => {
      let res;
      try {
        res = await this.transport.request({
          origin: this.loginOrigin,
          method: 'POST',
          path: TOKEN_PATH,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
          timeoutMs: this.config.requestTimeoutMs,
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        // Asking for a token twice changes nothing: retry whether or not it was sent.
        const unavailable = new SalesforceUnavailableError({ errorCode: error.code, message: error.message, request, cause: error });
        return { retry: `connection ${error.code}`, error: unavailable };
      }
      const parsed = parseJson(res.body.toString('utf8'));
      if (res.status === 200) return { value: parsed };
      if (res.status === 503 || res.status === 502 || res.status === 504) {
        return { retry: `HTTP ${res.status}`, error: new SalesforceUnavailableError({ status: res.status, errorCode: `ERROR_HTTP_${res.status}`, message: `token endpoint answered ${res.status}`, body: parsed, request }) };
      }
      throw oauthError(res.status, parsed, request);
    });
    const token = TokenResponse.safeParse(body);
    if (!token.success) {
      const message = 'the token endpoint answered without access_token/instance_url';
      throw new SalesforceAuthError({ status: 200, errorCode: 'invalid_token_response', message, body, request, error: 'invalid_token_response', errorDescription: message });
    }
    if (token.data.refresh_token) this.refreshToken = token.data.refresh_token; // rotation
    this.logger.info({ grant: this.config.grant, instanceUrl: token.data.instance_url }, 'logged in to Salesforce');
    return {
      accessToken: token.data.access_token,
      instanceUrl: token.data.instance_url.replace(/\/+$/, ''),
      origin: originOf(token.data.instance_url),
      identityUrl: token.data.id,
    };
  }

  private grantForm(): Record<string, string> {
    const c = this.config;
    const client: Record<string, string> = { client_id: c.clientId };
    if (c.clientSecret) client.client_secret = c.clientSecret;
    switch (c.grant) {
      case 'password':
        return { grant_type: 'password', ...client, username: c.username!, password: c.password! };
      case 'client_credentials':
        return { grant_type: 'client_credentials', ...client };
      case 'refresh_token':
        return { grant_type: 'refresh_token', ...client, refresh_token: this.refreshToken! };
      case 'jwt':
        return {
          grant_type: JWT_GRANT_TYPE,
          assertion: jwtAssertion({ clientId: c.clientId, username: c.username!, loginUrl: c.loginUrl, privateKey: c.privateKey! }),
        };
    }
  }
}

function oauthError(status: number, body: unknown, request: string): SalesforceAuthError {
  const parsed = OAuthErrorBody.safeParse(body);
  const error = parsed.success ? parsed.data.error : `ERROR_HTTP_${status}`;
  const errorDescription = parsed.success ? (parsed.data.error_description ?? '') : typeof body === 'string' ? body.slice(0, 500) : '';
  return new SalesforceAuthError({
    status,
    errorCode: error,
    message: `Salesforce login failed: ${error}${errorDescription ? ` (${errorDescription})` : ''}`,
    body,
    request,
    error,
    errorDescription,
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
