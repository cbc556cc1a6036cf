// Turns a result row into the REST JSON form of a query record: `attributes`, then the
// selected fields in SELECT order with canonical names, parents nested as their own records
// (null when the lookup is empty). Runs per returned row, typically 2,000 per page.

import type { FieldValue, StoredRecord } from '../store/record.js';
import type { SObjectDef } from '../schema/types.js';
import type { PreparedQuery, ShapeNode } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
import { fieldOn, lookupId, parentType, readField, readPath } from './read-path.js';

export function shapeRecord(
  q: PreparedQuery,
  row: StoredRecord,
  ctx: QueryContext,
  apiVersion: string,
): Record<string, unknown> {
  return shapeNode(ctx, q.shape, q.object, row, `/services/data/v${apiVersion}/sobjects/`);
}

/** The selected values of a row in `columns` order, parents flattened (`Account.Name`), as CSV results need. */
export function flattenRecord(q: PreparedQuery, row: StoredRecord, ctx: QueryContext): FieldValue[] {
  return q.fields.map((path) => readPath(ctx, path, row));
}

function shapeNode(
  ctx: QueryContext,
  node: ShapeNode,
  object: SObjectDef,
  record: StoredRecord,
  sobjectsUrl: string,
): Record<string, unknown> {
  const id = String(record.Id ?? '');
  const shaped: Record<string, unknown> = { attributes: { type: object.name, url: `${sobjectsUrl}${object.name}/${id}` } };
  for (const entry of node.entries) {
    if (entry.kind === 'field') {
      const field = fieldOn(object, entry.owner, entry.field);
      shaped[entry.key] = field ? readField(ctx, object, record, field) : null;
      continue;
    }
    const parentId = lookupId(ctx, object, record, entry.hop);
    const parent = parentId === undefined ? undefined : ctx.source.get(parentId);
    shaped[entry.key] =
      parentId === undefined || parent === undefined
        ? null
        : shapeNode(ctx, entry.node, parentType(ctx, entry.hop, parentId), parent, sobjectsUrl);
  }
  return shaped;
}
