// SQL text for the evaluations (plan-*.ts): client expressions are deparsed from the parse
// tree by pgsql-deparser (never re-typed by hand), wrapped in casts to the column's type and
// in to_json(), whose output does not depend on the session's DateStyle or locale.
import type { Node, RangeVar, ResTarget, WithClause } from 'libpg-query';
import { deparseSync } from 'pgsql-deparser';
import type { MirrorColumn, MirrorTable } from '../mirror/catalog.js';
import { quoteIdent, quoteLiteral } from '../mirror/sql-identifiers.js';
import { columnNotWritable, duplicateColumn, undefinedColumn, unsupportedClause } from './errors.js';
import { EVAL_MARKER } from './evaluation.js';
import type { PlanTarget } from './plan.js';

export function sqlOf(node: Node): string {
  // Plain constants and parameters (most VALUES cells) are written directly: the deparser's
  // per-node cost adds up over a many-row INSERT.
  if ('ParamRef' in node && node.ParamRef.number !== undefined) return `$${node.ParamRef.number}`;
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.isnull) return 'NULL';
    if (c.sval !== undefined) return quoteLiteral(c.sval.sval ?? '');
    if (c.ival !== undefined) return String(c.ival.ival ?? 0);
  }
  return deparseSync(node);
}

export function withPrefix(withClause: WithClause | undefined): string {
  return withClause === undefined ? '' : `${sqlOf({ WithClause: withClause })} `;
}

/** The target table in an evaluation: its FROM item and how its columns are referred to. */
export interface TargetRef {
  from: string;
  /** SQL prefix of its columns: the alias, or the schema-qualified table. */
  ref: string;
  /** The alias, or the table name (for checking `name.column` references). */
  name: string;
  aliased: boolean;
}

/**
 * The target relation, schema-qualified (it was resolved with the client's search_path when
 * classified). An alias is kept as written; without one the table stays unaliased, so that
 * `contacts.col` and `salesforce.contacts.col` (as ORMs write it) both still resolve.
 */
export function targetRef(relation: RangeVar | undefined, target: PlanTarget): TargetRef {
  const table = `${quoteIdent(target.schema)}.${quoteIdent(target.table.table)}`;
  const alias = relation?.alias?.aliasname;
  if (alias !== undefined) return { from: `${table} AS ${quoteIdent(alias)}`, ref: quoteIdent(alias), name: alias, aliased: true };
  return { from: table, ref: table, name: target.table.table, aliased: false };
}

/**
 * A value as the JSON Salesforce receives, cast to the column's type as the write would.
 * varchar(n) is cast without its length: an explicit cast would truncate silently, and
 * Salesforce checks lengths itself (STRING_TOO_LONG).
 */
export function jsonValue(expression: string, column: MirrorColumn): string {
  return `pg_catalog.to_json(${castValue(expression, column)})`;
}

/** The cast alone (VALUES lists cast each cell, and apply to_json once per column outside). */
export function castValue(expression: string, column: MirrorColumn): string {
  return `CAST((${expression}) AS ${castType(column.pgType)})`;
}

function castType(pgType: string): string {
  return pgType.replace(/^(varchar|character varying|char|character)\s*\(\d+\)$/i, '$1');
}

/** The record's Id and its SystemModstamp as JSON (NULL when the table has none). */
export function keyColumns(table: MirrorTable, ref: string): string {
  const id = table.columns.find((c) => c.field === 'Id')!;
  const stamp = table.columns.find((c) => c.field === 'SystemModstamp' && !c.removed);
  const stampSql = stamp ? `pg_catalog.to_json(${ref}.${quoteIdent(stamp.column)})` : 'NULL::json';
  return `${ref}.${quoteIdent(id.column)} AS ${quoteIdent(EVAL_MARKER)}, ${stampSql}`;
}

export type WriteKind = 'insert' | 'update';

/** The mirror column a target list names, checked as Postgres would, plus Salesforce's createable/updateable. */
export function resolveColumn(target: ResTarget, kind: WriteKind, plan: PlanTarget, seen: Set<string>): MirrorColumn {
  const name = target.name ?? '';
  if (target.indirection !== undefined && target.indirection.length > 0) {
    throw unsupportedClause(`assigning to a part of column "${name}" (a subscript or field)`, plan);
  }
  const column = plan.table.columns.find((c) => c.column === name);
  if (column === undefined || column.removed) throw undefinedColumn(name, plan, column?.field);
  if (seen.has(name)) throw duplicateColumn(name);
  seen.add(name);
  return column;
}

/** Refuses a non-DEFAULT value for a field Salesforce does not let this user set. */
export function checkWritable(column: MirrorColumn, kind: WriteKind, plan: PlanTarget): void {
  if (kind === 'insert' ? !column.createable : !column.updateable) throw columnNotWritable(column, kind, plan);
}
