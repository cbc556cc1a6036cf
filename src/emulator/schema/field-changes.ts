// Schema drift at run time: adding a custom field to an sObject of a running org, or removing
// one. SObjectDef.fields and fieldsByLowerName are shared by reference by describe, SOQL, DML
// and the formula engine, so a change is made in place on the one SObjectDef everybody holds.
// Org (org.ts) wraps these with what else must follow: formulas and the record store.

import { findChildRelationship } from './describe.js';
import { customFieldDef, parseCustomField } from './schema-file.js';
import { findField, type FieldDef, type SchemaRegistry, type SObjectDef } from './types.js';

/** A change the org refuses; the admin endpoint answers it with 400. */
export class SchemaChangeError extends Error {
  override name = 'SchemaChangeError';
}

/**
 * The FieldDef for `json` (a field in the schema-file format) on `object`, checked like a
 * schema file checks it and against the org: a free name, known lookup targets, relationship
 * names that do not collide. Does not attach it.
 */
export function customFieldFor(json: unknown, object: SObjectDef, schema: SchemaRegistry): FieldDef {
  let field: FieldDef;
  try {
    field = customFieldDef(parseCustomField(json, 'field'), object.labelPlural);
  } catch (error) {
    throw new SchemaChangeError((error as Error).message);
  }
  const clash = findField(object, field.name);
  if (clash) throw new SchemaChangeError(`field: name: field '${clash.name}' already exists on ${object.name}`);
  field.referenceTo = field.referenceTo.map((target) => {
    const found = schema.get(target);
    if (!found) throw new SchemaChangeError(`field: referenceTo: unknown object '${target}'`);
    return found.name;
  });
  checkRelationshipNames(field, object, schema);
  return field;
}

function checkRelationshipNames(field: FieldDef, object: SObjectDef, schema: SchemaRegistry): void {
  const name = field.relationshipName;
  if (name !== null) {
    const other = object.fields.find((f) => f.relationshipName?.toLowerCase() === name.toLowerCase());
    if (other) throw new SchemaChangeError(`field: relationshipName: '${name}' is already the relationship of ${object.name}.${other.name}`);
  }
  const childName = field.childRelationshipName;
  if (childName === null) return;
  for (const target of field.referenceTo) {
    const parent = schema.get(target);
    const used = parent ? findChildRelationship(parent, childName, schema) : undefined;
    if (used) {
      throw new SchemaChangeError(
        `field: childRelationshipName: child relationship '${childName}' on ${target} is already used by ${used.child.name}.${used.field.name}; give this field its own childRelationshipName`,
      );
    }
  }
}

/** Makes `field` a field of `object` for everyone holding the SObjectDef (last in describe order unless `index` says). */
export function attachField(object: SObjectDef, field: FieldDef, index = object.fields.length): void {
  object.fields.splice(index, 0, field);
  object.fieldsByLowerName.set(field.name.toLowerCase(), field);
}

/** The reverse of attachField; answers where the field was, to put it back there. */
export function detachField(object: SObjectDef, field: FieldDef): number {
  const index = object.fields.indexOf(field);
  if (index >= 0) object.fields.splice(index, 1);
  object.fieldsByLowerName.delete(field.name.toLowerCase());
  return index;
}

/** Why `field` cannot be removed from `object` by its schema alone (formulas are checked by Org). */
export function removalProblem(object: SObjectDef, field: FieldDef): string | undefined {
  if (!field.custom) return `${object.name}.${field.name} is a standard field; only custom fields can be removed`;
  const rule = object.validationRules.find((r) => r.field?.toLowerCase() === field.name.toLowerCase());
  if (rule) return `${object.name}.${field.name} is where validation rule ${rule.name} shows its error`;
  return undefined;
}
