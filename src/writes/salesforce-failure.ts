// A Salesforce call that failed as a whole (no per-record verdict) as the client's error:
// unavailable, over its limits, credentials refused, outcome unknown, or a request-level fault.
import {
  SalesforceAuthError, SalesforceError, SalesforceOutcomeUnknownError, SalesforceRequestLimitError, SalesforceUnavailableError,
} from '../salesforce/index.js';
import { PgError } from '../wire/index.js';
import { statementCompletionUnknown } from './errors.js';
import type { WritePlan } from './plan.js';

/** `aftermath`: what the failure left in Salesforce, the DETAIL's last sentence. */
export function salesforceFailure(error: SalesforceError, plan: WritePlan, aftermath = 'Nothing was written.'): PgError {
  const where = { schema: plan.schema, table: plan.table.table };
  if (error instanceof SalesforceOutcomeUnknownError) return statementCompletionUnknown(`${error.message}.`, { schema: plan.schema, table: plan.table });
  if (error instanceof SalesforceUnavailableError) {
    return new PgError({
      code: error.sqlstate,
      message: 'Salesforce is unavailable',
      detail: `${error.message}. ${aftermath}`,
      hint: 'Try again later; reads from the mirror keep working.',
      ...where,
    });
  }
  if (error instanceof SalesforceRequestLimitError) {
    return new PgError({
      code: error.sqlstate,
      message: error.daily ? "Salesforce API request limit reached: the org's daily allocation is used up" : 'Salesforce is refusing more concurrent requests',
      detail: `${error.message}. ${aftermath}`,
      hint: error.daily ? 'The allocation frees up over the next 24 hours.' : 'Try again in a moment.',
      constraint: error.errorCode,
      ...where,
    });
  }
  if (error instanceof SalesforceAuthError) {
    return new PgError({
      code: error.sqlstate,
      message: 'pgforce could not log in to Salesforce',
      detail: `${error.errorDescription}. ${aftermath}`,
      hint: "Check pgforce's Salesforce credentials.",
      ...where,
    });
  }
  return new PgError({
    code: error.sqlstate,
    message: `salesforce error: ${error.errorCode}`,
    detail: `${error.message}. ${aftermath}`,
    constraint: error.errorCode,
    ...where,
  });
}
