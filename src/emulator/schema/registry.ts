// The sObjects of one emulated org: the standard objects plus whatever a schema file adds.
// Built once at emulator start; immutable afterwards (adding a schema file makes a new one).

import { labelFromName, systemFields } from './field.js';
import { DEMO_SCHEMA } from './demo-schema.js';
import {
  customFieldDef, customNameField, formatPath, parseSchemaFile, validationRuleOf,
  type CustomFieldSpec, type SchemaFile, type ValidationRuleSpec,
} from './schema-file.js';
import { defineSObject, standardObjects, type SObjectSpec } from './standard-objects.js';
import type { FieldDef, SchemaRegistry, SObjectDef } from './types.js';

export class OrgSchema implements SchemaRegistry {
  private readonly list: readonly SObjectDef[];
  private readonly byName = new Map<string, SObjectDef>();
  private readonly byPrefix = new Map<string, SObjectDef>();

  /** Indexes the objects (and their fields, case-insensitively); throws on inconsistent definitions. */
  constructor(objects: readonly SObjectSpec[]) {
    this.list = objects.map(defineSObject);
    for (const o of this.list) {
      if (this.byName.has(o.name.toLowerCase())) throw new Error(`duplicate sObject ${o.name}`);
      const other = this.byPrefix.get(o.keyPrefix);
      if (other) throw new Error(`key prefix ${o.keyPrefix} of ${o.name} is already used by ${other.name}`);
      this.byName.set(o.name.toLowerCase(), o);
      this.byPrefix.set(o.keyPrefix, o);
    }
    for (const o of this.list) {
      for (const f of o.fields) {
        for (const target of f.referenceTo) {
          if (this.byName.get(target.toLowerCase())?.name !== target) {
            throw new Error(`${o.name}.${f.name} references unknown sObject ${target}`);
          }
        }
      }
    }
  }

  /** The standard objects alone: Account, Contact, Lead, Opportunity, User. */
  static standard(): OrgSchema {
    return new OrgSchema(standardObjects());
  }

  objects(): readonly SObjectDef[] {
    return this.list;
  }

  get(name: string): SObjectDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  byKeyPrefix(prefix: string): SObjectDef | undefined {
    return this.byPrefix.get(prefix);
  }

  /** A new registry with the file's custom objects, fields and validation rules added. */
  withSchemaFile(file: SchemaFile): OrgSchema {
    return new OrgSchema(new SchemaMerge(this.list, file).run());
  }
}

/** The demo org: the standard objects plus demo-schema.ts (Contact.Note__c, Invoice__c, …). */
export async function demoOrgSchema(): Promise<OrgSchema> {
  return OrgSchema.standard().withSchemaFile(parseSchemaFile(DEMO_SCHEMA, 'demo-schema'));
}

/** An object being assembled, with the file path of every field and rule the file declared. */
interface Draft {
  spec: SObjectSpec;
  fieldPaths: Map<FieldDef, string>;
  rulePaths: string[];
}

const PREFIX_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Applies one schema file to a list of objects; every error names the file and JSON path. */
class SchemaMerge {
  private readonly drafts = new Map<string, Draft>();
  private readonly usedPrefixes = new Map<string, string>();

  constructor(base: readonly SObjectDef[], private readonly file: SchemaFile) {
    for (const o of base) {
      this.drafts.set(o.name.toLowerCase(), {
        spec: { ...o, fields: [...o.fields], validationRules: [...o.validationRules] },
        fieldPaths: new Map(),
        rulePaths: o.validationRules.map(() => ''),
      });
      this.usedPrefixes.set(o.keyPrefix, o.name);
    }
  }

  run(): SObjectSpec[] {
    const prefixes = this.assignPrefixes();
    this.file.objects.forEach((o, i) => {
      const path = formatPath(['objects', i]);
      if (this.drafts.has(o.name.toLowerCase())) {
        const existing = this.drafts.get(o.name.toLowerCase())?.spec.name;
        this.fail(`${path}.name`, `object '${o.name}' already exists (${existing}); custom objects need distinct names`);
      }
      const label = o.label ?? labelFromName(o.name);
      const system = systemFields(label, { owner: true, softDelete: true });
      const [ownerId, ...audit] = system.tail;
      const spec: SObjectSpec = {
        name: o.name, label, labelPlural: o.labelPlural ?? pluralize(label), keyPrefix: prefixes[i] ?? '',
        custom: true, createable: true, updateable: true, deletable: true,
        fields: [system.head[0], ownerId, system.head[1], customNameField(o, label), ...audit]
          .filter((f): f is FieldDef => f !== undefined),
        validationRules: [],
      };
      this.drafts.set(o.name.toLowerCase(), { spec, fieldPaths: new Map(), rulePaths: [] });
    });
    this.file.objects.forEach((o, i) => {
      this.addFields(o.name, o.fields, ['objects', i, 'fields']);
      this.addRules(o.name, o.validationRules, ['objects', i, 'validationRules']);
    });
    for (const [objectName, fields] of Object.entries(this.file.fields)) {
      this.addFields(this.existing(objectName, ['fields', objectName]), fields, ['fields', objectName]);
    }
    for (const [objectName, rules] of Object.entries(this.file.validationRules)) {
      this.addRules(this.existing(objectName, ['validationRules', objectName]), rules, ['validationRules', objectName]);
    }
    this.checkReferences();
    this.checkRules();
    this.checkChildRelationships();
    return [...this.drafts.values()].map((d) => d.spec);
  }

