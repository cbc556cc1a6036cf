// Logical and blank-handling functions. IF, CASE, AND, OR, BLANKVALUE and NULLVALUE evaluate
// only the arguments they need, as Salesforce does.

import { valuesEqual } from '../compare.js';
import type { Bound } from '../scope.js';
import { SCALAR } from '../type-check.js';
import { isBlank, type FormulaType, type Value } from '../values.js';
import { argument, BOOLEAN, eager, expectArg, unifyArgs, type CallSite, type FunctionSpec } from './spec.js';

const BLANKABLE: readonly FormulaType[] = [...SCALAR, 'picklist', 'multipicklist'];

const IF: FunctionSpec = {
  minArgs: 3,
  maxArgs: 3,
  bind(call) {
    expectArg(call, 0, BOOLEAN);
    const type = unifyArgs(call, [1, 2], SCALAR);
    const test = argument(call, 0).evaluate;
    const [then, otherwise] = [argument(call, 1).evaluate, argument(call, 2).evaluate];
    return { type, evaluate: (ctx) => (test(ctx) === true ? then(ctx) : otherwise(ctx)) };
  },
};

/** CASE(expression, value1, result1, ..., else_result): the first value equal to expression wins. */
const CASE: FunctionSpec = {
  minArgs: 4,
  maxArgs: Infinity,
  evenArgs: true,
  bind(call) {
    const subject = argument(call, 0);
    expectArg(call, 0, [...SCALAR, 'picklist']);
    // A picklist is matched against text values.
    const valueType: FormulaType = subject.type === 'picklist' ? 'text' : subject.type;
    const pairs = casePairs(call, valueType);
    const type = unifyArgs(call, [...pairs.map((_, i) => 2 + 2 * i), call.args.length - 1], SCALAR);
    const otherwise = argument(call, call.args.length - 1).evaluate;
    return {
      type,
      evaluate: (ctx) => {
        const value = subject.evaluate(ctx);
        const match = pairs.find((pair) => valuesEqual(value, pair.when.evaluate(ctx)));
        return match ? match.then.evaluate(ctx) : otherwise(ctx);
      },
    };
  },
};

function casePairs(call: CallSite, valueType: FormulaType): { when: Bound; then: Bound }[] {
  const pairs: { when: Bound; then: Bound }[] = [];
  for (let index = 1; index < call.args.length - 1; index += 2) {
    if (valueType !== 'null') expectArg(call, index, [valueType]);
    pairs.push({ when: argument(call, index), then: argument(call, index + 1) });
  }
  return pairs;
}

function allOrAny(every: boolean): FunctionSpec {
  return {
    minArgs: 1,
    maxArgs: Infinity,
    bind(call) {
      call.args.forEach((_, index) => expectArg(call, index, BOOLEAN));
      const evaluators = call.args.map((arg) => arg.evaluate);
      const test = every ? evaluators.every.bind(evaluators) : evaluators.some.bind(evaluators);
      return { type: 'boolean', evaluate: (ctx) => test((evaluate) => evaluate(ctx) === true) };
    },
  };
}

/** BLANKVALUE / NULLVALUE: the first argument unless it is blank (null), else the second. */
function substitute(isMissing: (call: CallSite) => (value: Value) => boolean): FunctionSpec {
  return {
    minArgs: 2,
    maxArgs: 2,
    bind(call) {
      const type = unifyArgs(call, [0, 1], SCALAR);
      const [value, replacement] = [argument(call, 0).evaluate, argument(call, 1).evaluate];
      const missing = isMissing(call);
      return {
        type,
        evaluate: (ctx) => {
          const result = value(ctx);
          return missing(result) ? replacement(ctx) : result;
        },
      };
    },
  };
}

/**
 * Salesforce text is never null, so ISNULL of a text expression is always false and NULLVALUE
 * returns it unchanged (the Salesforce documentation says to use ISBLANK / BLANKVALUE instead).
 */
function nullTest(call: CallSite): (value: Value) => boolean {
  return argument(call, 0).type === 'text' ? () => false : (value) => value === null;
}

export const LOGICAL_FUNCTIONS: Record<string, FunctionSpec> = {
  IF,
  CASE,
  AND: allOrAny(true),
  OR: allOrAny(false),
  NOT: eager([BOOLEAN], 'boolean', ([value]) => value !== true),
  ISBLANK: eager([BLANKABLE], 'boolean', ([value]) => isBlank(value)),
  ISNULL: {
    minArgs: 1,
    maxArgs: 1,
    bind(call) {
      expectArg(call, 0, SCALAR);
      const [evaluate, test] = [argument(call, 0).evaluate, nullTest(call)];
      return { type: 'boolean', evaluate: (ctx) => test(evaluate(ctx)) };
    },
  },
  BLANKVALUE: substitute(() => isBlank),
  NULLVALUE: substitute(nullTest),
};
