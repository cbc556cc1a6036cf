// Benchmark of the write path, in one run, with the emulator at zero added latency: a mutation
// through pgforce against the same Salesforce call made directly by the client module — the one
// Composite request the write path sends (sObject Collections call + read-back query of every
// mirrored field). The difference is pgforce's own cost: wire protocol, the evaluation query,
// journal, record locks, mirror apply.
//   1. latency, direct and pgforce alternated: 1-row and 200-row INSERT (bind parameters, then
//      literal values), 1-row UPDATE by id; median and p95, the added median and its target;
//   2. throughput with 16 concurrent clients doing 1-row INSERTs: statements/s through pgforce
//      against requests/s of the same Composite calls made directly, and the CPU time each
//      process (proxy, Postgres, emulator, this one) spent per call, read from /proc.
// The emulator and the proxy (with its write path) each run in their own process, so this
// process only runs the clients. Postgres is the embedded one with fsync on. Where a statement's
// time goes inside the write path: bench/writes-steps.ts.
// Run: npm run bench:writes   (targets: added median <= 3 ms for 1 row, <= 15 ms for 200 rows;
// BENCH_SECONDS=10 per throughput run by default)
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, postgresTarget } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/embedded/postgres.js';
import { loadMirrorTables } from '../src/mirror/catalog.js';
import { SalesforceClient, type RecordInput } from '../src/salesforce/index.js';
import { TableWriter } from '../src/sync/apply-rows.js';
import { MirrorSync } from '../src/sync/mirror-sync.js';
import { writeRequest } from '../src/writes/salesforce-request.js';
import type { WriteOperation } from '../src/writes/plan.js';
import { startEmulatorProcess } from './support/emulator-process.js';
import { startProxyProcess, type ProxyProcess } from './support/proxy-process.js';

const CONCURRENCY = 16;
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PROXY_USER = { user: 'bench', password: 'bench' };
const log = pino({ level: 'warn' });

/** One latency comparison: the same change made directly and through pgforce, alternated. */
interface Scenario {
  name: string;
  iterations: number;
  warmup: number;
  /** Added median target (ms), if the issue sets one. */
  targetMs?: number;
  direct(i: number): Promise<void>;
  pgforce(i: number): Promise<void>;
}

interface Figures {
  direct: number[];
  pgforce: number[];
}

/** Everything the runs use; `stop` undoes what was started, in reverse order. */
interface World {
  client: SalesforceClient;
  /** A superuser connection to the mirror database. */
  db: pg.Client;
  /** The mirrored Contact fields, in column order (what the read-back selects). */
  fields: string[];
  proxy: ProxyProcess;
  emulatorPid: number;
  /** CONCURRENCY clients connected through pgforce. */
  clients: pg.Client[];
  stop(): Promise<void>;
}

async function main(): Promise<void> {
  const world = await startWorld();
  try {
    console.log(`emulator (own process, demo org, no added latency); embedded Postgres, fsync on; pgforce with the write path (own process)`);
    console.log(`Contact mirrored with ${world.fields.length} fields (the read-back query selects all of them)`);
    printLatency(await latencyRuns(world));
    await throughputRuns(world);
  } finally {
    await world.stop();
  }
}

