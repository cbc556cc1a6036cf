// runQuery: filter, sort, OFFSET and LIMIT over the records of the queried sObject.

import type { StoredRecord } from '../store/record.js';
import type { Predicate } from './compare-predicates.js';
import { compileCondition } from './compile-where.js';
import { epochDay } from './date-literal.js';
import { idCandidates } from './id-candidates.js';
import { modstampCandidates } from './modstamp-candidates.js';
import type { PreparedQuery } from './prepared-query.js';
import type { QueryContext } from './query-context.js';
import { sortRows } from './sort-rows.js';

export interface QueryResult {
  rows: StoredRecord[];
  /** Rows after OFFSET and LIMIT; for COUNT() queries the count (rows is then empty). */
  totalSize: number;
}

export function runQuery(q: PreparedQuery, ctx: QueryContext): QueryResult {
  const predicate = q.where ? compileCondition(q.where, { ctx, today: epochDay(ctx.now ?? new Date()) }) : undefined;
  const records = idCandidates(q, ctx) ?? modstampCandidates(q, ctx) ?? ctx.source.scan(q.object.name);
  if (q.isCount) return { rows: [], totalSize: windowOf(count(records, predicate, ctx.includeDeleted), q).length };
  const matched = collect(records, predicate, ctx.includeDeleted);
  const { start, length } = windowOf(matched.length, q);
  if (length === 0) return { rows: [], totalSize: 0 };
  const ordered = q.orderBy.length > 0 ? sortRows(matched, q.orderBy, ctx, start + length) : matched;
  const rows = start === 0 && length === ordered.length ? ordered : ordered.slice(start, start + length);
  return { rows, totalSize: rows.length };
}

function collect(records: Iterable<StoredRecord>, predicate: Predicate | undefined, includeDeleted: boolean): StoredRecord[] {
  const matched: StoredRecord[] = [];
  for (const record of records) {
    if (!includeDeleted && record.IsDeleted === true) continue;
    if (predicate === undefined || predicate(record)) matched.push(record);
  }
  return matched;
}

function count(records: Iterable<StoredRecord>, predicate: Predicate | undefined, includeDeleted: boolean): number {
  let matched = 0;
  for (const record of records) {
    if (!includeDeleted && record.IsDeleted === true) continue;
    if (predicate === undefined || predicate(record)) matched++;
  }
  return matched;
}

/** The part of `size` matched rows that OFFSET and LIMIT keep. */
function windowOf(size: number, q: PreparedQuery): { start: number; length: number } {
  const start = Math.min(q.offset, size);
  const available = size - start;
  return { start, length: q.limit === undefined ? available : Math.min(q.limit, available) };
}
