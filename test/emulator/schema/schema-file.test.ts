// The schema file: what a valid file adds to the org, and the message (with its JSON path)
// for each kind of mistake.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgSchema } from '../../../src/emulator/schema/registry.js';
import { loadSchemaFile, parseSchemaFile } from '../../../src/emulator/schema/schema-file.js';
import { findField, type FieldDef } from '../../../src/emulator/schema/types.js';

function apply(json: unknown): OrgSchema {
  return OrgSchema.standard().withSchemaFile(parseSchemaFile(json, 'org.json'));
}

function field(schema: OrgSchema, objectName: string, name: string): FieldDef {
  const f = findField(schema.get(objectName)!, name);
  if (!f) throw new Error(`no ${objectName}.${name}`);
  return f;
}

const INVOICE = {
  name: 'Invoice__c', label: 'Invoice', labelPlural: 'Invoices', keyPrefix: 'a01',
  fields: [
    { name: 'Amount__c', type: 'currency', precision: 18, scale: 2, required: true },
    { name: 'Status__c', type: 'picklist', values: ['Draft', 'Sent', 'Paid'], restricted: true, default: 'Draft' },
    { name: 'Account__c', type: 'reference', referenceTo: 'Account' },
    { name: 'Total_With_Tax__c', type: 'currency', formula: 'Amount__c * 1.2' },
  ],
  validationRules: [{ name: 'Positive_Amount', condition: 'Amount__c < 0', message: 'Amount must not be negative', field: 'Amount__c' }],
};

describe('a valid schema file', () => {
  const schema = apply({
    objects: [INVOICE, { name: 'Project_Task__c', nameField: { type: 'autoNumber', displayFormat: 'T-{000}', label: 'Task Number' } }],
    fields: { Contact: [{ name: 'Note__c', type: 'textarea', length: 255 }, { name: 'Score__c', type: 'double', precision: 5, scale: 1 }] },
    validationRules: { Contact: [{ name: 'Needs_Email', condition: 'ISBLANK(Email)', message: 'Email is required' }] },
  });

  it('adds a custom object with system fields, Name, OwnerId and its fields', () => {
    const invoice = schema.get('invoice__c')!;
    expect(invoice).toMatchObject({ name: 'Invoice__c', label: 'Invoice', labelPlural: 'Invoices', keyPrefix: 'a01', custom: true, deletable: true });
    expect(invoice.fields.map((f) => f.name)).toEqual([
      'Id', 'OwnerId', 'IsDeleted', 'Name', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp',
      'Amount__c', 'Status__c', 'Account__c', 'Total_With_Tax__c',
    ]);
    expect(field(schema, 'Invoice__c', 'Name')).toMatchObject({ type: 'string', length: 80, nameField: true, custom: false, label: 'Invoice Name' });
    expect(schema.byKeyPrefix('a01')?.name).toBe('Invoice__c');
  });

  it('gives custom objects without a prefix the next free a-prefix', () => {
    expect(schema.get('Project_Task__c')?.keyPrefix).toBe('a00');
    const two = apply({ objects: [{ name: 'One__c' }, { name: 'Two__c', keyPrefix: 'a00' }, { name: 'Three__c' }] });
    expect(two.objects().slice(5).map((o) => `${o.name}:${o.keyPrefix}`)).toEqual(['One__c:a01', 'Two__c:a00', 'Three__c:a02']);
  });

  it('turns field options into FieldDefs', () => {
    expect(field(schema, 'Invoice__c', 'Amount__c')).toMatchObject({
      type: 'currency', precision: 18, scale: 2, nillable: false, createable: true, custom: true, label: 'Amount',
    });
    const status = field(schema, 'Invoice__c', 'Status__c');
    expect(status).toMatchObject({ restrictedPicklist: true, defaultValue: 'Draft', defaultedOnCreate: true, length: 255 });
    expect(status.picklistValues).toEqual([
      { value: 'Draft', label: 'Draft', active: true, defaultValue: true },
      { value: 'Sent', label: 'Sent', active: true, defaultValue: false },
      { value: 'Paid', label: 'Paid', active: true, defaultValue: false },
    ]);
    const account = field(schema, 'Invoice__c', 'Account__c');
    expect(account).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r', length: 18 });
    expect(account.childRelationshipName).toBe('Invoices__r');
    expect(field(schema, 'Contact', 'Score__c')).toMatchObject({ type: 'double', precision: 5, scale: 1 });
    expect(field(schema, 'Contact', 'Note__c')).toMatchObject({ type: 'textarea', length: 255, custom: true, label: 'Note' });
  });

  it('makes formula fields calculated and read-only', () => {
    expect(field(schema, 'Invoice__c', 'Total_With_Tax__c')).toMatchObject({
      calculated: true, formula: 'Amount__c * 1.2', createable: false, updateable: false, nillable: true, defaultedOnCreate: false,
    });
  });

  it('supports auto-number names', () => {
    const name = field(schema, 'Project_Task__c', 'Name');
    expect(name).toMatchObject({ autoNumber: true, createable: false, updateable: false, defaultedOnCreate: true, label: 'Task Number' });
    expect(name.autoNumberFormat).toBe('T-{000}');
  });

  it('adds validation rules to custom and standard objects', () => {
    expect(schema.get('Invoice__c')?.validationRules).toEqual([
      { name: 'Positive_Amount', condition: 'Amount__c < 0', message: 'Amount must not be negative', field: 'Amount__c', active: true },
    ]);
    expect(schema.get('Contact')?.validationRules).toEqual([
      { name: 'Needs_Email', condition: 'ISBLANK(Email)', message: 'Email is required', field: null, active: true },
    ]);
  });

  it('leaves the registry it was applied to unchanged', () => {
    const base = OrgSchema.standard();
    base.withSchemaFile(parseSchemaFile({ fields: { Contact: [{ name: 'X__c', type: 'text' }] } }, 'x.json'));
    expect(findField(base.get('Contact')!, 'X__c')).toBeUndefined();
  });

  it('matches object and target names case-insensitively and stores canonical ones', () => {
    const s = apply({ fields: { contact: [{ name: 'Buddy__c', type: 'reference', referenceTo: 'contact' }] } });
    expect(field(s, 'Contact', 'Buddy__c').referenceTo).toEqual(['Contact']);
  });
});

