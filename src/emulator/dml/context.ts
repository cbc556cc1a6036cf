// What every record write needs: the org, the transaction it writes into, the acting user,
// and the fault dice (UNABLE_TO_LOCK_ROW).
import type { Org } from '../org.js';
import type { Transaction } from '../store/transaction.js';
import type { RecordError } from './record-error.js';

export interface DmlContext {
  org: Org;
  txn: Transaction;
  userId: string;
  /** True when this record write should fail with UNABLE_TO_LOCK_ROW (a fault). */
  lockFails(): boolean;
}

export type SaveOutcome =
  | { success: true; id: string; created?: boolean }
  | { success: false; id?: string; errors: RecordError[] };

export const failed = (errors: RecordError[], id?: string): SaveOutcome =>
  id === undefined ? { success: false, errors } : { success: false, id, errors };
