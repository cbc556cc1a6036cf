// Fields Salesforce computes on save rather than on read: the full Name of people-like
// objects (Contact, Lead, User), a custom object's Name when omitted (the record id), and
// Opportunity's IsClosed/IsWon/Probability from its stage.
import { findField, type SObjectDef } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';
import { OPPORTUNITY_STAGES } from '../schema/standard-objects.js';

type Fields = Record<string, FieldValue>;

export function applyDerivedFields(object: SObjectDef, record: Fields, isCreate: boolean): void {
  const name = findField(object, 'Name');
  if (name && !name.createable && !name.calculated && !name.autoNumber && findField(object, 'LastName')) {
    const parts = [record.FirstName, record.LastName].filter((p) => p !== null && p !== undefined && p !== '');
    record.Name = parts.length ? parts.join(' ') : null;
  }
  if (isCreate && object.custom && name?.createable && (record.Name ?? null) === null) record.Name = record.Id ?? null;
  if (object.name === 'Opportunity' && typeof record.StageName === 'string') {
    const stage = OPPORTUNITY_STAGES.find((s) => s.value === record.StageName);
    if (stage) {
      record.IsClosed = stage.closed;
      record.IsWon = stage.won;
      if (isCreate && (record.Probability ?? null) === null) record.Probability = stage.probability;
    }
  }
}
