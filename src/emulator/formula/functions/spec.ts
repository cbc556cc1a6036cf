// How a formula function is described: its arity and how it binds a call (check argument
// types, build the evaluator). Most functions are `eager`: all arguments evaluated, then a
// plain computation; IF, CASE, AND, OR and friends bind themselves to stay lazy.

import type { FormulaContext } from '../context.js';
import type { BindScope, Bound } from '../scope.js';
import { expectType, unifyTypes, type Operand } from '../type-check.js';
import type { FormulaType, Value } from '../values.js';

export interface CallSite {
  /** Upper-case function name. */
  readonly name: string;
  readonly args: readonly (Bound & Operand)[];
  /** Offset of the function name. */
  readonly offset: number;
  readonly scope: BindScope;
}

export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** CASE takes an expression, value/result pairs and an else result: an even count. */
  readonly evenArgs?: boolean;
  bind(call: CallSite): Bound;
}

export const TEXT: readonly FormulaType[] = ['text'];
export const NUMBER: readonly FormulaType[] = ['number'];
export const BOOLEAN: readonly FormulaType[] = ['boolean'];
export const DATE: readonly FormulaType[] = ['date'];

export function argument(call: CallSite, index: number): Bound & Operand {
  // Arity is checked before bind() runs, so the index exists.
  return call.args[index]!;
}

/** Checks argument `index` against the allowed types. */
export function expectArg(call: CallSite, index: number, allowed: readonly FormulaType[]): void {
  expectType(call.scope, argument(call, index), allowed, `argument ${index + 1} of ${call.name}()`);
}

/** The common type of several arguments (IF branches, CASE results). */
export function unifyArgs(call: CallSite, indexes: readonly number[], allowed: readonly FormulaType[]): FormulaType {
  const operands = indexes.map((index) => argument(call, index));
  return unifyTypes(call.scope, operands, allowed, `the results of ${call.name}()`);
}

interface EagerOptions {
  /** Fewer arguments allowed than `params` lists (optional trailing ones). */
  readonly minArgs?: number;
  /** Types of any number of further arguments (MAX, MIN). */
  readonly rest?: readonly FormulaType[];
}

/** A function that evaluates all its arguments, then computes. */
export function eager(
  params: readonly (readonly FormulaType[])[],
  returns: FormulaType,
  compute: (args: readonly Value[], ctx: FormulaContext) => Value,
  options: EagerOptions = {},
): FunctionSpec {
  return {
    minArgs: options.minArgs ?? params.length,
    maxArgs: options.rest ? Infinity : params.length,
    bind(call) {
      call.args.forEach((_, index) => expectArg(call, index, params[index] ?? options.rest ?? []));
      const evaluators = call.args.map((arg) => arg.evaluate);
      return { type: returns, evaluate: (ctx) => compute(evaluators.map((evaluate) => evaluate(ctx)), ctx) };
    },
  };
}
