// How SOQL compares values of each field type. Filters, LIKE and ORDER BY all go by this.

import type { FieldType } from '../schema/types.js';

/**
 * text: compared ignoring case; id: canonical 18-character ids, compared exactly;
 * date / datetime: stored strings that sort chronologically; time: not filterable here.
 */
export type FieldCategory = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';

const CATEGORIES: Readonly<Record<FieldType, FieldCategory>> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  multipicklist: 'text',
  combobox: 'text',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};

/** The SOAP type name Salesforce uses in filter error messages. */
const SOAP_TYPES: Readonly<Record<FieldType, string>> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  picklist: 'string',
  multipicklist: 'string',
  combobox: 'string',
  boolean: 'boolean',
  int: 'int',
  long: 'long',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'dateTime',
  time: 'time',
};

export function categoryOf(type: FieldType): FieldCategory {
  return CATEGORIES[type];
}

export function soapTypeOf(type: FieldType): string {
  return SOAP_TYPES[type];
}
