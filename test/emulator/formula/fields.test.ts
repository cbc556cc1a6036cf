import { describe, expect, it } from 'vitest';
import { compileFormula, compileFormulaField, FormulaError } from '../../../src/emulator/formula/index.js';
import { findField } from '../../../src/emulator/schema/types.js';
import {
  ACCOUNT,
  CONTACT,
  field,
  formulaField,
  ids,
  MapSource,
  NOW,
  OPPORTUNITY,
  RECORDS,
  run,
  SCHEMA,
  schemaOf,
  sObject,
  USER,
} from './fixtures.js';

describe('field references', () => {
  it('match API names case-insensitively', () => {
    expect(run('firstname & " " & LASTNAME', { FirstName: 'Ada', LastName: 'Lovelace' })).toBe('Ada Lovelace');
  });

  it('read a percent field as a fraction, as Salesforce formulas do', () => {
    expect(run('Amount * Probability', { Amount: 1000, Probability: 25 }, { object: OPPORTUNITY, returnType: 'currency' })).toBe(250);
  });

  it('read a missing key as blank', () => {
    expect(run('BLANKVALUE(Note__c, "-")', {})).toBe('-');
  });
});

describe('cross-object paths', () => {
  it('follow a lookup by relationship name', () => {
    expect(run('Account.Name', { AccountId: ids.account })).toBe('Acme');
  });

  it('follow several lookups', () => {
    expect(run('Account.Owner.Email', { AccountId: ids.account })).toBe('ada@example.com');
    expect(run('Account.Owner.Manager.FirstName', { AccountId: ids.account })).toBe('Grace');
    expect(run('Account.Parent__r.Owner.LastName', { AccountId: ids.account })).toBe('Hopper');
  });

  it('match relationship names case-insensitively', () => {
    expect(run('account.OWNER.email', { AccountId: ids.account })).toBe('ada@example.com');
  });

  it('give blank for an empty lookup, a missing record or a blank field at the end', () => {
    expect(run('Account.Name', {})).toBeNull();
    expect(run('Account.Name', { AccountId: '001000000000099AAA' })).toBeNull();
    expect(run('Account.Parent__r.Parent__r.Name', { AccountId: ids.account })).toBeNull();
    expect(run('Account.Owner.Manager.Manager.Email', { AccountId: ids.account })).toBeNull();
  });

  it('keep the type of the field at the end of the path', () => {
    const record = { AccountId: ids.account };
    expect(run('Account.AnnualRevenue * 2', record, { returnType: 'currency' })).toBe(500_001);
    expect(run('IF(Account.Owner.IsActive, "yes", "no")', record)).toBe('yes');
    expect(run('TEXT(Account.Industry)', record)).toBe('Energy');
  });

  it('resolve the target sObject from the id prefix for polymorphic lookups', () => {
    const whatId = field('WhatId', 'reference', { referenceTo: ['Account', 'Opportunity'], relationshipName: 'What' });
    const task = sObject('Task', '00T', [whatId]);
    const compiled = compileFormula('What.Name', task, schemaOf([task, ACCOUNT, OPPORTUNITY]), 'string');
    const source = new MapSource([...RECORDS, { Id: ids.opportunity, Name: 'Big deal' }]);
    expect(compiled.evaluate({ record: { WhatId: ids.opportunity }, source, now: NOW })).toBe('Big deal');
    expect(compiled.evaluate({ record: { WhatId: ids.account }, source, now: NOW })).toBe('Acme');
  });
});

describe('formula fields in formulas', () => {
  it('are computed, not read from the stored record', () => {
    expect(run('Full_Name__c', { FirstName: 'Ada', LastName: 'Lovelace', Full_Name__c: 'stale' })).toBe('Ada Lovelace');
  });

  it('may use other formula fields', () => {
    expect(run('Greeting__c', { FirstName: 'Ada', LastName: 'Lovelace' })).toBe('Dear Ada Lovelace');
  });

  it('are evaluated on the related record across a lookup', () => {
    expect(run('Account.Tier__c', { AccountId: ids.account })).toBe('Silver');
    expect(run('Account.Parent__r.Tier__c', { AccountId: ids.account })).toBe('Gold');
    expect(run('Account_Tier__c', { AccountId: ids.account })).toBe('Silver');
    expect(run('Account.Owner_Email__c', { AccountId: ids.account })).toBe('ada@example.com');
  });

  it('are rounded to their scale before other formulas use them', () => {
    expect(run('Score_Doubled__c', { Score__c: 1.26 }, { returnType: 'double' })).toBe(2.5);
  });

  it('compile on their own with compileFormulaField, rounding to the field scale', () => {
    const compiled = compileFormulaField(findField(CONTACT, 'Score_Doubled__c')!, CONTACT, SCHEMA);
    const value = compiled.evaluate({ record: { Score__c: 1.26 }, source: new MapSource(), now: NOW });
    expect(value).toBe(2.5);
    expect(compiled.fields).toEqual(['Score__c']);
  });

  it('are rejected when they reference each other in a cycle', () => {
    expect(() => run('Cycle_A__c')).toThrow(/cycle: Contact.Cycle_A__c -> Contact.Cycle_B__c -> Contact.Cycle_A__c/);
    expect(() => run('Self_Loop__c')).toThrow(/cycle: Contact.Self_Loop__c -> Contact.Self_Loop__c/);
    const field = findField(CONTACT, 'Cycle_B__c')!;
    expect(() => compileFormulaField(field, CONTACT, SCHEMA)).toThrow(FormulaError);
  });

  it('report errors inside a referenced formula field with its name', () => {
    const widget = sObject('Widget__c', 'a00', [formulaField('Bad__c', 'string', 'Nope__c')]);
    expect(() => compileFormula('Bad__c', widget, schemaOf([widget]), 'string')).toThrow(
      "Formula error in Widget__c.Bad__c at column 1: unknown field 'Nope__c' on Widget__c",
    );
  });
});

describe('fields read by a formula', () => {
  const fieldsOf = (formula: string, object = CONTACT) => compileFormula(formula, object, SCHEMA, 'string').fields;

  it('lists canonical names of the record fields used', () => {
    expect(fieldsOf('email & phone & TEXT(score__c)')).toEqual(['Email', 'Phone', 'Score__c']);
  });

  it('lists the lookup field of a cross-object path, not the fields of the other record', () => {
    expect(fieldsOf('Account.Owner.Email')).toEqual(['AccountId']);
  });

  it('lists a formula field and what its formula reads', () => {
    expect(fieldsOf('Greeting__c')).toEqual(['Greeting__c', 'Full_Name__c', 'FirstName', 'LastName']);
  });

  it('lists each field once', () => {
    expect(fieldsOf('FirstName & FirstName & Full_Name__c')).toEqual(['FirstName', 'Full_Name__c', 'LastName']);
  });

  it('is empty for a constant formula', () => {
    expect(fieldsOf('"x"', USER)).toEqual([]);
  });
});
