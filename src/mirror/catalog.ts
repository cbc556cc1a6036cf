// Reads and writes the mirror catalog (pgforce.mirror_tables / mirror_columns): the stored
// mapping between tables and sObjects, columns and fields. The write path reads it; the sync
// extends it when Salesforce gains a field and marks fields that disappeared.
import type pg from 'pg';
import { CATALOG_DDL } from './catalog-ddl.js';
import { GUARD_FUNCTION_DDL } from './guard.js';

export interface MirrorColumn {
  column: string;
  field: string;
  sfType: string;
  pgType: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId: boolean;
  unique: boolean;
  referenceTo: string[];
  length: number;
  position: number;
  /** The field no longer exists in Salesforce; the column stays with its last values. */
  removed: boolean;
}

export interface MirrorTable {
  table: string;
  sobject: string;
  columns: MirrorColumn[];
}

type Queryable = Pick<pg.ClientBase, 'query'>;

/** Creates the catalog and the mirror's guard function (replaced, so an upgrade gets the new body). */
export async function ensureCatalog(db: Queryable): Promise<void> {
  await db.query(CATALOG_DDL);
  await db.query(GUARD_FUNCTION_DDL);
}

export async function loadMirrorTables(db: Queryable): Promise<MirrorTable[]> {
  const tables = await db.query<{ table_name: string; sobject: string }>('SELECT table_name, sobject FROM pgforce.mirror_tables ORDER BY table_name');
  const columns = await db.query<{
    table_name: string; column_name: string; field: string; sf_type: string; pg_type: string; createable: boolean;
    updateable: boolean; nillable: boolean; external_id: boolean; is_unique: boolean; reference_to: string[]; length: number;
    position: number; removed_at: Date | null;
  }>('SELECT * FROM pgforce.mirror_columns ORDER BY table_name, position');
  return tables.rows.map((t) => ({
    table: t.table_name,
    sobject: t.sobject,
    columns: columns.rows
      .filter((c) => c.table_name === t.table_name)
      .map((c) => ({
        column: c.column_name, field: c.field, sfType: c.sf_type, pgType: c.pg_type, createable: c.createable,
        updateable: c.updateable, nillable: c.nillable, externalId: c.external_id, unique: c.is_unique,
        referenceTo: c.reference_to, length: c.length, position: c.position, removed: c.removed_at !== null,
      })),
  }));
}

/**
 * Proxies LISTEN here to learn of a new mirrored table at once: writes to it must be
 * intercepted from the moment it exists. NOTIFY is delivered when the saving transaction commits.
 */
export const MIRROR_CHANGED_CHANNEL = 'pgforce_mirror_changed';

export async function saveMirrorTable(db: Queryable, table: MirrorTable): Promise<void> {
  const { rowCount } = await db.query('INSERT INTO pgforce.mirror_tables (table_name, sobject) VALUES ($1, $2) ON CONFLICT (table_name) DO NOTHING', [table.table, table.sobject]);
  if (rowCount === 1) await db.query(`NOTIFY ${MIRROR_CHANGED_CHANNEL}`);
  for (const c of table.columns) {
    await db.query(
      `INSERT INTO pgforce.mirror_columns (table_name, column_name, field, sf_type, pg_type, createable, updateable, nillable,
         external_id, is_unique, reference_to, length, position, removed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $14 THEN now() END)
       ON CONFLICT (table_name, column_name) DO UPDATE SET
         sf_type = EXCLUDED.sf_type, createable = EXCLUDED.createable, updateable = EXCLUDED.updateable,
         nillable = EXCLUDED.nillable, external_id = EXCLUDED.external_id, is_unique = EXCLUDED.is_unique,
         reference_to = EXCLUDED.reference_to, length = EXCLUDED.length,
         removed_at = CASE WHEN $14 THEN coalesce(pgforce.mirror_columns.removed_at, now()) END`,
      [table.table, c.column, c.field, c.sfType, c.pgType, c.createable, c.updateable, c.nillable, c.externalId, c.unique,
        c.referenceTo, c.length, c.position, c.removed],
    );
  }
}
