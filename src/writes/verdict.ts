// What Salesforce answered to a statement's Composite request: the ids written and the
// records read back, or the rejection of the first failing record. With allOrNone, the
// failing record carries its real error and the others ALL_OR_NONE_OPERATION_ROLLED_BACK
// (or the subrequests PROCESSING_HALTED): those say nothing about the cause and are skipped.
import { errorItemsOf, saveResultsOf, type CompositeResponse, type RecordError, type RecordInput, type SubrequestResult } from '../salesforce/index.js';
import type { SfRow } from '../sync/apply-rows.js';
import type { PgError } from '../wire/index.js';
import type { WritePlan } from './plan.js';
import { rejectionError } from './rejection.js';
import type { WriteRequest } from './salesforce-request.js';

/** Codes that only say another record or subrequest failed. */
export const NOT_THE_CAUSE = new Set(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'PROCESSING_HALTED']);

export type Verdict = { accepted: true; ids: string[]; readback: SfRow[] | undefined } | { accepted: false; error: PgError };

export function verdictOf(response: CompositeResponse, request: WriteRequest, plan: WritePlan, records: RecordInput[], ids: string[]): Verdict {
  const byRef = new Map(response.compositeResponse.map((r) => [r.referenceId, r]));
  const total = plan.operation === 'delete' ? ids.length : records.length;
  const reject = (index: number | undefined, error: RecordError): Verdict => ({
    accepted: false,
    error: rejectionError({ plan, record: index === undefined ? undefined : recordAt(plan, records, ids, index), index, total, error }),
  });
  const written: string[] = [];
  let halted: RecordError | undefined;
  for (const chunk of request.chunks) {
    const sub = byRef.get(chunk.referenceId);
    if (sub === undefined) return reject(undefined, { statusCode: 'UNKNOWN_EXCEPTION', message: `no answer for ${chunk.referenceId}`, fields: [] });
    if (sub.httpStatusCode >= 400) {
      const failure = requestFailure(sub);
      if (!NOT_THE_CAUSE.has(failure.statusCode)) return reject(undefined, failure);
      halted ??= failure;
      continue;
    }
    const results = saveResultsOf(sub.body);
    const failing = results.findIndex((r) => !r.success && r.errors.some((e) => !NOT_THE_CAUSE.has(e.statusCode)));
    if (failing >= 0) return reject(chunk.first + failing, results[failing]!.errors.find((e) => !NOT_THE_CAUSE.has(e.statusCode))!);
    const anyFailed = results.findIndex((r) => !r.success);
    if (anyFailed >= 0) {
      halted ??= results[anyFailed]!.errors[0] ?? { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back', fields: [] };
      continue;
    }
    results.forEach((r, i) => written.push(r.id ?? ids[chunk.first + i]!));
  }
  let readback: SfRow[] | undefined;
  if (request.readback !== undefined) {
    const sub = byRef.get(request.readback);
    if (sub !== undefined && sub.httpStatusCode >= 400) {
      const failure = requestFailure(sub);
      if (!NOT_THE_CAUSE.has(failure.statusCode)) return reject(undefined, failure);
    } else if (sub !== undefined) readback = (sub.body as { records?: SfRow[] }).records ?? [];
  }
  if (halted !== undefined) return reject(undefined, halted);
  return { accepted: true, ids: plan.operation === 'insert' ? written : ids, readback };
}

export function requestFailure(sub: SubrequestResult): RecordError {
  const item = errorItemsOf(sub.httpStatusCode, sub.body)[0]!;
  return { statusCode: item.errorCode, message: item.message, fields: item.fields ?? [] };
}

function recordAt(plan: WritePlan, records: RecordInput[], ids: string[], index: number): RecordInput | undefined {
  return plan.operation === 'delete' ? { Id: ids[index] } : records[index];
}
