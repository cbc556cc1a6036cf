// prepareQuery: SOQL text -> PreparedQuery. Parses, resolves every name against the schema and
// type-checks every literal, so that running the query can no longer fail. Any input string
// ends in a PreparedQuery or a SoqlError; nothing else escapes.

import type { SchemaRegistry } from '../schema/types.js';
import type { SelectItemAst } from './ast.js';
import { malformedQuery, SoqlError, unsupportedObject } from './errors.js';
import { buildShape } from './build-shape.js';
import { parseQuery } from './parser.js';
import type { PreparedQuery, ResolvedPath } from './prepared-query.js';
import { resolveCondition, type ResolveScope } from './resolve-condition.js';
import { resolvePath } from './resolve-path.js';

/** Salesforce's limit on the length of a SOQL statement. */
export const MAX_SOQL_LENGTH = 100_000;

export function prepareQuery(soql: string, schema: SchemaRegistry): PreparedQuery {
  if (typeof soql !== 'string') throw malformedQuery('', 0, 'the query must be a string');
  if (soql.length > MAX_SOQL_LENGTH) {
    throw malformedQuery(soql, 0, `SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters`);
  }
  try {
    return prepare(soql, schema);
  } catch (error) {
    if (error instanceof SoqlError) throw error;
    // Only a bug or an exhausted resource gets here; the client must still see a query error, not a 500.
    const detail = error instanceof Error ? error.message : String(error);
    throw malformedQuery(soql, 0, `the query could not be processed: ${detail}`);
  }
}

function prepare(soql: string, schema: SchemaRegistry): PreparedQuery {
  const ast = parseQuery(soql);
  const object = schema.get(ast.from.name);
  if (!object) throw unsupportedObject(soql, ast.from.pos, ast.from.name);
  const scope: ResolveScope = { soql, schema, root: object };
  const isCount = checkCount(soql, ast.select);
  const fields = resolveSelectList(scope, ast.select);
  const where = ast.where ? resolveCondition(scope, ast.where) : undefined;
  const orderBy = ast.orderBy.map((item) => ({
    path: resolvePath(soql, schema, object, item.path),
    descending: item.descending,
    nullsFirst: item.nullsFirst,
  }));
  return {
    soql,
    object,
    isCount,
    columns: fields.map((path) => path.label),
    fields,
    where,
    orderBy,
    limit: ast.limit,
    offset: ast.offset ?? 0,
    shape: buildShape(fields),
  };
}

/** COUNT() must stand alone in the SELECT list. */
function checkCount(soql: string, select: readonly SelectItemAst[]): boolean {
  if (!select.some((item) => item.kind === 'count')) return false;
  const other = select[1];
  if (other) {
    const pos = other.kind === 'count' ? other.pos : (other.path.offsets[0] ?? 0);
    throw malformedQuery(soql, pos, 'COUNT() must be the only element of the SELECT list');
  }
  return true;
}

function resolveSelectList(scope: ResolveScope, select: readonly SelectItemAst[]): ResolvedPath[] {
  const fields: ResolvedPath[] = [];
  const seen = new Set<string>();
  for (const item of select) {
    if (item.kind !== 'field') continue;
    const path = resolvePath(scope.soql, scope.schema, scope.root, item.path);
    // Labels are canonical, so `Name` and `name` collide here as they do in Salesforce.
    if (seen.has(path.label)) {
      throw malformedQuery(scope.soql, item.path.offsets[0] ?? 0, `duplicate field selected: ${path.label}`);
    }
    seen.add(path.label);
    fields.push(path);
  }
  return fields;
}
