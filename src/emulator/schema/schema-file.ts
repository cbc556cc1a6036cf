// The JSON schema file (`--schema FILE`) that adds custom objects, custom fields and
// validation rules to an emulated org. This module checks one file on its own (shape, names,
// type-specific options) and turns its fields into FieldDefs; registry.ts checks the file
// against the org (name collisions, reference targets, key prefixes).

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  autoNumber, checkbox, combobox, currency, date, datetime, double, email, int, labelFromName, long,
  multipicklist, percent, phone, picklist, reference, text, textarea, time, url, type FieldOptions,
} from './field.js';
import type { FieldDef, FieldType, ValidationRule } from './types.js';

/** Field types a file may declare: every FieldType but `id`, plus the Setup names `text`/`checkbox`. */
const FILE_FIELD_TYPES = [
  'string', 'text', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox',
  'boolean', 'checkbox', 'int', 'long', 'double', 'currency', 'percent', 'date', 'datetime', 'time', 'reference',
] as const;
type FileFieldType = (typeof FILE_FIELD_TYPES)[number];

const ALIASES: Partial<Record<FileFieldType, FieldType>> = { text: 'string', checkbox: 'boolean' };

function canonicalType(type: FileFieldType): Exclude<FieldType, 'id'> {
  return (ALIASES[type] ?? type) as Exclude<FieldType, 'id'>;
}

const NUMBER_TYPES = new Set<FieldType>(['double', 'currency', 'percent']);
const CHOICE_TYPES = new Set<FieldType>(['picklist', 'multipicklist', 'combobox']);
/** Formula return types Salesforce offers. */
const FORMULA_TYPES = new Set<FieldType>(['string', 'boolean', 'double', 'currency', 'percent', 'date', 'datetime', 'time']);
const UNIQUE_TYPES = new Set<FieldType>(['string', 'email', 'int', 'long', 'double']);
/** Maximum `length` per text type; types absent here have a fixed length and take none. */
const MAX_LENGTH: Partial<Record<FieldType, number>> = { string: 255, textarea: 131072 };
const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = { string: 255, textarea: 255 };

/**
 * `Invoice__c`, `Amount__c`: a letter, then letters, digits and single underscores, not ending
 * in `_`, then `__c` — Salesforce's rules for custom API names.
 */
function customName(what: string) {
  return z.string().check((ctx) => {
    const name = ctx.value;
    const problem = customNameProblem(name);
    if (problem) ctx.issues.push({ code: 'custom', message: `${what} '${name}' ${problem}`, input: name });
  });
}

function customNameProblem(name: string): string | undefined {
  if (!name.endsWith('__c')) return 'must end with __c (custom objects and fields are named like My_Thing__c)';
  const base = name.slice(0, -3);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(base)) return 'must start with a letter and use only letters, digits and underscores';
  if (base.includes('__') || base.endsWith('_')) return 'must not contain two underscores in a row or end with an underscore before __c';
  if (base.length > 40) return 'is longer than 40 characters (before __c)';
  return undefined;
}

const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, a number or true/false' });

const picklistEntry = z.union([
  z.string().min(1),
  z.strictObject({ value: z.string().min(1), label: z.string().min(1).optional(), active: z.boolean().optional() }),
]);

const fieldSchema = z.strictObject({
  name: customName('field name'),
  label: z.string().min(1).max(40).optional(),
  type: z.enum(FILE_FIELD_TYPES),
  length: z.int().min(1).optional(),
  precision: z.int().min(1).max(18).optional(),
  scale: z.int().min(0).max(17).optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  externalId: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  values: z.array(picklistEntry).min(1).optional(),
  restricted: z.boolean().optional(),
  default: scalar.optional(),
  defaultValue: scalar.optional(),
  referenceTo: z.union([z.string().min(1), z.array(z.string().min(1)).length(1)]).optional(),
  relationshipName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be letters, digits and underscores').optional(),
  childRelationshipName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be letters, digits and underscores').optional(),
  formula: z.string().min(1).optional(),
}).check((ctx) => {
  for (const [path, message] of fieldProblems(ctx.value)) {
    ctx.issues.push({ code: 'custom', message, path: [path], input: ctx.value });
  }
});

