// INSERT … ON CONFLICT on a mirrored table. The conflict target must be a field Salesforce
// can match records on: an external id (for DO UPDATE, which becomes a Salesforce upsert on
// that field) or, for DO NOTHING, also a unique field or the Id. The evaluation adds, per
// proposed row, the Id of the mirrored record it conflicts with (or NULL):
// - DO NOTHING: those rows are left out; only the others are created and reported;
// - DO UPDATE SET col = EXCLUDED.col …: those rows send only the SET fields (plus the external
//   id), the others every inserted field, all in one Salesforce upsert by external id.
// - DO UPDATE with other SET expressions or a WHERE: the evaluation also joins each proposed
//   row to the mirrored record it conflicts with (under the target's name or alias) and to its
//   proposed values (as `excluded`), and computes the SET values and the WHERE there, as
//   Postgres would; a row whose WHERE is not true is left out (not updated, not reported).
import type { Node, OnConflictClause, ResTarget } from 'libpg-query';
import type { MirrorColumn } from '../mirror/catalog.js';
import { quoteIdent } from '../mirror/sql-identifiers.js';
import { PgError, SqlState } from '../wire/index.js';
import { unsupportedClause, updateToDefault } from './errors.js';
import { checkWritable, jsonValue, resolveColumn, sqlOf, type TargetRef } from './plan-sql.js';
import type { PlanTarget } from './plan.js';

export interface UpsertPlan {
  action: 'nothing' | 'update';
  /** The conflict target: an external-id (or, for DO NOTHING, unique or Id) column. */
  column: MirrorColumn;
  /** DO UPDATE: the columns the SET list assigns. */
  set: MirrorColumn[];
  /**
   * DO UPDATE with expressions other than `col = EXCLUDED.col`, or a WHERE: the SQL of each SET
   * value, in `set` order, and of the WHERE. The evaluation then ends with one JSON value per
   * SET column and, with a WHERE, its boolean (withUpdateExpressions).
   */
  expressions?: { values: string[]; where: string | undefined };
}

export function planUpsert(clause: OnConflictClause, inserted: MirrorColumn[], target: PlanTarget): UpsertPlan {
  const action = clause.action === 'ONCONFLICT_NOTHING' ? 'nothing' : 'update';
  const infer = clause.infer;
  if (infer?.conname !== undefined) throw unsupportedClause('ON CONFLICT ON CONSTRAINT', target);
  const names = (infer?.indexElems ?? []).map(indexElemName);
  if (names.length === 0 && action === 'update') throw noConflictTarget();
  if (names.length > 1 || names.some((n) => n === undefined)) throw noMatchingKey(names.join(', '), target);
  const column = names.length === 1
    ? target.table.columns.find((c) => c.column === names[0] && !c.removed)
    : inserted.find((c) => c.externalId || c.unique) ?? target.table.columns.find((c) => c.field === 'Id');
  if (column === undefined || !matchable(column, action)) throw noMatchingKey(names[0] ?? '', target);
  if (!inserted.includes(column)) throw unsupportedClause(`ON CONFLICT (${column.column}) without a value for ${column.column}`, target);
  const targets = (clause.targetList ?? []).map((n) => (n as { ResTarget: ResTarget }).ResTarget);
  const simple = targets.map((t) => excludedColumn(t, inserted));
  if (clause.whereClause === undefined && simple.every((c) => c !== undefined)) return { action, column, set: simple as MirrorColumn[] };
  const seen = new Set<string>();
  const set = targets.map((t) => {
    const assigned = resolveColumn(t, 'update', target, seen);
    checkWritable(assigned, 'update', target);
    if (t.val !== undefined && 'SetToDefault' in t.val) throw updateToDefault(assigned.column);
    return assigned;
  });
  const values = targets.map((t) => sqlOf(t.val as Node));
  const where = clause.whereClause === undefined ? undefined : sqlOf(clause.whereClause);
  return { action, column, set, expressions: { values, where } };
}

/**
 * The evaluation of an upsert with SET expressions or a WHERE: `evalSql` (whose value columns
 * are named `names`, and whose conflicting record's Id is CONFLICT_COLUMN) joined to that record
 * and to the proposed values, then the SET values (JSON, cast to their column's type) and the WHERE.
 */
