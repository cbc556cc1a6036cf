// Public types of the statement classifier (see classifier.ts).

/** The mirror as the classifier sees it: the schema and its mirrored table names (lower-case). */
export interface MirrorNames {
  schema: string;
  tables: ReadonlySet<string>;
}

/**
 * How a statement writes or changes a mirrored table.
 * - insert/update/delete/merge: the statement itself (or PREPARE of it) targets the table.
 * - dml-in-cte: a data-modifying statement nested in another one (WITH, COPY (… RETURNING) TO).
 * - explain-analyze: any of the above under EXPLAIN ANALYZE (which executes it).
 * - ddl: changes the table's definition, privileges, comments, dependants, or creates/drops
 *   anything in the mirror schema.
 * - rule / trigger: creates, drops, enables or disables a rule/trigger on the table, or a rule
 *   whose action writes it.
 * - select-into: SELECT … INTO a table in the mirror schema.
 * - lock: reserved; LOCK TABLE is never reported (it is not a write).
 */
export type WriteShape =
  | 'insert' | 'update' | 'delete' | 'merge' | 'copy-from' | 'truncate' | 'dml-in-cte' | 'explain-analyze'
  | 'ddl' | 'rule' | 'trigger' | 'select-into' | 'lock';

/**
 * `table` is the mirrored table's name; for DDL it may also be the name of any object in the
 * mirror schema (a new table, view, function, index …), or `'*'` when the whole schema is
 * concerned (DROP/ALTER/GRANT … SCHEMA salesforce).
 */
export interface MirrorWrite {
  statementIndex: number;
  shape: WriteShape;
  table: string;
  /** That statement's SQL text (from the parser's stmt_location/stmt_len), trimmed. */
  statement: string;
}

/** Results are cached and shared: they are frozen, never mutate them. */
export interface Classification {
  statements: number;
  mirrorWrites: readonly MirrorWrite[];
  anyWrite: boolean;
  /** Names of prepared statements run by EXECUTE (or CREATE TABLE AS EXECUTE); unknown statically, so anyWrite is true for them. */
  executes?: readonly string[];
  parseError?: string;
}

export interface ClassifierOptions {
  /** Entries in the LRU cache of classifications (default 5000). */
  cacheSize?: number;
  /** Texts longer than this many characters are classified but not cached (default 65536). */
  maxCachedLength?: number;
}
