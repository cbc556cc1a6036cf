// The JSON of describeGlobal (`GET /sobjects`) and sObject describe
// (`GET /sobjects/{Type}/describe`), shaped like a real org's answers (salesforce-api-notes
// §2.2, §2.3), with keys in Salesforce's (alphabetical) order. Pure: metadata in, JSON out.

import type { FieldDef, FieldType, SchemaRegistry, SObjectDef } from './types.js';

export interface SObjectUrls {
  sobject: string;
  describe: string;
  rowTemplate: string;
}

/** One entry of describeGlobal's `sobjects`. */
export interface DescribeGlobalSObject {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
  urls: SObjectUrls;
}

export interface DescribeGlobalResult {
  encoding: 'UTF-8';
  maxBatchSize: number;
  sobjects: DescribeGlobalSObject[];
}

export interface PicklistEntryDescribe {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: string | null;
  value: string;
}

export interface FieldDescribe {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: string | number | boolean | null;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: null;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: PicklistEntryDescribe[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: string;
  sortable: boolean;
  type: FieldType;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
}

export interface ChildRelationshipDescribe {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  /** Null for relationships SOQL cannot traverse from the parent (e.g. User ← CreatedById). */
  relationshipName: string | null;
  restrictedDelete: boolean;
}

export interface SObjectDescribe {
  actionOverrides: unknown[];
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  childRelationships: ChildRelationshipDescribe[];
  compactLayoutable: boolean;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  defaultImplementation: string | null;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  feedEnabled: boolean;
  fields: FieldDescribe[];
  hasSubtypes: boolean;
  implementedBy: string | null;
  implementsInterfaces: string | null;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  listviewable: boolean | null;
  lookupLayoutable: boolean | null;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  queryable: boolean;
  recordTypeInfos: unknown[];
  replicateable: boolean;
  retrieveable: boolean;
  searchLayoutable: boolean;
  searchable: boolean;
  sobjectDescribeOption: string;
  supportedScopes: unknown[];
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
  urls: SObjectUrls;
}

/** Objects the UI can merge duplicates of. */
const MERGEABLE = new Set(['Account', 'Contact', 'Lead']);

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
};

