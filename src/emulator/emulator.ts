// Starts the Salesforce API emulator: builds the org (schema, users, seed or saved data),
// wires the services and listens. Used by `pgforce emulator`, the demo and the tests.
import type { AddressInfo } from 'node:net';
import { DEFAULT_DAILY_API_LIMIT, DEFAULT_TOKEN_LIFETIME_S, type EmulatorOptions, type Faults } from './options.js';
import { Org } from './org.js';
import { FaultState } from './faults.js';
import { ApiUsage } from './limits.js';
import { TokenStore } from './auth/tokens.js';
import { OAuthEndpoint } from './http/oauth.js';
import { createEmulatorServer } from './http/server.js';
import { CursorStore } from './http/routes/query-cursors.js';
import { QueryJobStore } from './http/routes/query-jobs.js';
import { IngestJobStore } from './http/routes/ingest-jobs.js';
import { demoOrgSchema } from './schema/registry.js';
import { loadSchemaFile } from './schema/schema-file.js';
import { seedOrg } from './seeding.js';
import { loadSnapshot, SnapshotWriter } from './store/persistence.js';

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` — the login URL and the instance URL. */
  readonly url: string;
  readonly port: number;
  readonly org: Org;
  /** Current faults; change them with setFaults (same as PATCH /__emulator/faults). */
  readonly faults: Readonly<Faults>;
  setFaults(faults: Partial<Faults>): void;
  /** Every access token issued so far stops working (401 INVALID_SESSION_ID). */
  expireTokens(): void;
  /** API requests counted so far and the daily allocation. */
  apiUsage(): { used: number; max: number };
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  let schema = await demoOrgSchema();
  if (options.schemaFile) schema = schema.withSchemaFile(await loadSchemaFile(options.schemaFile));
  const org = new Org(schema);
  const restored = options.dataDir ? await loadSnapshot(org, options.dataDir) : false;
  org.ensureUsers();
  if (!restored) await seedOrg(org, options.seed ?? 'demo');
  const writer = options.dataDir ? new SnapshotWriter(org, options.dataDir) : undefined;
  if (writer && !restored) await writer.flush();

  const faults = new FaultState(options.faults);
  const usage = new ApiUsage(options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT);
  const tokens = new TokenStore(org.id.slice(0, 15), (options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_S) * 1000);
  const env = { org, faults, usage, cursors: new CursorStore(), queryJobs: new QueryJobStore(), ingestJobs: new IngestJobStore() };
  let baseUrl = '';
  const oauth = new OAuthEndpoint(org, tokens, () => baseUrl, options.jwtPublicKey);
  const server = createEmulatorServer({ env, tokens, oauth });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    port,
    org,
    get faults() {
      return faults.current;
    },
    setFaults: (patch) => void faults.update(patch),
    expireTokens: () => tokens.expireAll(),
    apiUsage: () => ({ used: usage.used, max: usage.max }),
    async close() {
      env.ingestJobs.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writer?.flush();
    },
  };
}
