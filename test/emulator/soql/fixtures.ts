// A tiny org for SOQL unit tests: Account, Contact, User and a custom Project__c with a
// polymorphic lookup, a Map-backed RecordSource and a QueryContext whose readValue computes
// the Contact.Name formula, so tests see what goes through readValue.

import { to18 } from '../../../src/emulator/ids.js';
import { fieldOf } from '../../../src/emulator/schema/field.js';
import { plainSObject } from '../../support/schema-fixtures.js';
import type { FieldDef, FieldType, SchemaRegistry, SObjectDef } from '../../../src/emulator/schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from '../../../src/emulator/store/record.js';
import {
  prepareQuery,
  runQuery,
  shapeRecord,
  SoqlError,
  type QueryContext,
} from '../../../src/emulator/soql/index.js';

export const API_VERSION = '66.0';
/** Tests that use TODAY and friends run "on" this instant. */
export const NOW = new Date('2026-03-15T12:00:00.000Z');

export function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return fieldOf(name, type, {
    nillable: type !== 'boolean' && type !== 'id',
    idLookup: type === 'id',
    ...extra,
  });
}

function reference(name: string, referenceTo: string[], relationshipName: string): FieldDef {
  return field(name, 'reference', { referenceTo, relationshipName });
}

export function sobject(name: string, keyPrefix: string, fields: FieldDef[]): SObjectDef {
  return plainSObject(name, keyPrefix, [field('Id', 'id'), field('IsDeleted', 'boolean'), ...fields]);
}

export function registry(objects: SObjectDef[]): SchemaRegistry {
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const byPrefix = new Map(objects.map((o) => [o.keyPrefix, o]));
  return {
    objects: () => objects,
    get: (name) => byName.get(name.toLowerCase()),
    byKeyPrefix: (prefix) => byPrefix.get(prefix),
  };
}

export const schema = registry([
  sobject('Account', '001', [
    field('Name', 'string', { nameField: true }),
    field('Industry', 'picklist'),
    field('AnnualRevenue', 'currency'),
    field('NumberOfEmployees', 'int'),
    field('Website', 'url'),
    field('Description', 'textarea'),
    reference('OwnerId', ['User'], 'Owner'),
    reference('ParentId', ['Account'], 'Parent'),
    field('CreatedDate', 'datetime'),
    field('SystemModstamp', 'datetime'),
  ]),
  sobject('Contact', '003', [
    field('FirstName', 'string'),
    field('LastName', 'string'),
    field('Name', 'string', { calculated: true, nameField: true }),
    field('Email', 'email'),
    field('Phone', 'phone'),
    reference('AccountId', ['Account'], 'Account'),
    reference('OwnerId', ['User'], 'Owner'),
    field('Birthdate', 'date'),
    field('HasOptedOutOfEmail', 'boolean'),
    field('Score__c', 'double'),
    field('Best_Time__c', 'time'),
    field('CreatedDate', 'datetime'),
    field('SystemModstamp', 'datetime'),
  ]),
  sobject('User', '005', [
    field('Name', 'string', { nameField: true }),
    field('Email', 'email'),
    field('IsActive', 'boolean'),
    reference('ManagerId', ['User'], 'Manager'),
  ]),
  sobject('Project__c', 'a00', [
    field('Name', 'string', { nameField: true }),
    reference('Parent__c', ['Account'], 'Parent__r'),
    reference('Sponsor__c', ['Contact', 'User'], 'Sponsor__r'),
    field('Budget__c', 'currency'),
  ]),
]);

export function object(name: string): SObjectDef {
  const found = schema.get(name);
  if (!found) throw new Error(`fixture schema lacks ${name}`);
  return found;
}

/** A well-formed 18-character id: key prefix, pod `Hs`, a padded sequence. */
export function makeId(prefix: string, n: number): string {
  return to18(`${prefix}Hs${String(n).padStart(10, '0')}`);
}

export class MapSource implements RecordSource {
  private readonly byType = new Map<string, StoredRecord[]>();
  private readonly byId = new Map<string, StoredRecord>();

  add(sobjectName: string, record: StoredRecord): StoredRecord {
    const list = this.byType.get(sobjectName) ?? [];
    list.push(record);
    this.byType.set(sobjectName, list);
    this.byId.set(String(record.Id), record);
    return record;
  }

  scan(sobjectName: string): Iterable<StoredRecord> {
    return this.byType.get(sobjectName) ?? [];
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }
}

/** Contact.Name is a formula here: the store does not hold it. */
export function readValue(objectDef: SObjectDef, record: StoredRecord, f: FieldDef): FieldValue {
  if (objectDef.name === 'Contact' && f.name === 'Name') {
    return [record.FirstName, record.LastName].filter((part) => typeof part === 'string').join(' ');
  }
  return record[f.name] ?? null;
}

export function context(source: RecordSource, options: Partial<QueryContext> = {}): QueryContext {
  return { schema, source, readValue, includeDeleted: false, now: NOW, ...options };
}

const MODSTAMP = '2026-01-10T10:00:00.000+0000';

export const ids = {
  alice: makeId('005', 1),
  bob: makeId('005', 2),
  acme: makeId('001', 1),
  globex: makeId('001', 2),
  obrien: makeId('001', 3),
  gone: makeId('001', 4),
  ada: makeId('003', 1),
  grace: makeId('003', 2),
  alan: makeId('003', 3),
  linus: makeId('003', 4),
  dennis: makeId('003', 5),
  percent: makeId('003', 6),
  cher: makeId('003', 7),
  apollo: makeId('a00', 1),
  gemini: makeId('a00', 2),
  mercury: makeId('a00', 3),
};

