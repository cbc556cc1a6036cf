// One test file's sync world: the emulator (port 0), a private Postgres database, a real
// Salesforce client pointed at the emulator, and MirrorSync instances stopped after the file.
import { afterAll, afterEach, beforeAll } from 'vitest';
import pg from 'pg';
import { pino } from 'pino';
import { useEmulator } from '../support/emulator.js';
import { useTestDatabase } from '../support/postgres.js';
import { login, OTHER_CREDENTIALS, type Session } from '../support/salesforce-http.js';
import { SalesforceClient } from '../../src/salesforce/index.js';
import { MirrorSync } from '../../src/sync/mirror-sync.js';
import type { EmulatorOptions } from '../../src/emulator/options.js';
import { loadConfig, type SyncSettings } from '../../src/config.js';

export const silentLog = pino({ level: process.env.PGFORCE_TEST_LOG ?? 'silent' });

export function useSyncHarness(emulatorOptions: EmulatorOptions = {}) {
  const emulator = useEmulator({ dailyApiLimit: 10_000_000, ...emulatorOptions });
  const database = useTestDatabase();
  const started: MirrorSync[] = [];
  const clients: SalesforceClient[] = [];
  let session: Session | undefined;
  let otherSession: Session | undefined;

  // Fresh sessions for every test: a test may expire all tokens.
  async function logIn(): Promise<void> {
    session = await login(emulator.current.url);
    otherSession = await login(emulator.current.url, OTHER_CREDENTIALS);
  }
  beforeAll(logIn);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
    await logIn();
  });
  afterAll(() => {
    for (const c of clients) c.close();
  });

  function client(): SalesforceClient {
    const c = new SalesforceClient(
      { loginUrl: emulator.current.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret', username: 'demo@pgforce.dev', password: 'demo' },
      { logger: silentLog, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))) },
    );
    clients.push(c);
    return c;
  }

  function settings(overrides: Partial<SyncSettings> = {}): SyncSettings {
    const env = { SALESFORCE_URL: emulator.current.url, SALESFORCE_CLIENT_ID: 'pgforce-demo', SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret', SALESFORCE_USERNAME: 'demo@pgforce.dev', SALESFORCE_PASSWORD: 'demo' };
    return { ...loadConfig({ env }).sync, intervalMs: 100, describeIntervalMs: 60_000, ...overrides };
  }

  return {
    emulator,
    database,
    get session(): Session {
      return session!;
    },
    /** Logged in as other@pgforce.dev: someone else editing the org. */
    get otherSession(): Session {
      return otherSession!;
    },
    settings,
    client,
    sync(overrides: Partial<SyncSettings> = {}, source: SalesforceClient = client()): MirrorSync {
      const sync = new MirrorSync({ databaseUrl: database.url, settings: settings(overrides), source, log: silentLog });
      started.push(sync);
      return sync;
    },
    async query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await database.client.query<T>(sql, params)).rows;
    },
  };
}

/** Polls `check` until it holds (or fails the test after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
