// The evaluation's rows as Salesforce records: each value arrives as JSON text (to_json in the
// evaluation), so it parses straight into what the REST API expects. A DEFAULT cell is left
// out; NULL is sent as null (clears the field on update).
import type { RecordInput } from '../salesforce/index.js';
import { leadingColumns } from './evaluation.js';
import type { WritePlan } from './plan.js';

export type EvalRow = ReadonlyArray<string | null>;

export interface Target {
  /** The Salesforce record Id (UPDATE, DELETE). */
  id: string;
  /** Its mirrored SystemModstamp when evaluated (ISO text), for the lost-update check. */
  stamp: string | null;
}

/** UPDATE/DELETE rows, one per record: a join in FROM/USING may yield a record twice; Postgres changes it once. */
export function uniqueById(rows: readonly EvalRow[]): EvalRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = row[0]!;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function targetsOf(rows: readonly EvalRow[]): Target[] {
  return rows.map((row) => ({ id: row[0]!, stamp: row[1] === null ? null : (JSON.parse(row[1]!) as string) }));
}

export function recordsOf(plan: WritePlan, rows: readonly EvalRow[]): RecordInput[] {
  const offset = leadingColumns(plan.operation);
  return rows.map((row, r) => {
    const record: RecordInput = {};
    if (plan.operation === 'update') record.Id = row[0];
    plan.columns.forEach((column, i) => {
      if (plan.defaults?.[r]?.[i]) return;
      const cell = row[offset + i];
      record[column.field] = cell === null || cell === undefined ? null : JSON.parse(cell);
    });
    return record;
  });
}

/** A value as Postgres would print it in a DETAIL (`Key (email)=(…)`). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
