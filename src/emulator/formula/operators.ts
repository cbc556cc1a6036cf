// Binding of unary and binary operators: which operand types each accepts, its result type,
// and how it computes. Arithmetic treats blanks as blanks (a null operand gives null); `&`
// treats a blank as ""; comparisons follow compare.ts.

import type { BinaryOperator, UnaryOperator } from './ast.js';
import { MS_PER_DAY } from './calendar.js';
import { compareValues, valuesEqual } from './compare.js';
import type { FormulaContext } from './context.js';
import { tidy } from './numbers.js';
import type { BindScope, Bound } from './scope.js';
import { expectType, picklistMisuse, unifyTypes, type Operand } from './type-check.js';
import { asText, FormulaDate, FormulaDateTime, typeName, type FormulaType, type Value } from './values.js';

type Apply = (left: Value, right: Value) => Value;

interface Rule {
  readonly left: FormulaType;
  readonly right: FormulaType;
  readonly result: FormulaType;
  readonly apply: Apply;
}

const numeric =
  (compute: (a: number, b: number) => number): Apply =>
  (a, b) =>
    typeof a === 'number' && typeof b === 'number' ? tidy(compute(a, b)) : null;

const concatenate: Apply = (a, b) => asText(a) + asText(b);

function shiftDate(date: Value, days: Value): Value {
  if (!(date instanceof FormulaDate) || typeof days !== 'number') return null;
  return new FormulaDate(date.epochDay + Math.trunc(days));
}

function shiftDateTime(dateTime: Value, days: Value): Value {
  if (!(dateTime instanceof FormulaDateTime) || typeof days !== 'number') return null;
  return new FormulaDateTime(dateTime.epochMs + Math.round(days * MS_PER_DAY));
}

function daysBetween(a: Value, b: Value): Value {
  if (a instanceof FormulaDate && b instanceof FormulaDate) return a.epochDay - b.epochDay;
  if (a instanceof FormulaDateTime && b instanceof FormulaDateTime) return tidy((a.epochMs - b.epochMs) / MS_PER_DAY);
  return null;
}

const negate = (apply: Apply): Apply => (a, b) => apply(a, typeof b === 'number' ? -b : b);
const swap = (apply: Apply): Apply => (a, b) => apply(b, a);

/** Rules in order of preference: with a NULL operand, the first that fits decides the type. */
const ARITHMETIC: Partial<Record<BinaryOperator, readonly Rule[]>> = {
  '+': [
    { left: 'number', right: 'number', result: 'number', apply: numeric((a, b) => a + b) },
    { left: 'date', right: 'number', result: 'date', apply: shiftDate },
    { left: 'number', right: 'date', result: 'date', apply: swap(shiftDate) },
    { left: 'datetime', right: 'number', result: 'datetime', apply: shiftDateTime },
    { left: 'number', right: 'datetime', result: 'datetime', apply: swap(shiftDateTime) },
    // Salesforce also concatenates text with `+`.
    { left: 'text', right: 'text', result: 'text', apply: concatenate },
  ],
  '-': [
    { left: 'number', right: 'number', result: 'number', apply: numeric((a, b) => a - b) },
    { left: 'date', right: 'number', result: 'date', apply: negate(shiftDate) },
    { left: 'date', right: 'date', result: 'number', apply: daysBetween },
    { left: 'datetime', right: 'number', result: 'datetime', apply: negate(shiftDateTime) },
    { left: 'datetime', right: 'datetime', result: 'number', apply: daysBetween },
  ],
  '*': [{ left: 'number', right: 'number', result: 'number', apply: numeric((a, b) => a * b) }],
  '/': [{ left: 'number', right: 'number', result: 'number', apply: numeric((a, b) => a / b) }],
  '^': [{ left: 'number', right: 'number', result: 'number', apply: numeric((a, b) => a ** b) }],
  '&': [{ left: 'text', right: 'text', result: 'text', apply: concatenate }],
};

