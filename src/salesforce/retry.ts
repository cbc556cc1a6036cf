// When to try a Salesforce call again, and how long to wait. Exponential backoff with full
// jitter; only failures that cannot have changed anything (or that Salesforce says to retry)
// qualify. Validation errors, the daily allocation and unknown outcomes never do.
import type { ApiErrorItem } from './errors.js';
import { isConcurrencyLimit } from './errors.js';

export const BACKOFF_BASE_MS = 200;
export const BACKOFF_CAP_MS = 10_000;

/** Full jitter: uniform in [0, min(cap, base·2^attempt)). `attempt` counts from 0. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export type RetryReason = 'server_unavailable' | 'lock' | 'concurrency' | 'gateway';

/** Why an HTTP error answer may be retried, or undefined when it may not. */
export function retryReasonOf(status: number, errors: ApiErrorItem[], idempotent: boolean): RetryReason | undefined {
  const first = errors[0];
  if (status === 503 || first?.errorCode === 'SERVER_UNAVAILABLE') return 'server_unavailable';
  if (first?.errorCode === 'UNABLE_TO_LOCK_ROW') return 'lock';
  if (status === 403 && first?.errorCode === 'REQUEST_LIMIT_EXCEEDED' && isConcurrencyLimit(first.message)) return 'concurrency';
  // A gateway between us and the instance failed: the instance may have got a write.
  if ((status === 502 || status === 504) && idempotent) return 'gateway';
  return undefined;
}

/** Methods whose repetition cannot change the outcome, as far as the client is concerned. */
export function isIdempotentMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}
