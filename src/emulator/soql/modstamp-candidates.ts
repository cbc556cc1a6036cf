// A shortcut for the sync's incremental query (`WHERE SystemModstamp >= :cursor`, or `>`,
// possibly ANDed with more conditions): read the records changed since the cursor from the
// source's SystemModstamp index instead of scanning every record. The full WHERE is still
// applied to what is read.

import type { StoredRecord } from '../store/record.js';
import type { Condition, PreparedQuery } from './prepared-query.js';
import type { QueryContext } from './query-context.js';

export function modstampCandidates(q: PreparedQuery, ctx: QueryContext): Iterable<StoredRecord> | undefined {
  const since = q.where ? lowerBound(q.where) : undefined;
  if (since === undefined || !ctx.source.scanModifiedSince) return undefined;
  return ctx.source.scanModifiedSince(q.object.name, since);
}

function lowerBound(condition: Condition): string | undefined {
  switch (condition.kind) {
    case 'compare': {
      const onStamp = condition.path.hops.length === 0 && condition.path.field.name === 'SystemModstamp';
      const bound = condition.operator === '>=' || condition.operator === '>' || condition.operator === '=';
      return onStamp && bound && condition.operand.kind === 'value' && typeof condition.operand.value === 'string'
        ? condition.operand.value
        : undefined;
    }
    case 'and':
      for (const operand of condition.operands) {
        const since = lowerBound(operand);
        if (since !== undefined) return since;
      }
      return undefined;
    default:
      return undefined;
  }
}
