// Where a write's time goes: the write path in this process (the emulator in its own), with
// every step timed from the outside — the evaluation in the client's session, each query the
// write path sends on its pool (transaction, journal, locks, mirror apply, COMMIT), the
// Composite request — for sequential 1-row and 200-row INSERTs through the proxy. Prints the
// median of each step per statement; what is left is the proxy's own work (parse, plan,
// protocol) and the client's round trip. An INSERT's pending journal entry is written while
// the pipeline is flushed and the rows evaluated: its time overlaps the two steps before it,
// and only what it lasts beyond them adds to the statement.
// Run: npx tsx bench/writes-steps.ts   (a companion of bench/writes.ts; nothing is asserted)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, postgresTarget } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/embedded/postgres.js';
import { startProxy } from '../src/proxy/index.js';
import { UserStore } from '../src/proxy/users.js';
import { SalesforceClient } from '../src/salesforce/index.js';
import { MirrorSync } from '../src/sync/mirror-sync.js';
import { WritePath, type Evaluate } from '../src/writes/write-path.js';
import type { WritePlan } from '../src/writes/plan.js';
import { startEmulatorProcess } from './support/emulator-process.js';

const RUNS = { 1: 200, 200: 40 } as const;
const log = pino({ level: 'warn' });

/** Step name -> durations (ms) of the current statement, summed per statement. */
let current = new Map<string, number>();
/** When the client sent the statement, and when the write path returned. */
let sentAt = 0;
let executedAt = 0;
const record = (step: string, t0: number) => current.set(step, (current.get(step) ?? 0) + performance.now() - t0);

async function main(): Promise<void> {
  const emulator = await startEmulatorProcess(['--seed', 'demo', '--daily-api-limit', '1000000000']);
  const postgres = await startEmbeddedPostgres();
  const credentials = { loginUrl: emulator.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret', username: 'demo@pgforce.dev', password: 'demo' };
  const salesforce = new SalesforceClient(credentials, { logger: log });
  const pool = new pg.Pool({ connectionString: postgres.url, max: 20 });
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  let client: pg.Client | undefined;
  try {
    const env = { SALESFORCE_URL: emulator.url, SALESFORCE_CLIENT_ID: 'pgforce-demo', SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret', SALESFORCE_USERNAME: 'demo@pgforce.dev', SALESFORCE_PASSWORD: 'demo' };
    await new MirrorSync({ databaseUrl: postgres.url, settings: { ...loadConfig({ env }).sync, objects: ['Contact'], customObjects: false }, source: salesforce, log }).runOnce();
    const users = new UserStore(pool);
    await users.ensureTable();
    await users.add('bench', 'bench');
    timeComposite(salesforce);
    const writePath = timedWritePath(new WritePath({ salesforce, db: timedPool(pool), logger: log }));
    proxy = await startProxy({ port: 0, upstream: postgresTarget(postgres.url, {}), users, catalog: pool, writePath, logger: log });
    client = new pg.Client({ connectionString: `postgres://bench:bench@127.0.0.1:${proxy.port}/postgres` });
    await client.connect();
    let n = 0;
    for (const rows of [1, 200] as const) {
      const steps = new Map<string, number[]>();
      for (let i = -10; i < RUNS[rows]; i++) {
        const sql = `INSERT INTO salesforce.contacts (first_name, last_name, email) VALUES ${Array.from({ length: rows }, (_, r) => `($${r * 3 + 1}, $${r * 3 + 2}, $${r * 3 + 3})`).join(', ')}`;
        const params = Array.from({ length: rows }, () => { const k = n++; return [`Ada${k}`, 'Steps', `ada.${k}@steps.example`]; }).flat();
        current = new Map();
        sentAt = performance.now();
        await client.query(sql, params);
        record('after the write path, until the client has the answer', executedAt);
        record('client round trip', sentAt);
        if (i < 0) continue;
        for (const [step, ms] of current) (steps.get(step) ?? steps.set(step, []).get(step)!).push(ms);
      }
      print(rows, steps);
    }
  } finally {
    await client?.end();
    await proxy?.close();
    await pool.end();
    salesforce.close();
    await emulator.stop();
    await postgres.stop();
  }
}

function timeComposite(salesforce: SalesforceClient): void {
  const composite = salesforce.composite.bind(salesforce);
  salesforce.composite = async (request) => {
    const t0 = performance.now();
    try {
      return await composite(request);
    } finally {
      record('Salesforce Composite request', t0);
    }
  };
}

function timedWritePath(writePath: WritePath): WritePath {
  const execute = writePath.execute.bind(writePath);
  writePath.execute = async (plan: WritePlan, evaluate: Evaluate, user: string) => {
    const t0 = performance.now();
    record('before the write path (client message, proxy, Parse/Bind upstream)', sentAt);
    const timedEvaluate: Evaluate = async () => {
      const t = performance.now();
      try {
        return await evaluate();
      } finally {
        record('evaluation (client session)', t);
      }
    };
    try {
      return await execute(plan, timedEvaluate, user);
    } finally {
      record('write path total', t0);
      executedAt = performance.now();
    }
  };
  return writePath;
}

/** Times pool.connect() and every query of the clients it hands out, by statement kind. */
function timedPool(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient>;
  const wrapped = new WeakSet<pg.PoolClient>();
  (pool as unknown as { connect: (...args: unknown[]) => Promise<pg.PoolClient> }).connect = async (...args: unknown[]) => {
    // pool.query() connects with a callback: left as it is.
    if (args.length > 0) return connect(...args);
    const t0 = performance.now();
    const c = await connect();
    record('pool.connect', t0);
    if (!wrapped.has(c)) {
      wrapped.add(c);
      const query = c.query.bind(c) as (...args: unknown[]) => Promise<unknown>;
      (c as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
        // A query is a text or a config object (named prepared statements).
        const first = args[0] as string | { text: string };
        const sql = typeof first === 'string' ? first : first.text;
        const t = performance.now();
        try {
          return await query(...args);
        } finally {
          record(`pool query: ${kindOf(sql)}`, t);
        }
      };
    }
    return c;
  };
  return pool;
}

function kindOf(sql: string): string {
  if (sql.includes('INSERT INTO pgforce.write_journal')) return 'journal INSERT (pending)';
  if (sql.includes('UPDATE pgforce.write_journal')) return sql.includes('COMMIT') ? 'journal UPDATE (settled) + COMMIT' : 'journal UPDATE (settled)';
  if (sql.startsWith('INSERT INTO')) return 'mirror upsert';
  if (sql.startsWith('SET ')) return 'session settings (once per connection)';
  return sql.replace(/\s+/g, ' ').slice(0, 40);
}

function print(rows: number, steps: Map<string, number[]>): void {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\n${rows}-row INSERT (bind parameters), ${RUNS[rows as 1 | 200]} sequential statements, median ms per statement:`);
  for (const [step, xs] of steps) console.log(`  ${step.padEnd(46)} ${median(xs).toFixed(2).padStart(7)}${xs.length < RUNS[rows as 1 | 200] ? `  (in ${xs.length})` : ''}`);
}

await main();
