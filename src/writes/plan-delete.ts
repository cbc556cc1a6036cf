// DELETE → SELECT <Id>, <SystemModstamp> FROM <target> [, USING list] [WHERE …].
import type { DeleteStmt } from 'libpg-query';
import type { Fields } from '../sql/ast.js';
import { unsupportedClause } from './errors.js';
import { keyColumns, sqlOf, targetRef, withPrefix } from './plan-sql.js';
import { planReturning } from './plan-returning.js';
import type { PlanTarget, WritePlan } from './plan.js';

export function planDelete(fields: Fields, target: PlanTarget): WritePlan {
  const stmt = fields as DeleteStmt;
  if (stmt.whereClause !== undefined && 'CurrentOfExpr' in stmt.whereClause) throw unsupportedClause('WHERE CURRENT OF', target);
  const relation = targetRef(stmt.relation, target);
  const { from } = relation;
  const using = (stmt.usingClause ?? []).map(sqlOf);
  const where = stmt.whereClause === undefined ? '' : ` WHERE ${sqlOf(stmt.whereClause)}`;
  const returning = planReturning(stmt.returningClause, relation, target, (stmt.usingClause ?? []).length > 0);
  const evalSql = `${withPrefix(stmt.withClause)}SELECT ${keyColumns(target.table, relation.ref)} FROM ${[from, ...using].join(', ')}${where}`;
  return { operation: 'delete', schema: target.schema, table: target.table, statement: target.statement, evalSql, columns: [], ...(returning && { returning }) };
}
