// A full ORDER BY sort for the common case of a numeric first key (datetimes become numbers in
// sort-keys.ts): an in-place quicksort over typed arrays that compares the numbers inline and
// calls the full comparator only on ties. Sorting a million positions this way takes a small
// fraction of the time Array.prototype.sort with a comparator callback needs.

import type { SortKey } from './sort-keys.js';
import type { PositionCompare } from './top-positions.js';

/** Ranges this short are finished by insertion sort. */
const INSERTION_SORT_MAX = 16;
/** Partitioning deeper than this multiple of log2(n) means bad pivots: finish with a comparator sort. */
const DEPTH_FACTOR = 2;

export interface NumericOrder {
  /** The first key's column; null or number in every row, else this sort does not apply. */
  readonly column: readonly SortKey[];
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  /** The full comparator, for rows whose first keys are equal (it ends in position order). */
  readonly compare: PositionCompare;
  /** Partitioning depth before falling back to a comparator sort; tests lower it to reach the fallback. */
  readonly maxDepth?: number;
}

/** All positions in order, or undefined when the first column is not numeric. */
export function sortByNumericKey(order: NumericOrder): number[] | undefined {
  const { column, descending, nullsFirst, compare } = order;
  const nulls: number[] = [];
  const values = new Float64Array(column.length);
  const positions = new Int32Array(column.length);
  let count = 0;
  for (let position = 0; position < column.length; position++) {
    const key = column[position];
    if (key === null) {
      nulls.push(position);
      continue;
    }
    if (typeof key !== 'number') return undefined;
    // Negated keys sort descending in the same ascending pass.
    values[count] = descending ? -key : key;
    positions[count++] = position;
  }
  const sortedValues = values.subarray(0, count);
  const sortedPositions = positions.subarray(0, count);
  const maxDepth = order.maxDepth ?? DEPTH_FACTOR * Math.ceil(Math.log2(count + 1));
  quicksort(sortedValues, sortedPositions, 0, count - 1, compare, maxDepth);
  nulls.sort(compare);
  const ordered = Array.from(sortedPositions);
  return nullsFirst ? nulls.concat(ordered) : ordered.concat(nulls);
}

function before(av: number, ap: number, bv: number, bp: number, compare: PositionCompare): boolean {
  return av < bv || (av === bv && ap !== bp && compare(ap, bp) < 0);
}

function quicksort(
  values: Float64Array,
  positions: Int32Array,
  low: number,
  high: number,
  compare: PositionCompare,
  depth: number,
): void {
  let lo = low;
  let hi = high;
  let budget = depth;
  while (hi - lo > INSERTION_SORT_MAX) {
    if (budget-- === 0) {
      comparatorSort(values, positions, lo, hi, compare);
      return;
    }
    const mid = (lo + hi) >>> 1;
    medianOfThree(values, positions, lo, mid, hi, compare);
    const pv = values[mid] as number;
    const pp = positions[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (before(values[i] as number, positions[i] as number, pv, pp, compare)) i++;
      while (before(pv, pp, values[j] as number, positions[j] as number, compare)) j--;
      if (i <= j) swap(values, positions, i++, j--);
    }
    // Recurse into the smaller side and loop on the larger, so the stack stays logarithmic.
    if (j - lo < hi - i) {
      quicksort(values, positions, lo, j, compare, budget);
      lo = i;
    } else {
      quicksort(values, positions, i, hi, compare, budget);
      hi = j;
    }
  }
  insertionSort(values, positions, lo, hi, compare);
}

function medianOfThree(values: Float64Array, positions: Int32Array, a: number, b: number, c: number, compare: PositionCompare): void {
  if (isBefore(values, positions, b, a, compare)) swap(values, positions, a, b);
  if (isBefore(values, positions, c, b, compare)) {
    swap(values, positions, b, c);
    if (isBefore(values, positions, b, a, compare)) swap(values, positions, a, b);
  }
}

function isBefore(values: Float64Array, positions: Int32Array, i: number, j: number, compare: PositionCompare): boolean {
  return before(values[i] as number, positions[i] as number, values[j] as number, positions[j] as number, compare);
}

function insertionSort(values: Float64Array, positions: Int32Array, lo: number, hi: number, compare: PositionCompare): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = values[i] as number;
    const p = positions[i] as number;
    let j = i - 1;
    while (j >= lo && before(v, p, values[j] as number, positions[j] as number, compare)) {
      values[j + 1] = values[j] as number;
      positions[j + 1] = positions[j] as number;
      j--;
    }
    values[j + 1] = v;
    positions[j + 1] = p;
  }
}

function comparatorSort(values: Float64Array, positions: Int32Array, lo: number, hi: number, compare: PositionCompare): void {
  const slots: number[] = [];
  for (let k = lo; k <= hi; k++) slots.push(k);
  slots.sort((a, b) => (isBefore(values, positions, a, b, compare) ? -1 : isBefore(values, positions, b, a, compare) ? 1 : 0));
  const sortedValues = slots.map((k) => values[k] as number);
  const sortedPositions = slots.map((k) => positions[k] as number);
  values.set(sortedValues, lo);
  positions.set(sortedPositions, lo);
}

function swap(values: Float64Array, positions: Int32Array, i: number, j: number): void {
  const v = values[i] as number;
  values[i] = values[j] as number;
  values[j] = v;
  const p = positions[i] as number;
  positions[i] = positions[j] as number;
  positions[j] = p;
}
