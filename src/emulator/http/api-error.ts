// Request-level failures, as Salesforce reports them: an HTTP status and a JSON array
// `[{message, errorCode, fields?}]`. Thrown anywhere in a handler, turned into a response
// in exactly one place (dispatch.ts).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
    readonly extraBody?: unknown,
  ) {
    super(message);
  }

  toBody(): unknown {
    if (this.extraBody !== undefined) return this.extraBody;
    const item: Record<string, unknown> = { message: this.message, errorCode: this.errorCode };
    if (this.fields) item.fields = this.fields;
    return [item];
  }
}

export const ApiErrors = {
  notFound: () => new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist'),
  unknownObject: () => new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist'),
  invalidSession: () => new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'),
  limitExceeded: () => new ApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
  serverUnavailable: () =>
    new ApiError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.'),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new ApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`),
  jsonParser: (detail: string) => new ApiError(400, 'JSON_PARSER_ERROR', detail),
  unsupportedMediaType: (type: string) =>
    new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `MediaType of '${type}' is not supported by this resource`),
  bodyTooLarge: (max: number) =>
    new ApiError(413, 'REQUEST_ENTITY_TOO_LARGE', `The request body exceeds the maximum size of ${max} bytes`),
  invalidField: (message: string) => new ApiError(400, 'INVALID_FIELD', message),
  malformedId: (message: string, fields?: string[]) => new ApiError(400, 'MALFORMED_ID', message, fields),
  exceededIdLimit: () =>
    new ApiError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call'),
  invalidBatch: (message: string) => new ApiError(400, 'INVALID_BATCH_REQUEST', message),
  missingArgument: (message: string) => new ApiError(400, 'MISSING_ARGUMENT', message),
  invalidQueryLocator: () => new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator'),
  invalidRequest: (message: string) => new ApiError(400, 'INVALID_REQUEST', message),
  /** Bulk API 2.0: a job that cannot be created as asked, or that is not in a state for the call. */
  invalidJob: (message: string) => new ApiError(400, 'INVALIDJOB', message),
  /** Bulk API 2.0: a job definition property with a value its type does not have [obs]. */
  invalidJobProperty: (property: string, value: unknown) =>
    new ApiError(400, 'API_ERROR', `Invalid value: '${String(value ?? '')}' supplied for property: '${property}'`),
  /** Bulk API 2.0: a second upload to an ingest job; the wording (and its typo) is Salesforce's [obs]. */
  multipleUploads: (jobId: string) =>
    new ApiError(
      400,
      'BULK_API_ERROR',
      `Found multipe contents for job: <${jobId.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
    ),
  /** A hardDelete job for a user without the "Bulk API Hard Delete" permission (message [obs], code and status [unconfirmed]). */
  hardDeleteNotPermitted: () =>
    new ApiError(400, 'FEATURENOTENABLED', 'hardDelete operation requires special user profile permission, please contact your system administrator'),
  entityIsDeleted: () => new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted'),
  externalIdFieldMissing: (name: string) =>
    new ApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`),
};
