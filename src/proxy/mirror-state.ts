// Which tables are mirrored, shared by all sessions of one proxy: read from
// pgforce.mirror_tables at start and refreshed periodically, handed to the classifier.
import type pg from 'pg';
import type { Classifier } from './classifier.js';
import type { MirrorNames } from '../sql/index.js';
import { loadMirrorTables, type MirrorTable } from '../mirror/catalog.js';

export const MIRROR_SCHEMA = 'salesforce';

/** SQLSTATEs meaning "the catalog does not exist yet": no mirrored tables. */
const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA_NAME = '3F000';

export interface MirrorState {
  readonly schema: string;
  /** True once at least one table is mirrored: only then are statements inspected. */
  active: boolean;
  classifier: Classifier & { setNames(names: MirrorNames): void };
}

export async function loadMirrorNames(db: Pick<pg.Pool, 'query'>, schema: string): Promise<MirrorNames> {
  return orIfNoCatalog(async () => {
    const result = await db.query<{ table_name: string }>('SELECT table_name FROM pgforce.mirror_tables');
    return { schema, tables: new Set(result.rows.map((r) => r.table_name)) };
  }, { schema, tables: new Set() });
}

/** The whole catalog (tables and columns), for the write path; empty while it does not exist yet. */
export async function loadMirrorCatalog(db: Pick<pg.Pool, 'query'>): Promise<MirrorTable[]> {
  return orIfNoCatalog(() => loadMirrorTables(db), []);
}

async function orIfNoCatalog<T>(load: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === UNDEFINED_TABLE || code === INVALID_SCHEMA_NAME) return empty;
    throw e;
  }
}

export function applyMirrorNames(state: MirrorState, names: MirrorNames): void {
  state.classifier.setNames(names);
  state.active = names.tables.size > 0;
}
