// The evaluation's rows as Salesforce records: each value arrives as JSON text (to_json in the
// evaluation), so it parses straight into what the REST API expects. A DEFAULT cell is left
// out; NULL is sent as null (clears the field on update).
import type { MirrorColumn } from '../mirror/catalog.js';
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

/** INSERT … ON CONFLICT: the Id of the mirrored record the row conflicts with, or null. */
export function conflictOf(plan: WritePlan, row: EvalRow): string | null {
  return row[leadingColumns(plan.operation) + plan.columns.length] ?? null;
}

/**
 * ON CONFLICT … DO UPDATE … WHERE: rows that conflict and whose WHERE is not true are left
 * out, as Postgres neither updates nor reports them.
 */
export function withoutSkippedUpdates(plan: WritePlan, rows: readonly EvalRow[]): EvalRow[] {
  const expressions = plan.upsert?.expressions;
  if (expressions?.where === undefined) return [...rows];
  const at = leadingColumns(plan.operation) + plan.columns.length + 1 + plan.upsert!.set.length;
  return rows.filter((row) => conflictOf(plan, row) === null || row[at] === 't');
}

/** ON CONFLICT DO NOTHING: the rows that conflict with no record, nor with an earlier row. */
export function withoutConflicts(plan: WritePlan, rows: readonly EvalRow[]): EvalRow[] {
  const key = leadingColumns(plan.operation) + plan.columns.indexOf(plan.upsert!.column);
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (conflictOf(plan, row) !== null) return false;
    const value = row[key];
    if (value === null || value === undefined) return true;
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

/** INSERT: the first column Salesforce will not let this user set that a row gives a value. */
export function uncreatableValue(plan: WritePlan, rows: readonly EvalRow[]): MirrorColumn | undefined {
  const offset = leadingColumns(plan.operation);
  return plan.columns.find((column, i) => !column.createable && rows.some((row, r) => !plan.defaults?.[r]?.[i] && row[offset + i] !== null && row[offset + i] !== 'null'));
}

export function recordsOf(plan: WritePlan, rows: readonly EvalRow[]): RecordInput[] {
  const offset = leadingColumns(plan.operation);
  const upsert = plan.upsert?.action === 'update' ? plan.upsert : undefined;
  return rows.map((row, r) => {
    const record: RecordInput = {};
    if (plan.operation === 'update') record.Id = row[0];
    // An upsert of a record the mirror has: only the key and the SET fields.
    const conflicting = upsert !== undefined && conflictOf(plan, row) !== null;
    if (conflicting && upsert.expressions !== undefined) {
      // The SET values the evaluation computed, after the conflict column; the key as inserted.
      const setAt = offset + plan.columns.length + 1;
      const key = plan.columns.indexOf(upsert.column);
      record[upsert.column.field] = jsonCell(row[offset + key]);
      upsert.set.forEach((column, j) => (record[column.field] = jsonCell(row[setAt + j])));
      return record;
    }
    const only = conflicting ? [upsert.column, ...upsert.set] : undefined;
    plan.columns.forEach((column, i) => {
      if (plan.defaults?.[r]?.[i]) return;
      if (only !== undefined && !only.includes(column)) return;
      // Left out: checked to be NULL (uncreatable-fields check in the write path).
      if (plan.operation === 'insert' && !column.createable) return;
      record[column.field] = jsonCell(row[offset + i]);
    });
    return record;
  });
}

function jsonCell(cell: string | null | undefined): unknown {
  return cell === null || cell === undefined ? null : JSON.parse(cell);
}

/** A value as Postgres would print it in a DETAIL (`Key (email)=(…)`). */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
