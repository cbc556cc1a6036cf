// One emulated Salesforce org: its schema, records, users, clock and compiled formulas.
// Everything that serves HTTP works on an Org; tests and the seeders may too.
import type { FieldDef, SchemaRegistry, SObjectDef } from './schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from './store/record.js';
import { RecordStore } from './store/record-store.js';
import { Transaction } from './store/transaction.js';
import { OrgClock, formatDateTime } from './store/clock.js';
import { IdGenerator, to18 } from './ids.js';
import { compileFormula, compileFormulaField, FormulaError, type CompiledFormula } from './formula/index.js';
import { attachField, detachField, removalProblem, SchemaChangeError } from './schema/field-changes.js';

export interface OrgUser {
  id: string;
  username: string;
  password: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface CompiledRule {
  name: string;
  message: string;
  field: string | null;
  condition: CompiledFormula;
}

/** The two users of DESIGN.md: the demo user pgforce acts as, and "someone else". */
export const DEMO_USERS = [
  { username: 'demo@pgforce.dev', password: 'demo', email: 'demo@pgforce.dev', firstName: 'Demo', lastName: 'User' },
  { username: 'other@pgforce.dev', password: 'other', email: 'other@pgforce.dev', firstName: 'Other', lastName: 'User' },
] as const;

export class Org {
  readonly id = to18('00DHs0000000001');
  readonly store: RecordStore;
  readonly clock = new OrgClock();
  readonly ids = new IdGenerator();
  readonly users: OrgUser[] = [];
  private formulas = new Map<FieldDef, CompiledFormula>();
  private rules = new Map<string, CompiledRule[]>();

  constructor(readonly schema: SchemaRegistry) {
    this.store = new RecordStore(schema);
    // Compile every formula and rule now, so a bad schema file fails at start.
    this.compile();
  }

  /**
   * Adds a custom field to a running org (built by schema/field-changes.ts): describe, SOQL
   * and writes see it at once, existing records read null (a checkbox its default, as
   * Salesforce fills checkboxes), a unique field gets its index. A formula field is compiled;
   * a bad formula leaves the org unchanged.
   */
  addCustomField(object: SObjectDef, field: FieldDef): void {
    attachField(object, field);
    try {
      this.compile(true);
    } catch (error) {
      detachField(object, field);
      throw error instanceof FormulaError ? new SchemaChangeError(error.message) : error;
    }
    this.store.resetField(object, field.name, field.type === 'boolean' ? Boolean(field.defaultValue ?? false) : undefined);
  }

  /** Removes a custom field from a running org; refused while a formula or validation rule uses it. Stored values are dropped. */
  removeCustomField(object: SObjectDef, field: FieldDef): void {
    const problem = removalProblem(object, field);
    if (problem) throw new SchemaChangeError(problem);
    const index = detachField(object, field);
    try {
      this.compile(true);
    } catch (error) {
      attachField(object, field, index);
      if (!(error instanceof FormulaError)) throw error;
      throw new SchemaChangeError(`${object.name}.${field.name} is still used: ${error.message}`);
    }
    this.store.resetField(object, field.name, undefined);
  }

  /**
   * (Re)compiles every formula field and active validation rule; changes nothing when one
   * fails. `locate` names the failing formula in the error (at start the formula's own
   * message is kept as it is).
   */
  private compile(locate = false): void {
    const formulas = new Map<FieldDef, CompiledFormula>();
    const rules = new Map<string, CompiledRule[]>();
    const located = <T>(where: string, build: () => T): T => {
      try {
        return build();
      } catch (error) {
        if (!locate || !(error instanceof FormulaError)) throw error;
        throw new FormulaError(`${where}: ${error.message}`, error.position);
      }
    };
    for (const object of this.schema.objects()) {
      for (const field of object.fields) {
        if (!field.calculated || !field.formula) continue;
        formulas.set(field, located(`formula field ${object.name}.${field.name}`, () => compileFormulaField(field, object, this.schema)));
      }
      rules.set(
        object.name,
        object.validationRules
          .filter((r) => r.active)
          .map((r) => ({
            name: r.name, message: r.message, field: r.field,
            condition: located(`validation rule ${object.name}.${r.name}`, () => compileFormula(r.condition, object, this.schema, 'boolean')),
          })),
      );
    }
    this.formulas = formulas;
    this.rules = rules;
  }

  begin(): Transaction {
    return new Transaction(this.store, this.schema);
  }

  object(name: string): SObjectDef | undefined {
    return this.schema.get(name);
  }

  userByName(username: string): OrgUser | undefined {
    return this.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  userById(id: string): OrgUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  validationRules(object: SObjectDef): readonly CompiledRule[] {
    return this.rules.get(object.name) ?? [];
  }

  /** One field of a record as the API shows it: stored, or computed for formula fields. */
  readValue(object: SObjectDef, record: StoredRecord, field: FieldDef, source: RecordSource = this.store): FieldValue {
    const formula = field.calculated ? this.formulas.get(field) : undefined;
    if (!formula) return record[field.name] ?? null;
    return formula.evaluate({ record, source, now: new Date() });
  }

  /** Creates the demo users (if absent) directly in the store: they exist before any API call. */
  ensureUsers(): void {
    const userObject = this.schema.get('User');
    if (!userObject) throw new Error('the schema has no User object');
    for (const u of DEMO_USERS) {
      const existing = [...this.store.scan('User')].find((r) => String(r.Username).toLowerCase() === u.username);
      const id = existing ? (existing.Id as string) : this.ids.create(userObject.keyPrefix);
      if (!existing) {
        const now = formatDateTime(this.clock.next());
        const creator = this.users[0]?.id ?? id;
        this.store.apply([
          {
            Id: id, IsDeleted: false, Username: u.username, Email: u.email, FirstName: u.firstName, LastName: u.lastName,
            Name: `${u.firstName} ${u.lastName}`, Alias: u.firstName.toLowerCase().slice(0, 8), IsActive: true,
            CreatedDate: now, LastModifiedDate: now, SystemModstamp: now, CreatedById: creator, LastModifiedById: creator,
          },
        ]);
      }
      this.users.push({ ...u, id });
    }
  }
}