export function withUpdateExpressions(evalSql: string, upsert: UpsertPlan, inserted: MirrorColumn[], names: string[], relation: TargetRef, target: PlanTarget): string {
  const { values, where } = upsert.expressions!;
  const id = target.table.columns.find((c) => c.field === 'Id')!;
  const alias = quoteIdent(relation.name);
  const table = `${quoteIdent(target.schema)}.${quoteIdent(target.table.table)}`;
  // The proposed values with their column types, as EXCLUDED has them.
  const proposed = inserted.map((c, i) => (c.pgType === 'jsonb' ? `e.${names[i]}::jsonb` : `CAST(e.${names[i]} #>> '{}' AS ${c.pgType})`));
  const outputs = upsert.set.map((c, i) => jsonValue(values[i]!, c));
  if (where !== undefined) outputs.push(`(${where})::boolean`);
  return `SELECT e.*, ${outputs.join(', ')} FROM (${evalSql}) AS e `
    + `LEFT JOIN ${table} AS ${alias} ON ${alias}.${quoteIdent(id.column)} = e.${CONFLICT_COLUMN} `
    + `CROSS JOIN LATERAL (SELECT ${proposed.join(', ')}) AS excluded(${inserted.map((c) => quoteIdent(c.column)).join(', ')}) ORDER BY 1`;
}

/** The single column an ON CONFLICT names, if it names exactly one. */
export function conflictTarget(clause: OnConflictClause): string | undefined {
  const elems = clause.infer?.indexElems ?? [];
  return elems.length === 1 ? indexElemName(elems[0]!) : undefined;
}

function indexElemName(node: Node): string | undefined {
  return (node as { IndexElem: { name?: string } }).IndexElem.name;
}

/** The name of the evaluation's column that holds the Id of the conflicting record. */
export const CONFLICT_COLUMN = quoteIdent('pgforce:conflict');

/** The evaluation's column after the values: the Id of the mirrored record with the same key, or NULL. */
export function conflictColumn(upsert: UpsertPlan, value: string, target: PlanTarget): string {
  const id = target.table.columns.find((c) => c.field === 'Id')!;
  return `(SELECT m.${quoteIdent(id.column)} FROM ${quoteIdent(target.schema)}.${quoteIdent(target.table.table)} AS m WHERE m.${quoteIdent(upsert.column.column)} = ${value} LIMIT 1) AS ${CONFLICT_COLUMN}`;
}

function matchable(column: MirrorColumn, action: UpsertPlan['action']): boolean {
  if (column.externalId) return true;
  return action === 'nothing' && (column.unique || column.field === 'Id');
}

/** `col = EXCLUDED.col` for an inserted column: that column (its inserted value is sent); else undefined. */
function excludedColumn(set: ResTarget, inserted: MirrorColumn[]): MirrorColumn | undefined {
  const value = set.val as Node | undefined;
  const fields = value !== undefined && 'ColumnRef' in value ? (value.ColumnRef.fields ?? []) : [];
  const names = fields.map((f) => ('String' in f ? f.String.sval : undefined));
  const column = inserted.find((c) => c.column === set.name);
  if (names.length !== 2 || names[0]?.toLowerCase() !== 'excluded' || names[1] !== set.name || set.indirection?.length) return undefined;
  return column;
}

function noConflictTarget(): PgError {
  return new PgError({
    code: SqlState.SyntaxError,
    message: 'ON CONFLICT DO UPDATE requires inference specification or constraint name',
    hint: 'For example, ON CONFLICT (column_name).',
  });
}

/** Postgres's words when no unique index matches; here: no Salesforce field records can be matched on. */
function noMatchingKey(column: string, target: PlanTarget): PgError {
  return new PgError({
    code: SqlState.InvalidColumnReference,
    message: 'there is no unique or exclusion constraint matching the ON CONFLICT specification',
    detail: `${column ? `Column "${column}" is` : 'The columns are'} not an external id field of ${target.table.sobject}; Salesforce matches records only on the Id or an external id (or, for DO NOTHING, a unique field).`,
    schema: target.schema,
    table: target.table.table,
  });
}