export type CustomFieldSpec = z.infer<typeof fieldSchema>;

/** Type-specific rules a plain object schema cannot express; [option, message] pairs. */
function fieldProblems(f: CustomFieldSpec): [string, string][] {
  const type = canonicalType(f.type);
  const problems: [string, string][] = [];
  const notFor = (option: keyof CustomFieldSpec, why: string) => {
    if (f[option] !== undefined) problems.push([option, `'${option}' is not allowed ${why}`]);
  };
  const forType = `for a ${f.type} field`;

  const maxLength = MAX_LENGTH[type];
  if (maxLength === undefined) notFor('length', `${forType} (its length is fixed)`);
  else if (f.length !== undefined && f.length > maxLength) problems.push(['length', `must be at most ${maxLength} for a ${f.type} field`]);

  if (NUMBER_TYPES.has(type)) {
    const precision = f.precision ?? 18;
    if (f.scale !== undefined && f.scale > precision) problems.push(['scale', `must not exceed precision (${precision})`]);
  } else {
    notFor('precision', forType);
    notFor('scale', forType);
  }

  if (CHOICE_TYPES.has(type)) {
    if (f.values === undefined) problems.push(['values', `a ${f.type} field needs a list of values`]);
    const values = (f.values ?? []).map((v) => (typeof v === 'string' ? v : v.value));
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) problems.push(['values', `duplicate value '${dup}'`]);
    if (type === 'combobox') notFor('restricted', '(a combobox accepts any value)');
    const dflt = picklistDefault(f);
    if (dflt !== undefined) {
      const chosen = type === 'multipicklist' && typeof dflt === 'string' ? dflt.split(';') : [dflt];
      const bad = chosen.find((v) => typeof v !== 'string' || !values.includes(v));
      if (bad !== undefined) problems.push([f.default !== undefined ? 'default' : 'defaultValue', `default ${JSON.stringify(bad)} is not one of the values`]);
    }
  } else {
    notFor('values', forType);
    notFor('restricted', forType);
    notFor('default', `${forType} (use defaultValue)`);
  }
  if (f.default !== undefined && f.defaultValue !== undefined) problems.push(['default', "give either 'default' or 'defaultValue', not both"]);

  if (type === 'reference') {
    if (f.referenceTo === undefined) problems.push(['referenceTo', 'a reference field needs referenceTo (the object it looks up)']);
    notFor('defaultValue', forType);
  } else {
    notFor('referenceTo', forType);
    notFor('relationshipName', forType);
    notFor('childRelationshipName', forType);
  }

  if (type === 'boolean') notFor('required', '(a checkbox is never null)');
  if (!UNIQUE_TYPES.has(type)) {
    notFor('unique', forType);
    notFor('externalId', forType);
  }
  if (f.caseSensitive !== undefined && !f.unique) problems.push(['caseSensitive', "only applies to a unique field ('unique': true)"]);

  if (f.formula !== undefined) {
    if (!FORMULA_TYPES.has(type)) problems.push(['formula', `a formula cannot return ${f.type}`]);
    for (const option of ['required', 'unique', 'externalId', 'defaultValue'] as const) {
      notFor(option, 'on a formula field');
    }
  }

  if (f.defaultValue !== undefined && !CHOICE_TYPES.has(type) && type !== 'reference') {
    const problem = defaultValueProblem(type, f.defaultValue);
    if (problem) problems.push(['defaultValue', problem]);
  }
  return problems;
}

function picklistDefault(f: CustomFieldSpec): string | number | boolean | undefined {
  return f.default ?? f.defaultValue;
}

