// The errors the write path raises itself, one builder each (Salesforce's own rejections are
// built in rejection.ts). All are ERROR: the statement fails, the session lives on.
import type { MirrorColumn } from '../mirror/catalog.js';
import { PgError, SqlState } from '../wire/index.js';

interface Where {
  schema: string;
  table: { table: string; sobject: string } | string;
}

function tableName(t: Where['table']): string {
  return typeof t === 'string' ? t : t.table;
}

/** A statement shape pgforce does not carry to Salesforce (and what to do instead). */
export function unsupportedWrite(shape: string, schema: string, table: string, hint?: string): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: `pgforce does not carry ${shape} on ${schema}.${table} to Salesforce`,
    hint: hint ?? 'Write with INSERT, UPDATE or DELETE statements on the mirrored table.',
    schema,
    table,
  });
}

export function unsupportedClause(clause: string, where: Where): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: `pgforce does not support ${clause} on mirrored tables`,
    schema: where.schema,
    table: tableName(where.table),
  });
}

export function undefinedColumn(name: string, where: Where, removedField?: string): PgError {
  return new PgError({
    code: SqlState.UndefinedColumn,
    message: `column "${name}" of relation "${tableName(where.table)}" does not exist`,
    detail: removedField === undefined ? undefined : `Salesforce no longer has the field ${removedField}; the column only keeps its last values.`,
    schema: where.schema,
    table: tableName(where.table),
  });
}

export function duplicateColumn(name: string): PgError {
  return new PgError({ code: SqlState.DuplicateColumn, message: `column "${name}" specified more than once` });
}

export function insertArity(what: string): PgError {
  return new PgError({ code: SqlState.SyntaxError, message: `INSERT has ${what}` });
}

export function valuesLength(): PgError {
  return new PgError({ code: SqlState.SyntaxError, message: 'VALUES lists must all be the same length' });
}

export function updateToDefault(column: string): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: `cannot set column "${column}" to DEFAULT on a mirrored table`,
    detail: 'Salesforce applies field defaults only when a record is created.',
    hint: 'Set a value, or NULL to clear the field.',
  });
}

/** Like Postgres for a generated column: Salesforce computes or guards the field (formula, system, or not writable by this user). */
export function columnNotWritable(column: MirrorColumn, kind: 'insert' | 'update', where: Where): PgError {
  const sobject = typeof where.table === 'string' ? '' : `${where.table.sobject}.`;
  return new PgError({
    code: SqlState.GeneratedAlways,
    message: kind === 'insert'
      ? `cannot insert a non-DEFAULT value into column "${column.column}"`
      : `column "${column.column}" cannot be updated`,
    detail: `Salesforce does not let ${sobject}${column.field} be ${kind === 'insert' ? 'set when a record is created' : 'updated'}.`,
    schema: where.schema,
    table: tableName(where.table),
    column: column.column,
  });
}

export function tooManyRecords(count: number, limit: number, where: Where): PgError {
  return new PgError({
    code: SqlState.ProgramLimitExceeded,
    message: `statement would change ${count} Salesforce records, more than the ${limit} pgforce can apply atomically`,
    detail: `Salesforce applies at most ${limit} records in one all-or-none request (5 sObject Collections calls of 200 in one Composite request). Nothing was sent.`,
    hint: "Split the statement (e.g. with a WHERE on ranges of id), or SET pgforce.large_writes = 'bulk' to send it through the Bulk API, record by record (not atomic).",
    schema: where.schema,
    table: tableName(where.table),
  });
}

/** The mirror rows changed between evaluation and lock more often than we retry (or the session's snapshot cannot see the change). */
export function concurrentUpdate(where: Where): PgError {
  return new PgError({
    code: SqlState.SerializationFailure,
    message: 'could not serialize access due to concurrent update',
    detail: 'Records this statement changes were changed by another write at the same time.',
    hint: 'Run the statement again.',
    schema: where.schema,
    table: tableName(where.table),
  });
}

export function statementCompletionUnknown(reason: string, where: Where): PgError {
  return new PgError({
    code: SqlState.StatementCompletionUnknown,
    message: 'the outcome of the Salesforce write is unknown',
    detail: `${reason} Salesforce may or may not have applied it; pgforce does not retry it. The sync brings the mirror to what Salesforce holds.`,
    hint: 'Check the records (after the next sync) before running the statement again.',
    schema: where.schema,
    table: tableName(where.table),
  });
}

/** Deferred mode knows the values Salesforce computes only at COMMIT. */
export function returningDeferred(where: Where): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: 'RETURNING is not supported in deferred write mode',
    detail: 'A deferred statement is sent to Salesforce at COMMIT: the values Salesforce gives the records (ids, defaults, formulas) are not known before.',
    hint: "Leave out RETURNING (the statement still returns changed_ids), or SET LOCAL pgforce.write_mode = 'immediate' for this statement.",
    schema: where.schema,
    table: tableName(where.table),
  });
}
