// Builders for FieldDef: one small function per Salesforce field type, each filling every
// property with the defaults a real org's describe shows. Standard objects and schema files
// both build their fields here, so the two never disagree on what a `currency` field is.

import type { FieldDef, FieldType, PicklistValue } from './types.js';

/** Options shared by every builder; anything not given gets the type's Salesforce default. */
export interface FieldOptions {
  /** Required on create and update: `nillable: false` (and not defaulted). */
  required?: boolean;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultedOnCreate?: boolean;
  defaultValue?: string | number | boolean | null;
  unique?: boolean;
  caseSensitive?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  /** Defaults to true for API names ending in `__c`. */
  custom?: boolean;
  nameField?: boolean;
  /** Makes the field a formula field: calculated, read-only, never defaulted. */
  formula?: string;
}

export interface PicklistOptions extends FieldOptions {
  restricted?: boolean;
  /** The value preselected on create (marked `defaultValue: true` in picklistValues). */
  default?: string;
}

export interface ReferenceOptions extends FieldOptions {
  /** The name of the relationship seen from the parent, e.g. `Contacts` for Contact.AccountId. */
  childRelationshipName?: string | null;
}

/** Types whose values are text and whose `length` is a character limit. */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox',
]);

/** Every FieldDef property at its plain default, then `shape` on top: no property is ever left out. */
export function fieldOf(name: string, type: FieldType, shape: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label: name,
    type,
    length: 0,
    precision: 0,
    scale: 0,
    digits: 0,
    nillable: true,
    createable: true,
    updateable: true,
    defaultedOnCreate: false,
    defaultValue: null,
    unique: false,
    caseSensitive: false,
    externalId: false,
    idLookup: false,
    custom: name.endsWith('__c'),
    calculated: false,
    formula: null,
    autoNumber: false,
    autoNumberFormat: null,
    autoNumberStart: 1,
    picklistValues: [],
    restrictedPicklist: false,
    referenceTo: [],
    relationshipName: null,
    childRelationshipName: null,
    nameField: false,
    ...shape,
  };
}

/** The common path of every builder: the skeleton, the type's shape, then the caller's options. */
function field(name: string, label: string, type: FieldType, shape: Partial<FieldDef>, options: FieldOptions): FieldDef {
  const def = fieldOf(name, type, { label, nillable: !(options.required ?? false), ...shape });
  if (options.nillable !== undefined) def.nillable = options.nillable;
  if (options.createable !== undefined) def.createable = options.createable;
  if (options.updateable !== undefined) def.updateable = options.updateable;
  if (options.defaultValue !== undefined) def.defaultValue = options.defaultValue;
  def.defaultedOnCreate = options.defaultedOnCreate ?? (def.defaultedOnCreate || def.defaultValue !== null);
  if (options.unique !== undefined) def.unique = options.unique;
  if (options.caseSensitive !== undefined) def.caseSensitive = options.caseSensitive;
  if (options.externalId !== undefined) def.externalId = options.externalId;
  // External ids can key an upsert, which is what idLookup announces.
  def.idLookup = options.idLookup ?? (def.idLookup || def.externalId);
  if (options.custom !== undefined) def.custom = options.custom;
  if (options.nameField !== undefined) def.nameField = options.nameField;
  if (options.formula !== undefined) {
    def.calculated = true;
    def.formula = options.formula;
    def.createable = false;
    def.updateable = false;
    def.nillable = true;
    def.defaultedOnCreate = false;
    def.defaultValue = null;
  }
  return def;
}

export function text(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'string', { length }, options);
}

/** Text Area (≤255) or Long Text Area (more): both are `textarea` in describe. */
export function textarea(name: string, label: string, length: number, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'textarea', { length }, options);
}

export function email(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'email', { length: 80 }, options);
}

export function phone(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'phone', { length: 40 }, options);
}

export function url(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'url', { length: 255 }, options);
}

/** A picklist value entry; plain strings become active values labelled as themselves. */
export type PicklistEntry = string | { value: string; label?: string; active?: boolean };

export function picklistValues(entries: readonly PicklistEntry[], defaults: readonly string[] = []): PicklistValue[] {
  return entries.map((entry) => {
    const e = typeof entry === 'string' ? { value: entry } : entry;
    return { value: e.value, label: e.label ?? e.value, active: e.active ?? true, defaultValue: defaults.includes(e.value) };
  });
}

function choice(type: 'picklist' | 'multipicklist' | 'combobox', length: number, name: string, label: string,
  values: readonly PicklistEntry[], options: PicklistOptions): FieldDef {
  const dflt = options.default ?? null;
  // A multi-select default may preselect several values: `A;B`.
  const defaults = dflt === null ? [] : type === 'multipicklist' ? dflt.split(';') : [dflt];
  return field(name, label, type, {
    length,
    picklistValues: picklistValues(values, defaults),
    restrictedPicklist: type !== 'combobox' && (options.restricted ?? false),
    defaultValue: dflt,
  }, options);
}

