// Delete (to the recycle bin: IsDeleted = true, visible to queryAll and getDeleted) and
// undelete. Deleting an Account also deletes its Contacts and Opportunities, as in Salesforce.
import type { FieldValue, StoredRecord } from '../store/record.js';
import { formatDateTime } from '../store/clock.js';
import { normalizeId } from '../ids.js';
import { failed, type DmlContext, type SaveOutcome } from './context.js';
import { RecordErrors } from './record-error.js';

/** Child lookups whose records go to the recycle bin with their parent. */
const CASCADE: Record<string, Array<{ sobject: string; field: string }>> = {
  Account: [
    { sobject: 'Contact', field: 'AccountId' },
    { sobject: 'Opportunity', field: 'AccountId' },
  ],
};

export function deleteRecord(ctx: DmlContext, rawId: string): SaveOutcome {
  const found = findTarget(ctx, rawId);
  if (!found.success) return found;
  const { record, id } = found;
  if (record.IsDeleted) return failed([RecordErrors.entityIsDeleted()], id);
  if (ctx.lockFails()) return failed([RecordErrors.unableToLockRow(id)], id);
  const object = ctx.org.schema.byKeyPrefix(id.slice(0, 3))!;
  markDeleted(ctx, record, true);
  for (const child of CASCADE[object.name] ?? []) {
    if (!ctx.org.schema.get(child.sobject)) continue;
    for (const r of ctx.txn.scan(child.sobject)) {
      if (r[child.field] === id && !r.IsDeleted) markDeleted(ctx, r, true);
    }
  }
  return { success: true, id };
}

export function undeleteRecord(ctx: DmlContext, rawId: string): SaveOutcome {
  const found = findTarget(ctx, rawId);
  if (!found.success) return found;
  if (!found.record.IsDeleted) return failed([RecordErrors.notDeleted(found.id)], found.id);
  markDeleted(ctx, found.record, false);
  return { success: true, id: found.id };
}

function findTarget(ctx: DmlContext, rawId: string): { success: true; id: string; record: StoredRecord } | { success: false; errors: ReturnType<typeof RecordErrors.notFound>[]; id?: string } {
  const id = normalizeId(rawId);
  if (!id || !ctx.org.schema.byKeyPrefix(id.slice(0, 3))) return { success: false, errors: [RecordErrors.malformedId(rawId)] };
  const record = ctx.txn.get(id);
  if (!record) return { success: false, errors: [RecordErrors.notFound()], id };
  return { success: true, id, record };
}

function markDeleted(ctx: DmlContext, record: StoredRecord, deleted: boolean): void {
  const now = formatDateTime(ctx.org.clock.next());
  const next: Record<string, FieldValue> = { ...record, IsDeleted: deleted, SystemModstamp: now, LastModifiedDate: now, LastModifiedById: ctx.userId };
  ctx.txn.put(next);
}
