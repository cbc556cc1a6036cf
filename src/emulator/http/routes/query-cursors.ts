// Open query cursors: the rows of a query result, served a page at a time through
// `nextRecordsUrl` (`/query/<cursor>-<offset>`). Records are immutable, so holding
// references is a consistent snapshot. Idle cursors expire like Salesforce's (15 min).
import type { StoredRecord } from '../../store/record.js';

export interface Cursor {
  rows: StoredRecord[];
  /** Shapes one row for the response (bound to the query and its context). */
  shape(row: StoredRecord): Record<string, unknown>;
  totalSize: number;
  batchSize: number;
  lastUsed: number;
}

const IDLE_MS = 15 * 60_000;
const MAX_OPEN = 500;

export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();
  private seq = 0;

  open(cursor: Omit<Cursor, 'lastUsed'>): string {
    this.sweep();
    const id = `01gHs${(++this.seq).toString(36).padStart(10, '0')}`;
    this.cursors.set(id, { ...cursor, lastUsed: Date.now() });
    return id;
  }

  get(id: string): Cursor | undefined {
    const cursor = this.cursors.get(id);
    if (cursor) cursor.lastUsed = Date.now();
    return cursor;
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors) if (now - c.lastUsed > IDLE_MS) this.cursors.delete(id);
    // Oldest first: a Map iterates in insertion order.
    while (this.cursors.size >= MAX_OPEN) this.cursors.delete(this.cursors.keys().next().value as string);
  }
}
