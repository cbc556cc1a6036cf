// The shape every evaluation (see plan.ts) shares, known to the plans, the records builder
// and the proxy (which recognises an evaluation's RowDescription by its first column).
import type { WriteOperation } from './plan.js';

/** The name of every evaluation's first column. */
export const EVAL_MARKER = 'pgforce:eval';

/** The leading columns of an evaluation before the values: (Id, SystemModstamp) or (position). */
export function leadingColumns(operation: WriteOperation): number {
  return operation === 'insert' ? 1 : 2;
}
