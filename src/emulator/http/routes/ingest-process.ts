// Processing of a closed Bulk API 2.0 ingest job, later than the request that closed it and
// not atomically, as Salesforce does: first the upload is read and its header checked (a job
// whose data cannot be read Fails before saving anything), then 200 rows per step, each step
// on its own timer (the bulkIngestChunkDelayMs fault slows them down). Each row is saved on
// its own through the same DML code as REST writes (required fields, types, validation rules,
// uniqueness, SystemModstamp …); a failed row is reported and the others stay committed.
// Rows of one step share a transaction, each in a savepoint, like an allOrNone=false collection.
import { userDmlContext, type Env } from '../env.js';
import { createRecord, updateRecord } from '../../dml/save.js';
import { deleteRecord } from '../../dml/delete.js';
import { upsertKeyField, upsertRecord } from '../../dml/upsert.js';
import { failed, type DmlContext, type SaveOutcome } from '../../dml/context.js';
import { RecordErrors } from '../../dml/record-error.js';
import { findField, type FieldDef, type SObjectDef } from '../../schema/types.js';
import { normalizeId } from '../../ids.js';
import { IngestCsvError, readIngestCsv } from './ingest-csv.js';
import type { IngestJob } from './ingest-jobs.js';

/** Salesforce saves ingest data in chunks of 200 records. */
export const CHUNK_SIZE = 200;

/** A value that sets the field to null; an empty value leaves the field as it is (or unset). */
export const NULL_VALUE = '#N/A';

/** The fields of the header row, and where the record id and the upsert key are. */
interface Columns {
  fields: FieldDef[];
  idIndex: number;
  keyIndex: number;
}

export function startProcessing(env: Env, job: IngestJob): void {
  let columns: Columns | undefined;
  env.ingestJobs.schedule(
    job,
    () => env.faults.current.bulkIngestChunkDelayMs,
    () => {
      if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return false;
      if (!columns) {
        columns = readUpload(env, job);
        return columns !== undefined;
      }
      return saveChunk(env, job, columns);
    },
  );
}

/** The first step: the data read and its header checked; InProgress, or Failed. */
function readUpload(env: Env, job: IngestJob): Columns | undefined {
  try {
    job.data = readIngestCsv(job.upload ?? Buffer.alloc(0), job);
    // sObjects are never removed from a running org (fields may be).
    const columns = columnsOf(env.org.object(job.object)!, job.data.header, job.externalIdFieldName);
    env.ingestJobs.setState(job, 'InProgress');
    return columns;
  } catch (error) {
    if (!(error instanceof IngestCsvError)) throw error;
    job.data = undefined;
    job.errorMessage = error.message;
    env.ingestJobs.setState(job, 'Failed');
    return undefined;
  }
}

function columnsOf(object: SObjectDef, header: string[], keyName: string | undefined): Columns {
  const fields: FieldDef[] = [];
  for (const name of header) {
    const field = findField(object, name);
    // [obs] the message; relationship columns (`Account.Ext_Id__c`) are not supported here.
    if (!field) throw new IngestCsvError(`InvalidBatch : Field name not found : ${name}`);
    // [unconfirmed] Salesforce's answer to a field named twice.
    if (fields.includes(field)) throw new IngestCsvError(`InvalidBatch : Duplicate field name : ${name}`);
    fields.push(field);
  }
  return {
    fields,
    idIndex: fields.findIndex((f) => f.type === 'id'),
    keyIndex: keyName === undefined ? -1 : fields.findIndex((f) => f.name === keyName),
  };
}

/** One step: the next chunk of rows. True while rows remain. */
function saveChunk(env: Env, job: IngestJob, columns: Columns): boolean {
  const rows = job.data!.rows;
  const object = env.org.object(job.object)!;
  const start = job.results.length;
  const end = Math.min(rows.length, start + CHUNK_SIZE);
  const started = Date.now();
  const repeatedKeys = keysGivenTwice(rows.slice(start, end), columns.keyIndex);
  const batch = env.org.begin();
  // Results count once the step's transaction is committed: a step that throws (a bug; the
  // job then Fails) leaves its rows unprocessed, as nothing of it was saved.
  const results: typeof job.results = [];
  for (let i = start; i < end; i++) {
    const values = rows[i]!;
    const savepoint = batch.child();
    const outcome = repeatedKeys.has(keyOf(values, columns.keyIndex))
      ? failed([RecordErrors.duplicateExternalId(job.externalIdFieldName!, values[columns.keyIndex]!)])
      : saveRow(userDmlContext(env, job.createdById, savepoint), job, object, columns, values);
    if (outcome.success) savepoint.commit();
    results.push({ values, outcome });
  }
  batch.commit();
  job.results.push(...results);
  job.numberRecordsFailed += results.filter((r) => !r.outcome.success).length;
  job.totalProcessingTime += Date.now() - started;
  if (end < rows.length) return true;
  env.ingestJobs.setState(job, 'JobComplete');
  return false;
}

function saveRow(ctx: DmlContext, job: IngestJob, object: SObjectDef, columns: Columns, values: string[]): SaveOutcome {
  const id = columns.idIndex < 0 ? '' : values[columns.idIndex]!;
  switch (job.operation) {
    case 'insert':
      return createRecord(ctx, object, bodyOf(columns, values));
    case 'update':
      return updateRecord(ctx, object, id === '' ? undefined : id, bodyOf(columns, values));
    case 'upsert': {
      const key = upsertKeyField(object, job.externalIdFieldName!)!;
      const value = columns.keyIndex < 0 ? '' : values[columns.keyIndex]!;
      const given = value === '' || value === NULL_VALUE ? undefined : value;
      const outcome = upsertRecord(ctx, object, key, given, bodyOf(columns, values));
      if (!('multiple' in outcome)) return outcome;
      return failed([{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${key.name}: more than one record found for external id field: ${outcome.multiple.join(', ')}`, fields: [key.name] }]);
    }
    case 'delete':
    case 'hardDelete':
      return deleteRow(ctx, object, id);
  }
}

function deleteRow(ctx: DmlContext, object: SObjectDef, raw: string): SaveOutcome {
  if (raw === '') return failed([RecordErrors.missingDeleteId()]);
  const id = normalizeId(raw);
  if (id && !id.startsWith(object.keyPrefix)) return failed([RecordErrors.idOfWrongType(object.name, raw)]);
  return deleteRecord(ctx, raw);
}

/** The row as a request body: `#N/A` is null, an empty value is left out. */
function bodyOf(columns: Columns, values: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  columns.fields.forEach((field, k) => {
    const value = values[k]!;
    if (value !== '') body[field.name] = value === NULL_VALUE ? null : value;
  });
  return body;
}

/** Upsert keys given by more than one row of a chunk: all those rows fail, as in a collection. */
function keysGivenTwice(rows: string[][], keyIndex: number): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  if (keyIndex < 0) return twice;
  for (const row of rows) {
    const key = keyOf(row, keyIndex);
    if (key === '') continue;
    if (seen.has(key)) twice.add(key);
    seen.add(key);
  }
  return twice;
}

function keyOf(row: string[], keyIndex: number): string {
  const value = keyIndex < 0 ? '' : row[keyIndex]!;
  return value === NULL_VALUE ? '' : value.toLowerCase();
}
