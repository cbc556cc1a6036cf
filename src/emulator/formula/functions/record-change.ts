// Functions about the save in progress: ISNEW, ISCHANGED and PRIORVALUE. They compare the
// record being saved with `ctx.prior`, the stored record before the update (undefined on
// insert). Salesforce allows them only in validation rules and similar; here formula fields
// may use them too, and see an insert (no prior).

import { valuesEqual } from '../compare.js';
import type { Bound } from '../scope.js';
import { argument, eager, type CallSite, type FunctionSpec } from './spec.js';

/** The field access of a plain field of the record; these functions accept nothing else. */
function fieldArgument(call: CallSite): NonNullable<Bound['field']> {
  const arg = argument(call, 0);
  if (arg.field) return arg.field;
  throw call.scope.error(arg.offset, `${call.name}() needs a field of ${call.scope.object.name}, not an expression`);
}

export const RECORD_CHANGE_FUNCTIONS: Record<string, FunctionSpec> = {
  ISNEW: eager([], 'boolean', (_, ctx) => ctx.prior === undefined),
  /** False on insert; blank text and "" are the same, but a number going 0 -> blank is a change. */
  ISCHANGED: {
    minArgs: 1,
    maxArgs: 1,
    bind(call) {
      const field = fieldArgument(call);
      return {
        type: 'boolean',
        evaluate: (ctx) =>
          ctx.prior !== undefined && !valuesEqual(field.read(ctx.record, ctx), field.read(ctx.prior, ctx)),
      };
    },
  },
  /** On insert, the current value (Salesforce documents this). Keeps the field's type, picklists included. */
  PRIORVALUE: {
    minArgs: 1,
    maxArgs: 1,
    bind(call) {
      const field = fieldArgument(call);
      return {
        type: argument(call, 0).type,
        evaluate: (ctx) => field.read(ctx.prior ?? ctx.record, ctx),
      };
    },
  },
};