  private fail(path: string, message: string): never {
    throw new Error(`${this.file.source}: ${path}: ${message}`);
  }

  private existing(objectName: string, path: PropertyKey[]): string {
    const draft = this.drafts.get(objectName.toLowerCase());
    if (!draft) this.fail(formatPath(path), `unknown object '${objectName}' (known: ${this.knownNames()})`);
    return draft.spec.name;
  }

  private knownNames(): string {
    return [...this.drafts.values()].map((d) => d.spec.name).join(', ');
  }

  /** Explicit prefixes first (they must be free), then a00, a01, … for the rest in file order. */
  private assignPrefixes(): (string | undefined)[] {
    const out: (string | undefined)[] = this.file.objects.map(() => undefined);
    this.file.objects.forEach((o, i) => {
      if (o.keyPrefix === undefined) return;
      const owner = this.usedPrefixes.get(o.keyPrefix);
      if (owner) this.fail(formatPath(['objects', i, 'keyPrefix']), `key prefix '${o.keyPrefix}' is already used by ${owner}`);
      this.usedPrefixes.set(o.keyPrefix, o.name);
      out[i] = o.keyPrefix;
    });
    let n = 0;
    this.file.objects.forEach((o, i) => {
      if (out[i] !== undefined) return;
      let prefix: string;
      do {
        prefix = `a${PREFIX_DIGITS[Math.floor(n / 62)] ?? ''}${PREFIX_DIGITS[n % 62] ?? ''}`;
        n++;
      } while (this.usedPrefixes.has(prefix));
      if (prefix.length !== 3) this.fail(formatPath(['objects', i]), 'no free key prefix left');
      this.usedPrefixes.set(prefix, o.name);
      out[i] = prefix;
    });
    return out;
  }

  private addFields(objectName: string, specs: readonly CustomFieldSpec[], base: PropertyKey[]): void {
    const draft = this.drafts.get(objectName.toLowerCase());
    if (!draft) return;
    specs.forEach((spec, j) => {
      const path = formatPath([...base, j]);
      const clash = draft.spec.fields.find((f) => f.name.toLowerCase() === spec.name.toLowerCase());
      if (clash) this.fail(`${path}.name`, `field '${spec.name}' already exists on ${draft.spec.name}`);
      const def = customFieldDef(spec, draft.spec.labelPlural);
      draft.spec.fields.push(def);
      draft.fieldPaths.set(def, path);
    });
  }

  private addRules(objectName: string, specs: readonly ValidationRuleSpec[], base: PropertyKey[]): void {
    const draft = this.drafts.get(objectName.toLowerCase());
    if (!draft) return;
    specs.forEach((spec, j) => {
      draft.spec.validationRules.push(validationRuleOf(spec));
      draft.rulePaths.push(formatPath([...base, j]));
    });
  }

  /** Lookup targets must exist; they are rewritten to the target's canonical name. */
  private checkReferences(): void {
    for (const draft of this.drafts.values()) {
      for (const [field, path] of draft.fieldPaths) {
        field.referenceTo = field.referenceTo.map((target) => {
          const found = this.drafts.get(target.toLowerCase());
          if (!found) this.fail(`${path}.referenceTo`, `unknown object '${target}' (known: ${this.knownNames()})`);
          return found.spec.name;
        });
      }
    }
  }

  /** A rule shown at a field must name a field of its object; rule names are unique per object. */
  private checkRules(): void {
    for (const draft of this.drafts.values()) {
      const seen = new Set<string>();
      draft.spec.validationRules.forEach((rule, k) => {
        const path = draft.rulePaths[k] ?? '';
        if (seen.has(rule.name.toLowerCase()) && path) {
          this.fail(`${path}.name`, `validation rule '${rule.name}' already exists on ${draft.spec.name}`);
        }
        seen.add(rule.name.toLowerCase());
        if (rule.field === null || !path) return;
        const field = draft.spec.fields.find((f) => f.name.toLowerCase() === rule.field?.toLowerCase());
        if (!field) this.fail(`${path}.field`, `no field '${rule.field}' on ${draft.spec.name}`);
        rule.field = field.name;
      });
    }
  }

  /** A parent cannot have two child relationships of the same name (SOQL subqueries use it). */
  private checkChildRelationships(): void {
    const seen = new Map<string, string>();
    for (const draft of this.drafts.values()) {
      for (const field of draft.spec.fields) {
        const name = field.childRelationshipName;
        if (name === null) continue;
        for (const parent of field.referenceTo) {
          const key = `${parent.toLowerCase()}.${name.toLowerCase()}`;
          const owner = seen.get(key);
          const here = `${draft.spec.name}.${field.name}`;
          if (owner) {
            const path = draft.fieldPaths.get(field) ?? here;
            this.fail(`${path}.childRelationshipName`,
              `child relationship '${name}' on ${parent} is already used by ${owner}; give this field its own childRelationshipName`);
          }
          seen.set(key, here);
        }
      }
    }
  }
}

/** English plural of a label, as Setup suggests it: Invoice → Invoices, Company → Companies. */
export function pluralize(label: string): string {
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  return `${label}s`;
}
