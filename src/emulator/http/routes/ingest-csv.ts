// Reads the CSV data of a Bulk API 2.0 ingest job when its processing starts, as Salesforce
// does (RFC 4180 with the job's column delimiter and line ending): a header row of field
// names, then one row per record. Salesforce fails the whole job, before saving anything,
// when the data cannot be read; IngestCsvError carries the job's `errorMessage` then.
import { COLUMN_DELIMITERS, LINE_ENDINGS, type CsvFormat } from './bulk-csv.js';

export interface IngestData {
  /** The header row as uploaded, without its line ending: result files repeat it verbatim. */
  headerText: string;
  header: string[];
  /** Every data row, each with as many values as the header (blank lines are skipped). */
  rows: string[][];
}

export class IngestCsvError extends Error {}

/** [obs] both messages, from failed jobs. */
const UNESCAPED_QUOTE = 'InvalidBatch : Failed to parse CSV. Found unescaped quote. A value with quote should be within a quote';
const lineEndingInvalid = (setting: string) => `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${setting}`;
/** [unconfirmed] wording; Salesforce fails the job for both. */
const UNCLOSED_QUOTE = 'InvalidBatch : Failed to parse CSV. The data ends inside a quoted value';
const wrongWidth = (row: number, got: number, want: number) =>
  `InvalidBatch : Failed to parse CSV. Row ${row} has ${got} values but the header row has ${want}`;

const QUOTE = '"';
const CR = '\r';
const LF = '\n';

export function readIngestCsv(bytes: Buffer, format: CsvFormat): IngestData {
  const text = bytes.toString('utf8');
  const delimiter = COLUMN_DELIMITERS[format.columnDelimiter];
  const crlf = LINE_ENDINGS[format.lineEnding] === '\r\n';
  const lines: string[][] = [];
  let headerText = '';
  let row: string[] = [];
  let lineStart = 0;
  let i = 0;
  const endRow = (at: number) => {
    // A blank line is no record.
    if (!(row.length === 1 && row[0] === '')) {
      if (lines.length === 0) headerText = text.slice(lineStart, at);
      lines.push(row);
    }
    row = [];
  };
  while (i < text.length) {
    let value: string;
    if (text[i] === QUOTE) {
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf(QUOTE, from);
        if (q < 0) throw new IngestCsvError(UNCLOSED_QUOTE);
        value += text.slice(from, q);
        if (text[q + 1] !== QUOTE) {
          i = q + 1;
          break;
        }
        // A doubled quote: one quote in the value.
        value += QUOTE;
        from = q + 2;
      }
    } else {
      const from = i;
      while (i < text.length && text[i] !== delimiter && text[i] !== LF && !(text[i] === CR && text[i + 1] === LF)) {
        if (text[i] === QUOTE) throw new IngestCsvError(UNESCAPED_QUOTE);
        i++;
      }
      value = text.slice(from, i);
    }
    row.push(value);
    if (i >= text.length) break;
    const c = text[i];
    if (c === delimiter) {
      i++;
      if (i >= text.length) row.push('');
    } else if (c === CR && text[i + 1] === LF) {
      if (!crlf) throw new IngestCsvError(lineEndingInvalid('LF'));
      endRow(i);
      i += 2;
      lineStart = i;
    } else if (c === LF) {
      if (crlf) throw new IngestCsvError(lineEndingInvalid('CRLF'));
      endRow(i);
      i++;
      lineStart = i;
    } else {
      // Text right after a closing quote.
      throw new IngestCsvError(UNESCAPED_QUOTE);
    }
  }
  if (row.length > 0) endRow(text.length);
  const [header = [], ...rows] = lines;
  rows.forEach((r, k) => {
    if (r.length !== header.length) throw new IngestCsvError(wrongWidth(k + 1, r.length, header.length));
  });
  return { headerText, header, rows };
}
