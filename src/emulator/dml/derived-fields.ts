// Fields Salesforce computes on save rather than on read: the full Name of people-like
// objects (Contact, Lead, User) and Opportunity's IsClosed/IsWon from its stage.
import { findField, type SObjectDef } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';

type Fields = Record<string, FieldValue>;

const STAGE_PROBABILITY: Record<string, number> = {
  Prospecting: 10, Qualification: 10, 'Needs Analysis': 20, 'Value Proposition': 50,
  'Id. Decision Makers': 60, 'Perception Analysis': 70, 'Proposal/Price Quote': 75,
  'Negotiation/Review': 90, 'Closed Won': 100, 'Closed Lost': 0,
};

export function applyDerivedFields(object: SObjectDef, record: Fields, isCreate: boolean): void {
  const name = findField(object, 'Name');
  if (name && !name.createable && !name.calculated && findField(object, 'LastName')) {
    const parts = [record.Salutation, record.FirstName, record.LastName].filter((p) => p !== null && p !== undefined && p !== '');
    record.Name = parts.length ? parts.join(' ') : null;
  }
  if (object.name === 'Opportunity' && typeof record.StageName === 'string') {
    const stage = record.StageName;
    if (findField(object, 'IsClosed')) record.IsClosed = stage.startsWith('Closed');
    if (findField(object, 'IsWon')) record.IsWon = stage === 'Closed Won';
    if (isCreate && record.Probability == null && stage in STAGE_PROBABILITY) record.Probability = STAGE_PROBABILITY[stage] ?? null;
  }
}
