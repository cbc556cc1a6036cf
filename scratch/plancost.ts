import { performance } from 'node:perf_hooks';
import { loadSqlParser, StatementClassifier } from '../src/sql/index.js';
import { planWrite } from '../src/writes/plan.js';
import { parseSql } from '../src/sql/parser.js';
await loadSqlParser();
const col = (column: string, field: string, pgType: string, extra = {}) => ({ column, field, sfType: 'string', pgType, createable: true, updateable: true, nillable: true, externalId: false, unique: false, referenceTo: [], length: 80, position: 0, removed: false, ...extra });
const table = { table: 'contacts', sobject: 'Contact', columns: [col('id', 'Id', 'varchar(18)', { createable: false, position: 1 }), col('first_name', 'FirstName', 'text', { position: 2 }), col('last_name', 'LastName', 'text', { position: 3 }), col('email', 'Email', 'text', { position: 4 })] };
const classifier = new StatementClassifier({ schema: 'salesforce', tables: new Set(['contacts']) }, { cacheSize: 1 });
const t = { parse: [] as number[], classify: [] as number[], plan: [] as number[] };
for (let k = 0; k < 40; k++) {
  const sql = `INSERT INTO salesforce.contacts (first_name, last_name, email) VALUES ${Array.from({ length: 200 }, (_, i) => `('F${k}-${i}', 'L${i}', 'e${i}@example.com')`).join(', ')}`;
  let s = performance.now(); parseSql(sql); t.parse.push(performance.now() - s);
  s = performance.now(); classifier.classify(sql, ['public']); t.classify.push(performance.now() - s);
  s = performance.now(); planWrite(sql, table as never, 'salesforce'); t.plan.push(performance.now() - s);
}
for (const [k, v] of Object.entries(t)) { v.sort((a, b) => a - b); console.log(k, v[20]!.toFixed(2)); }
