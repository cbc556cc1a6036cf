// Create and update of one record, in Salesforce's order: field access and types, system
// and derived fields, required fields, references, uniqueness, validation rules, then the
// write into the transaction.
import type { FieldDef, SObjectDef } from '../schema/types.js';
import type { FieldValue, StoredRecord } from '../store/record.js';
import { formatDateTime } from '../store/clock.js';
import { normalizeId } from '../ids.js';
import { failed, type DmlContext, type SaveOutcome } from './context.js';
import { readInput } from './read-input.js';
import { applyDerivedFields } from './derived-fields.js';
import { nextAutoNumber } from './auto-number.js';
import { RecordErrors, type RecordError } from './record-error.js';

type Fields = Record<string, FieldValue>;

export function createRecord(ctx: DmlContext, object: SObjectDef, body: Record<string, unknown>): SaveOutcome {
  const input = readInput(object, body, 'create');
  if ('errors' in input) return failed(input.errors);
  const id = ctx.org.ids.create(object.keyPrefix);
  const record = newRecordDefaults(ctx, object, id);
  for (const [field, value] of input.values) record[field.name] = value;
  applyDerivedFields(object, record, true);
  const errors = checkRecord(ctx, object, record, undefined, input.values);
  if (errors.length) return failed(errors);
  if (ctx.lockFails()) return failed([RecordErrors.unableToLockRow(id)]);
  ctx.txn.put(record);
  return { success: true, id };
}

export function updateRecord(ctx: DmlContext, object: SObjectDef, rawId: unknown, body: Record<string, unknown>): SaveOutcome {
  if (rawId === undefined || rawId === null || rawId === '') return failed([RecordErrors.missingId()]);
  const id = normalizeId(String(rawId));
  if (!id) return failed([RecordErrors.malformedId(String(rawId))]);
  if (!id.startsWith(object.keyPrefix)) return failed([RecordErrors.idOfWrongType(object.name, String(rawId))], id);
  const prior = ctx.txn.get(id);
  if (!prior) return failed([RecordErrors.notFound()], id);
  if (prior.IsDeleted) return failed([RecordErrors.entityIsDeleted()], id);
  const input = readInput(object, body, 'update');
  if ('errors' in input) return failed(input.errors, id);
  const record: Fields = { ...prior };
  for (const [field, value] of input.values) record[field.name] = value;
  applyDerivedFields(object, record, false);
  const errors = checkRecord(ctx, object, record, prior, input.values);
  if (errors.length) return failed(errors, id);
  if (ctx.lockFails()) return failed([RecordErrors.unableToLockRow(id)], id);
  const now = formatDateTime(ctx.org.clock.next());
  record.LastModifiedDate = now;
  record.SystemModstamp = now;
  record.LastModifiedById = ctx.userId;
  ctx.txn.put(record);
  return { success: true, id };
}

function newRecordDefaults(ctx: DmlContext, object: SObjectDef, id: string): Fields {
  const now = formatDateTime(ctx.org.clock.next());
  const record: Fields = {};
  // Empty fields are simply absent (read as null): a million records stay small.
  for (const field of object.fields) {
    if (field.calculated) continue;
    if (field.autoNumber) {
      record[field.name] = nextAutoNumber(ctx.org, object, field);
      continue;
    }
    const value = field.type === 'boolean' ? Boolean(field.defaultValue ?? false) : defaultOf(field);
    if (value !== null) record[field.name] = value;
  }
  Object.assign(record, {
    Id: id, IsDeleted: false, CreatedDate: now, LastModifiedDate: now, SystemModstamp: now,
    CreatedById: ctx.userId, LastModifiedById: ctx.userId,
  });
  if (object.fieldsByLowerName.has('ownerid')) record.OwnerId = ctx.userId;
  return record;
}

function defaultOf(field: FieldDef): FieldValue {
  if (field.defaultValue !== null) return field.defaultValue;
  const picklistDefault = field.picklistValues.find((p) => p.defaultValue && p.active);
  return picklistDefault ? picklistDefault.value : null;
}

function checkRecord(
  ctx: DmlContext,
  object: SObjectDef,
  record: Fields,
  prior: StoredRecord | undefined,
  changed: Map<FieldDef, FieldValue>,
): RecordError[] {
  const missing = object.fields
    .filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && (record[f.name] ?? null) === null)
    .map((f) => f.name);
  if (missing.length) return [RecordErrors.requiredFieldsMissing(missing)];
  for (const [field, value] of changed) {
    if (field.type !== 'reference' || value === null) continue;
    const error = checkReference(ctx, field, value as string);
    if (error) return [error];
  }
  for (const [field, value] of changed) {
    if (!field.unique || value === null) continue;
    const others = ctx.txn.findLiveByUnique(object, field.name, value, field.caseSensitive).filter((otherId) => otherId !== record.Id);
    if (others[0]) return [RecordErrors.duplicateValue(field.name, others[0])];
  }
  for (const rule of ctx.org.validationRules(object)) {
    const context = prior ? { record, prior, source: ctx.txn, now: new Date() } : { record, source: ctx.txn, now: new Date() };
    if (rule.condition.evaluate(context) === true) return [RecordErrors.customValidation(rule.message, rule.field)];
  }
  return [];
}

function checkReference(ctx: DmlContext, field: FieldDef, id: string): RecordError | undefined {
  const target = ctx.org.schema.byKeyPrefix(id.slice(0, 3));
  if (!target || !field.referenceTo.includes(target.name)) return RecordErrors.wrongReferenceTarget(field, id);
  const referenced = ctx.txn.get(id);
  if (!referenced) return RecordErrors.referenceNotFound(field);
  if (referenced.IsDeleted) return RecordErrors.referenceDeleted(field);
  return undefined;
}
