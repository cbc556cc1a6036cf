// A write plan: what the proxy does with one INSERT, UPDATE or DELETE on a mirrored table.
// The statement is turned into a SELECT (the evaluation) that Postgres runs in the client's
// own session, so that Postgres — not pgforce — decides which records and which values the
// SQL means (expressions, DEFAULT, joins, subqueries, parameters, search_path). The rows it
// yields are then sent to Salesforce. Built once per statement text and cached.
import type { Node, RawStmt } from 'libpg-query';
import type { MirrorColumn, MirrorTable } from '../mirror/catalog.js';
import { nodeEntry } from '../sql/ast.js';
import { parseSql } from '../sql/parser.js';
import { unsupportedWrite } from './errors.js';
import { planDelete } from './plan-delete.js';
import { planInsert } from './plan-insert.js';
import { withReturningColumns, type ReturningPlan } from './plan-returning.js';
import { planUpdate } from './plan-update.js';
import type { UpsertPlan } from './plan-upsert.js';

export type WriteOperation = 'insert' | 'update' | 'delete';

export interface WritePlan {
  operation: WriteOperation;
  /** The mirror schema and table, and the sObject behind it. */
  schema: string;
  table: MirrorTable;
  /** The client's statement, as journaled. */
  statement: string;
  /**
   * The evaluation. Its first column is always named EVAL_MARKER (so that the proxy knows its
   * RowDescription when a client Describes a carried statement). UPDATE and DELETE rows start
   * with the record's Id and its mirrored SystemModstamp (as JSON, or NULL), for the
   * lost-update check; INSERT rows with their position. Then, for INSERT and UPDATE, one JSON
   * value per entry of `columns`.
   */
  evalSql: string;
  /** The fields written, in the evaluation's order. */
  columns: MirrorColumn[];
  /** INSERT … VALUES: per row, which of `columns` were DEFAULT (left for Salesforce to fill). */
  defaults?: boolean[][];
  /** RETURNING: answered from the mirror after the write (plan-returning.ts). */
  returning?: ReturningPlan;
  /** INSERT … ON CONFLICT (plan-upsert.ts); the evaluation's last own column is the conflicting record's Id. */
  upsert?: UpsertPlan;
}

export { EVAL_MARKER, leadingColumns } from './evaluation.js';

export function commandTagFor(operation: WriteOperation, count: number): string {
  return operation === 'insert' ? `INSERT 0 ${count}` : `${operation.toUpperCase()} ${count}`;
}

/** Plans one statement (already known to write `table`); throws a PgError for what pgforce cannot carry. */
export function planWrite(statement: string, table: MirrorTable, schema: string): WritePlan {
  const parsed = parseSql(statement);
  if (!parsed.ok || parsed.stmts.length !== 1) throw unsupportedWrite('this statement', schema, table.table);
  return planStatement((parsed.stmts[0] as RawStmt).stmt, statement, table, schema);
}

export function planStatement(node: Node | undefined, statement: string, table: MirrorTable, schema: string): WritePlan {
  const entry = nodeEntry(node);
  const target = { table, schema, statement };
  let plan: WritePlan;
  switch (entry?.[0]) {
    case 'InsertStmt':
      plan = planInsert(entry[1], target);
      break;
    case 'UpdateStmt':
      plan = planUpdate(entry[1], target);
      break;
    case 'DeleteStmt':
      plan = planDelete(entry[1], target);
      break;
    default:
      throw unsupportedWrite(entry?.[0] === 'PrepareStmt' ? 'PREPARE' : 'this statement', schema, table.table);
  }
  if (plan.returning === undefined) return plan;
  return { ...plan, evalSql: withReturningColumns(plan.evalSql, plan.returning, plan.operation === 'insert') };
}

export interface PlanTarget {
  table: MirrorTable;
  schema: string;
  statement: string;
}
