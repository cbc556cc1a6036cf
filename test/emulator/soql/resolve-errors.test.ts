// Names and literal types checked against the schema: INVALID_TYPE, INVALID_FIELD and the
// MALFORMED_QUERY errors Salesforce gives for literals of the wrong type.

import { describe, expect, it } from 'vitest';
import { prepareQuery, SoqlError } from '../../../src/emulator/soql/index.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { reasonOf, schema, soqlError } from './fixtures.js';

const FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

describe('unknown sObject', () => {
  it('is INVALID_TYPE with the Salesforce wording, pointing at the name', () => {
    const error = soqlError('SELECT Id FROM Foo');
    expect(error.errorCode).toBe('INVALID_TYPE');
    expect(error.message).toBe(
      '\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n' +
        "sObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    );
  });

  it('is matched case-insensitively when it exists', () => {
    expect(prepareQuery('select id from contact', schema).object.name).toBe('Contact');
    expect(prepareQuery('SELECT Id FROM PROJECT__C', schema).object.name).toBe('Project__c');
  });
});

describe('unknown fields', () => {
  it.each([
    ['SELECT Id, Foo FROM Account', 'Foo', 'Account', 12],
    ['SELECT Id FROM Account WHERE Foo = 1', 'Foo', 'Account', 30],
    ['SELECT Id FROM Account ORDER BY Foo', 'Foo', 'Account', 33],
    ['SELECT Account.Foo FROM Contact', 'Foo', 'Account', 16],
    ['SELECT Account.Owner.Foo FROM Contact', 'Foo', 'User', 22],
    ['SELECT Account FROM Contact', 'Account', 'Contact', 8],
  ])('%j is INVALID_FIELD for %s on %s', (soql, column, entity, at) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(reasonOf(error)).toBe(`No such column '${column}' on entity '${entity}'. ${FIELD_HINT}`);
    expect(error.message).toContain(`ERROR at Row:1:Column:${at}\n`);
  });

  it.each([
    ['SELECT Foo.Name FROM Contact', 'Foo'],
    ['SELECT Name.First FROM Contact', 'Name'],
    ['SELECT Account.Bogus.Name FROM Contact', 'Bogus'],
    ['SELECT Parent__c.Name FROM Project__c', 'Parent__c'],
    ['SELECT Id FROM Contact WHERE Accounts.Name = null', 'Accounts'],
    ['SELECT Id FROM Project__c ORDER BY Parent.Name', 'Parent'],
  ])('%j is an unknown relationship', (soql, relationship) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(reasonOf(error)).toBe(`Didn't understand relationship '${relationship}' in field path. ${RELATIONSHIP_HINT}`);
  });
});

describe('duplicate fields', () => {
  it.each([
    ['SELECT Name, Name FROM Account', 'Name'],
    ['SELECT Id, name, NAME FROM Account', 'Name'],
    ['SELECT Account.Name, account.name FROM Contact', 'Account.Name'],
  ])('%j is refused', (soql, label) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(`duplicate field selected: ${label}`);
  });

  it('allows a lookup id and its relationship side by side', () => {
    expect(prepareQuery('SELECT AccountId, Account.Id, Account.Name FROM Contact', schema).columns).toEqual([
      'AccountId',
      'Account.Id',
      'Account.Name',
    ]);
  });
});

describe('COUNT()', () => {
  it('must stand alone', () => {
    const error = soqlError('SELECT COUNT(), Name FROM Account');
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe('COUNT() must be the only element of the SELECT list');
  });

  it('is recognised in any case and spacing', () => {
    const q = prepareQuery('select count ( ) from Account', schema);
    expect(q.isCount).toBe(true);
    expect(q.columns).toEqual([]);
  });
});

describe('literal types', () => {
  it.each([
    ["SELECT Id FROM Contact WHERE CreatedDate > '2026-01-01T00:00:00Z'", 'CreatedDate', 'dateTime', 'not '],
    ['SELECT Id FROM Contact WHERE CreatedDate > 2026-01-01', 'CreatedDate', 'dateTime', 'not '],
    ['SELECT Id FROM Contact WHERE Birthdate = 2026-01-01T00:00:00Z', 'Birthdate', 'date', 'not '],
    ["SELECT Id FROM Contact WHERE Birthdate = '2026-01-01'", 'Birthdate', 'date', 'not '],
    ['SELECT Id FROM Contact WHERE LastName = 5', 'LastName', 'string', ''],
    ['SELECT Id FROM Contact WHERE LastName = true', 'LastName', 'string', ''],
    ['SELECT Id FROM Contact WHERE LastName = TODAY', 'LastName', 'string', ''],
    ["SELECT Id FROM Contact WHERE Score__c = '5'", 'Score__c', 'double', 'not '],
    ["SELECT Id FROM Account WHERE NumberOfEmployees > '5'", 'NumberOfEmployees', 'int', 'not '],
    ["SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'true'", 'HasOptedOutOfEmail', 'boolean', 'not '],
    ['SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 1', 'HasOptedOutOfEmail', 'boolean', 'not '],
    ['SELECT Id FROM Contact WHERE AccountId = 5', 'AccountId', 'id', ''],
    ["SELECT Id FROM Contact WHERE Account.Name IN ('a', 1)", 'Account.Name', 'string', ''],
    ['SELECT Id FROM Contact WHERE LastName LIKE 5', 'LastName', 'string', ''],
  ])('%j is refused', (soql, label, type, not) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(
      `value of filter criterion for field '${label}' must be of type ${type} and should ${not}be enclosed in quotes`,
    );
  });

  it.each([
    ["SELECT Id FROM Contact WHERE Id = 'xyz'", 'xyz'],
    ["SELECT Id FROM Contact WHERE AccountId IN ('001Hs0000000001', '001Hs0000000001XXX')", '001Hs0000000001XXX'],
  ])('%j is an invalid ID', (soql, bad) => {
    const error = soqlError(soql);
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(reasonOf(error)).toBe(`invalid ID field: ${bad}`);
  });

  it('refuses ordering operators on booleans and LIKE on non-text fields', () => {
    expect(reasonOf(soqlError('SELECT Id FROM Contact WHERE HasOptedOutOfEmail > false'))).toBe(
      "invalid operator > on field 'HasOptedOutOfEmail' of type boolean",
    );
    expect(reasonOf(soqlError("SELECT Id FROM Contact WHERE AccountId LIKE '001%'"))).toBe(
      "invalid operator LIKE on field 'AccountId' of type id",
    );
  });
});

describe('long text areas', () => {
  it('cannot be filtered, like in Salesforce', async () => {
    const emulator = await startEmulator({ seed: 'none', port: 0 });
    try {
      const run = () => prepareQuery("SELECT Id FROM Account WHERE Description = 'x'", emulator.org.schema);
      expect(run).toThrow(SoqlError);
      expect(run).toThrow(/field 'Description' can not be filtered in query call/);
      expect(() => prepareQuery("SELECT Id, Description FROM Account WHERE Name = 'x'", emulator.org.schema)).not.toThrow();
    } finally {
      await emulator.close();
    }
  });
});
