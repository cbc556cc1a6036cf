// The pgforce proxy alone in a child process, for benchmarks: reads its settings from the
// PGFORCE_BENCH_PROXY environment variable (JSON), creates the benchmark user, prints
// `{"port": N}` once it listens, and runs until SIGTERM.
import pg from 'pg';
import { pino } from 'pino';
import { startProxy } from '../../src/proxy/index.js';
import { UserStore } from '../../src/proxy/users.js';
import { loadSqlParser } from '../../src/sql/index.js';

interface Settings {
  upstream: { host: string; port: number; user: string; password: string; database: string };
  user: string;
  password: string;
}

const settings = JSON.parse(process.env.PGFORCE_BENCH_PROXY ?? '{}') as Settings;
const pool = new pg.Pool({ ...settings.upstream, max: 2 });
const users = new UserStore(pool);
await users.ensureTable();
if (!(await users.find(settings.user))) await users.add(settings.user, settings.password);
await loadSqlParser();
const proxy = await startProxy({ port: 0, upstream: settings.upstream, users, logger: pino({ level: 'warn' }), maxClientConnections: 5000 });
process.stdout.write(`${JSON.stringify({ port: proxy.port })}\n`);
process.once('SIGTERM', () => {
  void proxy.close().then(() => pool.end()).then(() => process.exit(0));
});
