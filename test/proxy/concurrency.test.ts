// 500 client sessions open at once through one proxy, each with its own upstream backend.
// The shared test cluster allows 300 connections, so this file starts a cluster of its own.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../src/embedded/postgres.js';
import { startProxy, type RunningProxy } from '../../src/proxy/index.js';
import { UserStore } from '../../src/proxy/users.js';
import { ALICE, upstreamOf } from '../support/proxy.js';

const CLIENTS = 500;
let cluster: EmbeddedCluster | undefined;
let proxy: RunningProxy | undefined;
let pool: pg.Pool | undefined;

beforeAll(async () => {
  cluster = await startEmbeddedPostgres({ fsync: false, maxConnections: CLIENTS + 50 });
  pool = new pg.Pool({ connectionString: cluster.url, max: 2 });
  // A connection ended by the cluster's shutdown after the file is not a test failure.
  pool.on('error', () => {});
  const users = new UserStore(pool);
  await users.ensureTable();
  await users.add(ALICE.user, ALICE.password);
  proxy = await startProxy({ port: 0, upstream: upstreamOf(cluster.url), users, mirrorRefreshMs: 0 });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await pool?.end();
  await cluster?.stop();
}, 60_000);

describe('concurrency', () => {
  it(`serves ${CLIENTS} concurrent sessions`, async () => {
    const url = `postgres://${ALICE.user}:${ALICE.password}@127.0.0.1:${proxy!.port}/postgres`;
    const clients = Array.from({ length: CLIENTS }, () => new pg.Client({ connectionString: url }));
    try {
      await Promise.all(clients.map((c) => c.connect()));
      expect(proxy!.sessionCount).toBe(CLIENTS);
      const results = await Promise.all(clients.map((c, i) => c.query('SELECT $1::int AS i, pg_backend_pid() AS pid', [i])));
      expect(results.map((r) => (r.rows[0] as { i: number }).i)).toEqual(clients.map((_, i) => i));
      expect(new Set(results.map((r) => (r.rows[0] as { pid: number }).pid)).size).toBe(CLIENTS);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
    }
  }, 120_000);
});
