// Compiles a resolved WHERE condition into one closure per query run, so rows are tested by
// plain function calls rather than by walking the condition tree each time.

import { dateKeywordRange } from './date-literal.js';
import { categoryOf } from './field-category.js';
import { likeMatches } from './like-pattern.js';
import type { Condition, Operand } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
import { pathReader } from './read-path.js';
import { comparePredicate, inPredicate, negate, type Bounds, type Predicate } from './compare-predicates.js';

export interface CompileEnv {
  readonly ctx: QueryContext;
  /** Today's UTC day number, for relative date keywords. */
  readonly today: number;
}

export function compileCondition(condition: Condition, env: CompileEnv): Predicate {
  switch (condition.kind) {
    case 'and':
      return allOf(condition.operands.map((operand) => compileCondition(operand, env)));
    case 'or':
      return anyOf(condition.operands.map((operand) => compileCondition(operand, env)));
    case 'not':
      return negate(compileCondition(condition.operand, env));
    case 'compare': {
      const category = categoryOf(condition.path.field.type);
      const bounds = toBounds(condition.operand, env.today);
      return comparePredicate(pathReader(env.ctx, condition.path), category, condition.operator, bounds);
    }
    case 'in': {
      const category = categoryOf(condition.path.field.type);
      const operands = condition.operands.map((operand) => toBounds(operand, env.today));
      return inPredicate(pathReader(env.ctx, condition.path), category, operands, condition.negated);
    }
    case 'like': {
      const read = pathReader(env.ctx, condition.path);
      const pattern = condition.pattern;
      return (record) => {
        const value = read(record);
        return typeof value === 'string' && likeMatches(pattern, value);
      };
    }
  }
}

function toBounds(operand: Operand, today: number): Bounds | null {
  switch (operand.kind) {
    case 'null':
      return null;
    case 'value':
      return { lo: operand.value, hi: operand.value };
    case 'dateKeyword':
      return dateKeywordRange(operand.keyword, operand.n, today, operand.datetime);
  }
}

// Two-operand junctions, by far the most common, avoid the loop.
function allOf(predicates: readonly Predicate[]): Predicate {
  const [first, second] = predicates;
  if (predicates.length === 2 && first && second) return (record) => first(record) && second(record);
  return (record) => {
    for (const predicate of predicates) if (!predicate(record)) return false;
    return true;
  };
}

function anyOf(predicates: readonly Predicate[]): Predicate {
  const [first, second] = predicates;
  if (predicates.length === 2 && first && second) return (record) => first(record) || second(record);
  return (record) => {
    for (const predicate of predicates) if (predicate(record)) return true;
    return false;
  };
}
