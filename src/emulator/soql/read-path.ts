// Reading a field path from a record: follow each lookup to its parent, then read the field.
// Plain fields are read straight from the stored record; formula fields, and fields the store
// left out, go through QueryContext.readValue. These run per row, so they allocate nothing.

import { findField, type FieldDef, type SObjectDef } from '../schema/types.js';
import type { FieldValue, StoredRecord } from '../store/record.js';
import type { Hop, ResolvedPath } from './prepared-query.js';
import type { QueryContext } from './query-context.js';

export type Reader = (record: StoredRecord) => FieldValue;

const KEY_PREFIX_LENGTH = 3;

export function readField(ctx: QueryContext, object: SObjectDef, record: StoredRecord, field: FieldDef): FieldValue {
  if (field.calculated) return ctx.readValue(object, record, field);
  const value = record[field.name];
  return value === undefined ? (ctx.readValue(object, record, field) ?? null) : value;
}

/** `field` (resolved on `owner`) as a field of `object`; they differ only after a polymorphic lookup. */
export function fieldOn(object: SObjectDef, owner: SObjectDef, field: FieldDef): FieldDef | undefined {
  return object === owner ? field : findField(object, field.name);
}

/** The parent's type comes from its id prefix, so polymorphic lookups land on the right sObject. */
export function parentType(ctx: QueryContext, hop: Hop, id: string): SObjectDef {
  return ctx.schema.byKeyPrefix(id.slice(0, KEY_PREFIX_LENGTH)) ?? hop.target;
}

/** The id a hop's lookup field holds on `record`, or undefined when empty. */
export function lookupId(ctx: QueryContext, object: SObjectDef, record: StoredRecord, hop: Hop): string | undefined {
  const field = fieldOn(object, hop.owner, hop.field);
  const id = field ? readField(ctx, object, record, field) : null;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export function readPath(ctx: QueryContext, path: ResolvedPath, record: StoredRecord): FieldValue {
  let object = path.root;
  let current = record;
  for (let i = 0; i < path.hops.length; i++) {
    const hop = path.hops[i] as Hop;
    const id = lookupId(ctx, object, current, hop);
    const parent = id === undefined ? undefined : ctx.source.get(id);
    if (id === undefined || parent === undefined) return null;
    object = parentType(ctx, hop, id);
    current = parent;
  }
  const field = fieldOn(object, path.owner, path.field);
  return field ? readField(ctx, object, current, field) : null;
}

/** A reader for one path, specialised for the common case of a plain field on the queried record. */
export function pathReader(ctx: QueryContext, path: ResolvedPath): Reader {
  if (path.hops.length > 0) return (record) => readPath(ctx, path, record);
  const { field, owner } = path;
  if (field.calculated) return (record) => ctx.readValue(owner, record, field) ?? null;
  const name = field.name;
  return (record) => {
    const value = record[name];
    return value === undefined ? (ctx.readValue(owner, record, field) ?? null) : value;
  };
}
