// What the relay does with a transaction-control statement while deferred-mode writes are
// staged (docs/writes.md, "Deferred mode"): a COMMIT sends them (the proxy runs it: a Query at
// once, a prepared COMMIT at its Execute); a ROLLBACK drops them (relayed: nothing was sent).
// Savepoints, PREPARE TRANSACTION, COMMIT AND CHAIN and transaction control mixed with other
// statements in one Query string are refused: pgforce would have to know exactly which staged
// writes they keep, so it says so instead of guessing. Prepared statements are classified when
// parsed, whatever is staged then, since they may be executed once something is.
import type { RawStmt } from 'libpg-query';
import { nodeEntry } from '../sql/ast.js';
import { parseSql } from '../sql/parser.js';
import { PgError, SqlState } from '../wire/index.js';

export type DeferredControl = 'commit' | PgError | undefined;

/** Cheap pre-check: text that cannot be transaction control is never parsed. */
const MAYBE_CONTROL = /\b(commit|end|abort|rollback|savepoint|release|prepare)\b/i;

const KEYWORDS: Record<string, string> = {
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
  TRANS_STMT_PREPARE: 'PREPARE TRANSACTION',
  TRANS_STMT_COMMIT_PREPARED: 'COMMIT PREPARED',
  TRANS_STMT_ROLLBACK_PREPARED: 'ROLLBACK PREPARED',
};

/** A prepared statement (one statement) is transaction control only if it starts so. */
const STARTS_AS_CONTROL = /^\s*(commit|end|abort|rollback|savepoint|release|prepare)\b/i;

/** For a Parse: what its statement would do while writes are staged (undefined: nothing special). */
export function preparedControl(sql: string): DeferredControl {
  return STARTS_AS_CONTROL.test(sql) ? deferredControl(sql) : undefined;
}

export function deferredControl(sql: string): DeferredControl {
  if (!MAYBE_CONTROL.test(sql)) return undefined;
  const parsed = parseSql(sql);
  // Text Postgres will refuse itself, or no statement: relayed.
  if (!parsed.ok || parsed.stmts.length === 0) return undefined;
  const controls = parsed.stmts.map(transactionStmt);
  if (controls.every((c) => c === undefined)) return undefined;
  if (parsed.stmts.length > 1) return refuse('transaction control in a query string with other statements', 'Send COMMIT or ROLLBACK as a statement of its own.');
  const { kind, chain } = controls[0]!;
  if (kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') return undefined;
  if (kind === 'TRANS_STMT_COMMIT') {
    if (chain) return refuse('COMMIT AND CHAIN', 'COMMIT, then BEGIN again.');
    return 'commit';
  }
  return refuse(KEYWORDS[kind] ?? kind, 'Use savepoints in immediate mode only; in deferred mode COMMIT or ROLLBACK the whole transaction.');
}

function transactionStmt(raw: RawStmt): { kind: string; chain: boolean } | undefined {
  const entry = nodeEntry(raw.stmt);
  if (entry?.[0] !== 'TransactionStmt') return undefined;
  const fields = entry[1] as { kind?: string; chain?: boolean };
  return { kind: fields.kind ?? '', chain: fields.chain === true };
}

function refuse(what: string, hint: string): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: `${what} is not supported while deferred Salesforce writes are staged`,
    detail: 'The transaction holds writes that pgforce sends to Salesforce at COMMIT, as one atomic request. Nothing was run; the transaction is unchanged.',
    hint,
  });
}
