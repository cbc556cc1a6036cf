// The interceptor used when the proxy can reach Salesforce: it plans each INSERT, UPDATE and
// DELETE on a mirrored table for the write path and refuses, with what to do instead, every
// other shape of write (COPY FROM, TRUNCATE, MERGE, writes inside WITH, DDL …). Plans are
// cached by text until the catalog changes.
import type { RawStmt } from 'libpg-query';
import type { MirrorTable } from '../mirror/catalog.js';
import { nodeEntry } from '../sql/ast.js';
import { LruCache } from '../sql/lru-cache.js';
import { parseSql, StatementTexts } from '../sql/parser.js';
import type { WriteShape } from '../sql/index.js';
import { PgError } from '../wire/index.js';
import { unsupportedWrite } from '../writes/errors.js';
import { planStatement } from '../writes/plan.js';
import { SHAPE_TEXT, type CarriedStatement, type InterceptDecision, type InterceptedWrite, type Interceptor } from './interceptor.js';

/** What to do instead, per shape the write path does not carry. */
const INSTEAD: Partial<Record<WriteShape, string>> = {
  'merge': 'Use INSERT, UPDATE and DELETE statements instead of MERGE.',
  'copy-from': 'Load rows with INSERT … VALUES (many rows per statement) or INSERT … SELECT from a table outside the salesforce schema.',
  'truncate': 'Delete records with DELETE … WHERE (up to 1,000 per statement).',
  'dml-in-cte': 'Run the INSERT, UPDATE or DELETE as a statement of its own (a WITH query may feed it, but not write).',
  'explain-analyze': 'EXPLAIN without ANALYZE shows the plan without running the write.',
  'ddl': "The sync owns the mirrored tables' definitions: change the object in Salesforce and the sync follows.",
  'rule': "The sync owns the mirrored tables' definitions; rules on them are not allowed.",
  'trigger': "The sync owns the mirrored tables' definitions; triggers on them are not allowed.",
  'select-into': 'Create the new table outside the salesforce schema.',
};

const CARRIED = new Set<WriteShape>(['insert', 'update', 'delete']);
const PLAN_CACHE_SIZE = 1000;

export class CarryWrites implements Interceptor {
  private readonly cache = new LruCache<string, InterceptDecision>(PLAN_CACHE_SIZE);
  private tables = new Map<string, MirrorTable>();

  /** New catalog (a table or column was added): plans made with the old one are dropped. */
  setTables(tables: readonly MirrorTable[]): void {
    this.tables = new Map(tables.map((t) => [t.table, t]));
    this.cache.clear();
  }

  onMirrorWrite(write: InterceptedWrite): InterceptDecision {
    const key = `${write.kind}\0${write.classification.mirrorWrites.map((w) => `${w.statementIndex}.${w.table}`).join(',')}\0${write.sql}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let decision: InterceptDecision;
    try {
      decision = this.decide(write);
    } catch (error) {
      if (!(error instanceof PgError)) throw error;
      decision = { action: 'refuse', error };
    }
    if (write.sql.length <= 65_536) this.cache.set(key, decision);
    return decision;
  }

  private decide(write: InterceptedWrite): InterceptDecision {
    const { schema } = write;
    for (const w of write.classification.mirrorWrites) {
      if (!CARRIED.has(w.shape)) throw unsupportedWrite(SHAPE_TEXT[w.shape], schema, w.table, INSTEAD[w.shape]);
    }
    const parsed = parseSql(write.sql);
    // A Parse with several statements is refused by Postgres itself; let it say so.
    if (!parsed.ok || (write.kind === 'parse' && parsed.stmts.length !== 1)) return { action: 'relay' };
    const texts = new StatementTexts(parsed.text);
    const statements = parsed.stmts.map((raw: RawStmt, index): CarriedStatement => {
      const sql = texts.text(raw);
      const type = nodeEntry(raw.stmt)?.[0];
      const write_ = write.classification.mirrorWrites.find((w) => w.statementIndex === index);
      if (write_ === undefined) {
        if (type === 'CopyStmt') throw unsupportedWrite('COPY in a query string that also writes', schema, write.classification.mirrorWrites[0]!.table, 'Send the COPY as a query of its own.');
        return { sql, transactionControl: type === 'TransactionStmt' };
      }
      const table = this.tables.get(write_.table);
      if (table === undefined) throw unsupportedWrite(SHAPE_TEXT[write_.shape], schema, write_.table, 'The table is not in the mirror catalog yet; try again once the sync has created it.');
      return { sql, plan: planStatement(raw.stmt, sql, table, schema) };
    });
    return { action: 'carry', statements };
  }
}
