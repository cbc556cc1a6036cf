// A unit of work over the record store. Writes collect here and become visible to the rest
// of the org only on commit; reads see the store plus the pending writes. A transaction can
// open a child (a savepoint): per-record work in an allOrNone=false collection runs in a
// child that is committed into its parent only when the record succeeded.
import type { SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from './record.js';
import { uniqueKey, type RecordStore } from './record-store.js';

type Parent = RecordStore | Transaction;

export class Transaction implements RecordSource {
  /** id -> newest pending version, in write order. */
  private readonly writes = new Map<string, StoredRecord>();

  constructor(
    private readonly parent: Parent,
    private readonly schema: SchemaRegistry,
  ) {}

  get(id: string): StoredRecord | undefined {
    return this.writes.get(id) ?? this.parent.get(id);
  }

  scan(sobject: string): Iterable<StoredRecord> {
    const pending = this.pendingOf(sobject);
    // Most reads happen with nothing pending: hand out the store's own iterator.
    return pending.size === 0 ? this.parent.scan(sobject) : this.overlay(sobject, pending);
  }

  scanModifiedSince(sobject: string, stamp: string): Iterable<StoredRecord> | undefined {
    return this.pendingOf(sobject).size === 0 ? this.parent.scanModifiedSince(sobject, stamp) : undefined;
  }

  private *overlay(sobject: string, pending: Map<string, StoredRecord>): Iterable<StoredRecord> {
    for (const record of this.parent.scan(sobject)) {
      const id = record.Id as string;
      yield pending.get(id) ?? record;
      pending.delete(id);
    }
    yield* pending.values();
  }

  /** Ids whose unique or external-id field holds this value, pending writes included. */
  findByUnique(object: SObjectDef, field: string, value: FieldValue, caseSensitive: boolean): string[] {
    if (value === null) return [];
    const key = uniqueKey(value, caseSensitive);
    const ids = this.parent
      .findByUnique(object, field, value, caseSensitive)
      .filter((id) => !this.writes.has(id));
    for (const record of this.pendingOf(object.name).values()) {
      const v = record[field] ?? null;
      if (v !== null && uniqueKey(v, caseSensitive) === key) ids.push(record.Id as string);
    }
    return ids;
  }

  /** Like findByUnique, without records in the recycle bin (they hold no value for new records). */
  findLiveByUnique(object: SObjectDef, field: string, value: FieldValue, caseSensitive: boolean): string[] {
    return this.findByUnique(object, field, value, caseSensitive).filter((id) => !this.get(id)?.IsDeleted);
  }

  put(record: StoredRecord): void {
    // Re-inserting keeps the writes in SystemModstamp order when a record is written twice.
    this.writes.delete(record.Id as string);
    this.writes.set(record.Id as string, record);
  }

  child(): Transaction {
    return new Transaction(this, this.schema);
  }

  /** Hands the pending writes to the parent: the store (visible to all) or the outer transaction. */
  commit(): void {
    if (this.parent instanceof Transaction) {
      for (const record of this.writes.values()) this.parent.put(record);
    } else {
      this.parent.apply(this.writes.values());
    }
    this.writes.clear();
  }

  get size(): number {
    return this.writes.size;
  }

  private pendingOf(sobject: string): Map<string, StoredRecord> {
    const prefix = this.schema.get(sobject)?.keyPrefix;
    const out = new Map<string, StoredRecord>();
    for (const [id, record] of this.writes) if (id.startsWith(prefix ?? '\0')) out.set(id, record);
    return out;
  }
}
