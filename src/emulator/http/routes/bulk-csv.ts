// The CSV of Bulk API 2.0 results: for query jobs a header line of the SELECT's column names,
// then one line per record; for ingest jobs the result columns (`sf__Id` …) before the
// uploaded ones. Every value double-quoted (quotes doubled inside), nulls as `""` (Bulk
// results cannot tell null from empty text; Salesforce stores no empty text anyway). The job
// chooses the column delimiter and the line ending. Runs per result row, a million rows per
// backfill: values are written straight into a growing byte buffer, never joined as strings.
import type { FieldValue, StoredRecord } from '../../store/record.js';

export const COLUMN_DELIMITERS = {
  COMMA: ',',
  TAB: '\t',
  SEMICOLON: ';',
  PIPE: '|',
  CARET: '^',
  BACKQUOTE: '`',
} as const;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = keyof typeof LINE_ENDINGS;

export interface CsvFormat {
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
}

export interface CsvPageRequest {
  columns: readonly string[];
  rows: readonly StoredRecord[];
  /** The selected values of one row, in `columns` order. */
  flatten(row: StoredRecord): FieldValue[];
  start: number;
  /** At most this many rows. */
  maxRecords: number;
  /** The page ends with the row that brings it to this many bytes (at least one row is sent). */
  maxBytes: number;
}

export interface CsvPage {
  /** UTF-8, header line first, every line ended. */
  bytes: Buffer;
  /** Index of the first row not in this page. */
  end: number;
}

const QUOTE = 0x22;
const FIRST_BUFFER_BYTES = 64 * 1024;

export function csvPage(req: CsvPageRequest, format: CsvFormat): CsvPage {
  const out = new CsvWriter(COLUMN_DELIMITERS[format.columnDelimiter], LINE_ENDINGS[format.lineEnding]);
  out.line(req.columns);
  const last = Math.min(req.rows.length, req.start + req.maxRecords);
  let i = req.start;
  while (i < last && out.size < req.maxBytes) {
    out.line(req.flatten(req.rows[i]!));
    i++;
  }
  return { bytes: out.bytes(), end: i };
}

export class CsvWriter {
  private buf = Buffer.allocUnsafe(FIRST_BUFFER_BYTES);
  private pos = 0;
  private readonly delimiter: number;
  private readonly eol: Buffer;

  constructor(delimiter: string, eol: string) {
    this.delimiter = delimiter.charCodeAt(0);
    this.eol = Buffer.from(eol, 'latin1');
  }

  get size(): number {
    return this.pos;
  }

  /** One line of quoted values; `rawTail` (text written as is) follows them after a delimiter. */
  line(values: readonly FieldValue[], rawTail?: string): void {
    for (let k = 0; k < values.length; k++) {
      const value = values[k] ?? null;
      const text = value === null ? '' : typeof value === 'string' ? value : String(value);
      // Every value quoted, so delimiters and line breaks inside values need no other care.
      const escaped = text.includes('"') ? text.replace(/"/g, '""') : text;
      this.reserve(escaped.length * 3 + 3);
      if (k > 0) this.buf[this.pos++] = this.delimiter;
      this.buf[this.pos++] = QUOTE;
      this.pos += this.buf.write(escaped, this.pos, 'utf8');
      this.buf[this.pos++] = QUOTE;
    }
    if (rawTail !== undefined) {
      this.reserve(rawTail.length * 3 + 1);
      if (values.length > 0) this.buf[this.pos++] = this.delimiter;
      this.pos += this.buf.write(rawTail, this.pos, 'utf8');
    }
    this.reserve(this.eol.length);
    this.pos += this.eol.copy(this.buf, this.pos);
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** Room for `n` more bytes (a UTF-16 unit is at most 3 UTF-8 bytes). */
  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
