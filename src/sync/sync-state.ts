// Where each object's sync stands (pgforce.sync_state): the backfill's resume point and the
// incremental cursor. Updated in the same transaction as the rows it describes, so a crash
// resumes exactly where the last committed batch ended.
import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface SyncState {
  sobject: string;
  backfillDone: boolean;
  /** Resume the backfill from this SystemModstamp (inclusive); null: from the start. */
  backfillFrom: string | null;
  rowsBackfilled: number;
  /** Incremental polls read changes from here minus the overlap window. */
  cursor: string | null;
  deletedCheckedAt: string | null;
}

export async function loadState(db: Queryable, sobject: string): Promise<SyncState> {
  await db.query('INSERT INTO pgforce.sync_state (sobject) VALUES ($1) ON CONFLICT DO NOTHING', [sobject]);
  const { rows } = await db.query<{
    backfill_done: boolean; backfill_from: Date | null; rows_backfilled: string; cursor_modstamp: Date | null; deleted_checked_at: Date | null;
  }>('SELECT * FROM pgforce.sync_state WHERE sobject = $1', [sobject]);
  const r = rows[0]!;
  return {
    sobject,
    backfillDone: r.backfill_done,
    backfillFrom: r.backfill_from?.toISOString() ?? null,
    rowsBackfilled: Number(r.rows_backfilled),
    cursor: r.cursor_modstamp?.toISOString() ?? null,
    deletedCheckedAt: r.deleted_checked_at?.toISOString() ?? null,
  };
}

export async function saveBackfillProgress(db: Queryable, sobject: string, from: string | null, rows: number): Promise<void> {
  await db.query(
    'UPDATE pgforce.sync_state SET backfill_from = coalesce($2::timestamptz, backfill_from), rows_backfilled = rows_backfilled + $3, updated_at = now() WHERE sobject = $1',
    [sobject, from, rows],
  );
}

export async function finishBackfill(db: Queryable, sobject: string, cursor: string): Promise<void> {
  await db.query(
    'UPDATE pgforce.sync_state SET backfill_done = true, cursor_modstamp = greatest(cursor_modstamp, $2::timestamptz), updated_at = now() WHERE sobject = $1',
    [sobject, cursor],
  );
}

export async function saveCursor(db: Queryable, sobject: string, cursor: string): Promise<void> {
  await db.query(
    'UPDATE pgforce.sync_state SET cursor_modstamp = greatest(cursor_modstamp, $2::timestamptz), updated_at = now() WHERE sobject = $1',
    [sobject, cursor],
  );
}

export async function saveDeletedCheck(db: Queryable, sobject: string, at: string): Promise<void> {
  await db.query('UPDATE pgforce.sync_state SET deleted_checked_at = $2, updated_at = now() WHERE sobject = $1', [sobject, at]);
}
