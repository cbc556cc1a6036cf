// One authenticated REST call on the instance, with everything every call needs: the lazy
// login, exactly one new login and repeat on a 401, retries of retryable failures, API usage
// from Sforce-Limit-Info, and Salesforce's error arrays turned into typed errors.
import type { Logger } from '../log.js';
import type { Authenticator, Session } from './auth.js';
import {
  errorItemsOf,
  SalesforceAuthError,
  SalesforceError,
  SalesforceOutcomeUnknownError,
  SalesforceRequestLimitError,
  SalesforceUnavailableError,
  type ApiErrorItem,
  type SalesforceErrorInit,
} from './errors.js';
import { parseLimitInfo, type ApiUsage } from './limits.js';
import { isIdempotentMethod, retryReasonOf } from './retry.js';
import { retrying, type Attempt, type RetryPolicy } from './retry-loop.js';
import { reportUnknownCode } from './sqlstate.js';
import { pathOnly, TransportError, type HttpResponse, type HttpTransport } from './transport.js';

/** Names pgforce as the client, so change events can tell its own writes (notes §5.6 changeOrigin). */
const CALL_OPTIONS = 'client=pgforce';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute path on the instance (`/services/data/v62.0/…`), query string included. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of `body` (Bulk API ingest data). */
  raw?: { contentType: string; data: string };
  headers?: Record<string, string>;
  /** Safe to send twice even though the method is not GET (e.g. creating a query job). */
  idempotent?: boolean;
}

export interface RestDeps {
  transport: HttpTransport;
  auth: Authenticator;
  policy: RetryPolicy;
  logger: Logger;
  timeoutMs: number;
  onApiUsage: (usage: ApiUsage) => void;
}

export class RestCaller {
  constructor(private readonly deps: RestDeps) {}

  /** The answer of a successful (2xx) call; every failure is thrown as a SalesforceError. */
  async call(req: RestRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? isIdempotentMethod(req.method);
    const what = `${req.method} ${pathOnly(req.path)}`;
    const payload = req.raw ? req.raw.data : req.body === undefined ? undefined : JSON.stringify(req.body);
    const headers: Record<string, string> = { accept: 'application/json', 'sforce-call-options': CALL_OPTIONS, ...req.headers };
    if (payload !== undefined) headers['content-type'] = req.raw ? req.raw.contentType : 'application/json';
    let renewed = false;
    return retrying(this.deps.policy, what, async (): Promise<Attempt<HttpResponse>> => {
      const session = await this.deps.auth.session();
      let res: HttpResponse;
      try {
        res = await this.deps.transport.request({
          origin: session.origin,
          method: req.method,
          path: req.path,
          headers: { ...headers, authorization: `Bearer ${session.accessToken}` },
          body: payload,
          timeoutMs: this.deps.timeoutMs,
        });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        return connectionFailure(error, idempotent, what);
      }
      const usage = parseLimitInfo(res.headers['sforce-limit-info']);
      if (usage) this.deps.onApiUsage(usage);
      if (res.status >= 200 && res.status < 300) return { value: res };
      return this.failure(res, session, idempotent, what, () => {
        if (renewed) return false;
        renewed = true;
        return true;
      });
    });
  }

  /** `call`, with the answer's JSON body (undefined for an empty body). */
  async json<T>(req: RestRequest): Promise<T> {
    const res = await this.call(req);
    return (res.body.length === 0 ? undefined : JSON.parse(res.body.toString('utf8'))) as T;
  }

  private async failure(
    res: HttpResponse,
    session: Session,
    idempotent: boolean,
    request: string,
    mayRenew: () => boolean,
  ): Promise<Attempt<HttpResponse>> {
    const body = parseBody(res);
    const errors = errorItemsOf(res.status, body);
    const first = errors[0]!;
    const init: SalesforceErrorInit = { status: res.status, errorCode: first.errorCode, message: first.message, fields: first.fields, errors, body, request };
    if (res.status === 401) {
      if (mayRenew()) {
        await this.deps.auth.renew(session);
        return { again: true };
      }
      throw new SalesforceAuthError({ ...init, error: first.errorCode, errorDescription: first.message });
    }
    reportUnknownCode(this.deps.logger, first.errorCode, body);
    const reason = retryReasonOf(res.status, errors, idempotent);
    const error = errorFor(init, errors, idempotent);
    if (reason) return { retry: reason, error };
    throw error;
  }
}

function errorFor(init: SalesforceErrorInit, errors: ApiErrorItem[], idempotent: boolean): SalesforceError {
  const code = errors[0]!.errorCode;
  if (init.status === 503 || code === 'SERVER_UNAVAILABLE') return new SalesforceUnavailableError(init);
  if (code === 'REQUEST_LIMIT_EXCEEDED') return new SalesforceRequestLimitError(init);
  if (init.status === 502 || init.status === 504) {
    return idempotent ? new SalesforceUnavailableError(init) : new SalesforceOutcomeUnknownError(init);
  }
  return new SalesforceError(init);
}

function connectionFailure(error: TransportError, idempotent: boolean, request: string): Attempt<HttpResponse> {
  const init: SalesforceErrorInit = { errorCode: error.code, message: error.message, request, cause: error };
  if (error.sent && !idempotent) {
    // The write may have been applied: sending it again could apply it twice.
    throw new SalesforceOutcomeUnknownError(init);
  }
  return { retry: `connection ${error.code}`, error: new SalesforceUnavailableError(init) };
}

function parseBody(res: HttpResponse): unknown {
  const text = res.body.toString('utf8');
  if (text === '') return undefined;
  if (!String(res.headers['content-type'] ?? '').includes('json') && !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