/** `66.0` or `v66.0` → `/services/data/v66.0/sobjects/Account`, … */
function urlsOf(def: SObjectDef, apiVersion: string): SObjectUrls {
  const base = `/services/data/v${apiVersion.replace(/^v/, '')}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function describeGlobalEntry(def: SObjectDef, apiVersion: string): DescribeGlobalSObject {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: MERGEABLE.has(def.name),
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: def.deletable,
    updateable: def.updateable,
    urls: urlsOf(def, apiVersion),
  };
}

export function describeGlobal(schema: SchemaRegistry, apiVersion: string): DescribeGlobalResult {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.objects().map((o) => describeGlobalEntry(o, apiVersion)) };
}

export function describeSObject(def: SObjectDef, schema: SchemaRegistry, apiVersion: string): SObjectDescribe {
  const entry = describeGlobalEntry(def, apiVersion);
  return {
    actionOverrides: [],
    activateable: entry.activateable,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships: childRelationships(def, schema).map(({ child, field, relationshipName }) => ({
      cascadeDelete: false,
      childSObject: child.name,
      deprecatedAndHidden: false,
      field: field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    createable: entry.createable,
    custom: entry.custom,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: entry.deletable,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: entry.feedEnabled,
    fields: def.fields.map((f) => describeField(f, def)),
    hasSubtypes: false,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix: entry.keyPrefix,
    label: entry.label,
    labelPlural: entry.labelPlural,
    layoutable: entry.layoutable,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: entry.mergeable,
    mruEnabled: entry.mruEnabled,
    name: entry.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: entry.queryable,
    recordTypeInfos: [],
    replicateable: entry.replicateable,
    retrieveable: entry.retrieveable,
    searchLayoutable: true,
    searchable: entry.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [],
    triggerable: entry.triggerable,
    undeletable: entry.undeletable,
    updateable: entry.updateable,
    urls: entry.urls,
  };
}

/** Text Area up to 255 characters can be filtered and sorted; Long Text Area cannot. */
function isLongText(f: FieldDef): boolean {
  return f.type === 'textarea' && f.length > 255;
}

/** Contact/Lead/User `Name`: read-only and assembled from FirstName and LastName. */
function isPersonName(f: FieldDef): boolean {
  return f.name === 'Name' && f.nameField && !f.createable && !f.calculated && !f.autoNumber;
}

/** FirstName, LastName and Salutation are components of a person's compound `Name`. */
function compoundFieldName(f: FieldDef, def: SObjectDef): string | null {
  if (!['FirstName', 'LastName', 'Salutation'].includes(f.name)) return null;
  const name = def.fieldsByLowerName.get('name');
  return name && isPersonName(name) ? name.name : null;
}

/** Literal defaults other than checkboxes and picklists appear as formulas: `"Draft"`, `42`. */
function defaultValueFormula(f: FieldDef): string | null {
  if (f.defaultValue === null || f.type === 'boolean' || f.picklistValues.length > 0) return null;
  return typeof f.defaultValue === 'string' ? JSON.stringify(f.defaultValue) : String(f.defaultValue);
}

export function describeField(f: FieldDef, def: SObjectDef): FieldDescribe {
  const text = f.type !== 'id' && f.type !== 'reference' && f.length > 0;
  const longText = isLongText(f);
  const unorderable = longText || f.type === 'multipicklist';
  const notGroupable = unorderable || f.calculated ||
    (['double', 'currency', 'percent', 'datetime', 'time'] as FieldType[]).includes(f.type);
  return {
    aggregatable: !unorderable && f.type !== 'boolean',
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: text ? f.length * 3 : f.length,
    calculated: f.calculated,
    calculatedFormula: f.formula,
    cascadeDelete: false,
    caseSensitive: f.caseSensitive,
    compoundFieldName: compoundFieldName(f, def),
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.type === 'boolean' ? f.defaultValue : null,
    defaultValueFormula: defaultValueFormula(f),
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: f.type === 'textarea' ? 'plaintextarea' : isPersonName(f) ? 'personname' : null,
    filterable: !longText,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !notGroupable,
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: false,
    nillable: f.nillable,
    // Field-level security applies to optional fields only: not to required or system ones.
    permissionable: !f.nameField && (f.calculated || ((f.createable || f.updateable) && (f.nillable || f.type === 'boolean'))),
    picklistValues: f.picklistValues.map((p) => ({
      active: p.active, defaultValue: p.defaultValue, label: p.label, validFor: null, value: p.value,
    })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [...f.referenceTo],
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    searchPrefilterable: f.type === 'reference',
    soapType: SOAP_TYPES[f.type],
    sortable: !unorderable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

/** A lookup from `child.field` to a parent, with its name as seen from the parent. */
export interface ChildRelationship {
  child: SObjectDef;
  field: FieldDef;
  relationshipName: string | null;
}

/**
 * Every lookup pointing at `parent`, in schema order. Standard lookups carry their Salesforce
 * names (Account → `Contacts`, `Opportunities`, `ChildAccounts`); custom ones end in `__r`.
 */
export function childRelationships(parent: SObjectDef, schema: SchemaRegistry): ChildRelationship[] {
  const out: ChildRelationship[] = [];
  for (const child of schema.objects()) {
    for (const field of child.fields) {
      if (field.type !== 'reference' || !field.referenceTo.includes(parent.name)) continue;
      out.push({ child, field, relationshipName: field.childRelationshipName });
    }
  }
  return out;
}

/** The child relationship `name` of `parent` (case-insensitive), for SOQL subqueries. */
export function findChildRelationship(parent: SObjectDef, name: string, schema: SchemaRegistry): ChildRelationship | undefined {
  const lower = name.toLowerCase();
  return childRelationships(parent, schema).find((r) => r.relationshipName?.toLowerCase() === lower);
}
