// Field references: a field of the formula's record (`Email`), or a path through the
// relationship names of reference fields (`Account.Owner.Email`, `Parent__r.Name`) followed
// at evaluation through RecordSource.get. Names match case-insensitively. Formula fields are
// computed by their own compiled formula, never read from the stored record.

import { findField, type FieldDef, type SObjectDef } from '../schema/types.js';
import type { FieldNode, PathSegment } from './ast.js';
import type { FormulaContext } from './context.js';
import type { BindScope, Bound, FieldReader } from './scope.js';
import type { FormulaType } from './values.js';
import { formulaTypeOf, fromWire } from './wire.js';

interface Access {
  readonly type: FormulaType;
  readonly read: FieldReader;
  /** Canonical name when the path is a single field. */
  readonly name?: string;
}

export function bindField(node: FieldNode, scope: BindScope): Bound {
  const first = node.path[0];
  if (first?.name.startsWith('$')) {
    throw scope.error(node.offset, `global variables such as ${first.name} are not supported`);
  }
  const access = bindPath(scope.object, node.path, scope, true);
  const evaluate = (ctx: FormulaContext) => access.read(ctx.record, ctx);
  if (access.name === undefined) return { type: access.type, evaluate };
  return { type: access.type, evaluate, field: { name: access.name, read: access.read } };
}

/** `collect` is true while the path is still on the formula's own record. */
function bindPath(object: SObjectDef, path: readonly PathSegment[], scope: BindScope, collect: boolean): Access {
  const [head, ...rest] = path;
  if (head === undefined) throw new Error('a field path cannot be empty');
  if (rest.length === 0) return bindLeaf(object, head, scope, collect);
  const reference = findRelationship(object, head, scope);
  if (collect) scope.fields.add(reference.name);
  const targets = bindTargets(object, reference, head, rest, scope);
  const first = targets.values().next().value as Access;
  return { type: first.type, read: follow(reference, targets, scope) };
}

function bindLeaf(object: SObjectDef, segment: PathSegment, scope: BindScope, collect: boolean): Access {
  const field = findField(object, segment.name);
  if (!field) throw scope.error(segment.offset, unknownField(object, segment.name));
  if (collect) scope.fields.add(field.name);
  const type = formulaTypeOf(field.type);
  if (!field.calculated || !field.formula) {
    return { type, name: field.name, read: (record) => fromWire(field.type, record[field.name]) };
  }
  const compiled = scope.formulaField(object, field, segment.offset);
  // A formula field on the same record reads whatever its own formula reads.
  if (collect) compiled.fields.forEach((name) => scope.fields.add(name));
  return {
    type,
    name: field.name,
    read: (record, ctx) => fromWire(field.type, compiled.evaluate(contextFor(record, ctx))),
  };
}

/** A formula field of another record is evaluated as that record's own formula. */
function contextFor(record: FormulaContext['record'], ctx: FormulaContext): FormulaContext {
  return record === ctx.record ? ctx : { record, source: ctx.source, now: ctx.now };
}

/** Binds the rest of the path on each sObject the reference may point to (polymorphic lookups). */
function bindTargets(
  object: SObjectDef,
  reference: FieldDef,
  head: PathSegment,
  rest: readonly PathSegment[],
  scope: BindScope,
): Map<string, Access> {
  const targets = new Map<string, Access>();
  let firstError: unknown;
  for (const name of reference.referenceTo) {
    const target = scope.schema.get(name);
    if (!target) continue;
    try {
      targets.set(target.name, bindPath(target, rest, scope, false));
    } catch (error) {
      firstError ??= error;
    }
  }
  if (targets.size > 0) return targets;
  throw firstError ?? scope.error(head.offset, `relationship '${head.name}' on ${object.name} leads to no known sObject`);
}

/** Follows the reference by id; the target's type comes from the id's key prefix. */
function follow(reference: FieldDef, targets: Map<string, Access>, scope: BindScope): FieldReader {
  const declared = scope.schema.get(reference.referenceTo[0] ?? '')?.name;
  return (record, ctx) => {
    const id = record[reference.name];
    if (typeof id !== 'string' || id === '') return null;
    const related = ctx.source.get(id);
    if (!related) return null;
    const objectName = scope.schema.byKeyPrefix(id.slice(0, 3))?.name ?? declared;
    const access = objectName === undefined ? undefined : targets.get(objectName);
    return access ? access.read(related, ctx) : null;
  };
}

function findRelationship(object: SObjectDef, segment: PathSegment, scope: BindScope): FieldDef {
  const wanted = segment.name.toLowerCase();
  const reference = object.fields.find(
    (field) => field.relationshipName?.toLowerCase() === wanted && field.referenceTo.length > 0,
  );
  if (reference) return reference;
  const field = findField(object, segment.name);
  if (!field) throw scope.error(segment.offset, `unknown relationship '${segment.name}' on ${object.name}`);
  const hint = field.relationshipName ? `; use ${field.relationshipName}` : '';
  throw scope.error(segment.offset, `'${field.name}' on ${object.name} is not a relationship${hint}`);
}

function unknownField(object: SObjectDef, name: string): string {
  const wanted = name.toLowerCase();
  const relationship = object.fields.find((field) => field.relationshipName?.toLowerCase() === wanted);
  const hint = relationship ? ` ('${name}' is a relationship: name one of its fields, e.g. ${name}.Name)` : '';
  return `unknown field '${name}' on ${object.name}${hint}`;
}
