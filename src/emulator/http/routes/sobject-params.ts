// Looking up what a URL names: the sObject type, a record id, a `fields=` list.
import { findField, type FieldDef, type SObjectDef } from '../../schema/types.js';
import type { Env } from '../env.js';
import { ApiErrors } from '../api-error.js';
import { normalizeId } from '../../ids.js';

export function sobjectOf(env: Env, name: string | undefined): SObjectDef {
  const object = name ? env.org.object(name) : undefined;
  if (!object) throw ApiErrors.unknownObject();
  return object;
}

/** A well-formed id of this sObject, or MALFORMED_ID as Salesforce answers. */
export function idOf(object: SObjectDef, raw: string): string {
  const id = normalizeId(raw);
  if (!id) throw ApiErrors.malformedId(`malformed id ${raw}`);
  if (!id.startsWith(object.keyPrefix)) {
    throw ApiErrors.malformedId(`${object.label} ID: id value of incorrect type: ${raw}`, ['Id']);
  }
  return id;
}

export function fieldList(object: SObjectDef, param: string | null): FieldDef[] | undefined {
  if (param === null) return undefined;
  return param
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => {
      const field = findField(object, name);
      if (!field) {
        throw ApiErrors.invalidField(
          `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      return field;
    });
}

export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw ApiErrors.jsonParser(`Cannot deserialize instance of sObject from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} token`);
  }
  return body as Record<string, unknown>;
}
