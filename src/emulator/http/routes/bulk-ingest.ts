// Bulk API 2.0 ingest jobs under `/jobs/ingest` (API version 41.0 on): create a job for one
// sObject and operation, upload its CSV data once (`PUT …/batches`, text/csv), close it
// (`PATCH {state: UploadComplete}`) to have it processed later (ingest-process.ts), poll its
// state, read its result files, list, abort and delete jobs. Messages marked [obs] are
// Salesforce's own, seen in real answers; calls in the wrong state answer 400 INVALIDJOB
// [unconfirmed wording]; an unknown job 404 NOT_FOUND.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiErrors } from '../api-error.js';
import type { Env } from '../env.js';
import { formatDateTime } from '../../store/clock.js';
import { normalizeId } from '../../ids.js';
import { upsertKeyField } from '../../dml/upsert.js';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './bulk-csv.js';
import { FINAL_STATES, type IngestJob, type IngestOperation } from './ingest-jobs.js';
import { startProcessing } from './ingest-process.js';
import { failedResults, successfulResults, unprocessedRecords } from './ingest-results.js';
import { requireObjectBody } from './sobject-params.js';

/** Key prefix of Bulk API job ids. */
const JOB_KEY_PREFIX = '750';
const FIRST_VERSION = 41;
const OPERATIONS: ReadonlySet<string> = new Set<IngestOperation>(['insert', 'update', 'upsert', 'delete', 'hardDelete']);
const CREATE_KEYS: ReadonlySet<string> = new Set([
  'object', 'operation', 'externalIdFieldName', 'contentType', 'columnDelimiter', 'lineEnding', 'assignmentRuleId',
]);
const RESULT_FILES: Readonly<Record<string, (job: IngestJob) => Buffer>> = {
  successfulResults,
  failedResults,
  unprocessedrecords: unprocessedRecords,
};

export function handleIngestJobs(req: ApiRequest, env: Env): ApiResponse {
  const [, , jobId, resource, ...rest] = req.segments;
  if (rest.length > 0 || Number(req.version) < FIRST_VERSION) throw ApiErrors.notFound();
  if (req.csv !== undefined && req.csv.length > 0 && resource !== 'batches') throw ApiErrors.unsupportedMediaType('text/csv');
  if (jobId === undefined) {
    if (req.method === 'POST') return createJob(req, env);
    if (req.method === 'GET') return json(200, { done: true, records: env.ingestJobs.list().map((job) => listedInfo(job)), nextRecordsUrl: null });
    throw ApiErrors.methodNotAllowed(req.method, ['GET', 'POST']);
  }
  const job = jobOf(env, jobId);
  if (resource === 'batches') {
    if (req.method !== 'PUT') throw ApiErrors.methodNotAllowed(req.method, ['PUT']);
    return upload(req, job);
  }
  if (resource !== undefined) {
    const file = Object.hasOwn(RESULT_FILES, resource) ? RESULT_FILES[resource] : undefined;
    if (!file) throw ApiErrors.notFound();
    if (req.method !== 'GET') throw ApiErrors.methodNotAllowed(req.method, ['GET']);
    if (!FINAL_STATES.has(job.state)) throw ApiErrors.invalidJob(`Job ${job.id} is ${job.state}; its results can be read once it is JobComplete, Failed or Aborted`);
    return { status: 200, raw: file(job), headers: { 'Content-Type': 'text/csv; charset=UTF-8' } };
  }
  switch (req.method) {
    case 'GET':
      return json(200, jobInfo(job));
    case 'PATCH':
      return changeState(req, env, job);
    case 'DELETE':
      // Salesforce deletes jobs that are UploadComplete, JobComplete, Aborted or Failed.
      if (job.state === 'Open' || job.state === 'InProgress') {
        throw ApiErrors.invalidJob(`Job ${job.id} is ${job.state}; close or abort it before deleting it`);
      }
      env.ingestJobs.delete(job.id);
      return json(204);
    default:
      throw ApiErrors.methodNotAllowed(req.method, ['GET', 'PATCH', 'DELETE']);
  }
}

