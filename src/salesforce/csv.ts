// CSV for Bulk API 2.0 (RFC 4180): an incremental reader for results (quoted fields with
// doubled quotes and line breaks inside, LF or CRLF line endings, any one-character
// delimiter; text goes in by pieces, cut anywhere, complete rows come out), and the line
// writer for ingest job data.

export const COLUMN_DELIMITERS = {
  COMMA: ',',
  TAB: '\t',
  SEMICOLON: ';',
  PIPE: '|',
  CARET: '^',
  BACKQUOTE: '`',
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

const enum State {
  /** At the start of a field. */
  FieldStart,
  /** Inside a field without quotes. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** After a quote inside a quoted field: a doubled quote or the closing one. */
  QuoteInQuoted,
  /** After a CR: an LF may follow and belongs to the same line end. */
  AfterCr,
}

export class CsvReader {
  private readonly delimiter: number;
  private state = State.FieldStart;
  private field = '';
  private row: string[] = [];
  /** True once the current row has any content (so a final line without a newline counts). */
  private rowStarted = false;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`not a usable CSV delimiter: ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Reads a piece of text; returns the rows it completed. */
  push(text: string): string[][] {
    const rows: string[][] = [];
    let start = 0; // first char of `text` not yet copied into `field`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === State.AfterCr) {
        // CRLF is one line end; after a lone CR this char starts the next line.
        this.state = State.FieldStart;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.state = State.Quoted;
            this.rowStarted = true;
            start = i + 1;
          } else if (c === this.delimiter) {
            this.endField();
            start = i + 1;
          } else if (c === LF || c === CR) {
            // An empty line is a row of one empty field (a null in a one-column result).
            rows.push(this.endRow());
            if (c === CR) this.state = State.AfterCr;
            start = i + 1;
          } else {
            this.state = State.Unquoted;
            this.rowStarted = true;
            start = i;
          }
          break;
        case State.Unquoted:
          if (c === this.delimiter) {
            this.field += text.slice(start, i);
            this.endField();
            this.state = State.FieldStart;
            start = i + 1;
          } else if (c === LF || c === CR) {
            this.field += text.slice(start, i);
            rows.push(this.endRow());
            this.state = c === CR ? State.AfterCr : State.FieldStart;
            start = i + 1;
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(start, i);
            this.state = State.QuoteInQuoted;
            start = i + 1;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // A doubled quote: one quote in the value, still inside the quotes.
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === this.delimiter) {
            this.endField();
            this.state = State.FieldStart;
            start = i + 1;
          } else if (c === LF || c === CR) {
            rows.push(this.endRow());
            this.state = c === CR ? State.AfterCr : State.FieldStart;
            start = i + 1;
          } else {
            // Text after a closing quote (not RFC 4180): keep it, as most readers do.
            this.state = State.Unquoted;
            start = i;
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(start);
    return rows;
  }

  /** Ends the input; returns the last row when it had no line break after it. */
  end(): string[][] {
    if (this.state === State.Quoted) throw new SyntaxError('CSV ends inside a quoted field');
    const last = this.rowStarted || this.row.length > 0 ? [this.endRow()] : [];
    this.state = State.FieldStart;
    return last;
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.rowStarted = true;
  }

  private endRow(): string[] {
    this.row.push(this.field);
    const row = this.row;
    this.field = '';
    this.row = [];
    this.rowStarted = false;
    return row;
  }
}

/**
 * Rows keyed by the header row. Salesforce writes a null as an empty field (text fields never
 * hold an empty string), so empty values become null.
 */
export function rowsToRecords(header: string[], rows: string[][]): Array<Record<string, string | null>> {
  return rows.map((row) => {
    const record: Record<string, string | null> = {};
    for (let i = 0; i < header.length; i++) {
      const value = row[i];
      record[header[i]!] = value === undefined || value === '' ? null : value;
    }
    return record;
  });
}

/**
 * One CSV line ended by `eol`. Every value is quoted (quotes doubled inside), so delimiters
 * and line breaks inside values need no other care.
 */
export function csvLine(values: readonly string[], delimiter: string, eol: string): string {
  let line = '';
  for (let k = 0; k < values.length; k++) {
    if (k > 0) line += delimiter;
    const value = values[k]!;
    line += `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
  }
  return line + eol;
}
