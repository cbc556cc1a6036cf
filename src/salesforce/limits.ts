// The org's API consumption: `Sforce-Limit-Info: api-usage=USED/MAX` on every REST answer
// (notes §8.1), and the `/limits` resource.

export interface ApiUsage {
  /** Requests counted in the rolling 24 hours. */
  used: number;
  /** The daily allocation. */
  max: number;
}

/** One entry of `/limits`; some carry per-app sub-entries, which are kept as they came. */
export interface LimitEntry {
  Max: number;
  Remaining: number;
  [subEntry: string]: unknown;
}

const API_USAGE = /api-usage=(\d+)\/(\d+)/;

export function parseLimitInfo(header: string | string[] | undefined): ApiUsage | undefined {
  if (header === undefined) return undefined;
  const m = API_USAGE.exec(Array.isArray(header) ? header.join(';') : header);
  return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}
