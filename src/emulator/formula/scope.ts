// What binding produces and what it works within. Binding turns the syntax tree into `Bound`
// nodes: a static type (checked now) and an evaluator closure (run on every evaluation).

import type { FieldDef, SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { StoredRecord } from '../store/record.js';
import type { CompiledFormula, FormulaContext } from './context.js';
import type { ErrorFactory } from './errors.js';
import type { FormulaType, Value } from './values.js';

export type Evaluator = (ctx: FormulaContext) => Value;

/** Reads one field (possibly through relationships) from a given record. */
export type FieldReader = (record: StoredRecord, ctx: FormulaContext) => Value;

export interface Bound {
  readonly type: FormulaType;
  readonly evaluate: Evaluator;
  /** Set for a plain field of the formula's own record: ISCHANGED and PRIORVALUE read `prior`. */
  readonly field?: { readonly name: string; readonly read: FieldReader };
  /** Set for literals, so REGEX can check a constant pattern at compile time. */
  readonly literal?: { readonly value: Value };
}

export interface BindScope {
  /** The sObject whose record the formula reads. */
  readonly object: SObjectDef;
  readonly schema: SchemaRegistry;
  /** Collects canonical names of `object`'s fields the formula reads. */
  readonly fields: Set<string>;
  readonly error: ErrorFactory;
  /** The compiled formula of a formula field the formula references (compiled once, cycle-checked). */
  formulaField(object: SObjectDef, field: FieldDef, offset: number): CompiledFormula;
}

export function literal(type: FormulaType, value: Value): Bound {
  return { type, evaluate: () => value, literal: { value } };
}
