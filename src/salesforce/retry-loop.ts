// The loop every Salesforce call runs in: one attempt, then either a value, a retry after a
// backoff (while retries remain), or one immediate repeat that costs no retry (used once per
// call, after logging in again on a 401).
import type { Logger } from '../log.js';
import { backoffMs } from './retry.js';

export type Attempt<T> =
  | { value: T }
  /** Retry after a backoff; `error` is thrown when no retry remains. */
  | { retry: string; error: Error }
  /** Repeat now, without counting a retry. */
  | { again: true };

export interface RetryPolicy {
  maxRetries: number;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

export async function retrying<T>(policy: RetryPolicy, request: string, once: () => Promise<Attempt<T>>): Promise<T> {
  let retries = 0;
  for (;;) {
    const outcome = await once();
    if ('value' in outcome) return outcome.value;
    if ('again' in outcome) continue;
    if (retries >= policy.maxRetries) throw outcome.error;
    const delayMs = backoffMs(retries);
    retries++;
    policy.logger.warn({ request, reason: outcome.retry, retry: retries, of: policy.maxRetries, delayMs }, 'retrying Salesforce call');
    await policy.sleep(delayMs);
  }
}
