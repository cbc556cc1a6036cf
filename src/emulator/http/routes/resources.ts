// The unauthenticated versions list, the per-version resource map, and `/limits`.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import type { Env } from '../env.js';

/** API versions served: Summer '14 (v31.0, the oldest Salesforce still serves) to Summer '26 (v67.0). */
export const API_VERSIONS = Array.from({ length: 37 }, (_, i) => 31 + i);
const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

export function versionsList(): unknown[] {
  return API_VERSIONS.map((v) => {
    // v50.0 was Winter '21; three releases a year, each named for the year after Winter starts.
    const n = v - 50;
    const season = SEASONS[((n % 3) + 3) % 3]!;
    const year = 21 + Math.floor(n / 3);
    return { label: `${season} '${year}`, url: `/services/data/v${v}.0`, version: `${v}.0` };
  });
}

export function isSupportedVersion(version: string): boolean {
  const m = /^(\d+)\.0$/.exec(version);
  return m !== null && API_VERSIONS.includes(Number(m[1]));
}

export function resourceMap(req: ApiRequest): ApiResponse {
  const base = `/services/data/v${req.version}`;
  const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits'];
  return json(200, Object.fromEntries(names.map((n) => [n, `${base}/${n}`])));
}

export function limits(_req: ApiRequest, env: Env): ApiResponse {
  const { max, used } = env.usage;
  return json(200, {
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    DataStorageMB: { Max: 5, Remaining: 5 },
    ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
  });
}
