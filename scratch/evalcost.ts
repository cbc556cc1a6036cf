import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../src/embedded/postgres.js';
const postgres = await startEmbeddedPostgres();
const db = new pg.Client({ connectionString: postgres.url });
await db.connect();
const n = 200;
const idx = (i: number, k: number) => `$${i * 3 + k + 1}`;
const a = `SELECT * FROM (VALUES ${Array.from({ length: n }, (_, i) => `(${i + 1}, ${[0, 1, 2].map((k) => `pg_catalog.to_json(CAST((${idx(i, k)}) AS text))`).join(', ')})`).join(', ')}) AS v("m", c0, c1, c2) ORDER BY 1`;
const b = `SELECT v."m", pg_catalog.to_json(v.c0), pg_catalog.to_json(v.c1), pg_catalog.to_json(v.c2) FROM (VALUES ${Array.from({ length: n }, (_, i) => `(${i + 1}, ${[0, 1, 2].map((k) => `CAST((${idx(i, k)}) AS text)`).join(', ')})`).join(', ')}) AS v("m", c0, c1, c2) ORDER BY 1`;
const values = Array.from({ length: n * 3 }, (_, i) => `v${i}`);
for (const [name, sql] of [['to_json per cell', a], ['to_json per column', b], ['to_json per cell', a], ['to_json per column', b]] as const) {
  const t: number[] = [];
  for (let i = 0; i < 30; i++) { const s = performance.now(); await db.query(sql, values); t.push(performance.now() - s); }
  t.sort((x, y) => x - y);
  console.log(name, sql.length, t[15]!.toFixed(2));
}
await db.end(); await postgres.stop();
