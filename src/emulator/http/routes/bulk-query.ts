// Bulk API 2.0 query jobs under `/jobs/query` (salesforce-api-notes §5.5): create a job from
// SOQL, poll its state, page through its CSV results with `maxRecords` and `Sforce-Locator`,
// list, abort and delete jobs. Bad job definitions and calls in the wrong state answer 400
// INVALIDJOB; an unknown job 404 NOT_FOUND.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiErrors } from '../api-error.js';
import type { Env } from '../env.js';
import { flattenRecord, prepareQuery, runQuery, SoqlError, type PreparedQuery, type QueryContext } from '../../soql/index.js';
import { formatDateTime } from '../../store/clock.js';
import { normalizeId } from '../../ids.js';
import { COLUMN_DELIMITERS, csvPage, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './bulk-csv.js';
import { FINAL_STATES, type QueryJob, type QueryOperation } from './query-jobs.js';
import { requireObjectBody } from './sobject-params.js';

/** Key prefix of Bulk API job ids. */
const JOB_KEY_PREFIX = '750';
/** Bulk API 2.0 query jobs arrived in API version 47.0. */
const FIRST_VERSION = 47;
/** A results page ends once its CSV reaches this many bytes, whatever maxRecords says. */
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;
const OPERATIONS: ReadonlySet<string> = new Set<QueryOperation>(['query', 'queryAll']);
const CREATE_KEYS: ReadonlySet<string> = new Set(['operation', 'query', 'contentType', 'columnDelimiter', 'lineEnding']);

export function handleQueryJobs(req: ApiRequest, env: Env): ApiResponse {
  const [, , jobId, resource, ...rest] = req.segments;
  if (rest.length > 0 || Number(req.version) < FIRST_VERSION) throw ApiErrors.notFound();
  if (jobId === undefined) {
    if (req.method === 'POST') return createJob(req, env);
    if (req.method === 'GET') return json(200, { done: true, records: env.queryJobs.list().map((job) => jobSummary(job)), nextRecordsUrl: null });
    throw ApiErrors.methodNotAllowed(req.method, ['GET', 'POST']);
  }
  const job = jobOf(env, jobId);
  if (resource === 'results') {
    if (req.method !== 'GET') throw ApiErrors.methodNotAllowed(req.method, ['GET']);
    return results(req, job);
  }
  if (resource !== undefined) throw ApiErrors.notFound();
  switch (req.method) {
    case 'GET':
      env.queryJobs.poll(job);
      return json(200, jobInfo(job));
    case 'PATCH':
      return abortJob(req, env, job);
    case 'DELETE':
      if (job.state === 'InProgress') throw ApiErrors.invalidJob(`Job ${job.id} is in progress; abort it or wait until it completes before deleting it`);
      env.queryJobs.delete(job.id);
      return json(204);
    default:
      throw ApiErrors.methodNotAllowed(req.method, ['GET', 'PATCH', 'DELETE']);
  }
}

function createJob(req: ApiRequest, env: Env): ApiResponse {
  const body = requireObjectBody(req.body);
  const unknown = Object.keys(body).find((key) => !CREATE_KEYS.has(key));
  if (unknown !== undefined) throw ApiErrors.invalidJob(`Unrecognized field '${unknown}' in the job definition`);
  const operation = choice(body.operation, 'operation', OPERATIONS, undefined) as QueryOperation;
  choice(body.contentType, 'contentType', new Set(['CSV']), 'CSV');
  const columnDelimiter = choice(body.columnDelimiter, 'columnDelimiter', new Set(Object.keys(COLUMN_DELIMITERS)), 'COMMA');
  const lineEnding = choice(body.lineEnding, 'lineEnding', new Set(Object.keys(LINE_ENDINGS)), 'LF');
  if (typeof body.query !== 'string' || body.query.trim() === '') throw ApiErrors.invalidJob("The job needs a 'query' (SOQL text)");

  const started = Date.now();
  const prepared = prepareBulkQuery(body.query, env);
  const context: QueryContext = {
    schema: env.org.schema,
    source: req.txn,
    readValue: (object, record, field) => env.org.readValue(object, record, field, req.txn),
    includeDeleted: operation === 'queryAll',
  };
  const { rows } = runQuery(prepared, context);
  // Pages are served later, from the committed org: parents and formula fields are read then.
  const served: QueryContext = { ...context, source: env.org.store, readValue: (o, r, f) => env.org.readValue(o, r, f) };
  const now = formatDateTime(started);
  const job: QueryJob = {
    id: env.org.ids.create(JOB_KEY_PREFIX),
    operation,
    object: prepared.object.name,
    createdById: req.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'UploadComplete',
    apiVersion: Number(req.version),
    columnDelimiter: columnDelimiter as ColumnDelimiter,
    lineEnding: lineEnding as LineEnding,
    totalProcessingTime: Date.now() - started,
    columns: prepared.columns,
    rows,
    flatten: (row) => flattenRecord(prepared, row, served),
  };
  env.queryJobs.add(job);
  return json(200, jobSummary(job, false));
}

/** The SOQL engine's checks, plus what Bulk API 2.0 queries do not support. */
function prepareBulkQuery(soql: string, env: Env): PreparedQuery {
  let prepared: PreparedQuery;
  try {
    prepared = prepareQuery(soql, env.org.schema);
  } catch (error) {
    if (error instanceof SoqlError) throw ApiErrors.invalidJob(error.message);
    throw error;
  }
  if (prepared.isCount) throw ApiErrors.invalidJob('Aggregate queries such as COUNT() are not supported by Bulk API 2.0 query jobs');
  if (prepared.offset > 0) throw ApiErrors.invalidJob('OFFSET is not supported by Bulk API 2.0 query jobs');
  return prepared;
}

function choice(value: unknown, name: string, allowed: ReadonlySet<string>, fallback: string | undefined): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !allowed.has(value)) {
    throw ApiErrors.invalidJob(`Invalid ${name}: ${JSON.stringify(value ?? null)} (expected one of ${[...allowed].join(', ')})`);
  }
  return value;
}

