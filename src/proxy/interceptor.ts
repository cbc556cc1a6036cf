// The interception hook: what the session does with a Query or Parse whose statements write a
// mirrored table. Without a Salesforce connection the default refuses every such write with
// 0A000; with one, carry-writes.ts plans them for the write path (src/writes).
import { mirrorWriteNotCarried, type PgError } from '../wire/index.js';
import type { WritePlan } from '../writes/plan.js';
import type { Classification, WriteShape } from '../sql/index.js';
import type { ProxyUser } from './users.js';

export interface InterceptedWrite {
  /** 'query': a simple-protocol Query message; 'parse': an extended-protocol Parse. */
  kind: 'query' | 'parse';
  sql: string;
  /** The prepared statement's name for a Parse ('' = unnamed). */
  statementName?: string;
  classification: Classification;
  user: ProxyUser;
  /** The mirror schema (normally `salesforce`). */
  schema: string;
}

/** One statement of a carried Query or Parse: a write with its plan, or any other statement. */
export interface CarriedStatement {
  sql: string;
  plan?: WritePlan;
  /** BEGIN, COMMIT, SAVEPOINT …: the Query's statements are then not wrapped in one transaction. */
  transactionControl?: boolean;
}

export interface CarryDecision {
  action: 'carry';
  statements: CarriedStatement[];
}

export type InterceptDecision =
  /** Send the message on to the mirror database untouched. */
  | { action: 'relay' }
  /** Answer the client with this error instead (the session lives on). */
  | { action: 'refuse'; error: PgError }
  /** Run it through the write path (Salesforce first). */
  | CarryDecision;

export interface Interceptor {
  onMirrorWrite(write: InterceptedWrite): InterceptDecision;
}

/** How a write shape reads in a message to the user. */
export const SHAPE_TEXT: Record<WriteShape, string> = {
  'insert': 'INSERT',
  'update': 'UPDATE',
  'delete': 'DELETE',
  'merge': 'MERGE',
  'copy-from': 'COPY FROM',
  'truncate': 'TRUNCATE',
  'dml-in-cte': 'a data-modifying WITH query',
  'explain-analyze': 'EXPLAIN ANALYZE of a write',
  'ddl': 'DDL',
  'rule': 'rules',
  'trigger': 'triggers',
  'select-into': 'SELECT INTO',
  'lock': 'LOCK',
};

/** Refuses every write to a mirrored table, naming the statement shape and table. */
export const refuseMirrorWrites: Interceptor = {
  onMirrorWrite(write) {
    const first = write.classification.mirrorWrites[0];
    const shape = first ? SHAPE_TEXT[first.shape] : 'this statement';
    const table = first?.table ?? 'a mirrored table';
    return { action: 'refuse', error: mirrorWriteNotCarried(shape, write.schema, table) };
  },
};