function defaultValueProblem(type: FieldType, value: string | number | boolean): string | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false for a checkbox';
    case 'int': case 'long':
      return Number.isInteger(value) ? undefined : 'must be a whole number';
    case 'double': case 'currency': case 'percent':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : 'must be a date like 2026-01-31';
    case 'datetime': case 'time':
      return `is not supported for a ${type} field`;
    default:
      return typeof value === 'string' ? undefined : 'must be a string';
  }
}

const ruleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be letters, digits and underscores, starting with a letter'),
  condition: z.string().min(1),
  message: z.string().min(1),
  field: z.string().min(1).nullable().optional(),
  active: z.boolean().default(true),
});

export type ValidationRuleSpec = z.infer<typeof ruleSchema>;

const nameFieldSchema = z.strictObject({
  label: z.string().min(1).max(40).optional(),
  type: z.enum(['text', 'autoNumber']).default('text'),
  /** Auto-number format such as `INV-{0000}`. */
  displayFormat: z.string().regex(/\{0+\}/, 'must contain a number placeholder such as {0000}').optional(),
  startingNumber: z.int().min(0).optional(),
}).check((ctx) => {
  const n = ctx.value;
  if (n.type === 'autoNumber' && n.displayFormat === undefined) {
    ctx.issues.push({ code: 'custom', message: "an autoNumber name needs a displayFormat such as 'INV-{0000}'", path: ['displayFormat'], input: n });
  }
  if (n.type === 'text' && (n.displayFormat !== undefined || n.startingNumber !== undefined)) {
    ctx.issues.push({ code: 'custom', message: "displayFormat and startingNumber need type 'autoNumber'", path: ['type'], input: n });
  }
});

const objectSchema = z.strictObject({
  name: customName('object name'),
  label: z.string().min(1).max(40).optional(),
  labelPlural: z.string().min(1).max(40).optional(),
  keyPrefix: z.string().regex(/^a[0-9A-Za-z]{2}$/, 'must be three letters or digits starting with "a", e.g. a01').optional(),
  nameField: nameFieldSchema.optional(),
  fields: z.array(fieldSchema).default([]),
  validationRules: z.array(ruleSchema).default([]),
});

export type CustomObjectSpec = z.infer<typeof objectSchema>;

const fileSchema = z.strictObject({
  objects: z.array(objectSchema).default([]),
  /** Custom fields added to existing objects (standard ones or objects of this file), by object name. */
  fields: z.record(z.string(), z.array(fieldSchema)).default({}),
  validationRules: z.record(z.string(), z.array(ruleSchema)).default({}),
});

export interface SchemaFile extends z.infer<typeof fileSchema> {
  /** Where the file came from (a path, or a name for built-in schemas); starts every error message. */
  source: string;
}

/** `objects[0].fields[2].type`: a JSON path in the style people write by hand. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One line per problem: `where: path: message`. */
export function formatZodError(error: z.ZodError, where: string): string {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return path ? `${where}: ${path}: ${issue.message}` : `${where}: ${issue.message}`;
  }).join('\n');
}

/** Checks a parsed JSON value; throws an Error listing every problem with its JSON path. */
export function parseSchemaFile(json: unknown, where: string): SchemaFile {
  const result = fileSchema.safeParse(json);
  if (!result.success) throw new Error(formatZodError(result.error, where));
  return { ...result.data, source: where };
}

/** Checks one custom field in the file's format on its own (as `fields` entries are checked). */
export function parseCustomField(json: unknown, where: string): CustomFieldSpec {
  const result = fieldSchema.safeParse(json);
  if (!result.success) throw new Error(formatZodError(result.error, where));
  return result.data;
}

export async function loadSchemaFile(path: string): Promise<SchemaFile> {
  return parseSchemaFile(await readJsonFile(path), path);
}