function jobOf(env: Env, raw: string): QueryJob {
  const id = normalizeId(raw);
  const job = id === undefined ? undefined : env.queryJobs.get(id);
  if (!job) throw ApiErrors.notFound();
  return job;
}

function abortJob(req: ApiRequest, env: Env, job: QueryJob): ApiResponse {
  const body = requireObjectBody(req.body);
  if (body.state !== 'Aborted') throw ApiErrors.invalidJob(`Invalid state: ${JSON.stringify(body.state ?? null)} (a query job can only be set to Aborted)`);
  if (FINAL_STATES.has(job.state)) throw ApiErrors.invalidJob(`Job ${job.id} is already ${job.state} and cannot be aborted`);
  env.queryJobs.abort(job);
  return json(200, jobSummary(job, false));
}

function results(req: ApiRequest, job: QueryJob): ApiResponse {
  if (job.state !== 'JobComplete') throw ApiErrors.invalidJob(`Job ${job.id} is not complete (state ${job.state}); poll it until its state is JobComplete`);
  const start = offsetOf(req.query.get('locator'), job);
  const maxRecords = maxRecordsOf(req.query.get('maxRecords'));
  const page = csvPage({ columns: job.columns, rows: job.rows, flatten: job.flatten, start, maxRecords, maxBytes: MAX_PAGE_BYTES }, job);
  return {
    status: 200,
    raw: page.bytes,
    headers: {
      'Content-Type': 'text/csv; charset=UTF-8',
      'Sforce-Locator': page.end < job.rows.length ? locatorOf(page.end) : 'null',
      'Sforce-NumberOfRecords': String(page.end - start),
    },
  };
}

/** Locators look like Salesforce's (`MTAwMDA`): the next row's index in unpadded base64. */
function locatorOf(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function offsetOf(locator: string | null, job: QueryJob): number {
  if (locator === null || locator === '') return 0;
  const decoded = /^[A-Za-z0-9+/]+$/.test(locator) ? Buffer.from(locator, 'base64').toString('latin1') : '';
  const offset = /^[1-9]\d*$/.test(decoded) ? Number(decoded) : NaN;
  if (!(offset < job.rows.length)) throw ApiErrors.invalidQueryLocator();
  return offset;
}

function maxRecordsOf(raw: string | null): number {
  if (raw === null) return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw ApiErrors.invalidJob(`Invalid maxRecords: ${raw} (expected a positive whole number)`);
  return Number(raw);
}

/** What creating, aborting and listing answer. */
function jobSummary(job: QueryJob, withType = true): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
  };
  if (withType) info.jobType = 'V2Query';
  info.lineEnding = job.lineEnding;
  info.columnDelimiter = job.columnDelimiter;
  return info;
}

/** `GET /jobs/query/{id}`: the summary plus progress. */
function jobInfo(job: QueryJob): Record<string, unknown> {
  return {
    ...jobSummary(job),
    numberRecordsProcessed: job.state === 'JobComplete' ? job.rows.length : 0,
    retries: 0,
    totalProcessingTime: job.state === 'JobComplete' ? job.totalProcessingTime : 0,
  };
}