function contact(id: string, values: Record<string, FieldValue>): StoredRecord {
  return {
    Id: id,
    IsDeleted: false,
    FirstName: null,
    AccountId: null,
    OwnerId: ids.alice,
    Email: null,
    Phone: null,
    Birthdate: null,
    HasOptedOutOfEmail: false,
    Score__c: null,
    Best_Time__c: null,
    CreatedDate: MODSTAMP,
    SystemModstamp: MODSTAMP,
    ...values,
  };
}

function account(id: string, values: Record<string, FieldValue>): StoredRecord {
  return {
    Id: id,
    IsDeleted: false,
    Industry: null,
    AnnualRevenue: null,
    NumberOfEmployees: null,
    Website: null,
    Description: null,
    OwnerId: ids.alice,
    ParentId: null,
    CreatedDate: MODSTAMP,
    SystemModstamp: MODSTAMP,
    ...values,
  };
}

/** The org most tests query. Scan order is the order records are added here. */
export function sampleOrg(): MapSource {
  const source = new MapSource();
  source.add('User', { Id: ids.alice, IsDeleted: false, Name: 'Alice Admin', Email: 'alice@example.com', IsActive: true, ManagerId: null });
  source.add('User', { Id: ids.bob, IsDeleted: false, Name: 'Bob Builder', Email: 'bob@example.com', IsActive: false, ManagerId: ids.alice });
  source.add('Account', account(ids.acme, { Name: 'Acme', Industry: 'Technology', AnnualRevenue: 1_000_000, NumberOfEmployees: 50 }));
  source.add('Account', account(ids.globex, { Name: 'Globex', OwnerId: ids.bob, ParentId: ids.acme, NumberOfEmployees: 7 }));
  source.add('Account', account(ids.obrien, { Name: "O'Brien & Co", Industry: 'Retail', AnnualRevenue: 250.5, NumberOfEmployees: -3 }));
  source.add('Account', account(ids.gone, { Name: 'Gone Ltd', IsDeleted: true, OwnerId: ids.bob }));
  source.add('Contact', contact(ids.ada, {
    FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', AccountId: ids.acme,
    Birthdate: '1815-12-10', Score__c: 9.5, SystemModstamp: '2026-03-15T08:00:00.000+0000',
    CreatedDate: '2026-03-14T23:30:00.000+0000',
  }));
  source.add('Contact', contact(ids.grace, {
    FirstName: 'Grace', LastName: 'Hopper', Email: 'GRACE@Example.com', AccountId: ids.acme, OwnerId: ids.bob,
    Birthdate: '1906-12-09', Score__c: 7, HasOptedOutOfEmail: true, SystemModstamp: '2026-01-15T08:30:00.000+0000',
  }));
  source.add('Contact', contact(ids.alan, {
    FirstName: 'Alan', LastName: 'Turing', AccountId: ids.globex, Birthdate: '1912-06-23', Score__c: 8,
    SystemModstamp: '2026-01-15T09:30:00.000+0000', Phone: '+44 20 0000',
  }));
  source.add('Contact', contact(ids.linus, {
    FirstName: 'Linus', LastName: 'torvalds', Score__c: -1.5, SystemModstamp: '2026-02-01T00:00:00.000+0000',
  }));
  source.add('Contact', contact(ids.dennis, {
    FirstName: 'Dennis', LastName: 'Ritchie', AccountId: ids.gone, IsDeleted: true,
    SystemModstamp: '2026-03-01T00:00:00.000+0000',
  }));
  source.add('Contact', contact(ids.percent, { FirstName: 'Pat', LastName: '100%_Sure\\Thing', SystemModstamp: '2026-03-10T00:00:00.000+0000' }));
  source.add('Contact', contact(ids.cher, { LastName: 'Cher', SystemModstamp: '2026-03-16T00:00:00.000+0000' }));
  source.add('Project__c', { Id: ids.apollo, IsDeleted: false, Name: 'Apollo', Parent__c: ids.acme, Sponsor__c: ids.ada, Budget__c: 100 });
  source.add('Project__c', { Id: ids.gemini, IsDeleted: false, Name: 'Gemini', Parent__c: null, Sponsor__c: ids.bob, Budget__c: null });
  source.add('Project__c', { Id: ids.mercury, IsDeleted: false, Name: 'Mercury', Parent__c: ids.gone, Sponsor__c: null, Budget__c: 5 });
  return source;
}

export interface RunOptions {
  includeDeleted?: boolean;
  now?: Date;
  source?: RecordSource;
}

export function run(soql: string, options: RunOptions = {}) {
  const source = options.source ?? sampleOrg();
  const ctx = context(source, { includeDeleted: options.includeDeleted ?? false, now: options.now ?? NOW });
  const q = prepareQuery(soql, schema);
  return { q, ctx, ...runQuery(q, ctx) };
}

/** A field of each result row, for compact assertions. */
export function pluck(soql: string, fieldName = 'LastName', options: RunOptions = {}): FieldValue[] {
  return run(soql, options).rows.map((row) => row[fieldName] ?? null);
}

export function shaped(soql: string, options: RunOptions = {}): Record<string, unknown>[] {
  const { q, ctx, rows } = run(soql, options);
  return rows.map((row) => shapeRecord(q, row, ctx, API_VERSION));
}

/** The SoqlError a query fails with; fails the test when it does not fail that way. */
export function soqlError(soql: string): SoqlError {
  try {
    run(soql);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw new Error(`expected a SoqlError, got ${String(error)}`);
  }
  throw new Error(`expected ${JSON.stringify(soql)} to fail`);
}

/** The reason line(s) of a positioned message, after `ERROR at Row:R:Column:C`. */
export function reasonOf(error: SoqlError): string {
  return error.message.split('\n').slice(4).join('\n');
}
