// A shortcut for queries that name their records by Id (`WHERE Id = '...'`, `WHERE Id IN
// (...)`, possibly ANDed with more conditions): fetch those records by id instead of scanning
// every record of the sObject. The full WHERE is still applied to what is fetched.

import type { StoredRecord } from '../store/record.js';
import type { Condition, Operand, PreparedQuery } from './prepared-query.js';
import type { QueryContext } from './query-context.js';

const KEY_PREFIX_LENGTH = 3;

/** The records the WHERE could match, or undefined when it does not pin down ids. */
export function idCandidates(q: PreparedQuery, ctx: QueryContext): StoredRecord[] | undefined {
  const ids = q.where ? pinnedIds(q.where) : undefined;
  if (ids === undefined) return undefined;
  const records: StoredRecord[] = [];
  // Ids sort in creation order, which is the order a scan would have produced.
  for (const id of [...ids].sort()) {
    const record = ctx.source.get(id);
    // get() finds records of any type; only this sObject's belong in the result.
    if (record && ctx.schema.byKeyPrefix(id.slice(0, KEY_PREFIX_LENGTH)) === q.object) records.push(record);
  }
  return records;
}

function pinnedIds(condition: Condition): Set<string> | undefined {
  switch (condition.kind) {
    case 'compare':
      return condition.operator === '=' && isOwnId(condition) ? idsOf([condition.operand]) : undefined;
    case 'in':
      return !condition.negated && isOwnId(condition) ? idsOf(condition.operands) : undefined;
    case 'and':
      for (const operand of condition.operands) {
        const ids = pinnedIds(operand);
        if (ids) return ids;
      }
      return undefined;
    default:
      return undefined;
  }
}

function isOwnId(condition: Extract<Condition, { kind: 'compare' | 'in' }>): boolean {
  return condition.path.hops.length === 0 && condition.path.field.type === 'id';
}

function idsOf(operands: readonly Operand[]): Set<string> {
  const ids = new Set<string>();
  for (const operand of operands) if (operand.kind === 'value' && typeof operand.value === 'string') ids.add(operand.value);
  return ids;
}
