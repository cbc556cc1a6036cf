// The write journal (pgforce.write_journal): every change pgforce sends to Salesforce, who
// sent it and how it ended. A row is committed as `pending` before the request leaves, so
// that a crash mid-request still leaves a trace (an INSERT's while its rows are evaluated: see
// WritePath.journalAhead); it is settled (accepted, rejected, unknown, failed) afterwards. It
// is the audit trail and the input of recovery.
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
  records      integer,
  ids          text[] NOT NULL DEFAULT '{}',
  outcome      text NOT NULL CHECK (outcome IN ('pending', 'accepted', 'rejected', 'unknown', 'failed')),
  error_code   text,
  error_message text,
  api_requests integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS write_journal_started_at_idx ON pgforce.write_journal (started_at);
-- An INSERT's entry is started before its records are counted. Journals made before that have
-- records NOT NULL; the check keeps a start from taking the table's lock when there is nothing to do.
DO $journal$ BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute WHERE attrelid = 'pgforce.write_journal'::regclass AND attname = 'records' AND attnotnull) THEN
    ALTER TABLE pgforce.write_journal ALTER COLUMN records DROP NOT NULL;
  END IF;
END $journal$;
${TOMBSTONES_DDL}`;

export type Outcome = 'accepted' | 'rejected' | 'unknown' | 'failed';

export interface JournalDetails {
  ids?: string[] | undefined;
  /** How many records the statement sent, when the entry was started before they were known. */
  records?: number | undefined;
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  apiRequests: number;
}

export interface JournalEntry {
  user: string;
  statement: string;
  sobject: string;
  operation: WriteOperation;
  /** Unknown (null) for an INSERT's entry started while its records are evaluated. */
  records: number | null;
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

/** Removes an entry that never left: its statement sent nothing (it matched no rows, or failed first). */
export async function journalDrop(client: pg.ClientBase, id: string): Promise<void> {
  await client.query({ name: 'pgforce_journal_drop', text: `DELETE FROM pgforce.write_journal WHERE id = $1 AND outcome = 'pending'`, values: [id] });
}

/** Settles an entry on its own (the write failed, or its mirror apply did): one prepared statement. */
export async function journalFinish(client: pg.ClientBase, id: string, outcome: Outcome, details: JournalDetails): Promise<void> {
  const { cte, values } = journalSettledCte(id, outcome, details, 0);
  await client.query({ name: 'pgforce_journal_finish', text: `WITH ${cte} SELECT 1`, values });
}

/** How a failed write is journaled: its Salesforce code (the constraint) or SQLSTATE, and what went wrong. */
export function failureDetails(error: PgError, apiRequests: number, records?: number): JournalDetails {
  return { errorCode: error.constraint ?? error.code, errorMessage: error.detail ?? error.message, apiRequests, records };
}

/**
 * Settles an entry as a CTE of a larger statement (the mirror apply), so that both commit
 * together; its parameters are numbered after the `before` ones the statement already has.
 */
export function journalSettledCte(id: string, outcome: Outcome, details: JournalDetails, before: number): { cte: string; values: unknown[] } {
  const $ = (n: number) => `$${before + n}`;
  return {
    cte: `settled AS (UPDATE pgforce.write_journal SET finished_at = clock_timestamp(), outcome = ${$(1)}, ids = coalesce(${$(2)}::text[], ids),
       error_code = ${$(3)}, error_message = ${$(4)}, api_requests = ${$(5)}::integer, records = coalesce(${$(7)}::integer, records) WHERE id = ${$(6)}::bigint)`,
    values: [outcome, details.ids ?? null, details.errorCode ?? null, details.errorMessage ?? null, details.apiRequests, id, details.records ?? null],
  };
}
