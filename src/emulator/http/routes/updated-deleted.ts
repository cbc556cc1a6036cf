// getUpdated and getDeleted (`/sobjects/{Type}/updated|deleted/?start=&end=`): ids changed or
// deleted in a window of the last 30 days, by SystemModstamp, truncated to the minute.
import type { ApiRequest, ApiResponse } from '../api-request.js';
import { json } from '../api-request.js';
import { ApiError } from '../api-error.js';
import type { Env } from '../env.js';
import type { SObjectDef } from '../../schema/types.js';
import { formatDateTime } from '../../store/clock.js';

const MAX_IDS = 600_000;
const WINDOW_DAYS = 30;
const MINUTE = 60_000;

export function changedWindow(req: ApiRequest, env: Env, object: SObjectDef, kind: 'updated' | 'deleted'): ApiResponse {
  const start = parseBound(req.query.get('start'), 'start');
  const end = parseBound(req.query.get('end'), 'end');
  if (start >= end) throw invalidWindow('start date must be before end date');
  const now = Date.now();
  if (start < now - WINDOW_DAYS * 24 * 3600_000) throw invalidWindow(`startDate cannot be more than ${WINDOW_DAYS} days ago`);
  const from = formatDateTime(Math.floor(start / MINUTE) * MINUTE);
  const to = formatDateTime(Math.floor(Math.min(end, now) / MINUTE) * MINUTE);
  const hits: Array<{ id: string; stamp: string }> = [];
  for (const r of req.txn.scan(object.name)) {
    const stamp = r.SystemModstamp as string;
    if (stamp < from || stamp >= to || Boolean(r.IsDeleted) !== (kind === 'deleted')) continue;
    hits.push({ id: r.Id as string, stamp });
    if (hits.length > MAX_IDS) throw new ApiError(400, 'EXCEEDED_ID_LIMIT', `too many ids: more than ${MAX_IDS} in the window`);
  }
  hits.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
  if (kind === 'updated') return json(200, { ids: hits.map((h) => h.id), latestDateCovered: to });
  return json(200, {
    deletedRecords: hits.map((h) => ({ id: h.id, deletedDate: h.stamp })),
    earliestDateAvailable: formatDateTime(now - WINDOW_DAYS * 24 * 3600_000),
    latestDateCovered: to,
  });
}

function parseBound(raw: string | null, name: string): number {
  if (!raw) throw new ApiError(400, 'MISSING_ARGUMENT', `${name} parameter is required`);
  const ms = Date.parse(raw.replace(' ', '+'));
  if (Number.isNaN(ms)) throw invalidWindow(`${name} is not a valid dateTime: ${raw}`);
  return ms;
}

function invalidWindow(message: string): ApiError {
  return new ApiError(400, 'INVALID_REPLICATION_DATE', message);
}
