import { loadSqlParser } from '../src/sql/index.js';
import { planWrite } from '../src/writes/plan.js';
await loadSqlParser();
const col = (column: string, field: string, pgType: string, extra = {}) => ({ column, field, sfType: 'string', pgType, createable: true, updateable: true, nillable: true, externalId: false, unique: false, referenceTo: [], length: 80, position: 0, removed: false, ...extra });
const table = { table: 'contacts', sobject: 'Contact', columns: [
  col('id', 'Id', 'varchar(18)', { createable: false, updateable: false, position: 1 }),
  col('first_name', 'FirstName', 'text', { position: 2 }), col('last_name', 'LastName', 'text', { position: 3 }),
  col('email', 'Email', 'text', { position: 4 }), col('amount', 'Amount__c', 'numeric(18, 2)', { position: 5 }),
  col('system_modstamp', 'SystemModstamp', 'timestamptz', { createable: false, updateable: false, position: 6 }),
] };
for (const sql of [
  "insert into salesforce.contacts (first_name, last_name, email) values ('Paul', 'Atreides', 'p@x.io'), ($1, DEFAULT, lower('A'))",
  "insert into contacts (last_name) select name from salesforce.accounts limit 3",
  "insert into contacts default values",
  "update salesforce.contacts c set email = 'x', amount = amount * 1.1 from salesforce.accounts a where c.account_id = a.id and a.name = $1",
  "delete from contacts where email like '%x'",
  "with x as (select 1) delete from contacts using x where true",
]) {
  try { const p = planWrite(sql, table as never, 'salesforce'); console.log(p.operation, p.columns.map(c => c.column), p.defaults, '\n  ', p.evalSql); } catch (e) { console.log('ERR', (e as Error).message); }
}
for (const sql of ["insert into contacts (id) values ('x')", "update contacts set nope = 1", "insert into contacts (email, email) values (1,2)", "update contacts set email = default", "insert into contacts (email) values (1, 2)", "update contacts set id = 'x'"]) {
  try { planWrite(sql, table as never, 'salesforce'); console.log('no error?', sql); } catch (e) { console.log('ERR', (e as { code: string }).code, (e as Error).message); }
}
