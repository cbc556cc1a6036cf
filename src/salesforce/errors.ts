// The failures the client reports. Top-level Salesforce error arrays become one
// SalesforceError; the subclasses mark what callers must treat differently: the outcome is
// unknown (never retried), Salesforce is unavailable, the daily allocation is spent, or the
// credentials are refused. Per-record errors stay inside SaveResults.
import { sqlstateFor, SQLSTATE } from './sqlstate.js';

/** One item of Salesforce's top-level error array. */
export interface ApiErrorItem {
  errorCode: string;
  message: string;
  fields?: string[];
}

export type SalesforceErrorKind = 'rejected' | 'auth' | 'unavailable' | 'request_limit' | 'outcome_unknown';

export interface SalesforceErrorInit {
  /** HTTP status, when an HTTP answer arrived. */
  status?: number;
  errorCode: string;
  message: string;
  fields?: string[];
  /** Every item of the error array (the first one gives errorCode, message and fields). */
  errors?: ApiErrorItem[];
  /** The answer's body as received (parsed JSON, or text when it was not JSON). */
  body?: unknown;
  /** `METHOD /path` of the request, without its query string. */
  request?: string;
  cause?: unknown;
}

export class SalesforceError extends Error {
  readonly kind: SalesforceErrorKind = 'rejected';
  readonly status: number | undefined;
  readonly errorCode: string;
  readonly fields: string[];
  readonly errors: ApiErrorItem[];
  readonly body: unknown;
  readonly request: string | undefined;

  constructor(init: SalesforceErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SalesforceError';
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.fields = init.fields ?? [];
    this.errors = init.errors ?? [{ errorCode: init.errorCode, message: init.message, fields: this.fields }];
    this.body = init.body;
    this.request = init.request;
  }

  /** The SQLSTATE a Postgres client should see for this failure (docs/errors.md). */
  get sqlstate(): string {
    return sqlstateFor(this.errorCode);
  }
}

/** OAuth refused the credentials, or a REST call was refused again right after re-authenticating. */
export class SalesforceAuthError extends SalesforceError {
  override readonly kind = 'auth';
  /** OAuth `error` (e.g. `invalid_grant`), or `INVALID_SESSION_ID` for a REST 401. */
  readonly error: string;
  /** OAuth `error_description` (e.g. `authentication failure`), or the REST message. */
  readonly errorDescription: string;

  constructor(init: SalesforceErrorInit & { error: string; errorDescription: string }) {
    super(init);
    this.name = 'SalesforceAuthError';
    this.error = init.error;
    this.errorDescription = init.errorDescription;
  }

  override get sqlstate(): string {
    return SQLSTATE.invalid_authorization_specification;
  }
}

/** 503 / SERVER_UNAVAILABLE, or no connection, after every retry. */
export class SalesforceUnavailableError extends SalesforceError {
  override readonly kind = 'unavailable';

  constructor(init: SalesforceErrorInit) {
    super(init);
    this.name = 'SalesforceUnavailableError';
  }

  override get sqlstate(): string {
    // An HTTP 503 is Salesforce saying "not now"; no HTTP answer at all is a connection failure.
    return this.status === undefined ? SQLSTATE.sqlclient_unable_to_establish_sqlconnection : SQLSTATE.cannot_connect_now;
  }
}

/** 403 REQUEST_LIMIT_EXCEEDED: the daily allocation (never retried) or, after retries, the concurrency limit. */
export class SalesforceRequestLimitError extends SalesforceError {
  override readonly kind = 'request_limit';

  constructor(init: SalesforceErrorInit) {
    super(init);
    this.name = 'SalesforceRequestLimitError';
  }

  /** True for the daily allocation (`TotalRequests`), false for concurrent long requests. */
  get daily(): boolean {
    return !isConcurrencyLimit(this.message);
  }

  override get sqlstate(): string {
    return this.daily ? SQLSTATE.configuration_limit_exceeded : SQLSTATE.too_many_connections;
  }
}

/**
 * A write (POST/PATCH/PUT/DELETE) whose connection failed after the request was sent, or that
 * timed out: Salesforce may or may not have applied it. Never retried.
 */
export class SalesforceOutcomeUnknownError extends SalesforceError {
  override readonly kind = 'outcome_unknown';

  constructor(init: SalesforceErrorInit) {
    super(init);
    this.name = 'SalesforceOutcomeUnknownError';
  }

  override get sqlstate(): string {
    return SQLSTATE.statement_completion_unknown;
  }
}

export function isConcurrencyLimit(message: string): boolean {
  return message.includes('ConcurrentPerOrgLongTxn');
}

/** The error items of a Salesforce error body; a non-JSON or unexpected body gives `ERROR_HTTP_<status>`. */
export function errorItemsOf(status: number, body: unknown): ApiErrorItem[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
  const items: ApiErrorItem[] = [];
  for (const raw of list) {
    if (!raw || typeof raw !== 'object') continue;
    const e = raw as Record<string, unknown>;
    const code = e.errorCode ?? e.statusCode;
    if (typeof code !== 'string') continue;
    const item: ApiErrorItem = { errorCode: code, message: typeof e.message === 'string' ? e.message : code };
    if (Array.isArray(e.fields)) item.fields = e.fields.map(String);
    items.push(item);
  }
  if (items.length) return items;
  const text = typeof body === 'string' ? body.trim().slice(0, 500) : body === undefined || body === null ? '' : JSON.stringify(body).slice(0, 500);
  return [{ errorCode: `ERROR_HTTP_${status}`, message: text || `HTTP ${status}` }];
}
