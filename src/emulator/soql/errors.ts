// The errors a SOQL query can cause, worded and positioned the way Salesforce words them:
// a line of the query, a caret under the offending column, `ERROR at Row:R:Column:C`, then
// the reason. Every failure of the SOQL engine is one of these; the HTTP layer turns it into
// a 400 `[{"message", "errorCode"}]` response.

export const MALFORMED_QUERY = 'MALFORMED_QUERY';
export const INVALID_FIELD = 'INVALID_FIELD';
export const INVALID_TYPE = 'INVALID_TYPE';

export type SoqlErrorCode = typeof MALFORMED_QUERY | typeof INVALID_FIELD | typeof INVALID_TYPE;

export class SoqlError extends Error {
  override readonly name = 'SoqlError';

  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Long query lines are cut to a window around the error so messages stay readable. */
const EXCERPT_WIDTH = 120;
const EXCERPT_LEAD = 60;
/** Tokens quoted in a reason are cut too: a 100 kB string literal is not a useful message. */
const TOKEN_QUOTE_MAX = 80;

const CUSTOM_FIELD_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";
const CUSTOM_OBJECT_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

/** `\n<line>\n<caret>\nERROR at Row:R:Column:C\n<reason>` for a 0-based offset into the query. */
export function positionedMessage(soql: string, offset: number, reason: string): string {
  const at = Math.max(0, Math.min(offset, soql.length));
  const lineStart = at === 0 ? 0 : soql.lastIndexOf('\n', at - 1) + 1;
  const newline = soql.indexOf('\n', at);
  const line = soql.slice(lineStart, newline < 0 ? soql.length : newline).replace(/\r$/, '');
  const row = countNewlines(soql, lineStart) + 1;
  const column = at - lineStart + 1;
  const start =
    line.length <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(column - 1 - EXCERPT_LEAD, line.length - EXCERPT_WIDTH));
  // Tabs would shift the caret away from its column, so they are shown as spaces.
  const excerpt = line.slice(start, start + EXCERPT_WIDTH).replace(/\t/g, ' ');
  const caret = ' '.repeat(column - 1 - start) + '^';
  return `\n${excerpt}\n${caret}\nERROR at Row:${row}:Column:${column}\n${reason}`;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function malformedQuery(soql: string, offset: number, reason: string): SoqlError {
  return new SoqlError(MALFORMED_QUERY, positionedMessage(soql, offset, reason));
}

export function unexpectedToken(soql: string, offset: number, tokenText: string): SoqlError {
  return malformedQuery(soql, offset, `unexpected token: ${quoteToken(tokenText)}`);
}

/** A feature of real SOQL that the emulator deliberately does not implement. */
export function unsupportedFeature(soql: string, offset: number, feature: string): SoqlError {
  return malformedQuery(soql, offset, `${feature} is not supported by the pgforce emulator`);
}

export function noSuchColumn(soql: string, offset: number, column: string, entity: string): SoqlError {
  const reason = `No such column '${quoteToken(column)}' on entity '${entity}'. ${CUSTOM_FIELD_HINT}`;
  return new SoqlError(INVALID_FIELD, positionedMessage(soql, offset, reason));
}

/** Long and rich text areas cannot appear in WHERE (Salesforce: not filterable). */
export function notFilterable(soql: string, offset: number, field: string): SoqlError {
  return new SoqlError(INVALID_FIELD, positionedMessage(soql, offset, `field '${field}' can not be filtered in query call`));
}

export function unknownRelationship(soql: string, offset: number, relationship: string): SoqlError {
  const reason = `Didn't understand relationship '${quoteToken(relationship)}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`;
  return new SoqlError(INVALID_FIELD, positionedMessage(soql, offset, reason));
}

export function unsupportedObject(soql: string, offset: number, name: string): SoqlError {
  const reason = `sObject type '${quoteToken(name)}' is not supported. ${CUSTOM_OBJECT_HINT}`;
  return new SoqlError(INVALID_TYPE, positionedMessage(soql, offset, reason));
}

function quoteToken(text: string): string {
  return text.length <= TOKEN_QUOTE_MAX ? text : `${text.slice(0, TOKEN_QUOTE_MAX)}...`;
}
