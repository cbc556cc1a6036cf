// RETURNING: the list is answered after the write, from the mirror rows that hold what
// Salesforce now holds (ids, defaults, formula and system fields) — for a DELETE, from the rows
// just before they go. Two pieces of SQL:
// - `query`: the list over the target table for a given list of ids (`$1`, text[]), in id order;
// - `describe`: the same list over no row, joined into the evaluation so that a Describe of a
//   carried statement answers the RETURNING row description (types as Execute will produce).
// The list may only refer to the mirrored table: the rows no longer match the statement's
// FROM/USING or WHERE once written.
import type { Node, ResTarget, ReturningClause } from 'libpg-query';
import type { MirrorTable } from '../mirror/catalog.js';
import { quoteIdent } from '../mirror/sql-identifiers.js';
import { walk } from '../sql/ast.js';
import { undefinedColumn, unsupportedClause } from './errors.js';
import { sqlOf, type TargetRef } from './plan-sql.js';
import type { PlanTarget } from './plan.js';

export interface ReturningPlan {
  /** SELECT of the list for the ids given by `ids` (a text[] expression), one row per id, in that order. */
  query(ids: string): string;
  /** The list over no row: joined to the evaluation, its columns carry the RETURNING types. */
  empty: string;
}

/** The evaluation's column that separates its own columns from the RETURNING ones. */
export const RETURNING_MARKER = 'pgforce:returning';
const LATERAL_ALIAS = quoteIdent('pgforce:ret');
const KEYS = quoteIdent('pgforce:k');
const KEY_ID = quoteIdent('pgforce:id');
const KEY_N = quoteIdent('pgforce:n');

/** `others`: the statement reads other relations too (UPDATE … FROM, DELETE … USING). */
export function planReturning(clause: ReturningClause | undefined, relation: TargetRef, target: PlanTarget, others = false): ReturningPlan | undefined {
  if (clause === undefined) return undefined;
  if (clause.options !== undefined && clause.options.length > 0) throw unsupportedClause('RETURNING OLD/NEW', target);
  const items = (clause.exprs ?? []).map((n) => (n as { ResTarget: ResTarget }).ResTarget);
  const list = items.map((item) => targetSql(item, relation, target, others)).join(', ');
  const table = relation.from;
  const id = quoteIdent(target.table.columns.find((c) => c.field === 'Id')!.column);
  return {
    query: (ids) => `SELECT ${list} FROM pg_catalog.unnest(${ids}) WITH ORDINALITY AS ${KEYS}(${KEY_ID}, ${KEY_N}) `
      + `JOIN ${table} ON ${relation.ref}.${id} = ${KEYS}.${KEY_ID} ORDER BY ${KEYS}.${KEY_N}`,
    empty: `SELECT ${list} FROM ${table} LIMIT 0`,
  };
}

/**
 * The evaluation with the RETURNING columns after its own (all NULL): wrapped, so that the
 * list's column names cannot make the statement's own unqualified names ambiguous.
 */
export function withReturningColumns(evalSql: string, returning: ReturningPlan, ordered: boolean): string {
  return `SELECT e.*, NULL AS ${quoteIdent(RETURNING_MARKER)}, ${LATERAL_ALIAS}.* FROM (${evalSql}) AS e `
    + `LEFT JOIN LATERAL (${returning.empty}) AS ${LATERAL_ALIAS} ON true${ordered ? ' ORDER BY 1' : ''}`;
}

function targetSql(item: ResTarget, relation: TargetRef, target: PlanTarget, others: boolean): string {
  const value = item.val!;
  checkReferences(value, relation, target.table, target, others);
  // `*` alone means the target table's columns (not the id list's).
  const sql = isStar(value) ? `${relation.ref}.*` : sqlOf(value);
  return item.name === undefined ? sql : `${sql} AS ${quoteIdent(item.name)}`;
}

function isStar(node: Node): boolean {
  return 'ColumnRef' in node && node.ColumnRef.fields?.length === 1 && 'A_Star' in node.ColumnRef.fields[0]!;
}

/**
 * Every column reference must name the mirrored table or one of its columns. A name that is no
 * column of it is Postgres's 42703 when the statement reads no other relation (it exists
 * nowhere), else 0A000 (it may be another relation's, which pgforce does not return).
 */
function checkReferences(node: Node, relation: TargetRef, table: MirrorTable, target: PlanTarget, others: boolean): void {
  const refuse = () => unsupportedClause('RETURNING of anything but the mirrored table\'s columns', target);
  const known = (name: string | undefined) => name === '*' || table.columns.some((c) => c.column === name && !c.removed);
  const missing = (name: string) => undefinedColumn(name, target, table.columns.find((c) => c.column === name)?.field);
  walk(node, (type, fields) => {
    if (type === 'SubLink') throw refuse();
    if (type !== 'ColumnRef') return;
    const names = ((fields.fields ?? []) as Node[]).map((f) => ('String' in f ? f.String.sval : '*'));
    if (names.length === 1 && !known(names[0])) throw others ? refuse() : missing(names[0]!);
    if (names.length === 2 && names[0] !== relation.name) throw refuse();
    if (names.length === 2 && !known(names[1])) throw missing(names[1]!);
    if (names.length === 3 && (relation.aliased || names[0] !== target.schema || names[1] !== table.table)) throw refuse();
    if (names.length > 3) throw refuse();
  });
}
