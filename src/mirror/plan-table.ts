// From an sObject describe to its mirror table: the columns (named once, then kept), the DDL
// that creates the table (with its guard triggers) or adds new columns, and which fields
// Salesforce no longer has.
import type { SfField, SfObject } from './describe-types.js';
import type { MirrorColumn, MirrorTable } from './catalog.js';
import { columnNamesFor, tableNameFor } from './naming.js';
import { pgTypeFor } from './pg-types.js';
import { guardTriggerDdl } from './guard.js';
import { mirrorTableRef, quoteIdent } from './sql-identifiers.js';

/** Compound and binary fields: their components are mirrored instead, and bulk queries refuse them. */
const NOT_MIRRORED = new Set(['address', 'location', 'base64', 'complexvalue']);

export interface TablePlan {
  table: MirrorTable;
  /** Statements to run, in order (empty when nothing changed). */
  ddl: string[];
  added: MirrorColumn[];
  removed: MirrorColumn[];
}

export function mirroredFields(object: SfObject): SfField[] {
  return object.fields.filter((f) => !NOT_MIRRORED.has(f.type));
}

export function planTable(object: SfObject, renames: Record<string, string>, existing: MirrorTable | undefined): TablePlan {
  const fields = mirroredFields(object);
  const tableName = existing?.table ?? tableNameFor(object.name);
  const fixed = new Map<string, string>();
  for (const c of existing?.columns ?? []) fixed.set(c.field, c.column);
  for (const [field, column] of Object.entries(renames)) {
    const canonical = fields.find((f) => f.name.toLowerCase() === field.toLowerCase())?.name;
    if (canonical && !fixed.has(canonical)) fixed.set(canonical, column);
  }
  const names = columnNamesFor(fields.map((f) => f.name), fixed);
  const known = new Map((existing?.columns ?? []).map((c) => [c.field, c]));
  let position = Math.max(0, ...(existing?.columns ?? []).map((c) => c.position));
  const columns: MirrorColumn[] = [];
  const added: MirrorColumn[] = [];
  for (const field of fields) {
    const old = known.get(field.name);
    const column = toColumn(field, names.get(field.name)!, old ? old.position : ++position, old?.pgType);
    columns.push(column);
    if (!old) added.push(column);
  }
  const present = new Set(fields.map((f) => f.name));
  const removed = (existing?.columns ?? []).filter((c) => !present.has(c.field)).map((c) => ({ ...c, removed: true }));
  const table: MirrorTable = { table: tableName, sobject: object.name, columns: [...columns, ...removed].sort((a, b) => a.position - b.position) };
  const ddl = existing ? addColumnsDdl(tableName, added) : createTableDdl(tableName, columns);
  return { table, ddl, added: existing ? added : [], removed: removed.filter((c) => !known.get(c.field)?.removed) };
}

function toColumn(field: SfField, column: string, position: number, pgType: string | undefined): MirrorColumn {
  return {
    column, field: field.name, sfType: field.type, pgType: pgType ?? pgTypeFor(field),
    createable: field.createable && !field.calculated, updateable: field.updateable && !field.calculated,
    nillable: field.nillable, externalId: field.externalId, unique: field.unique, referenceTo: field.referenceTo,
    length: field.length, position, removed: false,
  };
}

function columnDefinition(c: MirrorColumn): string {
  // Salesforce never returns null for a checkbox.
  const tail = c.pgType === 'boolean' ? ' NOT NULL DEFAULT false' : '';
  return `${quoteIdent(c.column)} ${c.pgType}${tail}`;
}

function createTableDdl(table: string, columns: MirrorColumn[]): string[] {
  const id = columns.find((c) => c.field === 'Id');
  if (!id) throw new Error(`cannot mirror ${table}: its describe has no Id field`);
  const ref = mirrorTableRef(table);
  return [
    `CREATE TABLE IF NOT EXISTS ${ref} (${columns.map(columnDefinition).join(', ')}, PRIMARY KEY (${quoteIdent(id.column)}))`,
    ...indexDdl(table, columns),
    ...guardTriggerDdl(table),
  ];
}

function addColumnsDdl(table: string, added: MirrorColumn[]): string[] {
  const ref = mirrorTableRef(table);
  return [...added.map((c) => `ALTER TABLE ${ref} ADD COLUMN IF NOT EXISTS ${columnDefinition(c)}`), ...indexDdl(table, added)];
}

/** SystemModstamp drives polling and the write guard; reference columns are join keys. */
function indexDdl(table: string, columns: MirrorColumn[]): string[] {
  return columns
    .filter((c) => c.field === 'SystemModstamp' || c.sfType === 'reference')
    .map((c) => `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${table}_${c.column}_idx`.slice(0, 63))} ON ${mirrorTableRef(table)} (${quoteIdent(c.column)})`);
}
