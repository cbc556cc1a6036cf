// A small RFC 4180 reader for the Bulk API tests, written here rather than taken from the
// emulator or the client so that they check each other.

/** Rows of CSV text (quoted or not), with the given delimiter and line ending. */
export function parseCsv(text: string, delimiter = ',', eol = '\n'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted value');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== delimiter && !text.startsWith(eol, i)) value += text[i++];
    }
    row.push(value);
    if (text[i] === delimiter) {
      i++;
    } else if (text.startsWith(eol, i)) {
      i += eol.length;
      rows.push(row);
      row = [];
    } else if (i < text.length) {
      throw new Error(`unexpected character at ${i}: ${JSON.stringify(text.slice(i, i + 10))}`);
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
