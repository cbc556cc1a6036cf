// The org's records in memory, with the indexes writes need (by id, by unique value).
// Writes never touch the store directly: they go through a Transaction (transaction.ts),
// which validates against the store plus its own pending changes and applies all at once.
import type { SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from './record.js';
import { ModstampLog } from './modstamp-log.js';

export class RecordStore implements RecordSource {
  private readonly byType = new Map<string, Map<string, StoredRecord>>();
  private readonly byId = new Map<string, StoredRecord>();
  /** `Type.Field` -> normalised value -> ids, for unique and external-id fields. */
  private readonly uniqueIndexes = new Map<string, Map<string, Set<string>>>();
  private readonly uniqueFieldsByType = new Map<string, { field: string; key: string; caseSensitive: boolean }[]>();
  private readonly listeners: Array<() => void> = [];
  private readonly modstampLogs = new Map<string, ModstampLog>();

  constructor(readonly schema: SchemaRegistry) {
    for (const object of schema.objects()) {
      this.byType.set(object.name, new Map());
      this.modstampLogs.set(object.name, new ModstampLog());
      this.indexUniqueFields(object);
    }
  }

  /**
   * After a field was added to or removed from `object` at run time: every record gets
   * `value` for `field` (undefined: the field is dropped), and the unique indexes follow the
   * object's fields again. Records are replaced in place: no new version, SystemModstamp and
   * the SystemModstamp order of the records stay as they are.
   */
  resetField(object: SObjectDef, field: string, value: FieldValue | undefined): void {
    const records = this.byType.get(object.name);
    if (!records) return;
    for (const [id, record] of records) {
      if (value === undefined ? !(field in record) : record[field] === value) continue;
      const next = value === undefined ? without(record, field) : { ...record, [field]: value };
      records.set(id, next);
      this.byId.set(id, next);
    }
    this.indexUniqueFields(object);
    this.modstampLogs.get(object.name)?.reset(records.values());
    for (const listener of this.listeners) listener();
  }

  /** (Re)builds the indexes of `object`'s unique and external-id fields from its records. */
  private indexUniqueFields(object: SObjectDef): void {
    for (const u of this.uniqueFieldsByType.get(object.name) ?? []) this.uniqueIndexes.delete(u.key);
    const unique = object.fields
      .filter((f) => f.unique || f.externalId)
      .map((f) => ({ field: f.name, key: `${object.name}.${f.name}`, caseSensitive: f.caseSensitive }));
    this.uniqueFieldsByType.set(object.name, unique);
    for (const u of unique) {
      const index = new Map<string, Set<string>>();
      this.uniqueIndexes.set(u.key, index);
      for (const [id, record] of this.byType.get(object.name) ?? []) {
        const value = record[u.field] ?? null;
        if (value === null) continue;
        const key = uniqueKey(value, u.caseSensitive);
        let ids = index.get(key);
        if (!ids) index.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  scan(sobject: string): Iterable<StoredRecord> {
    return this.byType.get(sobject)?.values() ?? [];
  }

  /** Records with SystemModstamp >= `stamp` (deleted ones too), or undefined if unindexed. */
  scanModifiedSince(sobject: string, stamp: string): Iterable<StoredRecord> | undefined {
    return this.modstampLogs.get(sobject)?.since(stamp, (r) => this.byId.get(r.Id as string) === r);
  }

  count(sobject: string): number {
    return this.byType.get(sobject)?.size ?? 0;
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }

  /** Ids of records (deleted ones too) whose unique or external-id field holds this value. */
  findByUnique(object: SObjectDef, field: string, value: FieldValue, caseSensitive: boolean): string[] {
    if (value === null) return [];
    const index = this.uniqueIndexes.get(`${object.name}.${field}`);
    return [...(index?.get(uniqueKey(value, caseSensitive)) ?? [])];
  }

  /** Applies committed record versions (inserts, updates, soft deletes). */
  apply(records: Iterable<StoredRecord>): void {
    for (const record of records) this.put(record);
    for (const [type, log] of this.modstampLogs) {
      const live = this.byType.get(type)!;
      if (log.needsCompaction(live.size)) log.reset(live.values());
    }
    for (const listener of this.listeners) listener();
  }

  /** Called after every apply; persistence uses it to know the org changed. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private put(record: StoredRecord): void {
    const id = record.Id as string;
    const type = this.schema.byKeyPrefix(id.slice(0, 3));
    if (!type) throw new Error(`no sObject for id ${id}`);
    const previous = this.byId.get(id);
    for (const u of this.uniqueFieldsByType.get(type.name) ?? []) {
      const index = this.uniqueIndexes.get(u.key)!;
      const before = previous?.[u.field] ?? null;
      if (before !== null) {
        const key = uniqueKey(before, u.caseSensitive);
        index.get(key)?.delete(id);
        if (index.get(key)?.size === 0) index.delete(key);
      }
      const after = record[u.field] ?? null;
      if (after !== null) {
        const key = uniqueKey(after, u.caseSensitive);
        let ids = index.get(key);
        if (!ids) index.set(key, (ids = new Set()));
        ids.add(id);
      }
    }
    this.byId.set(id, record);
    // Re-inserting keeps each type's map in SystemModstamp order (stamps strictly increase
    // and commits are synchronous), so the sync's `ORDER BY SystemModstamp` sorts in linear time.
    const records = this.byType.get(type.name)!;
    records.delete(id);
    records.set(id, record);
    this.modstampLogs.get(type.name)!.append(record);
  }
}

/** A copy without `field`; built key by key because `delete` would leave a slow dictionary-mode object. */
function without(record: StoredRecord, field: string): StoredRecord {
  const next: Record<string, FieldValue> = {};
  for (const key in record) if (key !== field) next[key] = record[key]!;
  return next;
}

export function uniqueKey(value: FieldValue, caseSensitive: boolean): string {
  const s = String(value);
  return caseSensitive ? s : s.toLowerCase();
}
