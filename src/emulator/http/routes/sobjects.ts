// `/sobjects`: describeGlobal, describe, single-record create/read/update/delete, upsert
// and read by external id, getUpdated and getDeleted.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiError, ApiErrors } from '../api-error.js';
import { dmlContext, type Env } from '../env.js';
import { describeGlobalEntry, describeSObject } from '../../schema/describe.js';
import { createRecord, updateRecord } from '../../dml/save.js';
import { deleteRecord } from '../../dml/delete.js';
import { upsertKeyField, upsertRecord } from '../../dml/upsert.js';
import type { SaveOutcome } from '../../dml/context.js';
import type { SObjectDef } from '../../schema/types.js';
import type { FieldValue } from '../../store/record.js';
import { coerce } from '../../dml/coerce.js';
import { shapeStoredRecord, recordUrl } from '../shape-record.js';
import { fieldList, idOf, requireObjectBody, sobjectOf } from './sobject-params.js';
import { changedWindow } from './updated-deleted.js';

export function handleSObjects(req: ApiRequest, env: Env): ApiResponse {
  const [, typeName, second, third, ...rest] = req.segments;
  if (typeName === undefined) return describeGlobal(req, env);
  const object = sobjectOf(env, typeName);
  if (rest.length > 0) throw ApiErrors.notFound();
  if (second === undefined) return typeRoot(req, env, object);
  if (third === undefined) {
    if (second === 'describe') return only(req, ['GET'], () => json(200, describeSObject(object, env.org.schema, req.version)));
    if (second === 'updated' || second === 'deleted') return only(req, ['GET'], () => changedWindow(req, env, object, second));
    if (second.toLowerCase() === 'id' && req.method === 'POST') return createResponse(req, env, object);
    return recordById(req, env, object, second);
  }
  return byExternalId(req, env, object, second, third);
}

function describeGlobal(req: ApiRequest, env: Env): ApiResponse {
  return only(req, ['GET'], () =>
    json(200, {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: env.org.schema.objects().map((o) => describeGlobalEntry(o, req.version)),
    }),
  );
}

function typeRoot(req: ApiRequest, env: Env, object: SObjectDef): ApiResponse {
  if (req.method === 'POST') return createResponse(req, env, object);
  return only(req, ['GET', 'POST'], () =>
    json(200, { objectDescribe: describeGlobalEntry(object, req.version), recentItems: [] }),
  );
}

function createResponse(req: ApiRequest, env: Env, object: SObjectDef): ApiResponse {
  const outcome = createRecord(dmlContext(env, req), object, requireObjectBody(req.body));
  if (!outcome.success) throw recordFailure(outcome);
  return json(201, { id: outcome.id, success: true, errors: [] }, { Location: recordUrl(req.version, object.name, outcome.id) });
}

function recordById(req: ApiRequest, env: Env, object: SObjectDef, rawId: string): ApiResponse {
  const id = idOf(object, rawId);
  switch (req.method) {
    case 'GET': {
      const record = req.txn.get(id);
      if (!record || record.IsDeleted) throw ApiErrors.notFound();
      const fields = fieldList(object, req.query.get('fields'));
      return json(200, shapeStoredRecord(env.org, object, record, req.version, req.txn, fields));
    }
    case 'PATCH': {
      const outcome = updateRecord(dmlContext(env, req), object, id, requireObjectBody(req.body));
      if (!outcome.success) throw recordFailure(outcome);
      return json(204);
    }
    case 'DELETE': {
      const outcome = deleteRecord(dmlContext(env, req), id);
      if (!outcome.success) throw recordFailure(outcome);
      return json(204);
    }
    default:
      throw ApiErrors.methodNotAllowed(req.method, ['GET', 'PATCH', 'DELETE']);
  }
}

function byExternalId(req: ApiRequest, env: Env, object: SObjectDef, fieldName: string, value: string): ApiResponse {
  const key = upsertKeyField(object, fieldName);
  if (!key) throw ApiErrors.externalIdFieldMissing(fieldName);
  if (req.method === 'GET') {
    if (key.type === 'id') return recordById(req, env, object, value);
    const coerced = coerce(key, value);
    const matches = 'error' in coerced ? [] : liveMatches(req, object, key.name, coerced.value, key.caseSensitive);
    if (matches.length === 0) throw ApiErrors.notFound();
    if (matches.length > 1) throw multipleMatches(req, object, matches);
    const record = req.txn.get(matches[0]!)!;
    return json(200, shapeStoredRecord(env.org, object, record, req.version, req.txn, fieldList(object, req.query.get('fields'))));
  }
  if (req.method !== 'PATCH' && !(req.method === 'POST' && key.type === 'id')) {
    throw ApiErrors.methodNotAllowed(req.method, ['GET', 'PATCH']);
  }
  const body = requireObjectBody(req.body);
  const bodyKey = Object.keys(body).find((k) => k.toLowerCase() === key.name.toLowerCase());
  if (bodyKey !== undefined && String(body[bodyKey]) !== value) {
    throw ApiErrors.invalidField(`The value of the external ID field in the body (${String(body[bodyKey])}) does not match the value in the URL (${value})`);
  }
  const outcome = upsertRecord(dmlContext(env, req), object, key, value, body);
  if ('multiple' in outcome) throw multipleMatches(req, object, outcome.multiple);
  if (!outcome.success) throw recordFailure(outcome);
  const result = { id: outcome.id, success: true, errors: [], created: Boolean(outcome.created) };
  if (outcome.created) return json(201, result, { Location: recordUrl(req.version, object.name, outcome.id) });
  // Before v46.0 an upsert that updated answered 204 without a body.
  return parseFloat(req.version) < 46 ? json(204) : json(200, result);
}

function liveMatches(req: ApiRequest, object: SObjectDef, field: string, value: FieldValue, caseSensitive: boolean): string[] {
  return req.txn.findLiveByUnique(object, field, value, caseSensitive);
}

function multipleMatches(req: ApiRequest, object: SObjectDef, ids: string[]): ApiError {
  return new ApiError(300, 'MULTIPLE_CHOICES', 'more than one record found for external id', undefined, ids.map((id) => recordUrl(req.version, object.name, id)));
}

/** A failed single-record write: the record's errors as a top-level error array. */
export function recordFailure(outcome: Extract<SaveOutcome, { success: false }>): ApiError {
  const first = outcome.errors[0]!;
  // A record that is not there is a missing resource for single-record URLs.
  if (first.statusCode === 'INVALID_CROSS_REFERENCE_KEY' && first.fields.length === 0) return ApiErrors.notFound();
  if (first.statusCode === 'ENTITY_IS_DELETED' && first.fields.length === 0) return ApiErrors.entityIsDeleted();
  const items = outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields }));
  return new ApiError(400, first.statusCode, first.message, first.fields, items);
}

export function only(req: ApiRequest, methods: string[], handler: () => ApiResponse): ApiResponse {
  if (!methods.includes(req.method)) throw ApiErrors.methodNotAllowed(req.method, methods);
  return handler();
}
