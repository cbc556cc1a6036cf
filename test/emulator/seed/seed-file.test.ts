// Seed files: @ref resolution, the checks made before anything is inserted, and errors that
// name the file and the record.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrgSchema } from '../../../src/emulator/schema/registry.js';
import { parseSeedFile, seedFromFile, seedRecords } from '../../../src/emulator/seed/seed-file.js';
import { CheckingSink } from './checking-sink.js';

const schema = await demoOrgSchema();

describe('seed files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgforce-seed-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('inserts records in order and replaces @ref with earlier ids', async () => {
    const path = join(dir, 'org.json');
    await writeFile(path, JSON.stringify({
      records: [
        { type: 'Account', ref: 'acme', fields: { Name: 'Acme' } },
        { type: 'Contact', ref: 'lee', fields: { LastName: 'Lee', AccountId: '@acme', Note__c: '@@handle' } },
        { type: 'Contact', fields: { LastName: 'Kim', AccountId: '@acme', ReportsToId: '@lee', HasOptedOutOfEmail: true } },
        { type: 'invoice__c', fields: { Name: 'INV-1', Amount__c: 10, Account__c: '@acme' } },
      ],
    }));
    const sink = new CheckingSink(schema);
    await seedFromFile(sink, path);
    const [acme, lee, kim, invoice] = sink.inserted;
    expect(lee?.fields).toEqual({ LastName: 'Lee', AccountId: acme?.id, Note__c: '@handle' });
    expect(kim?.fields).toMatchObject({ AccountId: acme?.id, ReportsToId: lee?.id, HasOptedOutOfEmail: true });
    expect(invoice).toMatchObject({ sobject: 'Invoice__c', fields: { Account__c: acme?.id } });
  });

  it('checks references before inserting anything', () => {
    expect(() => parseSeedFile({ records: [{ type: 'Contact', fields: { LastName: 'Lee', AccountId: '@acme' } }] }, 'f.json'))
      .toThrow("f.json: records[0].fields.AccountId: '@acme' does not name an earlier record's ref (write @@ for a literal '@')");
    expect(() => parseSeedFile({
      records: [
        { type: 'Contact', fields: { LastName: 'Lee', AccountId: '@acme' } },
        { type: 'Account', ref: 'acme', fields: { Name: 'Acme' } },
      ],
    }, 'f.json')).toThrow("records[0].fields.AccountId: '@acme' does not name an earlier record's ref");
    expect(() => parseSeedFile({
      records: [{ type: 'Account', ref: 'a', fields: { Name: 'A' } }, { type: 'Account', ref: 'a', fields: { Name: 'B' } }],
    }, 'f.json')).toThrow("f.json: records[1].ref: ref 'a' is used twice");
  });

  it('reports shape errors with their JSON path', () => {
    const error = (json: unknown): string => {
      try {
        parseSeedFile(json, 'f.json');
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(error({})).toBe('f.json: records: Invalid input: expected array, received undefined');
    expect(error({ records: [{ fields: {} }] })).toBe('f.json: records[0].type: Invalid input: expected string, received undefined');
    expect(error({ records: [{ type: 'Account', fields: { Name: ['x'] } }] }))
      .toBe('f.json: records[0].fields.Name: must be a string, a number, true/false or null');
    expect(error({ records: [{ type: 'Account', field: {} }] })).toContain('f.json: records[0]: Unrecognized key: "field"');
    expect(error({ records: [{ type: 'Account', ref: 'a b', fields: {} }] })).toBe('f.json: records[0].ref: must be letters, digits, _ . or -');
  });

  it('names the record when the sink rejects it', () => {
    const file = parseSeedFile({ records: [{ type: 'Account', fields: { Name: 'A' } }, { type: 'Contact', fields: { FirstName: 'Ann' } }] }, 'f.json');
    expect(() => seedRecords(new CheckingSink(schema), file, 'f.json'))
      .toThrow('f.json: records[1] (Contact): Required fields are missing: [LastName]');
  });

  it('reports unreadable and malformed files', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"records": [');
    await expect(seedFromFile(new CheckingSink(schema), broken)).rejects.toThrow(`${broken}: invalid JSON:`);
    await expect(seedFromFile(new CheckingSink(schema), join(dir, 'nope.json'))).rejects.toThrow('nope.json: cannot read file:');
  });
});
