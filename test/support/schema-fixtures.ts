// A plain sObject for unit tests that build a tiny org by hand: every SObjectDef property at
// its ordinary value, the fields given (system fields included by the caller).
import { defineSObject } from '../../src/emulator/schema/standard-objects.js';
import type { FieldDef, SObjectDef } from '../../src/emulator/schema/types.js';

export function plainSObject(name: string, keyPrefix: string, fields: FieldDef[]): SObjectDef {
  return defineSObject({
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: name.endsWith('__c'),
    createable: true,
    updateable: true,
    deletable: true,
    fields,
    validationRules: [],
  });
}
