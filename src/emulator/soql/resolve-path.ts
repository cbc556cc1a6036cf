// Resolves a field path as written (`account.owner.name`) against the schema: each segment
// but the last names a relationship (FieldDef.relationshipName of a reference field), the last
// one a field of the parent reached. Names match case-insensitively, as in Salesforce.

import { findField, type FieldDef, type SchemaRegistry, type SObjectDef } from '../schema/types.js';
import type { FieldPathAst } from './ast.js';
import { noSuchColumn, unknownRelationship } from './errors.js';
import type { Hop, ResolvedPath } from './prepared-query.js';

export function resolvePath(soql: string, schema: SchemaRegistry, root: SObjectDef, path: FieldPathAst): ResolvedPath {
  const hops: Hop[] = [];
  const labels: string[] = [];
  // The types the current segment may belong to: one for the root, several after a polymorphic lookup.
  let candidates: readonly SObjectDef[] = [root];
  const last = path.segments.length - 1;
  for (let i = 0; i < last; i++) {
    const segment = path.segments[i] ?? '';
    const found = firstMatch(candidates, (object) => findRelationship(object, segment));
    if (!found) throw unknownRelationship(soql, path.offsets[i] ?? 0, segment);
    retargetLastHop(hops, found.object);
    const targets = referenceTargets(schema, found.match);
    const target = targets[0];
    if (!target) throw unknownRelationship(soql, path.offsets[i] ?? 0, segment);
    hops.push({ field: found.match, owner: found.object, target });
    labels.push(found.match.relationshipName ?? segment);
    candidates = targets;
  }
  const name = path.segments[last] ?? '';
  const found = firstMatch(candidates, (object) => findField(object, name));
  if (!found) throw noSuchColumn(soql, path.offsets[last] ?? 0, name, candidates[0]?.name ?? root.name);
  retargetLastHop(hops, found.object);
  labels.push(found.match.name);
  return { root, hops, field: found.match, owner: found.object, label: labels.join('.') };
}

/** A hop's target is the type the path went on from; after a polymorphic lookup, the type that had the next name. */
function retargetLastHop(hops: Hop[], object: SObjectDef): void {
  const last = hops.pop();
  if (last) hops.push({ ...last, target: object });
}

function firstMatch<T>(
  objects: readonly SObjectDef[],
  find: (object: SObjectDef) => T | undefined,
): { object: SObjectDef; match: T } | undefined {
  for (const object of objects) {
    const match = find(object);
    if (match !== undefined) return { object, match };
  }
  return undefined;
}

function findRelationship(object: SObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === lower);
}

function referenceTargets(schema: SchemaRegistry, field: FieldDef): SObjectDef[] {
  return field.referenceTo.map((name) => schema.get(name)).filter((object) => object !== undefined);
}