async function startWorld(): Promise<World> {
  const undo: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const emulator = await startEmulatorProcess(['--seed', 'demo', '--daily-api-limit', '1000000000']);
    undo.push(() => emulator.stop());
    const postgres = await startEmbeddedPostgres();
    undo.push(() => postgres.stop());
    const credentials = { loginUrl: emulator.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret', username: 'demo@pgforce.dev', password: 'demo' };
    const client = new SalesforceClient(credentials, { logger: log });
    undo.push(() => client.close());
    const env = {
      SALESFORCE_URL: emulator.url, SALESFORCE_CLIENT_ID: 'pgforce-demo', SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret',
      SALESFORCE_USERNAME: 'demo@pgforce.dev', SALESFORCE_PASSWORD: 'demo',
    };
    const settings = { ...loadConfig({ env }).sync, objects: ['Contact'], customObjects: false };
    await new MirrorSync({ databaseUrl: postgres.url, settings, source: client, log }).runOnce();
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    undo.push(() => db.end());
    const table = (await loadMirrorTables(db)).find((t) => t.sobject === 'Contact');
    if (table === undefined) throw new Error('the sync pass did not mirror Contact');
    const proxy = await startProxyProcess({ upstream: postgresTarget(postgres.url, {}), ...PROXY_USER, salesforce: credentials });
    undo.push(() => proxy.stop());
    const clients: pg.Client[] = [];
    undo.push(() => Promise.all(clients.map((c) => c.end())).then(() => undefined));
    for (let i = 0; i < CONCURRENCY; i++) {
      const c = new pg.Client({ connectionString: `postgres://${PROXY_USER.user}:${PROXY_USER.password}@127.0.0.1:${proxy.port}/postgres` });
      await c.connect();
      clients.push(c);
    }
    return { client, db, fields: new TableWriter(table).fields, proxy, emulatorPid: emulator.pid, clients, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function latencyRuns(world: World): Promise<Array<[Scenario, Figures]>> {
  const direct: Direct = (operation, records, ids = []) => directCall(world.client, world.fields, operation, records, ids);
  const viaPgforce: ViaPgforce = (sql, params, rows) => pgforceCall(world.clients[0]!, sql, params, rows);
  const scenarios: Scenario[] = [
    insertScenario('INSERT 1 row, bind parameters', 1, 200, 3, 'bind', direct, viaPgforce),
    insertScenario('INSERT 200 rows, bind parameters', 200, 50, 15, 'bind', direct, viaPgforce),
    insertScenario('INSERT 1 row, literal values', 1, 200, 3, 'literal', direct, viaPgforce),
    insertScenario('INSERT 200 rows, literal values', 200, 50, 15, 'literal', direct, viaPgforce),
  ];
  // Every path warmed up before any is measured (JIT, Postgres caches of each pool connection).
  for (const scenario of scenarios) await warmUp(scenario);
  const results: Array<[Scenario, Figures]> = [];
  for (const scenario of scenarios) results.push([scenario, await measure(scenario)]);
  // Records pgforce inserted are in the mirror: UPDATE them by id (each side its own half).
  const ids = (await world.db.query<{ id: string }>('SELECT id FROM salesforce.contacts WHERE last_name = $1 ORDER BY id LIMIT 400', [LAST_NAME])).rows.map((r) => r.id);
  if (ids.length < 400) throw new Error(`expected 400 benchmark contacts in the mirror, found ${ids.length}`);
  const update: Scenario = {
    name: 'UPDATE 1 row by id, bind parameters', iterations: 200, warmup: 50,
    direct: (i) => direct('update', [{ Id: ids[i * 2]!, Email: `updated.${i}@bench.example` }], [ids[i * 2]!]),
    pgforce: (i) => viaPgforce('UPDATE salesforce.contacts SET email = $1 WHERE id = $2', [`updated.${i}@bench.example`, ids[i * 2 + 1]!], 1),
  };
  await warmUp(update);
  results.push([update, await measure(update)]);
  return results;
}

async function throughputRuns(world: World): Promise<void> {
  // CPU of each process over each run: what a statement costs where, on a machine it saturates.
  const backend = (await world.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const postmaster = Number(statFields(backend)![1]);
  const processes: Processes = { proxy: () => [world.proxy.child.pid!], Postgres: () => clusterPids(postmaster), emulator: () => [world.emulatorPid], clients: () => [process.pid] };
  let cpu = cpuOf(processes);
  const viaProxy = await throughput((worker) => pgforceCall(world.clients[worker]!, insertSql(1, 'bind'), insertParams(1), 1));
  const proxyCpu = cpuPerCall(processes, cpu, viaProxy.calls);
  cpu = cpuOf(processes);
  const directly = await throughput(() => directCall(world.client, world.fields, 'insert', contacts(1), []));
  const directCpu = cpuPerCall(processes, cpu, directly.calls);
  console.log('');
  console.log(`throughput, ${CONCURRENCY} concurrent clients, ${THROUGHPUT_SECONDS} s each, 1-row INSERT (bind parameters):`);
  console.log(`  pgforce: ${viaProxy.rate.toFixed(0)} statements/s; direct client.composite: ${directly.rate.toFixed(0)} requests/s; ratio ${(viaProxy.rate / directly.rate).toFixed(2)}`);
  console.log(`  CPU ms per pgforce statement: ${proxyCpu}`);
  console.log(`  CPU ms per direct request:    ${directCpu}`);
}

type Direct = (operation: WriteOperation, records: RecordInput[], ids?: string[]) => Promise<void>;
type ViaPgforce = (sql: string, params: unknown[], rows: number) => Promise<void>;

function insertScenario(name: string, rows: number, iterations: number, targetMs: number, style: 'bind' | 'literal', direct: Direct, viaPgforce: ViaPgforce): Scenario {
  // Every statement inserts new values (with literal values a new text each time, as an application sends).
  return {
    name, iterations, targetMs, warmup: Math.max(10, iterations / 4),
    direct: () => direct('insert', contacts(rows)),
    pgforce: () => viaPgforce(insertSql(rows, style), style === 'bind' ? insertParams(rows) : [], rows),
  };
}

const LAST_NAME = `Bench${Date.now().toString(36)}`;
let serial = 0;

/** New contacts: the same three fields through pgforce and directly. */
function contacts(rows: number): RecordInput[] {
  return Array.from({ length: rows }, () => {
    const i = serial++;
    return { FirstName: `Ada${i}`, LastName: LAST_NAME, Email: `ada.${i}@bench.example` };
  });
}

function insertParams(rows: number): unknown[] {
  return contacts(rows).flatMap((c) => [c.FirstName, c.LastName, c.Email]);
}

function insertSql(rows: number, style: 'bind' | 'literal'): string {
  const tuples = style === 'bind'
    ? Array.from({ length: rows }, (_, r) => `($${r * 3 + 1}, $${r * 3 + 2}, $${r * 3 + 3})`)
    : contacts(rows).map((c) => `('${String(c.FirstName)}', '${String(c.LastName)}', '${String(c.Email)}')`);
  return `INSERT INTO salesforce.contacts (first_name, last_name, email) VALUES ${tuples.join(', ')}`;
}

/** What the write path sends for the statement: one Composite request (Collections call + read-back). */
async function directCall(client: SalesforceClient, fields: string[], operation: WriteOperation, records: RecordInput[], ids: string[]): Promise<void> {
  const request = writeRequest(client.dataPath, operation, 'Contact', records, ids, fields);
  const response = await client.composite(request.composite);
  const failed = response.compositeResponse.find((r) => r.httpStatusCode >= 400);
  if (failed) throw new Error(`direct Composite request failed: ${JSON.stringify(failed.body)}`);
}

async function pgforceCall(client: pg.Client, sql: string, params: unknown[], rows: number): Promise<void> {
  const result = await client.query(sql, params.length > 0 ? params : undefined);
  if (result.rowCount !== rows) throw new Error(`pgforce reported ${result.rowCount} rows for a ${rows}-row statement (${result.command})`);
}

async function warmUp(s: Scenario): Promise<void> {
  for (let i = 0; i < s.warmup; i++) {
    await s.direct(i);
    await s.pgforce(i);
  }
}

async function measure(s: Scenario): Promise<Figures> {
  const figures: Figures = { direct: [], pgforce: [] };
  const timed = async (run: (i: number) => Promise<void>, into: number[], i: number) => {
    const t = performance.now();
    await run(i);
    into.push(performance.now() - t);
  };
  // Alternated, and which goes first alternates too, so that drift falls on both alike.
  for (let i = 0; i < s.iterations; i++) {
    if (i % 2 === 0) {
      await timed(s.direct, figures.direct, i);
      await timed(s.pgforce, figures.pgforce, i);
    } else {
      await timed(s.pgforce, figures.pgforce, i);
      await timed(s.direct, figures.direct, i);
    }
  }
  return figures;
}

function printLatency(results: Array<[Scenario, Figures]>): void {
  console.log('');
  console.log('latency, direct and pgforce alternated, median / p95 in ms:');
  console.log(`  ${'statement'.padEnd(36)} ${'runs'.padStart(4)}  ${'direct'.padStart(13)}  ${'pgforce'.padStart(13)}  ${'added median'.padStart(12)}  target`);
  for (const [s, f] of results) {
    const added = median(f.pgforce) - median(f.direct);
    const target = s.targetMs === undefined ? '' : `<= ${s.targetMs} ms ${added <= s.targetMs ? 'met' : 'NOT met'}`;
    console.log(`  ${s.name.padEnd(36)} ${String(s.iterations).padStart(4)}  ${pair(f.direct).padStart(13)}  ${pair(f.pgforce).padStart(13)}  ${added.toFixed(2).padStart(12)}  ${target}`);
  }
}

/** Calls (and calls per second) of CONCURRENCY workers calling in a loop for THROUGHPUT_SECONDS. */
async function throughput(call: (worker: number) => Promise<void>): Promise<{ calls: number; rate: number }> {
  let calls = 0;
  const end = performance.now() + THROUGHPUT_SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      while (performance.now() < end) {
        await call(worker);
        calls++;
      }
    }),
  );
  return { calls, rate: calls / ((performance.now() - start) / 1000) };
}

/** Each group's processes, listed again at every reading (Postgres starts backends as connections open). */
type Processes = Record<string, () => number[]>;
type CpuReading = Record<string, Map<number, number>>;

/** CPU seconds (user + system) so far of each process of each group, from /proc (Linux). */
function cpuOf(processes: Processes): CpuReading {
  const reading: CpuReading = {};
  for (const [name, pids] of Object.entries(processes)) {
    reading[name] = new Map(pids().map((pid) => [pid, cpuSeconds(pid)]));
  }
  return reading;
}

function cpuPerCall(processes: Processes, before: CpuReading, calls: number): string {
  const after = cpuOf(processes);
  return Object.keys(processes)
    .map((name) => {
      let seconds = 0;
      // A process started during the run counts from zero; one that ended during it is lost (Postgres backends only).
      for (const [pid, s] of after[name]!) seconds += s - (before[name]!.get(pid) ?? 0);
      return `${name} ${((seconds * 1000) / calls).toFixed(2)}`;
    })
    .join(', ');
}

function statFields(pid: number): string[] | undefined {
  try {
    // The fields after the command name, from the 3rd (state) on.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return undefined; // ended meanwhile
  }
}

function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are the 14th and 15th fields.
  return fields === undefined ? 0 : (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The postmaster and every process it started (backends, WAL writer, checkpointer, I/O workers). */
function clusterPids(postmaster: number): number[] {
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => statFields(pid)?.[1] === String(postmaster));
  return [postmaster, ...children];
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => sorted(xs)[Math.floor(xs.length * 0.95)]!;
const pair = (xs: number[]) => `${median(xs).toFixed(2)} / ${p95(xs).toFixed(2)}`;

try {
  await main();
} catch (error) {
  const e = error as Error & { code?: string; detail?: string };
  console.error(`bench:writes failed: ${e.code ? `${e.code} ` : ''}${e.message}${e.detail ? ` (${e.detail})` : ''}`);
  process.exitCode = 1;
}
