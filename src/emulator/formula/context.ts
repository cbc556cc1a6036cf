// The public shapes of the formula engine: what a compiled formula offers and what it needs
// to be evaluated.

import type { FieldType } from '../schema/types.js';
import type { FieldValue, RecordSource, StoredRecord } from '../store/record.js';

/** The field type a formula's result is converted to; validation rules use 'boolean'. */
export type FormulaReturnType = FieldType | 'boolean';

export interface FormulaContext {
  /** The record as it would be saved (validation rules) or as stored (formula fields). */
  record: StoredRecord;
  /** The stored record before this update; undefined on insert. */
  prior?: StoredRecord;
  /** Where cross-object references (`Account.Name`) are looked up by id. */
  source: RecordSource;
  /** TODAY() and NOW(). */
  now: Date;
}

export interface CompiledFormula {
  readonly source: string;
  /** Canonical API names of the fields of the record this formula reads (for ISCHANGED etc.). */
  readonly fields: readonly string[];
  /**
   * The result in the wire form of the return type. Never throws for data reasons: division by
   * zero, an impossible date or unparsable VALUE() give null.
   */
  evaluate(ctx: FormulaContext): FieldValue;
}
