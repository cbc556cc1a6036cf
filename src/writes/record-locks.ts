// No lost updates. An UPDATE or DELETE locks its records (session-level advisory locks on the
// write's connection, so every proxy replica sharing the database agrees; released once the
// mirror holds the result, or by Postgres if the connection dies) and then checks that the mirror rows it
// evaluated are still the ones in the mirror (same SystemModstamp). If another write or the
// sync changed one in between, the statement is evaluated again — as Postgres re-checks a row
// that a concurrent UPDATE changed (EvalPlanQual). The locks are held until the mirror holds
// the result, so the next writer of the same record evaluates against it.
import type pg from 'pg';
import type { MirrorTable } from '../mirror/catalog.js';
import { mirrorTableRef, quoteIdent } from '../mirror/sql-identifiers.js';
import type { Target } from './records.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** Seed of the lock keys: keeps them apart from other users of advisory locks on 64-bit text hashes. */
const LOCK_SEED = 7234;

/** Locks the records in key order (no deadlock between two statements locking in one round). */
export async function lockRecords(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `SELECT pg_catalog.pg_advisory_lock(k) FROM (SELECT DISTINCT pg_catalog.hashtextextended(id, ${LOCK_SEED}) AS k FROM unnest($1::text[]) AS id ORDER BY 1) AS keys`,
    [ids],
  );
}

/** Releases every record lock this connection holds (it holds no other advisory locks). */
export async function unlockRecords(db: Queryable): Promise<void> {
  await db.query('SELECT pg_catalog.pg_advisory_unlock_all()');
}

/** Whether every target still has, in the mirror, the SystemModstamp it was evaluated with. */
export async function targetsCurrent(db: Queryable, table: MirrorTable, targets: readonly Target[]): Promise<boolean> {
  const id = table.columns.find((c) => c.field === 'Id')!;
  const stamp = table.columns.find((c) => c.field === 'SystemModstamp' && !c.removed);
  if (stamp === undefined || targets.length === 0) return true;
  const { rows } = await db.query<{ changed: string }>(
    `SELECT count(*) AS changed FROM unnest($1::text[], $2::timestamptz[]) AS e(id, stamp)
     LEFT JOIN ${mirrorTableRef(table.table)} AS m ON m.${quoteIdent(id.column)} = e.id
     WHERE m.${quoteIdent(id.column)} IS NULL OR m.${quoteIdent(stamp.column)} IS DISTINCT FROM e.stamp`,
    [targets.map((t) => t.id), targets.map((t) => t.stamp)],
  );
  return rows[0]!.changed === '0';
}
