// The services REST handlers share: the org, query cursors, Bulk API query jobs, faults and API usage.
import type { Org } from '../org.js';
import type { FaultState } from '../faults.js';
import type { ApiUsage } from '../limits.js';
import type { CursorStore } from './routes/query-cursors.js';
import type { QueryJobStore } from './routes/query-jobs.js';
import type { DmlContext } from '../dml/context.js';
import type { ApiRequest } from './api-request.js';
import type { Transaction } from '../store/transaction.js';

export interface Env {
  org: Org;
  cursors: CursorStore;
  queryJobs: QueryJobStore;
  faults: FaultState;
  usage: ApiUsage;
}

export function dmlContext(env: Env, req: ApiRequest, txn: Transaction = req.txn): DmlContext {
  return { org: env.org, txn, userId: req.userId, lockFails: () => env.faults.roll(env.faults.current.lockRowRate) };
}
