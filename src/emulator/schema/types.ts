// The emulator's model of an org's metadata: sObjects, their fields and validation rules.
// Everything else in the emulator (describe, validation, SOQL, formulas, seeds) reads this.

/** Salesforce field types the emulator models (describe `type`). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference';

export interface PicklistValue {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
}

export interface FieldDef {
  /** API name in canonical case, e.g. `FirstName`, `Note__c`. */
  name: string;
  label: string;
  type: FieldType;
  /** Max characters for text types; 0 otherwise. */
  length: number;
  /** Total and fractional digits for double/currency/percent; digits for int. */
  precision: number;
  scale: number;
  digits: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  /** A literal set on create when the field is omitted (picklist default, checkbox default). */
  defaultValue: string | number | boolean | null;
  unique: boolean;
  caseSensitive: boolean;
  externalId: boolean;
  idLookup: boolean;
  custom: boolean;
  /** Formula fields: computed on read from `formula`; never createable/updateable. */
  calculated: boolean;
  formula: string | null;
  autoNumber: boolean;
  /** Auto-number display format such as `INV-{0000}`; null for other fields. */
  autoNumberFormat: string | null;
  /** First number an auto-number field hands out. */
  autoNumberStart: number;
  picklistValues: PicklistValue[];
  restrictedPicklist: boolean;
  /** Lookup targets for `reference` fields, e.g. `['Account']`, `['User']`. */
  referenceTo: string[];
  /** Relationship name used in SOQL, e.g. `Account` for AccountId, `Parent__r` for Parent__c. */
  relationshipName: string | null;
  /** Reference fields: the child relationship name on the parent, e.g. `Contacts`, `Invoices__r`. */
  childRelationshipName: string | null;
  /** Name fields: `Name` on Account, the compound display name on Contact/Lead/User. */
  nameField: boolean;
}

export interface ValidationRule {
  /** Developer name of the rule. */
  name: string;
  /** A formula that, when it evaluates to true, blocks the save (Salesforce semantics). */
  condition: string;
  /** The error text shown to the user. */
  message: string;
  /** Where the error is shown: a field API name, or absent for the top of the page. */
  field: string | null;
  active: boolean;
}

export interface SObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  /** Three-character id prefix, e.g. `003` for Contact, `a00` for a custom object. */
  keyPrefix: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDef[];
  /** Lower-cased API name -> field, for the case-insensitive matching Salesforce does. */
  fieldsByLowerName: Map<string, FieldDef>;
  validationRules: ValidationRule[];
}

/** The set of sObjects of one emulated org. */
export interface SchemaRegistry {
  objects(): readonly SObjectDef[];
  /** Case-insensitive lookup by API name. */
  get(name: string): SObjectDef | undefined;
  /** Lookup by the first three characters of an id. */
  byKeyPrefix(prefix: string): SObjectDef | undefined;
}

export function findField(object: SObjectDef, name: string): FieldDef | undefined {
  return object.fieldsByLowerName.get(name.toLowerCase());
}
