// Math functions. A blank argument gives a blank result; impossible results (MOD by zero,
// SQRT of a negative) are blank too, never an error.

import { roundHalfAwayFromZero, tidy } from '../numbers.js';
import type { Value } from '../values.js';
import { eager, NUMBER, type FunctionSpec } from './spec.js';

type Compute = (args: readonly Value[]) => Value;

function unary(compute: (n: number) => number | null): Compute {
  return ([n]) => (typeof n === 'number' ? compute(n) : null);
}

function binary(compute: (a: number, b: number) => number | null): Compute {
  return ([a, b]) => (typeof a === 'number' && typeof b === 'number' ? compute(a, b) : null);
}

function variadic(compute: (...numbers: number[]) => number): Compute {
  return (args) => {
    const numbers = args.filter((arg): arg is number => typeof arg === 'number');
    return numbers.length === args.length ? compute(...numbers) : null;
  };
}

/** Salesforce applies FLOOR and CEILING to the absolute value: FLOOR(-2.5) = -2, CEILING(-2.5) = -3. */
function onMagnitude(round: (n: number) => number): (n: number) => number {
  return (n) => Math.sign(n) * round(Math.abs(n)) || 0;
}

export const MATH_FUNCTIONS: Record<string, FunctionSpec> = {
  ROUND: eager([NUMBER, NUMBER], 'number', binary((n, digits) => roundHalfAwayFromZero(n, Math.trunc(digits)))),
  ABS: eager([NUMBER], 'number', unary(Math.abs)),
  FLOOR: eager([NUMBER], 'number', unary(onMagnitude(Math.floor))),
  CEILING: eager([NUMBER], 'number', unary(onMagnitude(Math.ceil))),
  MAX: eager([NUMBER], 'number', variadic(Math.max), { rest: NUMBER }),
  MIN: eager([NUMBER], 'number', variadic(Math.min), { rest: NUMBER }),
  MOD: eager([NUMBER, NUMBER], 'number', binary((n, divisor) => (divisor === 0 ? null : tidy(n % divisor)))),
  SQRT: eager([NUMBER], 'number', unary((n) => (n < 0 ? null : tidy(Math.sqrt(n))))),
};
