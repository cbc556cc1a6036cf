// The shape every REST handler works on, whether the call came over HTTP or as a
// Composite subrequest. Handlers are synchronous so that a transaction is never interleaved.
import type { Transaction } from '../store/transaction.js';

export interface ApiRequest {
  method: string;
  /** Path segments after `/services/data/vNN.N/`, URL-decoded. */
  segments: string[];
  /** `62.0` */
  version: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** The raw body when it was sent as `text/csv` (then `body` is undefined). */
  csv?: Buffer;
  userId: string;
  /** Where this request's writes go; committed by the caller when the status is < 400. */
  txn: Transaction;
  /** Set for Composite subrequests with the outer allOrNone: inner collections act all-or-none. */
  forceAllOrNone: boolean;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  /** A body sent as is instead of JSON (Bulk API CSV results); `headers` carry its Content-Type. */
  raw?: Buffer;
  headers?: Record<string, string>;
  /** Set by handlers whose 2xx answer still holds failed records (collections). */
  hasRecordFailures?: boolean;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ApiResponse =>
  headers ? { status, body, headers } : { status, body };
