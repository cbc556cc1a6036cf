// The REST JSON form of query records: attributes, SELECT order, canonical names, nested parents.

import { describe, expect, it } from 'vitest';
import { flattenRecord } from '../../../src/emulator/soql/index.js';
import { API_VERSION, ids, makeId, run, sampleOrg, shaped } from './fixtures.js';

const url = (type: string, id: string) => `/services/data/v${API_VERSION}/sobjects/${type}/${id}`;

describe('shapeRecord', () => {
  it('renders attributes, fields in SELECT order and parents nested once', () => {
    const [ada] = shaped(
      "SELECT LastName, Id, Account.Name, Owner.Email, Account.Owner.Name, account.industry FROM Contact WHERE LastName = 'Lovelace'",
    );
    expect(ada).toEqual({
      attributes: { type: 'Contact', url: url('Contact', ids.ada) },
      LastName: 'Lovelace',
      Id: ids.ada,
      Account: {
        attributes: { type: 'Account', url: url('Account', ids.acme) },
        Name: 'Acme',
        Owner: { attributes: { type: 'User', url: url('User', ids.alice) }, Name: 'Alice Admin' },
        Industry: 'Technology',
      },
      Owner: { attributes: { type: 'User', url: url('User', ids.alice) }, Email: 'alice@example.com' },
    });
    expect(Object.keys(ada!)).toEqual(['attributes', 'LastName', 'Id', 'Account', 'Owner']);
    expect(Object.keys(ada!.Account as object)).toEqual(['attributes', 'Name', 'Owner', 'Industry']);
  });

  it('uses canonical field and relationship names whatever the query spelled', () => {
    const [cher] = shaped("select lastname, ACCOUNT.NAME, firstname, score__C from contact where lastname = 'cher'");
    expect(cher).toEqual({
      attributes: { type: 'Contact', url: url('Contact', ids.cher) },
      LastName: 'Cher',
      Account: null,
      FirstName: null,
      Score__c: null,
    });
  });

  it('renders an empty lookup as null at any depth', () => {
    const rows = shaped('SELECT LastName, Account.Parent.Name FROM Contact WHERE AccountId != null ORDER BY LastName');
    expect(rows.map((r) => r.Account)).toEqual([
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Parent: null },
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Parent: null },
      {
        attributes: { type: 'Account', url: url('Account', ids.globex) },
        Parent: { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme' },
      },
    ]);
  });

  it('computes formula fields through readValue', () => {
    expect(shaped("SELECT Name FROM Contact WHERE LastName = 'Hopper'")[0]?.Name).toBe('Grace Hopper');
    expect(shaped("SELECT Sponsor__r.Name FROM Project__c WHERE Name = 'Apollo'")[0]?.Sponsor__r).toEqual({
      attributes: { type: 'Contact', url: url('Contact', ids.ada) },
      Name: 'Ada Lovelace',
    });
  });

  it('types polymorphic parents by their id prefix', () => {
    const rows = shaped('SELECT Name, Sponsor__r.Name, Sponsor__r.Id FROM Project__c ORDER BY Name');
    expect(rows.map((r) => r.Sponsor__r)).toEqual([
      { attributes: { type: 'Contact', url: url('Contact', ids.ada) }, Name: 'Ada Lovelace', Id: ids.ada },
      { attributes: { type: 'User', url: url('User', ids.bob) }, Name: 'Bob Builder', Id: ids.bob },
      null,
    ]);
  });

  it('returns deleted parents and null for dangling lookups', () => {
    const source = sampleOrg();
    source.add('Project__c', { Id: makeId('a00', 9), IsDeleted: false, Name: 'Zephyr', Parent__c: makeId('001', 999) });
    const rows = shaped('SELECT Name, Parent__r.Name, Parent__r.IsDeleted FROM Project__c ORDER BY Name', { source });
    expect(rows.map((r) => r.Parent__r)).toEqual([
      { attributes: { type: 'Account', url: url('Account', ids.acme) }, Name: 'Acme', IsDeleted: false },
      null,
      { attributes: { type: 'Account', url: url('Account', ids.gone) }, Name: 'Gone Ltd', IsDeleted: true },
      null,
    ]);
  });
});

describe('flattenRecord', () => {
  it('lists the selected values in column order, parents flattened', () => {
    const { q, ctx, rows } = run("SELECT Id, Account.Name, Account.Owner.Name, Name FROM Contact WHERE LastName IN ('Hopper', 'Cher')");
    expect(q.columns).toEqual(['Id', 'Account.Name', 'Account.Owner.Name', 'Name']);
    expect(rows.map((row) => flattenRecord(q, row, ctx))).toEqual([
      [ids.grace, 'Acme', 'Alice Admin', 'Grace Hopper'],
      [ids.cher, null, null, 'Cher'],
    ]);
  });
});
