// Postgres column types for Salesforce field types (salesforce-api-notes §8.2).
import type { SfField } from './describe-types.js';

export function pgTypeFor(field: SfField): string {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'varchar(18)';
    case 'boolean':
      return 'boolean';
    case 'int':
      return 'integer';
    case 'long':
      return 'bigint';
    case 'double':
      return 'double precision';
    case 'currency':
    case 'percent':
      return field.precision > 0 ? `numeric(${field.precision}, ${field.scale})` : 'numeric';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamptz';
    case 'time':
      return 'time';
    case 'base64':
      return 'bytea';
    case 'address':
    case 'location':
    case 'complexvalue':
      return 'jsonb';
    default:
      // string, textarea, email, phone, url, picklist, multipicklist, combobox, encryptedstring, anyType
      return 'text';
  }
}
