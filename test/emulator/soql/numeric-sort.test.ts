// The typed-array quicksort behind ORDER BY on numeric and datetime first keys must order
// exactly like a comparator sort: ties broken by the other keys, then by scan position.

import { describe, expect, it } from 'vitest';
import { sortByNumericKey } from '../../../src/emulator/soql/numeric-sort.js';
import type { SortKey } from '../../../src/emulator/soql/sort-keys.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/** The reference: a plain comparator sort over (first key with null placement, second key, position). */
function reference(first: readonly SortKey[], second: readonly number[], descending: boolean, nullsFirst: boolean): number[] {
  return first
    .map((_, i) => i)
    .sort((a, b) => {
      const [x, y] = [first[a] ?? null, first[b] ?? null];
      if (x !== y) {
        if (x === null) return nullsFirst ? -1 : 1;
        if (y === null) return nullsFirst ? 1 : -1;
        return (x < y ? -1 : 1) * (descending ? -1 : 1);
      }
      return (second[a] ?? 0) - (second[b] ?? 0) || a - b;
    });
}

const SHAPES: Record<string, (i: number, next: () => number) => SortKey> = {
  random: (_, next) => Math.floor(next() * 1e9),
  'few distinct': (_, next) => Math.floor(next() * 5),
  'all equal': () => 42,
  ascending: (i) => i,
  descending: (i) => -i,
  'organ pipe': (i) => (i < 500 ? i : 1000 - i),
  'with nulls': (i, next) => (i % 7 === 0 ? null : next() * 100 - 50),
  'only nulls': () => null,
};

describe('sortByNumericKey', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const descending of [false, true]) {
      for (const nullsFirst of [true, false]) {
        it(`${shape}, ${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`, () => {
          const next = random(shape.length * 31 + (descending ? 1 : 0));
          const first = Array.from({ length: 1000 }, (_, i) => make(i, next));
          const second = first.map(() => Math.floor(next() * 3));
          const compare = (a: number, b: number): number => {
            const [x, y] = [first[a] ?? null, first[b] ?? null];
            if (x !== y) return 0; // the quicksort only asks about equal first keys
            return (second[a] ?? 0) - (second[b] ?? 0) || a - b;
          };
          const expected = reference(first, second, descending, nullsFirst);
          expect(sortByNumericKey({ column: first, descending, nullsFirst, compare })).toEqual(expected);
          expect(sortByNumericKey({ column: first, descending, nullsFirst, compare, maxDepth: 1 })).toEqual(expected);
        });
      }
    }
  }

  it('declines columns that are not numeric', () => {
    expect(sortByNumericKey({ column: [1, 'a', null], descending: false, nullsFirst: true, compare: (a, b) => a - b })).toBeUndefined();
  });

  it('sorts nothing and a single row', () => {
    const compare = (a: number, b: number) => a - b;
    expect(sortByNumericKey({ column: [], descending: false, nullsFirst: true, compare })).toEqual([]);
    expect(sortByNumericKey({ column: [5], descending: true, nullsFirst: false, compare })).toEqual([0]);
  });
});
