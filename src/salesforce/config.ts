// What the Salesforce client needs to know: the login URL, the connected app and one set of
// credentials. Checked once when the client is built, so a missing secret fails at start-up
// rather than at the first query.

export type Grant = 'password' | 'client_credentials' | 'refresh_token' | 'jwt';

export interface SalesforceConfig {
  /** `https://login.salesforce.com`, `https://test.salesforce.com`, a My Domain URL, or the emulator. */
  loginUrl: string;
  /** The connected app's consumer key. */
  clientId: string;
  clientSecret?: string;
  username?: string;
  /** Password, followed by the security token when the org asks for one. */
  password?: string;
  /** PEM private key; the JWT bearer grant is used when set (with `username`). */
  privateKey?: string;
  /** The refresh_token grant is used when set. */
  refreshToken?: string;
  /** Default: derived from what is set (privateKey → jwt, refreshToken → refresh_token, password → password, else client_credentials). */
  grant?: Grant;
  /** Default '62.0'. */
  apiVersion?: string;
  /** Per HTTP request, from sending to the last byte of the answer. Default 120000. */
  requestTimeoutMs?: number;
  /** Retries of a retryable failure (503, lock, connection refused …). Default 5. */
  maxRetries?: number;
}

export const DEFAULTS = {
  apiVersion: '62.0',
  requestTimeoutMs: 120_000,
  maxRetries: 5,
} as const;

/** A config with defaults filled in and the grant chosen. */
export interface ResolvedConfig extends SalesforceConfig {
  loginUrl: string;
  grant: Grant;
  apiVersion: string;
  requestTimeoutMs: number;
  maxRetries: number;
}

export function resolveConfig(config: SalesforceConfig): ResolvedConfig {
  const loginUrl = config.loginUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(loginUrl)) throw new TypeError(`Salesforce loginUrl must be an http(s) URL, got ${JSON.stringify(config.loginUrl)}`);
  if (!config.clientId) throw new TypeError('Salesforce clientId is required');
  const grant = config.grant ?? deriveGrant(config);
  const missing = requiredFor(grant).filter((key) => !config[key]);
  if (missing.length) throw new TypeError(`Salesforce ${grant} grant needs ${missing.join(', ')}`);
  const apiVersion = config.apiVersion ?? DEFAULTS.apiVersion;
  if (!/^\d+\.\d$/.test(apiVersion)) throw new TypeError(`Salesforce apiVersion must look like '62.0', got ${JSON.stringify(apiVersion)}`);
  return {
    ...config,
    loginUrl,
    grant,
    apiVersion,
    requestTimeoutMs: positive(config.requestTimeoutMs, DEFAULTS.requestTimeoutMs, 'requestTimeoutMs'),
    maxRetries: nonNegative(config.maxRetries, DEFAULTS.maxRetries, 'maxRetries'),
  };
}

function deriveGrant(config: SalesforceConfig): Grant {
  if (config.privateKey) return 'jwt';
  if (config.refreshToken) return 'refresh_token';
  if (config.password) return 'password';
  return 'client_credentials';
}

function requiredFor(grant: Grant): Array<keyof SalesforceConfig> {
  switch (grant) {
    case 'password':
      return ['clientSecret', 'username', 'password'];
    case 'client_credentials':
      return ['clientSecret'];
    case 'refresh_token':
      return ['refreshToken'];
    case 'jwt':
      return ['privateKey', 'username'];
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`Salesforce ${name} must be a positive number`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`Salesforce ${name} must be a non-negative integer`);
  return value;
}
