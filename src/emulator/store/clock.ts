// The org's clock. SystemModstamp must be strictly increasing, even for writes in the same
// millisecond, so that a sync polling `SystemModstamp > cursor` never misses a change.

export class OrgClock {
  private last = 0;

  /** A timestamp (epoch ms) later than every one handed out before. */
  next(): number {
    const now = Date.now();
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }

  /** After loading persisted records, never go back before what was stored. */
  observe(ms: number): void {
    if (ms > this.last) this.last = ms;
  }
}

/** `2026-01-15T09:30:00.000+0000`: how Salesforce writes datetimes, and how we store them. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Epoch ms of a stored datetime value. */
export function parseStoredDateTime(value: string): number {
  return Date.parse(value.replace('+0000', 'Z'));
}