/** Reads and parses a JSON file, naming the file in every error. */
export async function readJsonFile(path: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read file: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch (err) {
    throw new Error(`${path}: invalid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** The FieldDef for one declared custom field (without cross-object checks). */
export function customFieldDef(spec: CustomFieldSpec, childLabelPlural: string): FieldDef {
  const type = canonicalType(spec.type);
  const label = spec.label ?? labelFromName(spec.name);
  const options: FieldOptions = { custom: true };
  if (spec.required) options.required = true;
  if (spec.unique) options.unique = true;
  if (spec.externalId) options.externalId = true;
  if (spec.caseSensitive) options.caseSensitive = true;
  if (spec.formula !== undefined) options.formula = spec.formula;
  if (spec.defaultValue !== undefined && !CHOICE_TYPES.has(type)) options.defaultValue = spec.defaultValue;
  const length = spec.length ?? DEFAULT_LENGTH[type] ?? 0;
  const choice = () => {
    const dflt = picklistDefault(spec);
    return { ...options, restricted: spec.restricted ?? false, ...(dflt === undefined ? {} : { default: String(dflt) }) };
  };
  const values = spec.values ?? [];
  switch (type) {
    case 'string': return text(spec.name, label, length, options);
    case 'textarea': return textarea(spec.name, label, length, options);
    case 'email': return email(spec.name, label, options);
    case 'phone': return phone(spec.name, label, options);
    case 'url': return url(spec.name, label, options);
    case 'picklist': return picklist(spec.name, label, values, choice());
    case 'multipicklist': return multipicklist(spec.name, label, values, choice());
    case 'combobox': return combobox(spec.name, label, values, choice());
    case 'boolean': return checkbox(spec.name, label, options);
    case 'int': return int(spec.name, label, 9, options);
    case 'long': return long(spec.name, label, 18, options);
    case 'double': return double(spec.name, label, spec.precision ?? 18, spec.scale ?? 0, options);
    case 'currency': return currency(spec.name, label, spec.precision ?? 18, spec.scale ?? 2, options);
    case 'percent': return percent(spec.name, label, spec.precision ?? 18, spec.scale ?? 2, options);
    case 'date': return date(spec.name, label, options);
    case 'datetime': return datetime(spec.name, label, options);
    case 'time': return time(spec.name, label, options);
    case 'reference': {
      const targets = typeof spec.referenceTo === 'string' ? [spec.referenceTo] : (spec.referenceTo ?? []);
      return reference(spec.name, label, targets, relationshipNameOf(spec), {
        ...options,
        childRelationshipName: spec.childRelationshipName !== undefined
          ? withSuffix(spec.childRelationshipName, '__r')
          : `${apiToken(childLabelPlural)}__r`,
      });
    }
  }
}

/** `Account__c` → `Account__r`, or the file's own name with `__r` added. */
function relationshipNameOf(spec: CustomFieldSpec): string {
  return spec.relationshipName !== undefined ? withSuffix(spec.relationshipName, '__r') : `${spec.name.slice(0, -3)}__r`;
}

function withSuffix(name: string, suffix: string): string {
  return name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** `Invoice Lines` → `Invoice_Lines`: a label made safe for an API name. */
function apiToken(label: string): string {
  const token = label.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/_+/g, '_');
  return /^[A-Za-z]/.test(token) ? token : `X${token}`;
}

/** The Name field of a custom object: text 80, or an auto-number. */
export function customNameField(spec: CustomObjectSpec, objectLabel: string): FieldDef {
  const n = spec.nameField;
  const label = n?.label ?? `${objectLabel} Name`;
  if (n?.type === 'autoNumber') {
    return autoNumber('Name', label, n.displayFormat ?? '{0}', n.startingNumber ?? 1, { nameField: true, idLookup: true, custom: false });
  }
  return text('Name', label, 80, { nameField: true, idLookup: true, custom: false });
}

export function validationRuleOf(spec: ValidationRuleSpec): ValidationRule {
  return { name: spec.name, condition: spec.condition, message: spec.message, field: spec.field ?? null, active: spec.active };
}
