// A small org for the formula tests: User, Account, Contact and Opportunity with fields of
// most types, lookups between them (Contact.Account, Account.Owner, Opportunity.Account,
// Account.Parent__r, User.Manager), formula fields that use each other, and a Map-backed
// RecordSource. Pure data: no emulator, no Postgres.
import { to18 } from '../../../src/emulator/ids.js';
import { fieldOf } from '../../../src/emulator/schema/field.js';
import { plainSObject } from '../../support/schema-fixtures.js';
import type { FieldDef, FieldType, SchemaRegistry, SObjectDef } from '../../../src/emulator/schema/types.js';
import type { RecordSource, StoredRecord } from '../../../src/emulator/store/record.js';
import {
  compileFormula,
  type FormulaContext,
  type FormulaReturnType,
} from '../../../src/emulator/formula/index.js';
import type { FieldValue } from '../../../src/emulator/store/record.js';

export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return fieldOf(name, type, {
    length: type === 'string' ? 255 : 0,
    nillable: type !== 'boolean',
    ...extra,
  });
}

export function lookup(name: string, target: string, relationshipName: string): FieldDef {
  return field(name, 'reference', { referenceTo: [target], relationshipName });
}

export function formulaField(name: string, type: FieldType, formula: string, scale = 0): FieldDef {
  return field(name, type, { calculated: true, formula, scale, createable: false, updateable: false });
}

export function sObject(name: string, keyPrefix: string, fields: FieldDef[]): SObjectDef {
  return plainSObject(name, keyPrefix, [field('Id', 'id'), ...fields]);
}

export function schemaOf(objects: SObjectDef[]): SchemaRegistry {
  return {
    objects: () => objects,
    get: (name) => objects.find((o) => o.name.toLowerCase() === name.toLowerCase()),
    byKeyPrefix: (prefix) => objects.find((o) => o.keyPrefix === prefix),
  };
}

export const USER = sObject('User', '005', [
  field('FirstName', 'string'),
  field('LastName', 'string'),
  field('Email', 'email'),
  field('IsActive', 'boolean'),
  lookup('ManagerId', 'User', 'Manager'),
]);

export const ACCOUNT = sObject('Account', '001', [
  field('Name', 'string', { nameField: true }),
  lookup('OwnerId', 'User', 'Owner'),
  lookup('Parent__c', 'Account', 'Parent__r'),
  field('AnnualRevenue', 'currency', { scale: 2 }),
  field('NumberOfEmployees', 'int'),
  field('Industry', 'picklist'),
  formulaField('Tier__c', 'string', 'IF(AnnualRevenue >= 1000000, "Gold", "Silver")'),
  formulaField('Owner_Email__c', 'email', 'Owner.Email'),
]);

export const CONTACT = sObject('Contact', '003', [
  field('FirstName', 'string'),
  field('LastName', 'string'),
  field('Email', 'email'),
  field('Phone', 'phone'),
  field('Birthdate', 'date'),
  field('LastCallAt__c', 'datetime'),
  field('Note__c', 'textarea'),
  field('Level__c', 'picklist'),
  field('Languages__c', 'multipicklist'),
  field('Score__c', 'double', { scale: 2 }),
  field('Discount__c', 'percent', { scale: 1 }),
  field('Visits__c', 'int'),
  field('HasOptedOutOfEmail', 'boolean'),
  lookup('AccountId', 'Account', 'Account'),
  formulaField('Full_Name__c', 'string', 'FirstName & " " & LastName'),
  formulaField('Greeting__c', 'string', '"Dear " & Full_Name__c'),
  formulaField('Account_Tier__c', 'string', 'Account.Tier__c'),
  formulaField('Score_Doubled__c', 'double', 'Score__c * 2', 1),
  formulaField('Cycle_A__c', 'string', 'Cycle_B__c & "a"'),
  formulaField('Cycle_B__c', 'string', 'Cycle_A__c & "b"'),
  formulaField('Self_Loop__c', 'string', 'Self_Loop__c'),
]);

export const OPPORTUNITY = sObject('Opportunity', '006', [
  field('Name', 'string', { nameField: true }),
  field('Amount', 'currency', { scale: 2 }),
  field('StageName', 'picklist'),
  field('CloseDate', 'date'),
  field('Probability', 'percent'),
  lookup('AccountId', 'Account', 'Account'),
]);

export const SCHEMA = schemaOf([USER, ACCOUNT, CONTACT, OPPORTUNITY]);

/** A RecordSource over a fixed set of records. */
export class MapSource implements RecordSource {
  private readonly byId: Map<string, StoredRecord>;

  constructor(records: StoredRecord[] = []) {
    this.byId = new Map(records.map((record) => [String(record.Id), record]));
  }

  scan(sobject: string): Iterable<StoredRecord> {
    const prefix = SCHEMA.get(sobject)?.keyPrefix;
    return [...this.byId.values()].filter((record) => String(record.Id).startsWith(prefix ?? '???'));
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }
}

export const ids = {
  manager: to18('005000000000001'),
  owner: to18('005000000000002'),
  parentAccount: to18('001000000000001'),
  account: to18('001000000000002'),
  contact: to18('003000000000001'),
  opportunity: to18('006000000000001'),
};

export const RECORDS: StoredRecord[] = [
  { Id: ids.manager, FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@example.com', IsActive: true },
  { Id: ids.owner, FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', IsActive: true, ManagerId: ids.manager },
  { Id: ids.parentAccount, Name: 'Acme Holdings', OwnerId: ids.manager, AnnualRevenue: 5_000_000 },
  { Id: ids.account, Name: 'Acme', OwnerId: ids.owner, Parent__c: ids.parentAccount, AnnualRevenue: 250_000.5, Industry: 'Energy' },
];

export const NOW = new Date('2024-05-15T10:30:00.000Z');

export interface RunOptions {
  object?: SObjectDef;
  returnType?: FormulaReturnType;
  prior?: StoredRecord;
  now?: Date;
  records?: StoredRecord[];
}

/** Compiles `formula` and evaluates it against `record`, returning the wire value. */
export function run(formula: string, record: Record<string, FieldValue> = {}, options: RunOptions = {}): FieldValue {
  const object = options.object ?? CONTACT;
  const compiled = compileFormula(formula, object, SCHEMA, options.returnType ?? 'string');
  const ctx: FormulaContext = {
    record: { Id: ids.contact, ...record },
    prior: options.prior,
    source: new MapSource(options.records ?? RECORDS),
    now: options.now ?? NOW,
  };
  return compiled.evaluate(ctx);
}

/** Evaluates a condition the way a validation rule does. */
export function check(condition: string, record: Record<string, FieldValue> = {}, options: RunOptions = {}): FieldValue {
  return run(condition, record, { ...options, returnType: 'boolean' });
}

export function num(formula: string, record: Record<string, FieldValue> = {}, options: RunOptions = {}): FieldValue {
  return run(formula, record, { ...options, returnType: 'double' });
}
