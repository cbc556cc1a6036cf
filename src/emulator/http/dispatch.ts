// Routes one REST call under `/services/data/vNN.N/` to its handler and turns a thrown
// ApiError into Salesforce's error response. Used for HTTP requests and Composite
// subrequests alike.
import type { ApiRequest, ApiResponse } from './api-request.js';
import { ApiError, ApiErrors } from './api-error.js';
import type { Env } from './env.js';
import { handleSObjects, only } from './routes/sobjects.js';
import { handleCollections } from './routes/collections.js';
import { handleComposite } from './routes/composite.js';
import { handleQuery } from './routes/query.js';
import { handleQueryJobs } from './routes/bulk-query.js';
import { handleIngestJobs } from './routes/bulk-ingest.js';
import { limits, resourceMap } from './routes/resources.js';

export function dispatchData(req: ApiRequest, env: Env): ApiResponse {
  try {
    return route(req, env);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.toBody() };
    throw error;
  }
}

function route(req: ApiRequest, env: Env): ApiResponse {
  const [first, second] = req.segments;
  const ingest = first === 'jobs' && second === 'ingest';
  // Only Bulk API ingest job data is sent as CSV.
  if (req.csv !== undefined && req.csv.length > 0 && !ingest) throw ApiErrors.unsupportedMediaType('text/csv');
  switch (first) {
    case undefined:
      return only(req, ['GET'], () => resourceMap(req));
    case 'sobjects':
      return handleSObjects(req, env);
    case 'composite':
      if (second === 'sobjects') return handleCollections(req, env);
      if (second === undefined) return handleComposite(req, env, (sub) => dispatchData(sub, env));
      throw ApiErrors.notFound();
    case 'query':
    case 'queryAll':
      return handleQuery(req, env);
    case 'jobs':
      if (second === 'query') return handleQueryJobs(req, env);
      if (ingest) return handleIngestJobs(req, env);
      throw ApiErrors.notFound();
    case 'limits':
      return only(req, ['GET'], () => limits(req, env));
    default:
      throw ApiErrors.notFound();
  }
}
