// Benchmark: is the Salesforce API emulator fast enough never to be the bottleneck of the
// sync and proxy benchmarks? Measures, in one run:
//   1. the time to serve a 2,000-record SOQL page (first page: query + page; next page: page)
//      out of a generated org of 200,000 Contacts;
//   2. single-record sObject Collections creates per second with 8 concurrent clients;
// and the same HTTP round trip against a bare node:http server answering a canned body of
// the same size (the floor any Node HTTP server pays), printing the ratios.
// Run: npm run bench:emulator   (targets: page well under 50 ms; >= 1,000 calls/s)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../src/emulator/index.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 200_000);
const PAGE_RUNS = 30;
const CALL_SECONDS = 5;
const CONCURRENCY = 8;
const VERSION = 'v62.0';

async function main(): Promise<void> {
  const t0 = performance.now();
  const emulator = await startEmulator({ seed: `generate:contacts=${CONTACTS},accounts=1000`, port: 0, dailyApiLimit: 10 ** 9 });
  console.log(`emulator with ${CONTACTS} Contacts ready in ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${rssMb()} MB`);
  const token = await login(emulator.url);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const soql = 'SELECT Id, FirstName, LastName, Email, Phone, Title, AccountId, Account.Name, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id';

  const first: number[] = [];
  const next: number[] = [];
  let pageBytes = 0;
  for (let i = 0; i < PAGE_RUNS; i++) {
    let t = performance.now();
    const res = await fetch(`${emulator.url}/services/data/${VERSION}/query?q=${encodeURIComponent(soql)}`, { headers });
    const body = (await res.json()) as { records: unknown[]; nextRecordsUrl: string };
    first.push(performance.now() - t);
    if (body.records.length !== 2000) throw new Error(`expected a 2,000-record page, got ${body.records.length}`);
    t = performance.now();
    const res2 = await fetch(emulator.url + body.nextRecordsUrl, { headers });
    const text = await res2.text();
    next.push(performance.now() - t);
    pageBytes = text.length;
  }
  const canned = JSON.stringify({ totalSize: CONTACTS, done: false, records: JSON.parse(await (await fetch(`${emulator.url}/services/data/${VERSION}/query?q=${encodeURIComponent(soql + ' LIMIT 2000')}`, { headers })).text()).records });
  const bare = await bareServer(canned);
  const bareTimes: number[] = [];
  for (let i = 0; i < PAGE_RUNS; i++) {
    const t = performance.now();
    await (await fetch(bare.url)).text();
    bareTimes.push(performance.now() - t);
  }

  const createBody = (i: number) => JSON.stringify({ allOrNone: true, records: [{ attributes: { type: 'Contact' }, LastName: `Bench ${i}`, Email: `bench${i}@example.com` }] });
  const rate = await callsPerSecond(() => `${emulator.url}/services/data/${VERSION}/composite/sobjects`, headers, createBody);
  const bareRate = await callsPerSecond(() => `${bare.url}small`, headers, createBody);

  console.log('');
  console.log(`2,000-record query page (${(pageBytes / 1024).toFixed(0)} KB JSON), ${PAGE_RUNS} runs, median / p95:`);
  console.log(`  first page (query over ${CONTACTS} rows + page): ${ms(median(first))} / ${ms(p95(first))}`);
  console.log(`  next page (nextRecordsUrl):                     ${ms(median(next))} / ${ms(p95(next))}`);
  console.log(`  bare node:http, same body:                      ${ms(median(bareTimes))} / ${ms(p95(bareTimes))}`);
  console.log(`  ratio next page / bare: ${(median(next) / median(bareTimes)).toFixed(2)}`);
  console.log(`single-record collection creates, ${CONCURRENCY} clients, ${CALL_SECONDS} s:`);
  console.log(`  emulator: ${rate.toFixed(0)} calls/s; bare node:http: ${bareRate.toFixed(0)} calls/s; ratio ${(rate / bareRate).toFixed(2)}`);
  console.log(`RSS at end: ${rssMb()} MB`);
  await bare.close();
  await emulator.close();
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'pgforce-demo', client_secret: 'pgforce-demo-secret', username: 'demo@pgforce.dev', password: 'demo' }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function callsPerSecond(url: () => string, headers: Record<string, string>, body: (i: number) => string): Promise<number> {
  let calls = 0;
  const end = performance.now() + CALL_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url(), { method: 'POST', headers, body: body(calls) });
        await res.text();
        if (res.status !== 200) throw new Error(`call failed: ${res.status}`);
        calls++;
      }
    }),
  );
  return calls / CALL_SECONDS;
}

/** Answers `/small` with a one-record SaveResult and anything else with `page`. */
function bareServer(page: string): Promise<{ url: string; close(): Promise<void> }> {
  const small = JSON.stringify([{ id: '003Hs0000000001IAA', success: true, errors: [] }]);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url === '/small' ? small : page);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const rssMb = () => (process.memoryUsage().rss / 1024 / 1024).toFixed(0);

await main();