export function picklist(name: string, label: string, values: readonly PicklistEntry[], options: PicklistOptions = {}): FieldDef {
  return choice('picklist', 255, name, label, values, options);
}

/** Values are stored as one string joined with `;`. */
export function multipicklist(name: string, label: string, values: readonly PicklistEntry[], options: PicklistOptions = {}): FieldDef {
  return choice('multipicklist', 4099, name, label, values, options);
}

export function combobox(name: string, label: string, values: readonly PicklistEntry[], options: PicklistOptions = {}): FieldDef {
  return choice('combobox', 255, name, label, values, options);
}

/** A checkbox: never null, false unless told otherwise, always defaulted on create. */
export function checkbox(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: false }, options);
}

export function int(name: string, label: string, digits = 9, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'int', { digits }, options);
}

export function long(name: string, label: string, digits = 18, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'long', { digits }, options);
}

export function double(name: string, label: string, precision = 18, scale = 0, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'double', { precision, scale }, options);
}

export function currency(name: string, label: string, precision = 18, scale = 2, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'currency', { precision, scale }, options);
}

/** Stored as the number of percent: 12.5 means 12.5%. */
export function percent(name: string, label: string, precision = 3, scale = 0, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'percent', { precision, scale }, options);
}

export function date(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'date', {}, options);
}

export function datetime(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'datetime', {}, options);
}

export function time(name: string, label: string, options: FieldOptions = {}): FieldDef {
  return field(name, label, 'time', {}, options);
}

/** A lookup. Ids are 18 characters, so `length` is 18 as in describe. */
export function reference(name: string, label: string, referenceTo: readonly string[], relationshipName: string,
  options: ReferenceOptions = {}): FieldDef {
  const def = field(name, label, 'reference', { length: 18, referenceTo: [...referenceTo], relationshipName }, options);
  return { ...def, childRelationshipName: options.childRelationshipName ?? null };
}

/**
 * An auto-number field (a custom object's `Name`, usually): a read-only string the org fills
 * from `displayFormat`, e.g. `INV-{0000}` → `INV-0001`.
 */
export function autoNumber(name: string, label: string, displayFormat: string, startingNumber = 1,
  options: FieldOptions = {}): FieldDef {
  const def = field(name, label, 'string', {
    length: 30, autoNumber: true, createable: false, updateable: false, nillable: false, defaultedOnCreate: true,
  }, options);
  return { ...def, autoNumberFormat: displayFormat, autoNumberStart: startingNumber };
}

/**
 * The read-only full name of Contact, Lead and User. Not a formula in describe: the emulator
 * computes it from FirstName and LastName on every save.
 */
export function personName(label = 'Full Name'): FieldDef {
  return field('Name', label, 'string', {
    length: 121, nillable: false, createable: false, updateable: false, nameField: true, idLookup: true,
  }, {});
}

/** The 18-character record id every object has. */
export function idField(objectLabel: string): FieldDef {
  return field('Id', `${objectLabel} ID`, 'id', {
    length: 18, nillable: false, createable: false, updateable: false, defaultedOnCreate: true, idLookup: true,
  }, {});
}

const READ_ONLY: FieldOptions = { createable: false, updateable: false };

export interface SystemFieldOptions {
  /** Records have an owner (OwnerId). User has none. */
  owner: boolean;
  /** Records go to the Recycle Bin (IsDeleted). Users are deactivated, never deleted. */
  softDelete: boolean;
}

/**
 * System fields in the order describe lists them, split around the object's own fields:
 * `head` (Id, IsDeleted) goes first, `tail` (owner and audit fields) after.
 */
export function systemFields(objectLabel: string, options: SystemFieldOptions): { head: FieldDef[]; tail: FieldDef[] } {
  const audit = { ...READ_ONLY, required: true, defaultedOnCreate: true };
  const tail: FieldDef[] = [];
  if (options.owner) {
    tail.push(reference('OwnerId', 'Owner ID', ['User'], 'Owner', { required: true, defaultedOnCreate: true }));
  }
  tail.push(
    datetime('CreatedDate', 'Created Date', audit),
    reference('CreatedById', 'Created By ID', ['User'], 'CreatedBy', audit),
    datetime('LastModifiedDate', 'Last Modified Date', audit),
    reference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', audit),
    datetime('SystemModstamp', 'System Modstamp', audit),
  );
  const head = [idField(objectLabel)];
  if (options.softDelete) head.push(checkbox('IsDeleted', 'Deleted', READ_ONLY));
  return { head, tail };
}

/** `Total_With_Tax__c` → `Total With Tax`: the label Salesforce suggests for an API name. */
export function labelFromName(name: string): string {
  return name.replace(/__c$/, '').replace(/_/g, ' ').trim();
}
