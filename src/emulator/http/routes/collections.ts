// sObject Collections (`/composite/sobjects`): create, update, upsert, delete and retrieve of
// up to 200 records in one call, with allOrNone and results in input order (notes §3).
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiErrors } from '../api-error.js';
import { dmlContext, type Env } from '../env.js';
import { createRecord, updateRecord } from '../../dml/save.js';
import { deleteRecord } from '../../dml/delete.js';
import { upsertKeyField, upsertRecord } from '../../dml/upsert.js';
import type { SaveOutcome } from '../../dml/context.js';
import { RecordErrors } from '../../dml/record-error.js';
import { rolledBack, toResult, type Kind } from '../save-result.js';
import type { SObjectDef } from '../../schema/types.js';
import { normalizeId } from '../../ids.js';
import { shapeStoredRecord } from '../shape-record.js';
import { fieldList, sobjectOf } from './sobject-params.js';

const MAX_RECORDS = 200;
const MAX_CHUNKS = 10;
const MAX_RETRIEVE_IDS = 2000;

type Operation = (record: Record<string, unknown>, index: number, ctx: ReturnType<typeof dmlContext>) => SaveOutcome;

export function handleCollections(req: ApiRequest, env: Env): ApiResponse {
  const [, , typeName, extField, ...rest] = req.segments;
  if (rest.length) throw ApiErrors.notFound();
  if (typeName === undefined) {
    switch (req.method) {
      case 'POST':
        return writeRecords(req, env, 'create', (r, _i, ctx) => {
          const object = typeOfRecord(env, r);
          if (!object) return { success: false, errors: [RecordErrors.noSuchField('attributes.type', 'sObject')] };
          if (hasId(r)) return { success: false, errors: [RecordErrors.idNotAllowed()] };
          return createRecord(ctx, object, r);
        });
      case 'PATCH':
        return writeRecords(req, env, 'update', (r, _i, ctx) => {
          const object = typeOfRecord(env, r);
          if (!object) return { success: false, errors: [RecordErrors.noSuchField('attributes.type', 'sObject')] };
          return updateRecord(ctx, object, idIn(r), r);
        });
      case 'DELETE':
        return deleteRecords(req, env);
      default:
        throw ApiErrors.methodNotAllowed(req.method, ['POST', 'PATCH', 'DELETE']);
    }
  }
  const object = sobjectOf(env, typeName);
  if (extField !== undefined) {
    if (req.method !== 'PATCH') throw ApiErrors.methodNotAllowed(req.method, ['PATCH']);
    return upsertRecords(req, env, object, extField);
  }
  if (req.method === 'GET' || req.method === 'POST') return retrieve(req, env, object);
  throw ApiErrors.methodNotAllowed(req.method, ['GET', 'POST']);
}

