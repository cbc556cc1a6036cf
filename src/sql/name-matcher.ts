// The cheap pre-check run on every Query/Parse message: does the text contain, as an identifier
// token, the mirror schema or a mirrored table name? One pass over the characters, no
// allocation, no regular expression. Tokens are folded to lower case the way Postgres folds
// unquoted identifiers (ASCII only) — quoted identifiers are folded too, which can only add
// false positives. A `U&"…"` identifier (Unicode escapes) could spell a name without its
// letters, so its presence answers yes.
const NAMEDATALEN_1 = 63; // Postgres truncates longer identifiers to 63 bytes
const NON_ASCII = 1;
/** ASCII code → its lower-case code for [A-Za-z0-9_], 0 for every separator. */
const FOLD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) FOLD[c] = c;
for (let c = 97; c <= 122; c++) FOLD[c] = c;
for (let c = 65; c <= 90; c++) FOLD[c] = c + 32;
FOLD[95] = 95;

export class NameMatcher {
  private readonly byHash = new Map<number, string[]>();
  private readonly lengths = new Uint8Array(NAMEDATALEN_1 + 1);
  /** Names that are not plain `[a-z0-9_]` tokens: checked by substring search. */
  private readonly odd: string[] = [];

  constructor(names: Iterable<string>) {
    for (const raw of names) {
      const name = raw.toLowerCase();
      if (name.length === 0) continue;
      if (!isPlainToken(name)) {
        this.odd.push(name);
        continue;
      }
      const h = hashOf(name);
      const list = this.byHash.get(h);
      if (list === undefined) this.byHash.set(h, [name]);
      else if (!list.includes(name)) list.push(name);
      this.lengths[name.length] = 1;
    }
  }

  mayMatch(sql: string): boolean {
    const n = sql.length;
    let h = 0;
    let len = 0;
    let plain = true;
    for (let i = 0; i < n; i++) {
      const c = sql.charCodeAt(i);
      const lc = c < 128 ? FOLD[c]! : NON_ASCII;
      if (lc > NON_ASCII) {
        if (len < NAMEDATALEN_1) h = (Math.imul(h, 31) + lc) | 0;
        len++;
      } else if (lc === NON_ASCII) {
        // Non-ASCII letters belong to identifiers but never to a mirrored name.
        if (len < NAMEDATALEN_1) plain = false;
        len++;
      } else {
        if (len > 0) {
          const l = len > NAMEDATALEN_1 ? NAMEDATALEN_1 : len;
          if (plain && this.lengths[l] === 1 && this.verify(h, sql, i - len, l)) return true;
          h = 0;
          len = 0;
          plain = true;
        }
        if (c === 38 && i + 1 < n && sql.charCodeAt(i + 1) === 34) return true; // &" of U&"…"
      }
    }
    if (len > 0 && plain) {
      const l = len > NAMEDATALEN_1 ? NAMEDATALEN_1 : len;
      if (this.lengths[l] === 1 && this.verify(h, sql, n - len, l)) return true;
    }
    if (this.odd.length > 0) {
      const lower = sql.toLowerCase();
      for (const name of this.odd) if (lower.includes(name)) return true;
    }
    return false;
  }

  private verify(h: number, sql: string, start: number, len: number): boolean {
    const candidates = this.byHash.get(h);
    if (candidates === undefined) return false;
    outer: for (const name of candidates) {
      if (name.length !== len) continue;
      for (let k = 0; k < len; k++) {
        const c = sql.charCodeAt(start + k);
        if ((c < 128 ? FOLD[c] : NON_ASCII) !== name.charCodeAt(k)) continue outer;
      }
      return true;
    }
    return false;
  }
}

function isPlainToken(name: string): boolean {
  if (name.length > NAMEDATALEN_1) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

function hashOf(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}
