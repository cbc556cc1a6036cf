// INSERT … ON CONFLICT on a mirrored table. The conflict target must be a field Salesforce
// can match records on: an external id (for DO UPDATE, which becomes a Salesforce upsert on
// that field) or, for DO NOTHING, also a unique field or the Id. The evaluation adds, per
// proposed row, the Id of the mirrored record it conflicts with (or NULL):
// - DO NOTHING: those rows are left out; only the others are created and reported;
// - DO UPDATE SET col = EXCLUDED.col …: those rows send only the SET fields (plus the external
//   id), the others every inserted field, all in one Salesforce upsert by external id.
import type { Node, OnConflictClause, ResTarget } from 'libpg-query';
import type { MirrorColumn } from '../mirror/catalog.js';
import { quoteIdent } from '../mirror/sql-identifiers.js';
import { PgError, SqlState } from '../wire/index.js';
import { unsupportedClause } from './errors.js';
import type { PlanTarget } from './plan.js';

export interface UpsertPlan {
  action: 'nothing' | 'update';
  /** The conflict target: an external-id (or, for DO NOTHING, unique or Id) column. */
  column: MirrorColumn;
  /** DO UPDATE: the columns set from EXCLUDED (each must also be inserted). */
  set: MirrorColumn[];
}

export function planUpsert(clause: OnConflictClause, inserted: MirrorColumn[], target: PlanTarget): UpsertPlan {
  const action = clause.action === 'ONCONFLICT_NOTHING' ? 'nothing' : 'update';
  const infer = clause.infer;
  if (infer?.conname !== undefined) throw unsupportedClause('ON CONFLICT ON CONSTRAINT', target);
  const names = (infer?.indexElems ?? []).map((n) => (n as { IndexElem: { name?: string } }).IndexElem.name);
  if (names.length === 0 && action === 'update') throw noConflictTarget();
  if (names.length > 1 || names.some((n) => n === undefined)) throw noMatchingKey(names.join(', '), target);
  const column = names.length === 1
    ? target.table.columns.find((c) => c.column === names[0] && !c.removed)
    : inserted.find((c) => c.externalId || c.unique) ?? target.table.columns.find((c) => c.field === 'Id');
  if (column === undefined || !matchable(column, action)) throw noMatchingKey(names[0] ?? '', target);
  if (!inserted.includes(column)) throw unsupportedClause(`ON CONFLICT (${column.column}) without a value for ${column.column}`, target);
  if (clause.whereClause !== undefined) throw unsupportedClause('ON CONFLICT … DO UPDATE … WHERE', target);
  const set = (clause.targetList ?? []).map((n) => excludedColumn((n as { ResTarget: ResTarget }).ResTarget, inserted, target));
  return { action, column, set };
}

/** The evaluation's last column: the Id of the mirrored record with the same key, or NULL. */
export function conflictColumn(upsert: UpsertPlan, value: string, target: PlanTarget): string {
  const id = target.table.columns.find((c) => c.field === 'Id')!;
  return `(SELECT m.${quoteIdent(id.column)} FROM ${quoteIdent(target.schema)}.${quoteIdent(target.table.table)} AS m WHERE m.${quoteIdent(upsert.column.column)} = ${value} LIMIT 1)`;
}

function matchable(column: MirrorColumn, action: UpsertPlan['action']): boolean {
  if (column.externalId) return true;
  return action === 'nothing' && (column.unique || column.field === 'Id');
}

/** `col = EXCLUDED.col`: the inserted value of that column. */
function excludedColumn(set: ResTarget, inserted: MirrorColumn[], target: PlanTarget): MirrorColumn {
  const value = set.val as Node | undefined;
  const fields = value !== undefined && 'ColumnRef' in value ? (value.ColumnRef.fields ?? []) : [];
  const names = fields.map((f) => ('String' in f ? f.String.sval : undefined));
  const column = inserted.find((c) => c.column === set.name);
  if (names.length !== 2 || names[0]?.toLowerCase() !== 'excluded' || names[1] !== set.name || column === undefined) {
    throw unsupportedClause('ON CONFLICT … DO UPDATE SET other than "col = EXCLUDED.col" for inserted columns', target);
  }
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
