// Compares the Postgres mirror of an sObject with what the emulator (the org) holds, field by
// field, through the stored mapping: the check behind "the mirror equals the org".
import type pg from 'pg';
import { loadMirrorTables } from '../../src/mirror/catalog.js';
import { soql, type Session } from './salesforce-http.js';
import { mirrorTableRef } from '../../src/mirror/sql-identifiers.js';

export interface MirrorDiff {
  missing: string[];
  extra: string[];
  different: Array<{ id: string; field: string; org: unknown; mirror: unknown }>;
  compared: number;
}

export async function diffMirror(db: pg.ClientBase, session: Session, sobject: string): Promise<MirrorDiff> {
  const table = (await loadMirrorTables(db)).find((t) => t.sobject === sobject);
  if (!table) throw new Error(`no mirror table for ${sobject}`);
  const columns = table.columns.filter((c) => !c.removed);
  const org = new Map<string, Record<string, unknown>>();
  let page = (await soql(session, `SELECT ${columns.map((c) => c.field).join(', ')} FROM ${sobject}`)).body;
  for (;;) {
    for (const r of page.records) org.set(String(r.Id), r);
    if (page.done || !page.nextRecordsUrl) break;
    const res = await fetch(session.instanceUrl + page.nextRecordsUrl, { headers: { authorization: `Bearer ${session.accessToken}` } });
    page = (await res.json()) as typeof page;
  }
  const { rows } = await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${mirrorTableRef(table.table)} t`);
  const mirror = new Map(rows.map((r) => [String(r.row.id), r.row]));
  const diff: MirrorDiff = { missing: [], extra: [], different: [], compared: 0 };
  for (const [id, record] of org) {
    const row = mirror.get(id);
    if (!row) {
      diff.missing.push(id);
      continue;
    }
    diff.compared++;
    for (const c of columns) {
      const a = record[c.field] ?? null;
      const b = row[c.column] ?? null;
      if (!sameValue(a, b, c.pgType)) diff.different.push({ id, field: c.field, org: a, mirror: b });
    }
  }
  for (const id of mirror.keys()) if (!org.has(id)) diff.extra.push(id);
  return diff;
}

function sameValue(org: unknown, mirror: unknown, pgType: string): boolean {
  if (org === null || mirror === null) return org === mirror || (pgType === 'boolean' && (org ?? false) === (mirror ?? false));
  if (pgType === 'timestamptz') return Date.parse(String(org).replace('+0000', 'Z')) === Date.parse(String(mirror));
  if (pgType.startsWith('numeric') || pgType === 'integer' || pgType === 'bigint' || pgType === 'double precision') return Number(org) === Number(mirror);
  if (pgType === 'time') return String(org).replace(/Z$/, '').startsWith(String(mirror).slice(0, 8));
  return org === mirror;
}
