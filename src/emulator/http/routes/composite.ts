// Composite (`POST /composite`): up to 25 subrequests in one call and one API request,
// `@{ref.path}` references, allOrNone (one transaction; the others PROCESSING_HALTED) and
// collateSubrequests (accepted; subrequests always run in order here) — notes §4.1.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { ApiError, ApiErrors } from '../api-error.js';
import type { Env } from '../env.js';
import { resolveReferences, UnresolvedReference } from './composite-references.js';

const MAX_SUBREQUESTS = 25;
const MAX_COLLECTION_OR_QUERY = 5;
const REFERENCE_ID = /^[A-Za-z0-9][A-Za-z0-9_]*$/;
const DATA_URL = /^\/services\/data\/v(\d+\.\d)(\/[^?]*)?(?:\?(.*))?$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const FORBIDDEN_HEADERS = new Set(['accept', 'authorization', 'content-type']);
const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

export type Dispatch = (req: ApiRequest) => ApiResponse;

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export function handleComposite(req: ApiRequest, _env: Env, dispatch: Dispatch): ApiResponse {
  if (req.method !== 'POST') throw ApiErrors.methodNotAllowed(req.method, ['POST']);
  const { allOrNone, subrequests } = readComposite(req.body);
  const outer = req.txn.child();
  const results: SubResult[] = [];
  const byRef = new Map<string, SubResult>();
  let failedAt = -1;
  for (const [i, sub] of subrequests.entries()) {
    const result = runSubrequest(req, sub, byRef, allOrNone ? outer : outer.child(), allOrNone, dispatch);
    results.push(result.result);
    byRef.set(sub.referenceId, result.result);
    if (!result.ok && allOrNone) {
      failedAt = i;
      break;
    }
  }
  if (failedAt >= 0) {
    // Rolled back: the failing subrequest keeps its error, every other one is halted.
    const halted = subrequests.map((sub, i) => (i === failedAt ? results[i]! : haltedResult(sub.referenceId, HALTED)));
    return { status: 200, body: { compositeResponse: halted } };
  }
  outer.commit();
  return { status: 200, body: { compositeResponse: results } };
}

function runSubrequest(
  req: ApiRequest,
  sub: Subrequest,
  byRef: Map<string, SubResult>,
  txn: ApiRequest['txn'],
  allOrNone: boolean,
  dispatch: Dispatch,
): { ok: boolean; result: SubResult } {
  let url: string;
  let body: unknown;
  try {
    url = resolveReferences(sub.url, byRef, true) as string;
    body = sub.body === undefined ? undefined : resolveReferences(sub.body, byRef, false);
  } catch (error) {
    if (!(error instanceof UnresolvedReference)) throw error;
    return { ok: false, result: haltedResult(sub.referenceId, error.message) };
  }
  const m = DATA_URL.exec(url)!;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = v;
  const subReq: ApiRequest = {
    method: sub.method,
    segments: (m[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent),
    version: m[1]!,
    query: new URLSearchParams(m[3] ?? ''),
    headers,
    body,
    userId: req.userId,
    txn,
    forceAllOrNone: allOrNone,
  };
  let response: ApiResponse;
  try {
    response = dispatch(subReq);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    response = { status: error.status, body: error.toBody() };
  }
  const ok = response.status < 400 && !(allOrNone && response.hasRecordFailures);
  if (ok && !allOrNone) txn.commit();
  return {
    ok,
    result: { body: response.body ?? null, httpHeaders: response.headers ?? {}, httpStatusCode: response.status, referenceId: sub.referenceId },
  };
}

function haltedResult(referenceId: string, message: string): SubResult {
  return { body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId };
}

/** Checks the whole request before anything runs: a bad composite request fails as a whole. */
function readComposite(body: unknown): { allOrNone: boolean; subrequests: Subrequest[] } {
  const b = body as { allOrNone?: unknown; compositeRequest?: unknown } | null;
  if (!b || typeof b !== 'object' || !Array.isArray(b.compositeRequest)) {
    throw ApiErrors.jsonParser('Cannot deserialize the request: expected {"compositeRequest": [...]}');
  }
  const subs = b.compositeRequest as unknown[];
  if (subs.length === 0) throw ApiErrors.invalidBatch('The composite request must contain at least one subrequest');
  if (subs.length > MAX_SUBREQUESTS) throw ApiErrors.invalidBatch(`A composite request can contain at most ${MAX_SUBREQUESTS} subrequests`);
  const refs = new Set<string>();
  let heavy = 0;
  const subrequests = subs.map((raw, i) => {
    const s = raw as Partial<Subrequest> | null;
    if (!s || typeof s !== 'object') throw ApiErrors.jsonParser(`compositeRequest[${i}] is not an object`);
    if (typeof s.method !== 'string' || !METHODS.has(s.method)) throw ApiErrors.invalidRequest(`compositeRequest[${i}]: invalid method ${String(s.method)}`);
    if (typeof s.url !== 'string' || !DATA_URL.test(s.url)) throw ApiErrors.invalidRequest(`compositeRequest[${i}]: the url must start with /services/data/vXX.X/`);
    if (typeof s.referenceId !== 'string' || !REFERENCE_ID.test(s.referenceId)) throw ApiErrors.invalidRequest(`compositeRequest[${i}]: invalid referenceId ${String(s.referenceId)}`);
    if (refs.has(s.referenceId)) throw ApiErrors.invalidRequest(`Duplicate referenceId provided in the request: ${s.referenceId}`);
    refs.add(s.referenceId);
    for (const h of Object.keys(s.httpHeaders ?? {})) {
      if (FORBIDDEN_HEADERS.has(h.toLowerCase())) throw ApiErrors.invalidRequest(`compositeRequest[${i}]: the header ${h} is not allowed in a subrequest`);
    }
    if (/\/(composite\/sobjects|query|queryAll)(\/|\?|$)/.test(s.url)) heavy++;
    return s as Subrequest;
  });
  if (heavy > MAX_COLLECTION_OR_QUERY) {
    throw ApiErrors.invalidBatch(`A composite request can contain at most ${MAX_COLLECTION_OR_QUERY} sObject Collections or query subrequests`);
  }
  return { allOrNone: b.allOrNone === true, subrequests };
}