const EQUALITY: readonly FormulaType[] = ['text', 'number', 'boolean', 'date', 'datetime'];
const ORDERING: readonly FormulaType[] = ['text', 'number', 'date', 'datetime'];

export function bindUnary(op: UnaryOperator, operand: Bound, offset: number, scope: BindScope): Bound {
  const evaluate = operand.evaluate;
  if (op === '!') {
    expectType(scope, { type: operand.type, offset }, ['boolean'], "the operand of '!'");
    return { type: 'boolean', evaluate: (ctx) => evaluate(ctx) !== true };
  }
  expectType(scope, { type: operand.type, offset }, ['number'], `the operand of unary '${op}'`);
  if (op === '+') return { type: 'number', evaluate };
  return {
    type: 'number',
    evaluate: (ctx) => {
      const value = evaluate(ctx);
      return typeof value === 'number' ? -value || 0 : null;
    },
  };
}

export function bindBinary(op: BinaryOperator, left: Operand & Bound, right: Operand & Bound, scope: BindScope): Bound {
  if (op === '&&' || op === '||') return bindLogical(op, left, right, scope);
  const rules = ARITHMETIC[op];
  if (rules) return bindArithmetic(op, rules, left, right, scope);
  return bindComparison(op, left, right, scope);
}

function bindLogical(op: '&&' | '||', left: Operand & Bound, right: Operand & Bound, scope: BindScope): Bound {
  expectType(scope, left, ['boolean'], `the left side of '${op}'`);
  expectType(scope, right, ['boolean'], `the right side of '${op}'`);
  const [a, b] = [left.evaluate, right.evaluate];
  const evaluate =
    op === '&&'
      ? (ctx: FormulaContext) => a(ctx) === true && b(ctx) === true
      : (ctx: FormulaContext) => a(ctx) === true || b(ctx) === true;
  return { type: 'boolean', evaluate };
}

function bindArithmetic(
  op: BinaryOperator,
  rules: readonly Rule[],
  left: Operand & Bound,
  right: Operand & Bound,
  scope: BindScope,
): Bound {
  const fits = (type: FormulaType, wanted: FormulaType): boolean => type === 'null' || type === wanted;
  const rule = rules.find((candidate) => fits(left.type, candidate.left) && fits(right.type, candidate.right));
  if (!rule) throw scope.error(left.offset, operandMismatch(op, left, right));
  const [a, b, apply] = [left.evaluate, right.evaluate, rule.apply];
  return { type: rule.result, evaluate: (ctx) => apply(a(ctx), b(ctx)) };
}

function operandMismatch(op: BinaryOperator, left: Operand, right: Operand): string {
  for (const operand of [left, right]) {
    if (operand.type === 'picklist' || operand.type === 'multipicklist') return picklistMisuse(operand.type);
  }
  const hint = op === '&' ? ' (use TEXT() to turn a value into text)' : '';
  return `operator '${op}' cannot combine ${typeName(left.type)} and ${typeName(right.type)}${hint}`;
}

function bindComparison(op: BinaryOperator, left: Operand & Bound, right: Operand & Bound, scope: BindScope): Bound {
  const equality = op === '=' || op === '!=';
  unifyTypes(scope, [left, right], equality ? EQUALITY : ORDERING, `operator '${op}'`);
  const [a, b] = [left.evaluate, right.evaluate];
  const test = comparisonTest(op);
  return { type: 'boolean', evaluate: (ctx) => test(a(ctx), b(ctx)) };
}

function comparisonTest(op: BinaryOperator): (a: Value, b: Value) => boolean {
  const ordered = (accept: (order: number) => boolean) => (a: Value, b: Value) => {
    const order = compareValues(a, b);
    return order !== undefined && accept(order);
  };
  switch (op) {
    case '=':
      return valuesEqual;
    case '!=':
      return (a, b) => !valuesEqual(a, b);
    case '<':
      return ordered((order) => order < 0);
    case '>':
      return ordered((order) => order > 0);
    case '<=':
      return ordered((order) => order <= 0);
    default:
      return ordered((order) => order >= 0);
  }
}