describe('schema file errors', () => {
  const error = (json: unknown): string => {
    try {
      apply(json);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected an error');
  };

  it('reports a bad field type with its path', () => {
    expect(error({ objects: [{ name: 'A__c', fields: [{ name: 'X__c', type: 'money' }] }] }))
      .toMatch(/^org\.json: objects\[0\]\.fields\[0\]\.type: Invalid option: expected one of "string"\|"text"/);
  });

  it('reports a missing name', () => {
    expect(error({ fields: { Contact: [{ type: 'text' }] } }))
      .toBe('org.json: fields.Contact[0].name: Invalid input: expected string, received undefined');
  });

  it('reports a name without __c', () => {
    expect(error({ objects: [{ name: 'Invoice' }] }))
      .toBe("org.json: objects[0].name: object name 'Invoice' must end with __c (custom objects and fields are named like My_Thing__c)");
    expect(error({ fields: { Contact: [{ name: 'Note', type: 'text' }] } }))
      .toContain("fields.Contact[0].name: field name 'Note' must end with __c");
    expect(error({ fields: { Contact: [{ name: 'My__Note__c', type: 'text' }] } }))
      .toContain('must not contain two underscores in a row');
  });

  it('reports a reference to an unknown object', () => {
    expect(error({ objects: [{ name: 'A__c', fields: [{ name: 'Acct__c', type: 'reference', referenceTo: 'Acount' }] }] }))
      .toBe("org.json: objects[0].fields[0].referenceTo: unknown object 'Acount' (known: Account, Contact, Lead, Opportunity, User, A__c)");
  });

  it('reports duplicates: objects, fields, prefixes, rules, child relationships', () => {
    expect(error({ objects: [{ name: 'A__c' }, { name: 'a__c' }] }))
      .toBe("org.json: objects[1].name: object 'a__c' already exists (A__c); custom objects need distinct names");
    expect(error({ objects: [{ name: 'A__c', fields: [{ name: 'X__c', type: 'text' }, { name: 'x__c', type: 'int' }] }] }))
      .toBe("org.json: objects[0].fields[1].name: field 'x__c' already exists on A__c");
    expect(error({ objects: [{ name: 'A__c', fields: [{ name: 'X__c', type: 'text' }] }], fields: { A__c: [{ name: 'X__c', type: 'text' }] } }))
      .toBe("org.json: fields.A__c[0].name: field 'X__c' already exists on A__c");
    expect(error({ objects: [{ name: 'A__c', keyPrefix: 'a05' }, { name: 'B__c', keyPrefix: 'a05' }] }))
      .toBe("org.json: objects[1].keyPrefix: key prefix 'a05' is already used by A__c");
    expect(error({ validationRules: { Contact: [{ name: 'R', condition: 'true', message: 'm' }, { name: 'r', condition: 'true', message: 'm' }] } }))
      .toBe("org.json: validationRules.Contact[1].name: validation rule 'r' already exists on Contact");
    expect(error({
      objects: [{ name: 'A__c', labelPlural: 'Things' }, { name: 'B__c', labelPlural: 'Things' }],
      fields: { A__c: [{ name: 'Acct__c', type: 'reference', referenceTo: 'Account' }], B__c: [{ name: 'Acct__c', type: 'reference', referenceTo: 'Account' }] },
    })).toBe("org.json: fields.B__c[0].childRelationshipName: child relationship 'Things__r' on Account is already used by A__c.Acct__c; give this field its own childRelationshipName");
  });

  it('reports bad key prefixes', () => {
    expect(error({ objects: [{ name: 'A__c', keyPrefix: '001' }] }))
      .toBe('org.json: objects[0].keyPrefix: must be three letters or digits starting with "a", e.g. a01');
    expect(error({ objects: [{ name: 'A__c', keyPrefix: 'a0' }] })).toContain('objects[0].keyPrefix');
  });

  it('reports unknown objects in the fields and validationRules maps', () => {
    expect(error({ fields: { Contactt: [{ name: 'X__c', type: 'text' }] } }))
      .toBe("org.json: fields.Contactt: unknown object 'Contactt' (known: Account, Contact, Lead, Opportunity, User)");
    expect(error({ validationRules: { Nope__c: [{ name: 'R', condition: 'true', message: 'm' }] } }))
      .toContain("validationRules.Nope__c: unknown object 'Nope__c'");
  });

  it('reports a validation rule shown at an unknown field', () => {
    expect(error({ validationRules: { Contact: [{ name: 'R', condition: 'true', message: 'm', field: 'Nope' }] } }))
      .toBe("org.json: validationRules.Contact[0].field: no field 'Nope' on Contact");
  });

  it('reports type-specific option mistakes', () => {
    expect(error({ fields: { Contact: [{ name: 'P__c', type: 'picklist' }] } }))
      .toBe('org.json: fields.Contact[0].values: a picklist field needs a list of values');
    expect(error({ fields: { Contact: [{ name: 'P__c', type: 'picklist', values: ['A', 'B'], default: 'C' }] } }))
      .toBe('org.json: fields.Contact[0].default: default "C" is not one of the values');
    expect(error({ fields: { Contact: [{ name: 'R__c', type: 'reference' }] } }))
      .toBe('org.json: fields.Contact[0].referenceTo: a reference field needs referenceTo (the object it looks up)');
    expect(error({ fields: { Contact: [{ name: 'T__c', type: 'text', length: 300 }] } }))
      .toBe('org.json: fields.Contact[0].length: must be at most 255 for a text field');
    expect(error({ fields: { Contact: [{ name: 'N__c', type: 'currency', precision: 4, scale: 6 }] } }))
      .toBe('org.json: fields.Contact[0].scale: must not exceed precision (4)');
    expect(error({ fields: { Contact: [{ name: 'F__c', type: 'currency', formula: 'x', required: true }] } }))
      .toBe("org.json: fields.Contact[0].required: 'required' is not allowed on a formula field");
    expect(error({ fields: { Contact: [{ name: 'B__c', type: 'checkbox', defaultValue: 'yes' }] } }))
      .toBe('org.json: fields.Contact[0].defaultValue: must be true or false for a checkbox');
    expect(error({ fields: { Contact: [{ name: 'T__c', type: 'text', lenght: 20 }] } }))
      .toBe('org.json: fields.Contact[0]: Unrecognized key: "lenght"');
  });

  it('lists every problem of a file, one line each', () => {
    const lines = error({ objects: [{ name: 'A' }, { name: 'B__c', fields: [{ name: 'X__c', type: 'nope' }] }] }).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^org\.json: objects\[0\]\.name: /);
    expect(lines[1]).toMatch(/^org\.json: objects\[1\]\.fields\[0\]\.type: /);
  });

  it('reports a file that is not an object', () => {
    expect(error([])).toBe('org.json: Invalid input: expected object, received array');
  });
});

describe('loadSchemaFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgforce-schema-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and checks a file, naming it in errors', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ objects: [INVOICE] }));
    const file = await loadSchemaFile(good);
    expect(file.source).toBe(good);
    expect(OrgSchema.standard().withSchemaFile(file).get('Invoice__c')?.keyPrefix).toBe('a01');

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ objects: [{ name: 'Invoice' }] }));
    await expect(loadSchemaFile(bad)).rejects.toThrow(`${bad}: objects[0].name: object name 'Invoice' must end with __c`);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "objects": [ ');
    await expect(loadSchemaFile(broken)).rejects.toThrow(`${broken}: invalid JSON:`);
    await expect(loadSchemaFile(join(dir, 'missing.json'))).rejects.toThrow('missing.json: cannot read file:');
  });
});
