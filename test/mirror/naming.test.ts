import { describe, expect, it } from 'vitest';
import { columnNamesFor, snakeCase, tableNameFor } from '../../src/mirror/naming.js';

describe('mirror naming (DESIGN.md)', () => {
  it('names tables snake_case plural', () => {
    expect(tableNameFor('Contact')).toBe('contacts');
    expect(tableNameFor('Opportunity')).toBe('opportunities');
    expect(tableNameFor('OpportunityLineItem')).toBe('opportunity_line_items');
    expect(tableNameFor('Invoice__c')).toBe('invoices');
    expect(tableNameFor('Address__c')).toBe('addresses');
    expect(tableNameFor('Day')).toBe('days');
  });

  it('names columns snake_case of the API name', () => {
    expect(snakeCase('FirstName')).toBe('first_name');
    expect(snakeCase('AccountId')).toBe('account_id');
    expect(snakeCase('SystemModstamp')).toBe('system_modstamp');
    expect(snakeCase('HTMLBody')).toBe('html_body');
    expect(snakeCase('External_Id')).toBe('external_id');
    expect(snakeCase('Id')).toBe('id');
  });

  it('drops __c from custom fields unless that collides', () => {
    const names = columnNamesFor(['Id', 'Note__c', 'External_Id__c', 'Title', 'Title__c']);
    expect(names.get('Note__c')).toBe('note');
    expect(names.get('External_Id__c')).toBe('external_id');
    expect(names.get('Title')).toBe('title');
    expect(names.get('Title__c')).toBe('title__c');
  });

  it('keeps names already stored or configured', () => {
    const names = columnNamesFor(['Id', 'Email', 'Note__c'], new Map([['Email', 'email_address'], ['Note__c', 'remark']]));
    expect(names.get('Email')).toBe('email_address');
    expect(names.get('Note__c')).toBe('remark');
  });
});
