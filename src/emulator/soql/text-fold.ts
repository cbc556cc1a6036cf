// Case-insensitive text comparison the way SOQL compares strings, picklists and emails.
// Folding is per UTF-16 code unit so that a folded string keeps its length, and the hot
// paths (equality, ordering, LIKE) compare a stored value against a pre-folded literal
// without allocating a lower-cased copy of every row's value.

const ASCII_UPPER_A = 65;
const ASCII_UPPER_Z = 90;
const ASCII_CASE_OFFSET = 32;
const ASCII_LIMIT = 128;
const CODE_UNITS = 0x10000;

let foldTable: Uint16Array | undefined;

/** The lower-case code unit for `code`; unchanged when lower-casing would change the length. */
export function foldCode(code: number): number {
  if (code < ASCII_LIMIT) {
    return code >= ASCII_UPPER_A && code <= ASCII_UPPER_Z ? code + ASCII_CASE_OFFSET : code;
  }
  foldTable ??= buildFoldTable();
  return foldTable[code] ?? code;
}

// Built on first use of non-ASCII text: 64 Ki entries, a few milliseconds once.
function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(CODE_UNITS);
  for (let code = 0; code < CODE_UNITS; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    table[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
  }
  return table;
}

export function foldString(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < ASCII_LIMIT;
  if (ascii) return text.toLowerCase();
  let folded = '';
  for (let i = 0; i < text.length; i++) folded += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return folded;
}

/** Whether `text` equals `folded` ignoring case; `folded` must come from foldString. */
export function foldEquals(text: string, folded: string): boolean {
  if (text.length !== folded.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (foldCode(text.charCodeAt(i)) !== folded.charCodeAt(i)) return false;
  }
  return true;
}

/** Negative, zero or positive as `text` sorts before, with or after `folded`, ignoring case. */
export function foldCompare(text: string, folded: string): number {
  const shared = Math.min(text.length, folded.length);
  for (let i = 0; i < shared; i++) {
    const difference = foldCode(text.charCodeAt(i)) - folded.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return text.length - folded.length;
}
