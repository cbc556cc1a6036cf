// describeGlobal (`/sobjects`) and sObject describe (`/sobjects/{Type}/describe`), reduced to
// the typed subset pgforce uses (notes §2.2, §2.3). Unknown keys are dropped; keys a real org
// may omit get Salesforce's defaults.
import { z } from 'zod';

const bool = z.boolean().default(false);
const num = z.number().default(0);
const nullableString = z.string().nullable().default(null);

const PicklistValue = z.object({
  value: z.string(),
  label: z.string().nullable().default(null),
  active: z.boolean().default(true),
  defaultValue: bool,
  validFor: nullableString,
});

const Field = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  soapType: z.string().default(''),
  custom: bool,
  length: num,
  byteLength: num,
  precision: num,
  scale: num,
  digits: num,
  nillable: bool,
  createable: bool,
  updateable: bool,
  defaultedOnCreate: bool,
  defaultValue: z.union([z.string(), z.number(), z.boolean()]).nullable().default(null),
  unique: bool,
  caseSensitive: bool,
  externalId: bool,
  idLookup: bool,
  calculated: bool,
  autoNumber: bool,
  filterable: bool,
  compoundFieldName: nullableString,
  referenceTo: z.array(z.string()).default([]),
  relationshipName: nullableString,
  picklistValues: z.array(PicklistValue).default([]),
  restrictedPicklist: bool,
  dependentPicklist: bool,
  controllerName: nullableString,
});

const ChildRelationship = z.object({
  childSObject: z.string(),
  field: z.string(),
  relationshipName: nullableString,
  cascadeDelete: bool,
});

const objectFlags = {
  name: z.string(),
  label: z.string(),
  labelPlural: z.string().default(''),
  keyPrefix: nullableString,
  custom: bool,
  createable: bool,
  updateable: bool,
  deletable: bool,
  queryable: bool,
  retrieveable: bool,
  replicateable: bool,
};

export const SObjectDescribeSchema = z.object({
  ...objectFlags,
  fields: z.array(Field),
  childRelationships: z.array(ChildRelationship).default([]),
});

export const DescribeGlobalSchema = z.object({
  encoding: z.string().default('UTF-8'),
  maxBatchSize: z.number().default(200),
  sobjects: z.array(z.object(objectFlags)),
});

export type PicklistValue = z.infer<typeof PicklistValue>;
export type FieldDescribe = z.infer<typeof Field>;
export type ChildRelationship = z.infer<typeof ChildRelationship>;
export type SObjectDescribe = z.infer<typeof SObjectDescribeSchema>;
export type DescribeGlobal = z.infer<typeof DescribeGlobalSchema>;
export type DescribeGlobalSObject = DescribeGlobal['sobjects'][number];
