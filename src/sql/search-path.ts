// Where the mirror schema stands in the session's search_path, and how a statement earlier in
// the same multi-statement string changes it (`SET search_path = salesforce; DELETE FROM
// contacts` must count as a write of the mirror even if the session's path lacks it).
import type { Node } from 'libpg-query';
import { nodeEntry, stringList, walk } from './ast.js';

/**
 * 0 — absent: unqualified names never mean the mirror;
 * 1 — present: an unqualified mirrored name counts as the mirror (conservative: an earlier
 *     schema might hold a table of that name);
 * 2 — present and where unqualified CREATE puts new objects (only `$user` and `pg_temp`
 *     entries come before it; other schemas are assumed to exist). Also used when the path is
 *     unknown (RESET search_path, set_config()).
 */
export type PathState = 0 | 1 | 2;

export function pathState(schema: string, searchPath: readonly string[]): PathState {
  let creates = true;
  for (const entry of searchPath) {
    if (entry === schema) return creates ? 2 : 1;
    if (entry !== '$user' && entry !== '"$user"' && !entry.startsWith('pg_temp')) creates = false;
  }
  return 0;
}

/** The path state after `stmt` has run. */
export function pathStateAfter(stmt: Node | undefined, schema: string, state: PathState, text: string): PathState {
  const entry = nodeEntry(stmt);
  if (entry === undefined) return state;
  const [type, fields] = entry;
  if (type === 'VariableSetStmt') {
    if (fields.name !== 'search_path') return state;
    if (fields.kind !== 'VAR_SET_VALUE') return 2; // RESET / DEFAULT / FROM CURRENT: unknown here
    // Each argument is one schema name (string literals are quoted as one identifier by Postgres).
    const names: string[] = [];
    for (const a of (fields.args as Node[] | undefined) ?? []) {
      if ('A_Const' in a && a.A_Const.sval !== undefined) names.push(a.A_Const.sval.sval ?? '');
    }
    return pathState(schema, names);
  }
  // set_config('search_path', …) in any statement: the value is an expression, assume the worst.
  if (text.toLowerCase().includes('set_config') && callsSetConfigOnSearchPath(fields)) return 2;
  return state;
}

function callsSetConfigOnSearchPath(root: unknown): boolean {
  let found = false;
  walk(root, (type, fields) => {
    if (type !== 'FuncCall' || found) return;
    const name = stringList(fields.funcname as Node[] | undefined);
    if (name[name.length - 1] !== 'set_config') return;
    const first = (fields.args as Node[] | undefined)?.[0];
    const literal = first !== undefined && 'A_Const' in first ? first.A_Const.sval?.sval : undefined;
    if (literal === undefined || literal.toLowerCase() === 'search_path') found = true;
  });
  return found;
}
