// Composite (`POST /composite`, notes §4.1): up to 25 subrequests in one request and one
// transaction when `allOrNone`, with `@{ref.path}` references between them. Subrequest
// failures stay in the response; only a refused Composite request as a whole throws.

export const MAX_SUBREQUESTS = 25;

export interface Subrequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Must start with `/services/data/vNN.N/`. */
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export interface CompositeRequest {
  allOrNone: boolean;
  /** Default false here (Salesforce's default is true): subrequests run in the order given. */
  collateSubrequests?: boolean;
  compositeRequest: Subrequest[];
}

export interface SubrequestResult {
  /** The subrequest's own answer: a result, a record, or an error array `[{errorCode, message, fields}]`. */
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export interface CompositeResponse {
  compositeResponse: SubrequestResult[];
}

export function compositeBody(request: CompositeRequest): CompositeRequest {
  const n = request.compositeRequest.length;
  if (n < 1 || n > MAX_SUBREQUESTS) throw new RangeError(`a Composite request takes 1 to ${MAX_SUBREQUESTS} subrequests, got ${n}`);
  return { allOrNone: request.allOrNone, collateSubrequests: request.collateSubrequests ?? false, compositeRequest: request.compositeRequest };
}
