// Benchmark of the mirror sync, in one run:
//   1. backfill of N Contacts (default 1,000,000) from the emulator into Postgres: records/s
//      and the sync process's peak RSS, against a baseline that only fetches the same pages
//      from the emulator with the same client (the ceiling the Salesforce side allows);
//   2. change-to-mirror delay: changes made by another user, timed until they are in the
//      mirror, with the default 1 s poll interval (target: p95 <= 2 x the interval).
// The emulator runs in its own process so that the RSS measured here is the sync's.
// Run: npm run bench:sync   (BENCH_CONTACTS=100000 for a quick run)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../src/embedded/postgres.js';
import { SalesforceClient } from '../src/salesforce/index.js';
import { MirrorSync } from '../src/sync/mirror-sync.js';
import { loadConfig } from '../src/config.js';
import { startEmulatorProcess } from './support/emulator-process.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const CHANGES = 40;
const INTERVAL_MS = 1000;
const log = pino({ level: 'warn' });

async function main(): Promise<void> {
  const emulator = await startEmulatorProcess(['--seed', `generate:contacts=${CONTACTS},accounts=1000`, '--daily-api-limit', '100000000']);
  const postgres = await startEmbeddedPostgres();
  const env = {
    SALESFORCE_URL: emulator.url, SALESFORCE_CLIENT_ID: 'pgforce-demo', SALESFORCE_CLIENT_SECRET: 'pgforce-demo-secret',
    SALESFORCE_USERNAME: 'demo@pgforce.dev', SALESFORCE_PASSWORD: 'demo',
  };
  const config = loadConfig({ env });
  const client = new SalesforceClient({ loginUrl: emulator.url, clientId: 'pgforce-demo', clientSecret: 'pgforce-demo-secret', username: 'demo@pgforce.dev', password: 'demo' }, { logger: log });
  try {
    console.log(`emulator (separate process) with ${CONTACTS} Contacts; embedded Postgres with fsync on`);
    // Baseline: the same REST pages, fetched and parsed, written nowhere.
    const fields = 'Id, IsDeleted, FirstName, LastName, Email, Phone, Title, AccountId, OwnerId, CreatedDate, LastModifiedDate, SystemModstamp';
    let t = performance.now();
    let fetched = 0;
    for await (const page of client.query(`SELECT ${fields} FROM Contact ORDER BY SystemModstamp, Id`)) fetched += page.records.length;
    const fetchSeconds = (performance.now() - t) / 1000;

    const bulkThreshold = Number(process.env.BENCH_BULK_THRESHOLD ?? config.sync.bulkThreshold);
    const sync = new MirrorSync({ databaseUrl: postgres.url, settings: { ...config.sync, objects: ['Contact'], customObjects: false, bulkThreshold }, source: client, log });
    t = performance.now();
    await sync.runOnce();
    const syncSeconds = (performance.now() - t) / 1000;
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const mirrored = Number((await db.query('SELECT count(*) FROM salesforce.contacts')).rows[0].count);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    console.log('');
    console.log(`backfill of ${mirrored} Contacts (${bulkThreshold < CONTACTS ? 'Bulk API 2.0' : 'REST query'} pages):`);
    console.log(`  pgforce sync:            ${(mirrored / syncSeconds).toFixed(0)} records/s (${syncSeconds.toFixed(1)} s)`);
    console.log(`  fetch only (baseline):   ${(fetched / fetchSeconds).toFixed(0)} records/s (${fetchSeconds.toFixed(1)} s, REST pages of 2,000)`);
    console.log(`  ratio sync / fetch-only: ${(fetchSeconds / syncSeconds * (mirrored / fetched)).toFixed(2)}`);
    console.log(`  peak RSS of the sync process: ${peakRssMb.toFixed(0)} MB`);

    const delays = await changeDelays(postgres.url, emulator.url, config.sync, client, db);
    delays.sort((a, b) => a - b);
    const p = (q: number) => delays[Math.min(delays.length - 1, Math.floor(delays.length * q))]!;
    console.log(`change-to-mirror delay, ${CHANGES} changes, poll interval ${INTERVAL_MS} ms:`);
    console.log(`  p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${p(1).toFixed(0)} ms; p95 / interval = ${(p(0.95) / INTERVAL_MS).toFixed(2)}`);
    await db.end();
  } finally {
    client.close();
    await postgres.stop();
    await emulator.stop();
  }
}

async function changeDelays(databaseUrl: string, emulatorUrl: string, settings: ReturnType<typeof loadConfig>['sync'], client: SalesforceClient, db: pg.Client): Promise<number[]> {
  const sync = new MirrorSync({ databaseUrl, settings: { ...settings, objects: ['Contact'], customObjects: false, intervalMs: INTERVAL_MS }, source: client, log });
  sync.start();
  await new Promise<void>((resolve) => sync.once('cycle', () => resolve()));
  const delays: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
    const res = await fetch(`${emulatorUrl}/__emulator/activity`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'other@pgforce.dev', operation: 'create', sobject: 'Contact', records: [{ LastName: `Delay ${i}` }] }),
    });
    const made = performance.now();
    const id = ((await res.json()) as { results: Array<{ id: string }> }).results[0]!.id;
    while ((await db.query('SELECT 1 FROM salesforce.contacts WHERE id = $1', [id])).rowCount === 0) await new Promise((r) => setTimeout(r, 5));
    delays.push(performance.now() - made);
  }
  await sync.stop();
  return delays;
}

await main();
