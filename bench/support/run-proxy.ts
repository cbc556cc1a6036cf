// The pgforce proxy alone in a child process, for benchmarks: reads its settings from the
// PGFORCE_BENCH_PROXY environment variable (JSON), creates the benchmark user, prints
// `{"port": N}` once it listens, and runs until SIGTERM. With `salesforce` settings it also
// carries writes on mirrored tables (the write path, as `pgforce start` composes it).
import pg from 'pg';
import { pino } from 'pino';
import { startProxy } from '../../src/proxy/index.js';
import { UserStore } from '../../src/proxy/users.js';
import { SalesforceClient, type SalesforceConfig } from '../../src/salesforce/index.js';
import { loadSqlParser } from '../../src/sql/index.js';
import { WritePath } from '../../src/writes/write-path.js';

interface Settings {
  upstream: { host: string; port: number; user: string; password: string; database: string };
  user: string;
  password: string;
  salesforce?: SalesforceConfig;
}

const settings = JSON.parse(process.env.PGFORCE_BENCH_PROXY ?? '{}') as Settings;
const logger = pino({ level: 'warn' });
// A write holds one connection for its transaction and briefly takes a second for the journal:
// more connections than concurrent writers (the benchmark runs 16), or they wait on each other.
const pool = new pg.Pool({ ...settings.upstream, max: settings.salesforce ? 20 : 2 });
const users = new UserStore(pool);
await users.ensureTable();
if (!(await users.find(settings.user))) await users.add(settings.user, settings.password);
await loadSqlParser();
const salesforce = settings.salesforce && new SalesforceClient(settings.salesforce, { logger });
const proxy = await startProxy({
  port: 0,
  upstream: settings.upstream,
  users,
  logger,
  maxClientConnections: 5000,
  ...(salesforce && { catalog: pool, writePath: new WritePath({ salesforce, db: pool, logger }) }),
});
process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
process.once('SIGTERM', () => {
  void proxy.close().then(() => pool.end()).then(() => {
    salesforce?.close();
    process.exit(0);
  });
});