function upsertRecords(req: ApiRequest, env: Env, object: SObjectDef, extField: string): ApiResponse {
  const key = upsertKeyField(object, extField);
  if (!key) throw ApiErrors.externalIdFieldMissing(extField);
  const records = recordsOf(req.body);
  // The same key twice in one call is an error for both records.
  const seen = new Map<string, number>();
  for (const r of records) {
    const value = valueOf(r, key.name);
    if (value !== undefined && value !== null) seen.set(String(value).toLowerCase(), (seen.get(String(value).toLowerCase()) ?? 0) + 1);
  }
  return writeRecords(req, env, 'upsert', (r, _i, ctx) => {
    const declared = (r.attributes as { type?: string } | undefined)?.type;
    if (declared !== undefined && declared.toLowerCase() !== object.name.toLowerCase()) {
      return { success: false, errors: [RecordErrors.noSuchField('attributes.type', object.name)] };
    }
    const value = valueOf(r, key.name);
    if (value !== undefined && value !== null && (seen.get(String(value).toLowerCase()) ?? 0) > 1) {
      return { success: false, errors: [RecordErrors.duplicateExternalId(key.name, String(value))] };
    }
    if (key.type !== 'id' && hasId(r)) return { success: false, errors: [RecordErrors.idNotAllowed()] };
    const outcome = upsertRecord(ctx, object, key, value, r);
    if ('multiple' in outcome) {
      return { success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${key.name}: more than one record found for external id field: ${outcome.multiple.join(', ')}`, fields: [key.name] }] };
    }
    return outcome;
  });
}

/** Runs one operation per record: each in a savepoint, or all in one when allOrNone. */
function writeRecords(req: ApiRequest, env: Env, kind: Kind, operation: Operation): ApiResponse {
  const body = req.body as { allOrNone?: unknown } | undefined;
  const records = recordsOf(req.body);
  checkChunks(records);
  const allOrNone = req.forceAllOrNone || body?.allOrNone === true;
  return runAll(req, env, records, operation, allOrNone, kind);
}

function runAll(
  req: ApiRequest,
  env: Env,
  items: Array<Record<string, unknown>>,
  operation: Operation,
  allOrNone: boolean,
  kind: Kind,
): ApiResponse {
  const batch = req.txn.child();
  const outcomes = items.map((item, i) => {
    if (allOrNone) return operation(item, i, dmlContext(env, req, batch));
    const savepoint = batch.child();
    const outcome = operation(item, i, dmlContext(env, req, savepoint));
    if (outcome.success) savepoint.commit();
    return outcome;
  });
  const anyFailed = outcomes.some((o) => !o.success);
  if (allOrNone && anyFailed) {
    // Nothing is committed: records that did not fail on their own are rolled back.
    const results = outcomes.map((o) => (o.success ? rolledBack(o, kind) : toResult(o, kind)));
    return { status: 200, body: results, hasRecordFailures: true };
  }
  batch.commit();
  return { status: 200, body: outcomes.map((o) => toResult(o, kind)), hasRecordFailures: anyFailed };
}

function deleteRecords(req: ApiRequest, env: Env): ApiResponse {
  const ids = (req.query.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw ApiErrors.missingArgument('ids parameter is required');
  if (ids.length > MAX_RECORDS) throw ApiErrors.exceededIdLimit();
  const allOrNone = req.forceAllOrNone || req.query.get('allOrNone') === 'true';
  const items = ids.map((id) => ({ id }));
  return runAll(req, env, items, (item, _i, ctx) => deleteRecord(ctx, String(item.id)), allOrNone, 'delete');
}

function retrieve(req: ApiRequest, env: Env, object: SObjectDef): ApiResponse {
  let ids: string[];
  let fieldNames: string | null;
  if (req.method === 'GET') {
    ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    fieldNames = req.query.get('fields');
  } else {
    const body = req.body as { ids?: unknown; fields?: unknown } | null;
    if (!body || !Array.isArray(body.ids) || !Array.isArray(body.fields)) throw ApiErrors.jsonParser('Expected a body {"ids": [...], "fields": [...]}');
    ids = body.ids.map(String);
    fieldNames = body.fields.map(String).join(',');
  }
  if (ids.length === 0) throw ApiErrors.missingArgument('ids parameter is required');
  if (!fieldNames) throw ApiErrors.missingArgument('fields parameter is required');
  if (ids.length > MAX_RETRIEVE_IDS) throw ApiErrors.exceededIdLimit();
  const fields = fieldList(object, fieldNames);
  return json(
    200,
    ids.map((raw) => {
      const id = normalizeId(raw);
      const record = id && id.startsWith(object.keyPrefix) ? req.txn.get(id) : undefined;
      return record && !record.IsDeleted ? shapeStoredRecord(env.org, object, record, req.version, req.txn, fields) : null;
    }),
  );
}

function recordsOf(body: unknown): Array<Record<string, unknown>> {
  const records = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) throw ApiErrors.jsonParser('Cannot deserialize the request: expected {"allOrNone": boolean, "records": [...]}');
  if (records.length > MAX_RECORDS) throw ApiErrors.exceededIdLimit();
  if (records.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) throw ApiErrors.jsonParser('Cannot deserialize instance of sObject from a non-object value');
  return records as Array<Record<string, unknown>>;
}

/** Mixed types are processed in chunks of consecutive same-type records; at most 10. */
function checkChunks(records: Array<Record<string, unknown>>): void {
  let chunks = 0;
  let last: string | undefined;
  for (const r of records) {
    const type = String((r.attributes as { type?: unknown } | undefined)?.type ?? '').toLowerCase();
    if (type !== last) chunks++;
    last = type;
  }
  if (chunks > MAX_CHUNKS) {
    throw ApiErrors.invalidBatch(`Cannot have more than ${MAX_CHUNKS} chunks in a single operation. Please rearrange the data to reduce chunking.`);
  }
}

function typeOfRecord(env: Env, r: Record<string, unknown>): SObjectDef | undefined {
  const type = (r.attributes as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? env.org.object(type) : undefined;
}

function hasId(r: Record<string, unknown>): boolean {
  return Object.keys(r).some((k) => k.toLowerCase() === 'id');
}

function idIn(r: Record<string, unknown>): unknown {
  return valueOf(r, 'Id');
}

function valueOf(r: Record<string, unknown>, field: string): unknown {
  const key = Object.keys(r).find((k) => k.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : r[key];
}
