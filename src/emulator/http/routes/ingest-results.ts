// The three result files of a Bulk API 2.0 ingest job, in the job's delimiter and line
// ending. Each repeats the uploaded header row verbatim after its own quoted columns, and the
// uploaded values of each row (quoted): successfulResults (`sf__Id`, `sf__Created`),
// failedResults (`sf__Id` from API version 53.0 on, `sf__Error`) and unprocessedrecords
// (rows an aborted or failed job never got to; the upload as is when it could not be read).
import type { RecordError } from '../../dml/record-error.js';
import { COLUMN_DELIMITERS, CsvWriter, LINE_ENDINGS } from './bulk-csv.js';
import type { IngestJob } from './ingest-jobs.js';

/** failedResults has an `sf__Id` column from this API version on. */
const FAILED_ID_SINCE = 53;

export function successfulResults(job: IngestJob): Buffer {
  const out = writerFor(job);
  out.line(['sf__Id', 'sf__Created'], headerOf(job));
  for (const { values, outcome } of job.results) {
    if (!outcome.success) continue;
    const created = job.operation === 'insert' || (job.operation === 'upsert' && outcome.created === true);
    out.line([outcome.id, String(created), ...values]);
  }
  return out.bytes();
}

export function failedResults(job: IngestJob): Buffer {
  const out = writerFor(job);
  const withId = job.apiVersion >= FAILED_ID_SINCE;
  out.line(withId ? ['sf__Id', 'sf__Error'] : ['sf__Error'], headerOf(job));
  for (const { values, outcome } of job.results) {
    if (outcome.success) continue;
    const error = sfError(outcome.errors[0]!);
    out.line(withId ? [outcome.id ?? '', error, ...values] : [error, ...values]);
  }
  return out.bytes();
}

export function unprocessedRecords(job: IngestJob): Buffer {
  if (!job.data || job.data.headerText === '') return job.upload ?? Buffer.alloc(0);
  const out = writerFor(job);
  out.line([], job.data.headerText);
  for (const values of job.data.rows.slice(job.results.length)) out.line(values);
  return out.bytes();
}

/**
 * `CODE:message:fields --` as Salesforce writes it, e.g.
 * `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`, or `…:--` without
 * fields [obs]. Several fields are joined with commas [unconfirmed].
 */
export function sfError(error: RecordError): string {
  const fields = error.fields.length > 0 ? `${error.fields.join(',')} ` : '';
  return `${error.statusCode}:${error.message}:${fields}--`;
}

function headerOf(job: IngestJob): string | undefined {
  return job.data && job.data.headerText !== '' ? job.data.headerText : undefined;
}

function writerFor(job: IngestJob): CsvWriter {
  return new CsvWriter(COLUMN_DELIMITERS[job.columnDelimiter], LINE_ENDINGS[job.lineEnding]);
}
