// Classifies one top-level statement: which mirrored tables it writes or changes, and whether
// it writes anything at all. Data-modifying statements are found wherever they nest (WITH at
// any depth, COPY (…) TO, PREPARE, EXPLAIN ANALYZE, rule actions, SQL function bodies).
import type {
  CopyStmt, CreateFunctionStmt, CreateTableAsStmt, ExecuteStmt, ExplainStmt, LockStmt, Node, RangeVar, RuleStmt,
  SelectStmt, TransactionStmt, TruncateStmt, VariableSetStmt,
} from 'libpg-query';
import { isDml, nodeEntry, objectNames, walk, type Fields } from './ast.js';
import { collectDdlTargets } from './ddl-targets.js';
import { parseSql } from './parser.js';
import { constBool, copyWrites, lockWrites, setWrites, transactionWrites } from './read-only.js';
import type { StatementFacts } from './statement-facts.js';
import type { WriteShape } from './types.js';

const DML_SHAPE = new Map<string, WriteShape>([
  ['InsertStmt', 'insert'], ['UpdateStmt', 'update'], ['DeleteStmt', 'delete'], ['MergeStmt', 'merge'],
]);

/** Statements that never write (their options are checked elsewhere). */
const READS = new Set([
  'VariableShowStmt', 'FetchStmt', 'ClosePortalStmt', 'ListenStmt', 'UnlistenStmt', 'NotifyStmt', 'DeallocateStmt',
  'DiscardStmt', 'ConstraintsSetStmt',
]);

/**
 * `override` replaces the shape of everything found below (EXPLAIN ANALYZE, rule actions,
 * function bodies, COPY queries).
 */
export function visitStatement(node: Node | undefined, f: StatementFacts, override?: WriteShape): void {
  const entry = nodeEntry(node);
  if (entry === undefined) return;
  const [type, fields] = entry;
  const dmlShape = DML_SHAPE.get(type);
  if (dmlShape !== undefined) {
    f.anyWrite = true;
    f.add(dmlShape, f.scope.mirrorTable(fields.relation as RangeVar | undefined), override);
    nestedWrites(fields, f, override ?? 'dml-in-cte');
    return;
  }
  if (READS.has(type)) return;
  switch (type) {
    case 'SelectStmt': {
      const into = (fields as SelectStmt).intoClause;
      if (into !== undefined) {
        f.anyWrite = true;
        f.add('select-into', f.scope.createdRelation(into.rel), override);
      }
      nestedWrites(fields, f, override ?? 'dml-in-cte');
      return;
    }
    case 'ExplainStmt': {
      const e = fields as ExplainStmt;
      if (explainAnalyzes(e.options)) visitStatement(e.query, f, 'explain-analyze');
      return;
    }
    case 'PrepareStmt': // PREPARE counts as the statement it prepares
    case 'DeclareCursorStmt':
      visitStatement(fields.query as Node | undefined, f, override);
      return;
    case 'ExecuteStmt':
      f.anyWrite = true; // what it runs was prepared earlier: unknown here
      f.executes.push((fields as ExecuteStmt).name ?? '');
      return;
    case 'CreateTableAsStmt': {
      const c = fields as CreateTableAsStmt;
      f.anyWrite = true;
      f.add('ddl', f.scope.createdRelation(c.into?.rel), override);
      visitStatement(c.query, f, override);
      return;
    }
    case 'CopyStmt': {
      const c = fields as CopyStmt;
      if (copyWrites(c)) f.anyWrite = true;
      if (c.is_from === true) f.add('copy-from', f.scope.mirrorTable(c.relation), override);
      if (c.query !== undefined) visitStatement(c.query, f, override ?? 'dml-in-cte');
      return;
    }
    case 'TruncateStmt':
      f.anyWrite = true;
      for (const r of (fields as TruncateStmt).relations ?? []) {
        if ('RangeVar' in r) f.add('truncate', f.scope.mirrorTable(r.RangeVar), override);
      }
      return;
    case 'LockStmt': // a lock is not a write of the mirror; modes above ACCESS SHARE need write privileges
      if (lockWrites(fields as LockStmt)) f.anyWrite = true;
      return;
    case 'VariableSetStmt':
      if (setWrites(fields as VariableSetStmt)) f.anyWrite = true;
      return;
    case 'TransactionStmt':
      if (transactionWrites(fields as TransactionStmt)) f.anyWrite = true;
      return;
    case 'RuleStmt': {
      const r = fields as RuleStmt;
      f.anyWrite = true;
      f.add('rule', f.scope.ddlTarget(r.relation), override);
      for (const action of r.actions ?? []) visitStatement(action, f, override ?? 'rule');
      return;
    }
    case 'CreateFunctionStmt':
      f.anyWrite = true;
      createFunction(fields as CreateFunctionStmt, f, override);
      return;
    default:
      f.anyWrite = true;
      collectDdlTargets(type, fields, f, override);
  }
}

/** DML nested anywhere below `root` (not root itself); row locks (FOR UPDATE/SHARE) are writes for read-only users. */
function nestedWrites(root: Fields, f: StatementFacts, shape: WriteShape): void {
  walk(root, (type, fields) => {
    if (isDml(type)) {
      f.anyWrite = true;
      f.add(shape, f.scope.mirrorTable(fields.relation as RangeVar | undefined));
    } else if (type === 'LockingClause') {
      f.anyWrite = true;
    }
  });
}

function explainAnalyzes(options: readonly Node[] | undefined): boolean {
  // EXPLAIN ANALYZE / (ANALYZE) / (ANALYZE on|true|1); an unreadable value counts as on, and so
  // does any one of repeated ANALYZE options (Postgres keeps the last).
  for (const o of options ?? []) {
    if (!('DefElem' in o) || o.DefElem.defname?.toLowerCase() !== 'analyze') continue;
    if (o.DefElem.arg === undefined || constBool(o.DefElem.arg) !== false) return true;
  }
  return false;
}

/** A function in the mirror schema, or one whose SQL body writes the mirror (plpgsql bodies are not read). */
function createFunction(c: CreateFunctionStmt, f: StatementFacts, override: WriteShape | undefined): void {
  f.add('ddl', f.scope.createdInMirror(objectNames({ List: { items: c.funcname ?? [] } })), override);
  const bodyShape = override ?? 'ddl';
  if (c.sql_body !== undefined) {
    walk(c.sql_body, (type, fields) => {
      if (isDml(type)) f.add(bodyShape, f.scope.mirrorTable(fields.relation as RangeVar | undefined));
    });
    return;
  }
  let language = '';
  let body: string | undefined;
  for (const o of c.options ?? []) {
    if (!('DefElem' in o)) continue;
    if (o.DefElem.defname === 'language') language = (objectNames(o.DefElem.arg)[0] ?? '').toLowerCase();
    if (o.DefElem.defname === 'as') body = objectNames(o.DefElem.arg)[0];
  }
  if (language !== 'sql' || body === undefined) return;
  const parsed = parseSql(body);
  if (!parsed.ok) return; // Postgres validates the body itself
  for (const raw of parsed.stmts) visitStatement(raw.stmt, f, bodyShape);
}
