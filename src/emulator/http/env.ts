// The services REST handlers share: the org, query cursors, Bulk API query and ingest jobs,
// faults and API usage.
import type { Org } from '../org.js';
import type { FaultState } from '../faults.js';
import type { ApiUsage } from '../limits.js';
import type { CursorStore } from './routes/query-cursors.js';
import type { QueryJobStore } from './routes/query-jobs.js';
import type { IngestJobStore } from './routes/ingest-jobs.js';
import type { DmlContext } from '../dml/context.js';
import type { ApiRequest } from './api-request.js';
import type { Transaction } from '../store/transaction.js';

export interface Env {
  org: Org;
  cursors: CursorStore;
  queryJobs: QueryJobStore;
  ingestJobs: IngestJobStore;
  faults: FaultState;
  usage: ApiUsage;
}

export function dmlContext(env: Env, req: ApiRequest, txn: Transaction = req.txn): DmlContext {
  return userDmlContext(env, req.userId, txn);
}

/** Writes on behalf of a user outside any request (a Bulk API ingest job being processed). */
export function userDmlContext(env: Env, userId: string, txn: Transaction): DmlContext {
  return { org: env.org, txn, userId, lockFails: () => env.faults.roll(env.faults.current.lockRowRate) };
}
