// pgforce's configuration: one strict schema, one defaults table, read from a JSON file
// and/or the environment. The only module that reads process.env. Bad configuration fails
// at start with a message naming the setting.
import { readFileSync } from 'node:fs';
import { parse as parseConnectionString } from 'pg-connection-string';
import { z } from 'zod';
import { Allowlist } from './proxy/allowlist.js';
import { PROXY_DEFAULTS } from './proxy/options.js';

export const DEFAULTS = {
  apiVersion: '62.0',
  syncIntervalMs: 1000,
  apiBudgetShare: 0.5,
  bulkThreshold: 200_000,
  overlapMs: 60_000,
  describeIntervalMs: 60_000,
  deletedCheckIntervalMs: 300_000,
  leaderRetryMs: 2000,
  objects: ['Account', 'Contact', 'Lead', 'Opportunity', 'User'],
} as const;

const salesforceSchema = z.strictObject({
  loginUrl: z.url({ error: 'must be a URL such as https://login.salesforce.com' }),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  privateKeyFile: z.string().min(1).optional(),
  refreshToken: z.string().min(1).optional(),
  apiVersion: z.string().regex(/^\d{2}\.0$/, 'must look like 62.0').default(DEFAULTS.apiVersion),
});

const syncSchema = z.strictObject({
  /** sObjects to mirror; every custom object is added unless `customObjects` is false. */
  objects: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be sObject API names')).min(1).default([...DEFAULTS.objects]),
  customObjects: z.boolean().default(true),
  /** `{"Contact": {"Email": "email_address"}}`: column names that differ from the naming rule. */
  renames: z.record(z.string(), z.record(z.string(), z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier'))).default({}),
  intervalMs: z.int().min(50).max(3_600_000).default(DEFAULTS.syncIntervalMs),
  /** Share of the org's daily API allocation the sync may use (0..1]. */
  apiBudgetShare: z.number().gt(0).max(1).default(DEFAULTS.apiBudgetShare),
  /** Objects with more records than this are backfilled through Bulk API 2.0. */
  bulkThreshold: z.int().min(0).default(DEFAULTS.bulkThreshold),
  overlapMs: z.int().min(0).max(3_600_000).default(DEFAULTS.overlapMs),
  describeIntervalMs: z.int().min(100).default(DEFAULTS.describeIntervalMs),
  deletedCheckIntervalMs: z.int().min(1000).default(DEFAULTS.deletedCheckIntervalMs),
  leaderRetryMs: z.int().min(50).default(DEFAULTS.leaderRetryMs),
});

const cidrList = z.array(z.string()).superRefine((entries, ctx) => {
  try {
    new Allowlist(entries);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

// The proxy's defaults live beside startProxy (PROXY_DEFAULTS), which applies them to library callers too.
const proxySchema = z.strictObject({
  host: z.string().min(1).default(PROXY_DEFAULTS.host),
  port: z.int().min(0).max(65535).default(PROXY_DEFAULTS.port),
  /** Also listen on `<dir>/.s.PGSQL.<port>`. */
  unixSocketDir: z.string().min(1).optional(),
  /** The database name clients ask for; default: the mirror database's name. */
  database: z.string().min(1).optional(),
  /** The Postgres the client sessions run on, with the proxy's own credentials; default: databaseUrl. */
  upstreamUrl: z.string().min(1).optional(),
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  authMethod: z.enum(['scram-sha-256', 'md5', 'password']).default(PROXY_DEFAULTS.authMethod),
  /** CIDR entries (IPv4 and IPv6); empty: every address may connect. */
  allowlist: cidrList.default([]),
  maxClientConnections: z.int().min(1).max(1_000_000).default(PROXY_DEFAULTS.maxClientConnections),
  maxMessageSize: z.int().min(1024).max(1024 ** 3).default(PROXY_DEFAULTS.maxMessageSize),
  startupTimeoutMs: z.int().min(100).default(PROXY_DEFAULTS.startupTimeoutMs),
  mirrorRefreshMs: z.int().min(0).default(PROXY_DEFAULTS.mirrorRefreshMs),
  /** Log every message's type and length (never contents) at trace level. */
  wireTrace: z.boolean().default(false),
});

const configSchema = z.strictObject({
  /** The Postgres holding the mirror; absent: libpq PG* variables. */
  databaseUrl: z.string().min(1).optional(),
  salesforce: salesforceSchema,
  sync: syncSchema.default(syncSchema.parse({})),
  proxy: proxySchema.default(proxySchema.parse({})),
});

export type Config = z.infer<typeof configSchema>;
export type SalesforceSettings = Config['salesforce'];
export type SyncSettings = Config['sync'];
export type ProxySettings = Config['proxy'];

export class ConfigError extends Error {}

/**
 * The configuration from an optional JSON file, overridden by environment variables
 * (DESIGN.md names them). Throws ConfigError with every problem listed.
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PGFORCE_CONFIG;
  const fromFile = file ? readJson(file) : {};
  const config = parseOrThrow(configSchema, mergeEnv(fromFile, env), file);
  checkCredentials(config.salesforce);
  return config;
}

/**
 * The proxy settings alone, for commands that bring their own database and org
 * (`pgforce demo`): the `proxy` section of the `PGFORCE_CONFIG` file and the PGFORCE_* variables.
 */
export function loadProxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const file = env.PGFORCE_CONFIG;
  const fromFile = file ? readJson(file) : {};
  return parseOrThrow(proxySchema, mergeProxyEnv(fromFile.proxy, env), file, 'proxy');
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, file: string | undefined, prefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const path = [...(prefix ? [prefix] : []), ...i.path].join('.');
    const variable = ENV_OF_PATH.get(path);
    return `  ${path || '(root)'}${variable ? ` (${variable})` : ''}: ${i.message}`;
  });
  throw new ConfigError(`invalid configuration${file ? ` (${file} and environment)` : ' (environment)'}:\n${lines.join('\n')}`);
}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the configuration file ${file}: ${(error as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`the configuration file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const SALESFORCE_ENV: Record<string, keyof SalesforceSettings> = {
  SALESFORCE_URL: 'loginUrl',
  SALESFORCE_CLIENT_ID: 'clientId',
  SALESFORCE_CLIENT_SECRET: 'clientSecret',
  SALESFORCE_USERNAME: 'username',
  SALESFORCE_PASSWORD: 'password',
  SALESFORCE_PRIVATE_KEY_FILE: 'privateKeyFile',
  SALESFORCE_REFRESH_TOKEN: 'refreshToken',
  SALESFORCE_API_VERSION: 'apiVersion',
};

/** Proxy settings from the environment; values are converted to the schema's types, or left as text for it to refuse. */
const PROXY_ENV: Record<string, { key: keyof ProxySettings; type: 'string' | 'number' | 'boolean' | 'list' }> = {
  PGFORCE_HOST: { key: 'host', type: 'string' },
  PGFORCE_PORT: { key: 'port', type: 'number' },
  PGFORCE_UNIX_SOCKET_DIR: { key: 'unixSocketDir', type: 'string' },
  PGFORCE_DATABASE: { key: 'database', type: 'string' },
  PGFORCE_UPSTREAM_URL: { key: 'upstreamUrl', type: 'string' },
  PGFORCE_AUTH_METHOD: { key: 'authMethod', type: 'string' },
  PGFORCE_ALLOWLIST: { key: 'allowlist', type: 'list' },
  PGFORCE_MAX_CLIENT_CONNECTIONS: { key: 'maxClientConnections', type: 'number' },
  PGFORCE_MAX_MESSAGE_SIZE: { key: 'maxMessageSize', type: 'number' },
  PGFORCE_STARTUP_TIMEOUT_MS: { key: 'startupTimeoutMs', type: 'number' },
  PGFORCE_WIRE_TRACE: { key: 'wireTrace', type: 'boolean' },
};

/** Configuration paths set by an environment variable, to name the variable in errors. */
const ENV_OF_PATH = new Map<string, string>([
  ['databaseUrl', 'DATABASE_URL'],
  ['sync.intervalMs', 'PGFORCE_SYNC_INTERVAL_MS'],
  ['proxy.tls.certFile', 'PGFORCE_TLS_CERT_FILE'],
  ['proxy.tls.keyFile', 'PGFORCE_TLS_KEY_FILE'],
  ...Object.entries(SALESFORCE_ENV).map(([name, key]): [string, string] => [`salesforce.${key}`, name]),
  ...Object.entries(PROXY_ENV).map(([name, { key }]): [string, string] => [`proxy.${key}`, name]),
]);

function mergeEnv(file: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = { ...file };
  if (env.DATABASE_URL) out.databaseUrl = env.DATABASE_URL;
  const salesforce: Record<string, unknown> = { ...(file.salesforce as Record<string, unknown> | undefined) };
  for (const [name, key] of Object.entries(SALESFORCE_ENV)) if (env[name] !== undefined) salesforce[key] = env[name];
  out.salesforce = salesforce;
  if (env.PGFORCE_SYNC_INTERVAL_MS !== undefined) {
    out.sync = { ...(file.sync as Record<string, unknown> | undefined), intervalMs: envNumber(env.PGFORCE_SYNC_INTERVAL_MS) };
  }
  out.proxy = mergeProxyEnv(file.proxy, env);
  return out;
}

function mergeProxyEnv(file: unknown, env: NodeJS.ProcessEnv): unknown {
  if (file !== undefined && !isObject(file)) return file; // for the schema to refuse
  const out: Record<string, unknown> = { ...file };
  for (const [name, { key, type }] of Object.entries(PROXY_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    out[key] = type === 'number' ? envNumber(raw) : type === 'boolean' ? envBoolean(raw) : type === 'list' ? raw.split(/[\s,]+/).filter(Boolean) : raw;
  }
  if (env.PGFORCE_TLS_CERT_FILE || env.PGFORCE_TLS_KEY_FILE) {
    const tls = { ...(out.tls as Record<string, unknown> | undefined) };
    if (env.PGFORCE_TLS_CERT_FILE) tls.certFile = env.PGFORCE_TLS_CERT_FILE;
    if (env.PGFORCE_TLS_KEY_FILE) tls.keyFile = env.PGFORCE_TLS_KEY_FILE;
    out.tls = tls;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A number, or the text itself so that the schema refuses it with the variable's name. */
function envNumber(raw: string): number | string {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
}

function envBoolean(raw: string): boolean | string {
  if (/^(1|true|on|yes)$/i.test(raw)) return true;
  if (/^(0|false|off|no)$/i.test(raw)) return false;
  return raw;
}

function checkCredentials(sf: SalesforceSettings): void {
  const ways = [
    sf.privateKeyFile && sf.username,
    sf.refreshToken,
    sf.username && sf.password !== undefined && sf.clientSecret,
    sf.clientSecret,
  ];
  if (!ways.some(Boolean)) {
    throw new ConfigError(
      'invalid configuration: salesforce needs credentials: a username and password with a client secret, ' +
        'a JWT private key file with a username, a refresh token, or a client secret (client credentials)',
    );
  }
}

/**
 * The Postgres URL for commands that need only the database (`pgforce users`): `DATABASE_URL`,
 * else `databaseUrl` of the `PGFORCE_CONFIG` file, else undefined (libpq `PG*` variables).
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (!env.PGFORCE_CONFIG) return undefined;
  const url = readJson(env.PGFORCE_CONFIG).databaseUrl;
  if (url === undefined) return undefined;
  if (typeof url !== 'string' || url === '') throw new ConfigError(`invalid configuration (${env.PGFORCE_CONFIG}):\n  databaseUrl: must be a non-empty string`);
  return url;
}

/** `PGFORCE_LOG_LEVEL` (trace, debug, info, warn, error, fatal, silent); empty: unset. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PGFORCE_LOG_LEVEL || undefined;
}

/** A proxy user's password given to `pgforce users add` through the environment (`PGFORCE_USER_PASSWORD`; empty: unset). */
export function userPasswordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PGFORCE_USER_PASSWORD || undefined;
}

/** Where a Postgres is and who logs in: what the proxy needs to open its own connections. */
export interface PostgresTarget {
  /** A host name or address, or a Unix socket directory (starting with '/'). */
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

/**
 * A connection URL (or, without one, the libpq PG* variables) as the parts the proxy's own
 * connections need, with libpq's defaults (localhost:5432, the OS user, a database named after the user).
 */
export function postgresTarget(url: string | undefined, env: NodeJS.ProcessEnv = process.env): PostgresTarget {
  let parsed: ReturnType<typeof parseConnectionString> = { host: null, database: null };
  if (url !== undefined) {
    try {
      parsed = parseConnectionString(url);
    } catch (error) {
      throw new ConfigError(`invalid configuration: databaseUrl is not a Postgres connection URL: ${(error as Error).message}`);
    }
  }
  const user = parsed.user || env.PGUSER || env.USER || 'postgres';
  const portText = parsed.port || env.PGPORT || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`invalid configuration: Postgres port '${portText}' is not a port number`);
  const password = parsed.password ?? env.PGPASSWORD;
  return {
    host: parsed.host || env.PGHOST || 'localhost',
    port,
    user,
    ...(password !== undefined && { password }),
    database: parsed.database || env.PGDATABASE || user,
  };
}
