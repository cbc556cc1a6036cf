// The emulator's own admin endpoints under `/__emulator/` (not part of Salesforce's API):
// faults, token expiry, API usage, refresh tokens, activity by other users, and custom
// fields added or removed at run time (admin-fields.ts).
import type { Faults } from '../options.js';
import type { Env } from './env.js';
import type { TokenStore } from '../auth/tokens.js';
import { json, type ApiResponse } from './api-request.js';
import { ApiError, ApiErrors } from './api-error.js';
import { createRecord, updateRecord } from '../dml/save.js';
import { deleteRecord, undeleteRecord } from '../dml/delete.js';
import type { DmlContext, SaveOutcome } from '../dml/context.js';
import { toResult } from './save-result.js';
import { handleFieldAdmin } from './admin-fields.js';

const FIELDS_PATH = '/__emulator/fields';

export interface AdminRequest {
  method: string;
  path: string;
  body: unknown;
}

export function handleAdmin(req: AdminRequest, env: Env, tokens: TokenStore): ApiResponse {
  if (req.path === FIELDS_PATH || req.path.startsWith(`${FIELDS_PATH}/`)) {
    const segments = req.path.slice(FIELDS_PATH.length).split('/').filter(Boolean).map(decodeSegment);
    return handleFieldAdmin(req.method, segments, req.body, env);
  }
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'GET /__emulator/faults':
      return json(200, env.faults.current);
    case 'PATCH /__emulator/faults':
      try {
        return json(200, env.faults.update(objectBody(req.body) as Partial<Faults>));
      } catch (error) {
        throw ApiErrors.invalidRequest((error as Error).message);
      }
    case 'POST /__emulator/expire-tokens':
      tokens.expireAll();
      return json(204);
    case 'GET /__emulator/usage':
      return json(200, { used: env.usage.used, max: env.usage.max });
    case 'PUT /__emulator/usage': {
      const body = objectBody(req.body) as { used?: unknown; max?: unknown };
      if (body.used !== undefined) env.usage.used = nonNegative(body.used, 'used');
      if (body.max !== undefined) env.usage.max = nonNegative(body.max, 'max');
      return json(200, { used: env.usage.used, max: env.usage.max });
    }
    case 'POST /__emulator/refresh-tokens': {
      const user = env.org.userByName(String((objectBody(req.body) as { username?: unknown }).username ?? ''));
      if (!user) throw ApiErrors.invalidRequest('unknown username');
      return json(200, { refresh_token: tokens.issueRefresh(user.id) });
    }
    case 'POST /__emulator/activity':
      return activity(objectBody(req.body), env);
    default:
      throw ApiErrors.notFound();
  }
}

/** Someone else edits the org: writes as another user, not counted against the API limit. */
function activity(body: Record<string, unknown>, env: Env): ApiResponse {
  const user = env.org.userByName(String(body.user ?? 'other@pgforce.dev'));
  if (!user) throw ApiErrors.invalidRequest(`unknown user ${String(body.user)}`);
  const object = env.org.object(String(body.sobject ?? ''));
  const operation = String(body.operation ?? '');
  const txn = env.org.begin();
  const ctx: DmlContext = { org: env.org, txn, userId: user.id, lockFails: () => false };
  const inputs = operation === 'delete' || operation === 'undelete' ? list(body.ids) : list(body.records);
  const results = inputs.map((input) => {
    const savepoint = txn.child();
    const c = { ...ctx, txn: savepoint };
    let outcome: SaveOutcome;
    if (operation === 'delete') outcome = deleteRecord(c, String(input));
    else if (operation === 'undelete') outcome = undeleteRecord(c, String(input));
    else if (!object) throw ApiErrors.unknownObject();
    else if (operation === 'create') outcome = createRecord(c, object, objectBody(input));
    else if (operation === 'update') {
      const r = objectBody(input);
      outcome = updateRecord(c, object, r.Id ?? r.id, r);
    } else throw ApiErrors.invalidRequest('operation must be create, update, delete or undelete');
    if (outcome.success) savepoint.commit();
    return toResult(outcome, operation === 'create' ? 'create' : 'update');
  });
  txn.commit();
  return json(200, { results });
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ApiErrors.jsonParser('expected a JSON object');
  return body as Record<string, unknown>;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw ApiErrors.invalidRequest('expected an array of records or ids');
  return value;
}

function nonNegative(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ApiError(400, 'INVALID_REQUEST', `${name} must be a non-negative integer`);
  return v;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
