// UPDATE → SELECT <Id>, <SystemModstamp>, <each SET value> FROM <target> [, FROM list]
// [WHERE …]: the same rows and values the UPDATE would compute, without writing anything.
import type { Node, ResTarget, UpdateStmt } from 'libpg-query';
import type { MirrorColumn } from '../mirror/catalog.js';
import type { Fields } from '../sql/ast.js';
import { unsupportedClause, updateToDefault } from './errors.js';
import { checkWritable, jsonValue, keyColumns, resolveColumn, sqlOf, targetRef, withPrefix } from './plan-sql.js';
import { planReturning } from './plan-returning.js';
import type { PlanTarget, WritePlan } from './plan.js';

export function planUpdate(fields: Fields, target: PlanTarget): WritePlan {
  const stmt = fields as UpdateStmt;
  if (stmt.whereClause !== undefined && 'CurrentOfExpr' in stmt.whereClause) throw unsupportedClause('WHERE CURRENT OF', target);
  const relation = targetRef(stmt.relation, target);
  const { from } = relation;
  const seen = new Set<string>();
  const columns: MirrorColumn[] = [];
  const values: string[] = [];
  for (const node of stmt.targetList ?? []) {
    const set = (node as { ResTarget: ResTarget }).ResTarget;
    const column = resolveColumn(set, 'update', target, seen);
    checkWritable(column, 'update', target);
    columns.push(column);
    values.push(jsonValue(assignedValue(set.val!, column.column, target), column));
  }
  const returning = planReturning(stmt.returningClause, relation, target, (stmt.fromClause ?? []).length > 0);
  const extra = (stmt.fromClause ?? []).map(sqlOf);
  const where = stmt.whereClause === undefined ? '' : ` WHERE ${sqlOf(stmt.whereClause)}`;
  const outputs = [keyColumns(target.table, relation.ref), ...values];
  const evalSql = `${withPrefix(stmt.withClause)}SELECT ${outputs.join(', ')} FROM ${[from, ...extra].join(', ')}${where}`;
  return { operation: 'update', schema: target.schema, table: target.table, statement: target.statement, evalSql, columns, ...(returning && { returning }) };
}

/** The expression assigned to one column; `(a, b) = (x, y)` arrives as one MultiAssignRef per column. */
function assignedValue(value: Node, column: string, target: PlanTarget): string {
  if ('SetToDefault' in value) throw updateToDefault(column);
  if ('MultiAssignRef' in value) {
    const ref = value.MultiAssignRef;
    const source = ref.source as Node | undefined;
    if (source !== undefined && 'RowExpr' in source) {
      const item = source.RowExpr.args?.[(ref.colno ?? 1) - 1];
      if (item !== undefined) return assignedValue(item, column, target);
    }
    throw unsupportedClause('a multiple-column SET from a sub-SELECT', target);
  }
  return sqlOf(value);
}
