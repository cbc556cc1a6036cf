// pgforce's configuration: one strict schema, one defaults table, read from a JSON file
// and/or the environment. The only module that reads process.env. Bad configuration fails
// at start with a message naming the setting.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

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

const configSchema = z.strictObject({
  /** The Postgres holding the mirror; absent: libpq PG* variables. */
  databaseUrl: z.string().min(1).optional(),
  salesforce: salesforceSchema,
  sync: syncSchema.default(syncSchema.parse({})),
});

export type Config = z.infer<typeof configSchema>;
export type SalesforceSettings = Config['salesforce'];
export type SyncSettings = Config['sync'];

export class ConfigError extends Error {}

/**
 * The configuration from an optional JSON file, overridden by environment variables
 * (DESIGN.md names them). Throws ConfigError with every problem listed.
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PGFORCE_CONFIG;
  const fromFile = file ? readJson(file) : {};
  const merged = mergeEnv(fromFile, env);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration${file ? ` (${file} and environment)` : ' (environment)'}:\n${lines.join('\n')}`);
  }
  const config = result.data;
  checkCredentials(config.salesforce);
  return config;
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

function mergeEnv(file: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = { ...file };
  if (env.DATABASE_URL) out.databaseUrl = env.DATABASE_URL;
  const salesforce: Record<string, unknown> = { ...(file.salesforce as Record<string, unknown> | undefined) };
  for (const [name, key] of Object.entries(SALESFORCE_ENV)) if (env[name] !== undefined) salesforce[key] = env[name];
  out.salesforce = salesforce;
  if (env.PGFORCE_SYNC_INTERVAL_MS !== undefined) {
    out.sync = { ...(file.sync as Record<string, unknown> | undefined), intervalMs: Number(env.PGFORCE_SYNC_INTERVAL_MS) };
  }
  return out;
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

/** A proxy user's password given to `pgforce users add` through the environment (`PGFORCE_USER_PASSWORD`; empty: unset). */
export function userPasswordFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.PGFORCE_USER_PASSWORD || undefined;
}
