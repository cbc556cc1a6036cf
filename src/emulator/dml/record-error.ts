// Per-record errors, as Salesforce reports them inside collection and composite results:
// `{statusCode, message, fields}`. One named builder per code, with Salesforce's wording.
import type { FieldDef } from '../schema/types.js';

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

const err = (statusCode: string, message: string, fields: string[] = []): RecordError => ({ statusCode, message, fields });

export const RecordErrors = {
  requiredFieldsMissing: (fields: string[]) =>
    err('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields),
  invalidEmail: (f: FieldDef, value: string) =>
    err('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, [f.name]),
  stringTooLong: (f: FieldDef, value: string) =>
    err('STRING_TOO_LONG', `${f.label}: data value too large: ${value} (max length=${f.length})`, [f.name]),
  noSuchField: (name: string, sobject: string) =>
    err('INVALID_FIELD', `No such column '${name}' on sobject of type ${sobject}`),
  notWritable: (fields: string[]) =>
    err(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields,
    ),
  wrongType: (f: FieldDef, value: unknown) =>
    err('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${String(value)}`, [f.name]),
  cannotDeserialize: (javaType: string, value: unknown) =>
    err(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${javaType} from ${jsonToken(value)} value ${String(value)} or request may be missing a required field`,
    ),
  outOfRange: (f: FieldDef, value: unknown) =>
    err('NUMBER_OUTSIDE_VALID_RANGE', `${f.label}: value outside of valid range on numeric field: ${String(value)}`, [f.name]),
  badRestrictedPicklist: (f: FieldDef, value: string) =>
    err('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${value}`, [f.name]),
  malformedReference: (f: FieldDef, value: string) =>
    err('MALFORMED_ID', `${f.label}: id value of incorrect type: ${value}`, [f.name]),
  wrongReferenceTarget: (f: FieldDef, value: string) =>
    err('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${value}`, [f.name]),
  referenceNotFound: (f: FieldDef) => err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]),
  referenceDeleted: (f: FieldDef) => err('ENTITY_IS_DELETED', 'entity is deleted', [f.name]),
  duplicateValue: (field: string, otherId: string) =>
    err('DUPLICATE_VALUE', `duplicate value found: ${field} duplicates value on record with id: ${otherId}`),
  duplicateExternalId: (field: string, value: string) =>
    err('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${value}`, [field]),
  customValidation: (message: string, field: string | null) =>
    err('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, field ? [field] : []),
  unableToLockRow: (id: string) =>
    err('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`),
  malformedId: (id: string) => err('MALFORMED_ID', `malformed id ${id}`),
  idOfWrongType: (sobject: string, id: string) =>
    err('MALFORMED_ID', `${sobject} ID: id value of incorrect type: ${id}`, ['Id']),
  missingId: () => err('MISSING_ARGUMENT', 'Id not specified in an update call'),
  /** [unconfirmed] wording, by analogy with the update one. */
  missingDeleteId: () => err('MISSING_ARGUMENT', 'Id not specified in a delete call'),
  entityIsDeleted: () => err('ENTITY_IS_DELETED', 'entity is deleted'),
  notFound: () => err('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id'),
  notDeleted: (id: string) => err('UNDELETE_FAILED', `Entity is not in the recycle bin: ${id}`),
  idNotAllowed: () => err('INVALID_FIELD', 'Id is not allowed on create; use update or upsert'),
  externalIdMissing: (field: string) =>
    err('MISSING_ARGUMENT', `${field} not specified`),
  rolledBack: () =>
    err(
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'Record rolled back because not all records were valid and the request was using AllOrNone header',
    ),
};

function jsonToken(value: unknown): string {
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (Array.isArray(value)) return 'START_ARRAY';
  if (value === null) return 'VALUE_NULL';
  return 'START_OBJECT';
}
