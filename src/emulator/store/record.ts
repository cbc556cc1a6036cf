// How the emulator holds one record in memory.
//
// Values are stored in their JSON wire form so that reads need no conversion:
// text, picklist, id and reference fields as strings; booleans as booleans; numbers as
// numbers; date as `YYYY-MM-DD`; datetime as `YYYY-MM-DDTHH:mm:ss.SSS+0000` (UTC, so the
// strings sort chronologically); time as `HH:mm:ss.SSSZ`; null when empty.
// Records are immutable: an update replaces the object, so a query cursor that holds
// references keeps a consistent snapshot.

export type FieldValue = string | number | boolean | null;

/** Keyed by canonical field API name; always holds Id, IsDeleted, SystemModstamp etc. */
export type StoredRecord = Readonly<Record<string, FieldValue>>;

/** What SOQL and formulas need to read records. */
export interface RecordSource {
  /** Every record of an sObject, including soft-deleted ones (IsDeleted = true). */
  scan(sobject: string): Iterable<StoredRecord>;
  /** A record by 18-character id, whatever its type (deleted ones included). */
  get(id: string): StoredRecord | undefined;
  /**
   * Optional index: the records (deleted ones too) whose SystemModstamp >= `stamp`, in
   * SystemModstamp order, or undefined when the source cannot say without a full scan.
   */
  scanModifiedSince?(sobject: string, stamp: string): Iterable<StoredRecord> | undefined;
}
