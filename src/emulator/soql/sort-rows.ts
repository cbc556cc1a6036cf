// ORDER BY: reads every sort key once per row into a column (sort-keys.ts), then orders row
// positions by those columns, so sorting never reads a record or computes a formula. A numeric
// first key (numbers, datetimes) is sorted by numeric-sort.ts; when LIMIT keeps only a few
// rows, only those are selected (top-positions.ts).

import type { StoredRecord } from '../store/record.js';
import type { OrderItem } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
import { sortByNumericKey } from './numeric-sort.js';
import { sortKeys, type SortKey } from './sort-keys.js';
import { topPositions, type PositionCompare } from './top-positions.js';

const ASCENDING = 1;
const DESCENDING = -1;
const BEFORE = -1;
const AFTER = 1;
/** Selecting the first rows beats a full sort while they are a small share of all rows. */
const TOP_SHARE = 0.25;

/** The rows in ORDER BY order; only the first `keep` of them when given. */
export function sortRows(
  rows: readonly StoredRecord[],
  items: readonly OrderItem[],
  ctx: QueryContext,
  keep = rows.length,
): StoredRecord[] {
  const columns = items.map((item) => sortKeys(rows, item, ctx));
  const compare = comparator(columns, items);
  const positions =
    keep < rows.length * TOP_SHARE ? topPositions(rows.length, keep, compare) : sortAll(rows.length, columns, items, compare);
  if (keep < positions.length) positions.length = keep;
  return positions.map((i) => rows[i] as StoredRecord);
}

function sortAll(size: number, columns: readonly SortKey[][], items: readonly OrderItem[], compare: PositionCompare): number[] {
  // The store keeps records in SystemModstamp order, so the sync's usual ORDER BY finds them
  // already sorted: one linear check saves the sort.
  if (inOrder(size, compare)) return Array.from({ length: size }, (_, i) => i);
  const [column, item] = [columns[0], items[0]];
  if (column && item) {
    const numeric = sortByNumericKey({ column, descending: item.descending, nullsFirst: item.nullsFirst, compare });
    if (numeric) return numeric;
  }
  const positions: number[] = [];
  for (let i = 0; i < size; i++) positions.push(i);
  return positions.sort(compare);
}

function inOrder(size: number, compare: PositionCompare): boolean {
  for (let i = 1; i < size; i++) if (compare(i - 1, i) > 0) return false;
  return true;
}

function comparator(columns: readonly SortKey[][], items: readonly OrderItem[]): PositionCompare {
  const compareFrom = (k: number): PositionCompare => {
    const column = columns[k];
    const item = items[k];
    // Past the last key, equal rows keep the scan order, as a stable sort would; this also makes the order total.
    if (!column || !item) return (a, b) => a - b;
    const direction = item.descending ? DESCENDING : ASCENDING;
    // Where nulls go does not depend on the direction: NULLS FIRST is first either way.
    const nullPlace = item.nullsFirst ? BEFORE : AFTER;
    const next = compareFrom(k + 1);
    return (a, b) => {
      const x = column[a] as SortKey;
      const y = column[b] as SortKey;
      if (x === y) return next(a, b);
      if (x === null) return nullPlace;
      if (y === null) return -nullPlace;
      return x < y ? -direction : direction;
    };
  };
  return compareFrom(0);
}
