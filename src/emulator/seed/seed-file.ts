// Seed records from a JSON file (`--seed FILE`):
//   { "records": [ { "type": "Account", "ref": "acme", "fields": { "Name": "Acme" } },
//                  { "type": "Contact", "fields": { "LastName": "Lee", "AccountId": "@acme" } } ] }
// A string value `@name` is replaced by the id of the earlier record whose `ref` is `name`;
// `@@…` stands for a literal string starting with `@`. The whole file is checked (shape and
// references) before the first insert, so a bad file inserts nothing.

import { z } from 'zod';
import { formatPath, formatZodError, readJsonFile } from '../schema/schema-file.js';
import type { SeedSink, SeedValue } from './sink.js';

const REF = /^[A-Za-z0-9_.-]+$/;

const recordSchema = z.strictObject({
  type: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an sObject API name such as Account or Invoice__c'),
  ref: z.string().regex(REF, 'must be letters, digits, _ . or -').optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'must be a string, a number, true/false or null',
  })),
});

const fileSchema = z.strictObject({ records: z.array(recordSchema) }).check((ctx) => {
  const refs = new Set<string>();
  ctx.value.records.forEach((record, i) => {
    for (const [field, value] of Object.entries(record.fields)) {
      const ref = referenceIn(value);
      if (ref !== undefined && !refs.has(ref)) {
        ctx.issues.push({
          code: 'custom',
          path: ['records', i, 'fields', field],
          message: `'@${ref}' does not name an earlier record's ref (write @@ for a literal '@')`,
          input: value,
        });
      }
    }
    if (record.ref === undefined) return;
    if (refs.has(record.ref)) {
      ctx.issues.push({ code: 'custom', path: ['records', i, 'ref'], message: `ref '${record.ref}' is used twice`, input: record.ref });
    }
    refs.add(record.ref);
  });
});

export type SeedFile = z.infer<typeof fileSchema>;

/** The ref named by `@ref`, or undefined for plain values (and `@@` escapes). */
function referenceIn(value: SeedValue): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('@') || value.startsWith('@@')) return undefined;
  return value.slice(1);
}

export function parseSeedFile(json: unknown, where: string): SeedFile {
  const result = fileSchema.safeParse(json);
  if (!result.success) throw new Error(formatZodError(result.error, where));
  return result.data;
}

/** Inserts the records in file order; an insert failure names the record it came from. */
export function seedRecords(sink: SeedSink, file: SeedFile, where: string): void {
  const ids = new Map<string, string>();
  file.records.forEach((record, i) => {
    const fields: Record<string, SeedValue> = {};
    for (const [name, value] of Object.entries(record.fields)) {
      const ref = referenceIn(value);
      fields[name] = ref !== undefined ? (ids.get(ref) ?? null)
        : typeof value === 'string' && value.startsWith('@@') ? value.slice(1) : value;
    }
    let id: string;
    try {
      id = sink.insert(record.type, fields);
    } catch (err) {
      throw new Error(`${where}: ${formatPath(['records', i])} (${record.type}): ${(err as Error).message}`, { cause: err });
    }
    if (record.ref !== undefined) ids.set(record.ref, id);
  });
}

export async function seedFromFile(sink: SeedSink, path: string): Promise<void> {
  seedRecords(sink, parseSeedFile(await readJsonFile(path), path), path);
}
