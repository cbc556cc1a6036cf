// The write journal (pgforce.write_journal): every change pgforce sends to Salesforce, who
// sent it and how it ended. A row is committed as `pending` before the request leaves, so
// that a crash mid-request still leaves a trace; it is settled (accepted, rejected, unknown,
// failed) afterwards. It is the audit trail and the input of recovery.
import type pg from 'pg';
import type { PgError } from '../wire/index.js';
import { TOMBSTONES_DDL } from '../mirror/catalog-ddl.js';
import type { WriteOperation } from './plan.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

export const JOURNAL_DDL = `
CREATE SCHEMA IF NOT EXISTS pgforce;
CREATE TABLE IF NOT EXISTS pgforce.write_journal (
  id           bigserial PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at  timestamptz,
  proxy_user   text NOT NULL,
  statement    text NOT NULL,
  sobject      text NOT NULL,
  operation    text NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  records      integer NOT NULL,
  ids          text[] NOT NULL DEFAULT '{}',
  outcome      text NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected', 'unknown', 'failed')),
  error_code   text,
  error_message text,
  api_requests integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS write_journal_started_at_idx ON pgforce.write_journal (started_at);
${TOMBSTONES_DDL}`;

export type Outcome = 'accepted' | 'rejected' | 'unknown' | 'failed';

export interface JournalDetails {
  ids?: string[] | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  apiRequests: number;
}

export interface JournalEntry {
  user: string;
  statement: string;
  sobject: string;
  operation: WriteOperation;
  records: number;
  /** Known before the request for UPDATE and DELETE. */
  ids: string[];
}

export async function ensureJournal(db: Queryable): Promise<void> {
  await db.query(JOURNAL_DDL);
}

/**
 * Commits a `pending` entry, durably, before the request leaves, and returns its id: one
 * prepared statement, one round trip.
 */
export async function journalStart(client: pg.ClientBase, entry: JournalEntry): Promise<string> {
  const { rows } = await client.query<{ id: string }>({
    name: 'pgforce_journal_start',
    text: `INSERT INTO pgforce.write_journal (proxy_user, statement, sobject, operation, records, ids, outcome)
           VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id`,
    values: [entry.user, entry.statement, entry.sobject, entry.operation, entry.records, entry.ids],
  });
  return rows[0]!.id;
}

/** Settles an entry on its own (the write failed, or its mirror apply did): one prepared statement. */
export async function journalFinish(client: pg.ClientBase, id: string, outcome: Outcome, details: JournalDetails): Promise<void> {
  const { cte, values } = journalSettledCte(id, outcome, details, 0);
  await client.query({ name: 'pgforce_journal_finish', text: `WITH ${cte} SELECT 1`, values });
}

/** How a failed write is journaled: its Salesforce code (the constraint) or SQLSTATE, and what went wrong. */
export function failureDetails(error: PgError, apiRequests: number): JournalDetails {
  return { errorCode: error.constraint ?? error.code, errorMessage: error.detail ?? error.message, apiRequests };
}

/**
 * Settles an entry as a CTE of a larger statement (the mirror apply), so that both commit
 * together; its parameters are numbered after the `before` ones the statement already has.
 */
export function journalSettledCte(id: string, outcome: Outcome, details: JournalDetails, before: number): { cte: string; values: unknown[] } {
  const $ = (n: number) => `$${before + n}`;
  return {
    cte: `settled AS (UPDATE pgforce.write_journal SET finished_at = clock_timestamp(), outcome = ${$(1)}, ids = coalesce(${$(2)}::text[], ids),
       error_code = ${$(3)}, error_message = ${$(4)}, api_requests = ${$(5)}::integer WHERE id = ${$(6)}::bigint)`,
    values: [outcome, details.ids ?? null, details.errorCode ?? null, details.errorMessage ?? null, details.apiRequests, id],
  };
}
