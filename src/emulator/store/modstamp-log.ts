// An index of one sObject's records by SystemModstamp, for the sync's incremental query
// (`WHERE SystemModstamp >= :cursor`): every new record version is appended, so the log is
// in SystemModstamp order and a binary search finds where the changes since a cursor start.
// Superseded versions stay until the next compaction and are skipped when read.
import type { StoredRecord } from './record.js';

/** Rebuild when superseded versions outnumber live records (plus some slack). */
const SLACK = 1024;

export class ModstampLog {
  private entries: StoredRecord[] = [];
  private sorted = true;

  append(record: StoredRecord): void {
    const last = this.entries[this.entries.length - 1];
    if (last && stampOf(record) < stampOf(last)) this.sorted = false;
    this.entries.push(record);
  }

  /** Starts again from the current versions, given in SystemModstamp order. */
  reset(records: Iterable<StoredRecord>): void {
    this.entries = [];
    this.sorted = true;
    for (const r of records) this.append(r);
  }

  needsCompaction(live: number): boolean {
    return this.entries.length > 2 * live + SLACK;
  }

  /**
   * Live records with SystemModstamp >= `stamp`, in SystemModstamp order; undefined when the
   * log lost its order (then the caller scans everything).
   */
  since(stamp: string, isLive: (record: StoredRecord) => boolean): StoredRecord[] | undefined {
    if (!this.sorted) return undefined;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stampOf(this.entries[mid]!) < stamp) lo = mid + 1;
      else hi = mid;
    }
    const out: StoredRecord[] = [];
    for (let i = lo; i < this.entries.length; i++) {
      const record = this.entries[i]!;
      if (isLive(record)) out.push(record);
    }
    return out;
  }
}

function stampOf(record: StoredRecord): string {
  return typeof record.SystemModstamp === 'string' ? record.SystemModstamp : '';
}
