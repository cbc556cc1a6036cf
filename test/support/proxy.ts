// A pgforce proxy for one test file, in front of that file's own database (useTestDatabase):
// proxy users `alice`/`alice-secret` (read-write) and `reader`/`reader-secret` (read-only),
// listening on port 0, closed after the file. Extra options (TLS, limits, allowlist) per call.
import { afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { startProxy, type ProxyOptions, type RunningProxy } from '../../src/proxy/index.js';
import { ProxyUserError, UserStore } from '../../src/proxy/users.js';
import type { TestDatabase } from './postgres.js';
import { postgresTarget } from '../../src/config.js';

export const ALICE = { user: 'alice', password: 'alice-secret' };
export const READER = { user: 'reader', password: 'reader-secret' };

export interface TestProxy {
  readonly proxy: RunningProxy;
  readonly port: number;
  /** The test database's name (what clients ask for). */
  readonly database: string;
  /** postgres:// URL of the proxy for a user (default alice). */
  url(credentials?: { user: string; password: string }, query?: string): string;
  /** A connected node-postgres client through the proxy; ended after the file. */
  connect(credentials?: { user: string; password: string }): Promise<pg.Client>;
  readonly users: UserStore;
}

function ignoreExists(e: unknown): void {
  if (!(e instanceof ProxyUserError && e.code === 'exists')) throw e;
}

export function upstreamOf(url: string): ProxyOptions['upstream'] {
  return postgresTarget(url, {});
}

export function useProxy(db: TestDatabase, options: Partial<ProxyOptions> | (() => Partial<ProxyOptions>) = {}): TestProxy {
  let proxy: RunningProxy | undefined;
  let pool: pg.Pool | undefined;
  let users: UserStore | undefined;
  const clients: pg.Client[] = [];
  const upstream = () => upstreamOf(db.url);

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // An idle client may be ended by the server (the database dropped after the file): not a test failure.
    pool.on('error', () => {});
    users = new UserStore(pool);
    await users.ensureTable();
    // Several proxies in one file share the database and so the users.
    await users.add(ALICE.user, ALICE.password, { md5: true }).catch(ignoreExists);
    await users.add(READER.user, READER.password, { readOnly: true }).catch(ignoreExists);
    const extra = typeof options === 'function' ? options() : options;
    proxy = await startProxy({ port: 0, upstream: upstream(), users, mirrorRefreshMs: 0, ...extra });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await proxy?.close();
    await pool?.end();
  });

  const self: TestProxy = {
    get proxy() {
      if (!proxy) throw new Error('the proxy is only available inside tests');
      return proxy;
    },
    get port() {
      return self.proxy.port;
    },
    get database() {
      return upstream().database;
    },
    get users() {
      if (!users) throw new Error('the user store is only available inside tests');
      return users;
    },
    url(credentials = ALICE, query = '') {
      return `postgres://${credentials.user}:${credentials.password}@127.0.0.1:${self.port}/${self.database}${query ? `?${query}` : ''}`;
    },
    async connect(credentials = ALICE) {
      const client = new pg.Client({ connectionString: self.url(credentials) });
      client.on('error', () => {});
      await client.connect();
      clients.push(client);
      return client;
    },
  };
  return self;
}
