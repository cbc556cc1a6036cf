// `/__emulator/fields`: schema drift in a running org, so that sync tests can add and remove
// custom fields the way an admin does in Setup. `POST /__emulator/fields` adds a field given
// in the schema-file format; `DELETE /__emulator/fields/{sobject}/{field}` removes one.
import type { Env } from './env.js';
import { json, type ApiResponse } from './api-request.js';
import { ApiErrors } from './api-error.js';
import { describeField } from '../schema/describe.js';
import { customFieldFor, SchemaChangeError } from '../schema/field-changes.js';
import { findField } from '../schema/types.js';

const ADD_KEYS: ReadonlySet<string> = new Set(['sobject', 'field']);

/** `segments`: the path after `/__emulator/fields`, URL-decoded. */
export function handleFieldAdmin(method: string, segments: readonly string[], body: unknown, env: Env): ApiResponse {
  if (segments.length === 0) {
    if (method !== 'POST') throw ApiErrors.methodNotAllowed(method, ['POST']);
    return addField(body, env);
  }
  if (segments.length !== 2) throw ApiErrors.notFound();
  if (method !== 'DELETE') throw ApiErrors.methodNotAllowed(method, ['DELETE']);
  return removeField(segments[0]!, segments[1]!, env);
}

function addField(body: unknown, env: Env): ApiResponse {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw ApiErrors.jsonParser('expected a JSON object {"sobject": …, "field": {…}}');
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).find((key) => !ADD_KEYS.has(key));
  if (unknown !== undefined) throw ApiErrors.invalidRequest(`unknown key '${unknown}' (expected sobject and field)`);
  if (typeof input.sobject !== 'string') throw ApiErrors.invalidRequest('sobject: expected the API name of an existing sObject');
  const object = env.org.object(input.sobject);
  if (!object) throw ApiErrors.invalidRequest(`sobject: unknown object '${input.sobject}'`);
  return schemaChange(() => {
    const field = customFieldFor(input.field, object, env.org.schema);
    env.org.addCustomField(object, field);
    return json(201, { sobject: object.name, field: describeField(field, object) });
  });
}

function removeField(sobject: string, name: string, env: Env): ApiResponse {
  const object = env.org.object(sobject);
  const field = object ? findField(object, name) : undefined;
  if (!object || !field) throw ApiErrors.notFound();
  return schemaChange(() => {
    env.org.removeCustomField(object, field);
    return json(204);
  });
}

function schemaChange(change: () => ApiResponse): ApiResponse {
  try {
    return change();
  } catch (error) {
    if (error instanceof SchemaChangeError) throw ApiErrors.invalidRequest(error.message);
    throw error;
  }
}
