// ORDER BY: reads every sort key once per row into a column (sort-keys.ts), then orders row
// positions with one comparator over those columns, so sorting never reads a record or
// computes a formula. When LIMIT keeps only a few rows, only those are selected and sorted.

import type { StoredRecord } from '../store/record.js';
import type { OrderItem } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
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
  const compare = comparator(items.map((item) => sortKeys(rows, item, ctx)), items);
  let positions: number[];
  if (keep < rows.length * TOP_SHARE) {
    positions = topPositions(rows.length, keep, compare);
  } else {
    positions = [];
    for (let i = 0; i < rows.length; i++) positions.push(i);
    positions.sort(compare);
    if (keep < positions.length) positions.length = keep;
  }
  return positions.map((i) => rows[i] as StoredRecord);
}

function comparator(columns: readonly SortKey[][], items: readonly OrderItem[]): PositionCompare {
  const directions = items.map((item) => (item.descending ? DESCENDING : ASCENDING));
  const nullPlaces = items.map((item) => (item.nullsFirst ? BEFORE : AFTER));
  return (a, b) => {
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k] as SortKey[];
      const x = column[a] as SortKey;
      const y = column[b] as SortKey;
      if (x === y) continue;
      // Where nulls go does not depend on the direction: NULLS FIRST is first either way.
      if (x === null) return nullPlaces[k] as number;
      if (y === null) return -(nullPlaces[k] as number);
      return x < y ? -(directions[k] as number) : (directions[k] as number);
    }
    // Equal keys keep the scan order, as a stable sort would; this also makes the order total.
    return a - b;
  };
}
