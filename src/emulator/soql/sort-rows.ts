// ORDER BY: reads every sort key once per row into a column, then sorts row positions with
// one comparator over those columns, so the sort itself never reads a record or a formula.

import type { FieldValue, StoredRecord } from '../store/record.js';
import { categoryOf, type FieldCategory } from './field-category.js';
import type { OrderItem } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
import { pathReader } from './read-path.js';
import { foldString } from './text-fold.js';

type SortKey = string | number | null;

const ASCENDING = 1;
const DESCENDING = -1;
const BEFORE = -1;
const AFTER = 1;

export function sortRows(rows: readonly StoredRecord[], items: readonly OrderItem[], ctx: QueryContext): StoredRecord[] {
  const columns = items.map((item) => sortKeys(rows, item, ctx));
  const directions = items.map((item) => (item.descending ? DESCENDING : ASCENDING));
  const nullPlaces = items.map((item) => (item.nullsFirst ? BEFORE : AFTER));
  const compare = (a: number, b: number): number => {
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
    // Equal keys keep the scan order, as a stable sort would.
    return a - b;
  };
  const positions: number[] = [];
  for (let i = 0; i < rows.length; i++) positions.push(i);
  positions.sort(compare);
  return positions.map((i) => rows[i] as StoredRecord);
}

function sortKeys(rows: readonly StoredRecord[], item: OrderItem, ctx: QueryContext): SortKey[] {
  const read = pathReader(ctx, item.path);
  const category = categoryOf(item.path.field.type);
  const keys: SortKey[] = [];
  for (let i = 0; i < rows.length; i++) keys.push(toSortKey(read(rows[i] as StoredRecord), category));
  return keys;
}

/** Text sorts ignoring case; false sorts before true. */
function toSortKey(value: FieldValue, category: FieldCategory): SortKey {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (category === 'text' && typeof value === 'string') return foldString(value);
  return value;
}
