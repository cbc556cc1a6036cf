// Predicates for one comparison (`=`, `<`, IN ...) of a field with typed operands. Built once
// per run; the closures they return are what touches each of the (possibly million) rows, so
// they compare stored values directly and allocate nothing.
//
// Null semantics follow Salesforce: `= null` and `!= null` test emptiness, `!= 'x'` and
// NOT IN match empty fields, and `<`, `>`, LIKE and IN never match one (unless IN lists null).

import type { FieldValue, StoredRecord } from '../store/record.js';
import type { ComparisonOperator } from './ast.js';
import type { FieldCategory } from './field-category.js';
import type { Reader } from './read-path.js';
import { foldCompare, foldEquals, foldString } from './text-fold.js';

export type Predicate = (record: StoredRecord) => boolean;

export type Scalar = string | number | boolean;

/** Inclusive bounds of an operand: equal for a literal, a day range for TODAY or LAST_N_DAYS. */
export interface Bounds {
  readonly lo: Scalar;
  readonly hi: Scalar;
}

/** IN lists up to this size are scanned; longer ones go through a Set. */
const SMALL_LIST = 8;

export const NEVER: Predicate = () => false;

export function negate(predicate: Predicate): Predicate {
  return (record) => !predicate(record);
}

export function comparePredicate(
  read: Reader,
  category: FieldCategory,
  operator: ComparisonOperator,
  bounds: Bounds | null,
): Predicate {
  if (bounds === null) return nullComparison(read, operator);
  if (operator === '=' || operator === '!=') {
    const equal = equality(read, category, bounds);
    return operator === '=' ? equal : negate(equal);
  }
  return category === 'text' ? textOrdering(read, operator, String(bounds.lo)) : ordering(read, operator, bounds);
}

function nullComparison(read: Reader, operator: ComparisonOperator): Predicate {
  if (operator === '=') return (record) => read(record) === null;
  if (operator === '!=') return (record) => read(record) !== null;
  return NEVER;
}

function equality(read: Reader, category: FieldCategory, { lo, hi }: Bounds): Predicate {
  if (category === 'text') {
    const folded = String(lo);
    return (record) => {
      const value = read(record);
      return typeof value === 'string' && foldEquals(value, folded);
    };
  }
  if (lo === hi) return (record) => read(record) === lo;
  return (record) => {
    const value = read(record);
    return value !== null && value >= lo && value <= hi;
  };
}

function ordering(read: Reader, operator: ComparisonOperator, { lo, hi }: Bounds): Predicate {
  switch (operator) {
    case '<':
      return (record) => {
        const value = read(record);
        return value !== null && value < lo;
      };
    case '<=':
      return (record) => {
        const value = read(record);
        return value !== null && value <= hi;
      };
    case '>':
      return (record) => {
        const value = read(record);
        return value !== null && value > hi;
      };
    default:
      return (record) => {
        const value = read(record);
        return value !== null && value >= lo;
      };
  }
}

function textOrdering(read: Reader, operator: ComparisonOperator, folded: string): Predicate {
  const accepts = SIGN_TESTS[operator];
  return (record) => {
    const value = read(record);
    return typeof value === 'string' && accepts(foldCompare(value, folded));
  };
}

const SIGN_TESTS: Readonly<Record<ComparisonOperator, (sign: number) => boolean>> = {
  '=': (sign) => sign === 0,
  '!=': (sign) => sign !== 0,
  '<': (sign) => sign < 0,
  '<=': (sign) => sign <= 0,
  '>': (sign) => sign > 0,
  '>=': (sign) => sign >= 0,
};

export function inPredicate(
  read: Reader,
  category: FieldCategory,
  operands: readonly (Bounds | null)[],
  negated: boolean,
): Predicate {
  const matchesNull = operands.includes(null);
  const matchesValue = valueMatcher(category, operands.filter((bounds) => bounds !== null));
  const member: Predicate = (record) => {
    const value = read(record);
    return value === null ? matchesNull : matchesValue(value);
  };
  return negated ? negate(member) : member;
}

function valueMatcher(category: FieldCategory, list: readonly Bounds[]): (value: Scalar) => boolean {
  if (category === 'text') return textMatcher(list.map((bounds) => String(bounds.lo)));
  if (list.every((bounds) => bounds.lo === bounds.hi)) {
    const members = new Set<FieldValue>(list.map((bounds) => bounds.lo));
    return (value) => members.has(value);
  }
  return (value) => {
    for (const { lo, hi } of list) if (value >= lo && value <= hi) return true;
    return false;
  };
}

function textMatcher(folded: readonly string[]): (value: Scalar) => boolean {
  if (folded.length <= SMALL_LIST) {
    return (value) => {
      if (typeof value !== 'string') return false;
      for (const candidate of folded) if (foldEquals(value, candidate)) return true;
      return false;
    };
  }
  const members = new Set(folded);
  return (value) => typeof value === 'string' && members.has(foldString(value));
}
