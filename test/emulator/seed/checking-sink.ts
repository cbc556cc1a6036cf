// A SeedSink for seed tests: records every insert and checks it against the org schema the
// way a save would (known and createable fields, required fields, types, lengths, restricted
// picklists, lookups to earlier records of the right object, unique values), so a seed that
// passes here holds data a real org would accept.
import { IdGenerator } from '../../../src/emulator/ids.js';
import type { SeedSink, SeedValue } from '../../../src/emulator/seed/sink.js';
import type { OrgSchema } from '../../../src/emulator/schema/registry.js';
import { findField } from '../../../src/emulator/schema/types.js';

export interface Inserted {
  sobject: string;
  id: string;
  fields: Record<string, SeedValue>;
}

const NUMERIC = new Set(['int', 'long', 'double', 'currency', 'percent']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class CheckingSink implements SeedSink {
  readonly inserted: Inserted[] = [];
  private readonly ids = new IdGenerator();
  private readonly known = new Set<string>();
  private readonly uniques = new Set<string>();

  constructor(private readonly schema: OrgSchema) {}

  insert(sobject: string, fields: Record<string, SeedValue>): string {
    const object = this.schema.get(sobject);
    if (!object) throw new Error(`unknown sObject ${sobject}`);
    for (const [name, value] of Object.entries(fields)) {
      const field = findField(object, name);
      if (!field) throw new Error(`No such column '${name}' on sobject of type ${object.name}`);
      if (!field.createable) throw new Error(`Unable to create/update fields: ${field.name}`);
      if (value === null) continue;
      const where = `${object.name}.${field.name}=${JSON.stringify(value)}`;
      if (field.type === 'boolean' && typeof value !== 'boolean') throw new Error(`${where}: not a boolean`);
      if (NUMERIC.has(field.type) && typeof value !== 'number') throw new Error(`${where}: not a number`);
      if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) throw new Error(`${where}: not a date`);
      if (field.length > 0 && typeof value === 'string' && value.length > field.length) throw new Error(`${where}: too long`);
      if (field.type === 'email' && !EMAIL.test(String(value))) throw new Error(`${where}: bad email`);
      if (field.restrictedPicklist && !field.picklistValues.some((p) => p.value === value)) {
        throw new Error(`${where}: bad value for restricted picklist`);
      }
      if (field.type === 'reference') {
        const id = String(value);
        if (!this.known.has(id)) throw new Error(`${where}: not the id of an earlier record`);
        if (!field.referenceTo.includes(this.schema.byKeyPrefix(id.slice(0, 3))?.name ?? '')) {
          throw new Error(`${where}: id of the wrong object`);
        }
      }
      if (field.unique) {
        const key = `${object.name}.${field.name}=${String(value).toLowerCase()}`;
        if (this.uniques.has(key)) throw new Error(`${where}: duplicate value`);
        this.uniques.add(key);
      }
    }
    const missing = object.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate)
      .filter((f) => {
        const entry = Object.entries(fields).find(([k]) => k.toLowerCase() === f.name.toLowerCase());
        return entry === undefined || entry[1] === null;
      });
    if (missing.length) throw new Error(`Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`);
    const id = this.ids.create(object.keyPrefix);
    this.known.add(id);
    this.inserted.push({ sobject: object.name, id, fields });
    return id;
  }

  count(sobject: string): number {
    return this.inserted.filter((r) => r.sobject === sobject).length;
  }
}

/** The cheapest possible sink, for measuring a generator's own cost. */
export class CountingSink implements SeedSink {
  readonly counts = new Map<string, number>();
  private readonly ids = new IdGenerator();
  private readonly prefixes: Record<string, string> = { Account: '001', Contact: '003', Lead: '00Q', Opportunity: '006' };

  insert(sobject: string): string {
    this.counts.set(sobject, (this.counts.get(sobject) ?? 0) + 1);
    return this.ids.create(this.prefixes[sobject] ?? 'a00');
  }
}