function createJob(req: ApiRequest, env: Env): ApiResponse {
  const body = requireObjectBody(req.body);
  const unknown = Object.keys(body).find((key) => !CREATE_KEYS.has(key));
  if (unknown !== undefined) throw ApiErrors.invalidJob(`Unrecognized field '${unknown}' in the job definition`);
  // Property values are checked as the definition is read, before what they name.
  const operation = property(body, 'operation', OPERATIONS, undefined) as IngestOperation;
  property(body, 'contentType', new Set(['CSV']), 'CSV');
  const columnDelimiter = property(body, 'columnDelimiter', new Set(Object.keys(COLUMN_DELIMITERS)), 'COMMA') as ColumnDelimiter;
  const lineEnding = property(body, 'lineEnding', new Set(Object.keys(LINE_ENDINGS)), 'LF') as LineEnding;
  const object = typeof body.object === 'string' ? env.org.object(body.object) : undefined;
  if (!object) throw ApiErrors.invalidJob(`InvalidJob : Unable to find object: ${String(body.object ?? '')}`);
  // The demo users do not hold the "Bulk API Hard Delete" permission.
  if (operation === 'hardDelete') throw ApiErrors.hardDeleteNotPermitted();
  let externalIdFieldName: string | undefined;
  if (operation === 'upsert') {
    const name = body.externalIdFieldName;
    if (name === undefined || name === null) {
      throw ApiErrors.invalidJob(`InvalidJob : External ID was blank for ${object.name}. An External ID must be specified for upsert.`);
    }
    const key = upsertKeyField(object, String(name));
    if (!key) throw ApiErrors.invalidJob(`InvalidJob : Field name provided, ${String(name)} does not match an External ID for ${object.name}`);
    externalIdFieldName = key.name;
  }
  const now = formatDateTime(Date.now());
  const job: IngestJob = {
    id: env.org.ids.create(JOB_KEY_PREFIX),
    operation,
    object: object.name,
    externalIdFieldName,
    assignmentRuleId: typeof body.assignmentRuleId === 'string' ? body.assignmentRuleId : undefined,
    createdById: req.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'Open',
    apiVersion: Number(req.version),
    columnDelimiter,
    lineEnding,
    upload: undefined,
    data: undefined,
    results: [],
    numberRecordsFailed: 0,
    errorMessage: undefined,
    totalProcessingTime: 0,
  };
  env.ingestJobs.add(job);
  return json(200, { ...stateInfo(job), contentUrl: contentUrl(job), lineEnding, columnDelimiter });
}

/** A value of one of the allowed names, the fallback when absent (no fallback: required). */
function property(body: Record<string, unknown>, name: string, allowed: ReadonlySet<string>, fallback: string | undefined): string {
  const value = body[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !allowed.has(value)) throw ApiErrors.invalidJobProperty(name, value);
  return value;
}

function jobOf(env: Env, raw: string): IngestJob {
  const id = normalizeId(raw);
  const job = id === undefined ? undefined : env.ingestJobs.get(id);
  if (!job) throw ApiErrors.notFound();
  return job;
}

/** `PUT …/batches`: the job's one CSV upload, 201 without a body. */
function upload(req: ApiRequest, job: IngestJob): ApiResponse {
  if (req.csv === undefined) {
    throw ApiErrors.unsupportedMediaType((req.headers['content-type'] ?? '').split(';')[0]!.trim() || 'none');
  }
  if (job.state !== 'Open') throw ApiErrors.invalidJob(`Job ${job.id} is ${job.state}; data can only be uploaded while it is Open`);
  if (job.upload !== undefined) throw ApiErrors.multipleUploads(job.id);
  job.upload = req.csv;
  return { status: 201 };
}

/** `PATCH`: close the job (UploadComplete: processing starts later) or abort it. */
function changeState(req: ApiRequest, env: Env, job: IngestJob): ApiResponse {
  const state = requireObjectBody(req.body).state;
  if (state === 'UploadComplete') {
    if (job.state !== 'Open') throw ApiErrors.invalidJob(`Job ${job.id} is ${job.state}; only an Open job can be set to UploadComplete`);
    env.ingestJobs.setState(job, 'UploadComplete');
    startProcessing(env, job);
  } else if (state === 'Aborted') {
    if (FINAL_STATES.has(job.state)) throw ApiErrors.invalidJob(`Job ${job.id} is already ${job.state} and cannot be aborted`);
    // Rows saved so far stay saved; the rest are unprocessed.
    env.ingestJobs.cancel(job.id);
    env.ingestJobs.setState(job, 'Aborted');
  } else {
    throw ApiErrors.invalidJob(`Invalid state: ${JSON.stringify(state ?? null)} (an ingest job can be set to UploadComplete or Aborted)`);
  }
  return json(200, stateInfo(job));
}

function contentUrl(job: IngestJob): string {
  return `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`;
}

/** What closing and aborting answer [obs]; creating adds contentUrl, lineEnding and columnDelimiter. */
function stateInfo(job: IngestJob): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
  };
  if (job.externalIdFieldName !== undefined) info.externalIdFieldName = job.externalIdFieldName;
  if (job.assignmentRuleId !== undefined) info.assignmentRuleId = job.assignmentRuleId;
  info.concurrencyMode = 'Parallel';
  info.contentType = 'CSV';
  info.apiVersion = job.apiVersion;
  return info;
}

/** An item of `GET /jobs/ingest`. */
function listedInfo(job: IngestJob): Record<string, unknown> {
  return { ...stateInfo(job), jobType: 'V2Ingest', lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter };
}

/** `GET /jobs/ingest/{id}`: the listed info plus progress. */
function jobInfo(job: IngestJob): Record<string, unknown> {
  const info: Record<string, unknown> = listedInfo(job);
  if (job.state === 'Open') info.contentUrl = contentUrl(job);
  info.numberRecordsProcessed = job.results.length;
  info.numberRecordsFailed = job.numberRecordsFailed;
  info.retries = 0;
  info.totalProcessingTime = job.totalProcessingTime;
  info.apiActiveProcessingTime = job.totalProcessingTime;
  info.apexProcessingTime = 0;
  if (job.errorMessage !== undefined) info.errorMessage = job.errorMessage;
  return info;
}
