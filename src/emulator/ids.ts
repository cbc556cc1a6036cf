// Salesforce record ids: 15-character case-sensitive ids and their 18-character
// case-insensitive form with a 3-character checksum suffix (salesforce-api-notes §7).

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 3-character suffix that makes a 15-character id safe to compare case-insensitively. */
export function checksum(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id15: string): string {
  return id15 + checksum(id15);
}

/**
 * The canonical 18-character id for a 15- or 18-character input, or undefined when the
 * input is not a well-formed id (wrong length, characters or checksum).
 */
export function normalizeId(id: string): string | undefined {
  if (!ID_SHAPE.test(id)) return undefined;
  const id15 = id.slice(0, 15);
  if (id.length === 15) return to18(id15);
  const suffix = id.slice(15).toUpperCase();
  if (checksum(id15) === suffix) return id15 + suffix;
  // An 18-char id whose case was lost (all upper or all lower): the suffix tells it back.
  if (id !== id.toLowerCase() && id !== id.toUpperCase()) return undefined;
  const restored = restoreCase(id15.toLowerCase(), suffix);
  return restored !== undefined && checksum(restored) === suffix ? restored + suffix : undefined;
}

function restoreCase(lower15: string, suffix: string): string | undefined {
  let out = '';
  for (let block = 0; block < 3; block++) {
    const bits = CHECKSUM_ALPHABET.indexOf(suffix[block] ?? '');
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const ch = lower15[block * 5 + i] ?? '';
      out += bits & (1 << i) ? ch.toUpperCase() : ch;
    }
  }
  return out;
}

/** Makes new ids: key prefix, a 2-character pod marker, a base-62 sequence, the checksum. */
export class IdGenerator {
  private readonly next = new Map<string, number>();

  /** `pod` stands for the instance hint of real ids; it keeps emulator ids recognisable. */
  constructor(private readonly pod = 'Hs') {}

  create(keyPrefix: string): string {
    const n = (this.next.get(keyPrefix) ?? 1);
    this.next.set(keyPrefix, n + 1);
    return to18(keyPrefix + this.pod + toBase62(n, 10));
  }

  /** After loading persisted records, continue above the highest sequence seen. */
  observe(id: string): void {
    const prefix = id.slice(0, 3);
    const n = fromBase62(id.slice(5, 15));
    if (n >= (this.next.get(prefix) ?? 1)) this.next.set(prefix, n + 1);
  }
}

function toBase62(n: number, width: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) s = BASE62[v % 62] + s;
  return s.padStart(width, '0');
}

function fromBase62(s: string): number {
  let n = 0;
  for (const ch of s) {
    const d = BASE62.indexOf(ch);
    if (d < 0) return 0;
    n = n * 62 + d;
  }
  return n;
}
