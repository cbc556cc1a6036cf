// Parses the clauses of a SOQL query: SELECT, FROM, WHERE, ORDER BY, LIMIT, OFFSET.
// Clauses of real SOQL the emulator does not implement fail with a MALFORMED_QUERY that
// names them, so a caller learns at once that the emulator, not its query, is the limit.

import type { OrderItemAst, QueryAst, SelectItemAst } from './ast.js';
import { malformedQuery, unsupportedFeature } from './errors.js';
import { tokenize } from './lexer.js';
import { parseCondition } from './parse-where.js';
import { isReservedWord, TokenCursor } from './token-cursor.js';

/** Salesforce refuses OFFSET values above this. */
export const MAX_OFFSET = 2000;

const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** Clauses that may follow FROM but are not implemented, by their first keyword. */
const UNSUPPORTED_CLAUSES: ReadonlyMap<string, string> = new Map([
  ['USING', 'USING SCOPE'],
  ['WITH', 'WITH'],
  ['GROUP', 'GROUP BY'],
  ['HAVING', 'HAVING'],
  ['FOR', 'FOR VIEW / FOR REFERENCE / FOR UPDATE'],
  ['UPDATE', 'UPDATE TRACKING / UPDATE VIEWSTAT'],
  ['ALL', 'ALL ROWS'],
]);

/** Words that may directly follow the object name; anything else would be an alias. */
const AFTER_FROM = new Set(['WHERE', 'ORDER', 'LIMIT', 'OFFSET', ...UNSUPPORTED_CLAUSES.keys()]);

export function parseQuery(soql: string): QueryAst {
  const cur = new TokenCursor(soql, tokenize(soql));
  cur.expectKeyword('SELECT');
  const select = parseSelectList(cur);
  cur.expectKeyword('FROM');
  const from = parseFrom(cur);
  rejectUnsupportedClause(cur, ['USING']);
  const where = cur.acceptKeyword('WHERE') ? parseCondition(cur) : undefined;
  rejectUnsupportedClause(cur, ['WITH', 'GROUP', 'HAVING']);
  const orderBy = cur.acceptKeyword('ORDER') ? parseOrderBy(cur) : [];
  const limit = cur.acceptKeyword('LIMIT') ? parseCount(cur) : undefined;
  const offset = cur.acceptKeyword('OFFSET') ? parseOffset(cur) : undefined;
  rejectUnsupportedClause(cur, ['FOR', 'UPDATE', 'ALL']);
  if (cur.peek().kind !== 'eof') throw cur.unexpected(cur.peek());
  return { select, from, where, orderBy, limit, offset };
}

function parseSelectList(cur: TokenCursor): SelectItemAst[] {
  const items = [parseSelectItem(cur)];
  while (cur.acceptPunct(',')) items.push(parseSelectItem(cur));
  return items;
}

function parseSelectItem(cur: TokenCursor): SelectItemAst {
  const token = cur.peek();
  if (token.kind === 'punct' && token.text === '(') {
    throw unsupportedFeature(cur.soql, token.pos, 'a child relationship subquery');
  }
  if (cur.isKeyword('TYPEOF')) throw unsupportedFeature(cur.soql, token.pos, 'TYPEOF');
  if (token.kind === 'ident' && cur.isPunct('(', 1)) return parseFunction(cur);
  return { kind: 'field', path: cur.expectPath() };
}

function parseFunction(cur: TokenCursor): SelectItemAst {
  const name = cur.next();
  const upper = name.text.toUpperCase();
  cur.expectPunct('(');
  if (upper === 'COUNT' && cur.acceptPunct(')')) return { kind: 'count', pos: name.pos };
  if (AGGREGATE_FUNCTIONS.has(upper)) {
    throw unsupportedFeature(cur.soql, name.pos, `the aggregate function ${upper}(); only COUNT() is`);
  }
  throw unsupportedFeature(cur.soql, name.pos, `${upper}() in SELECT`);
}

function parseFrom(cur: TokenCursor): { name: string; pos: number } {
  const token = cur.next();
  if (token.kind !== 'ident' || token.text.includes('.') || isReservedWord(token.text)) throw cur.unexpected(token);
  if (cur.isPunct(',')) throw unsupportedFeature(cur.soql, cur.peek().pos, 'more than one object in FROM');
  const after = cur.peek();
  if (after.kind === 'ident' && !AFTER_FROM.has(after.text.toUpperCase())) {
    throw unsupportedFeature(cur.soql, after.pos, 'an object alias');
  }
  return { name: token.text, pos: token.pos };
}

function rejectUnsupportedClause(cur: TokenCursor, keywords: readonly string[]): void {
  for (const keyword of keywords) {
    const token = cur.peek();
    if (cur.isKeyword(keyword)) throw unsupportedFeature(cur.soql, token.pos, UNSUPPORTED_CLAUSES.get(keyword) ?? keyword);
  }
}

function parseOrderBy(cur: TokenCursor): OrderItemAst[] {
  cur.expectKeyword('BY');
  const items = [parseOrderItem(cur)];
  while (cur.acceptPunct(',')) items.push(parseOrderItem(cur));
  return items;
}

function parseOrderItem(cur: TokenCursor): OrderItemAst {
  const token = cur.peek();
  if (token.kind === 'ident' && cur.isPunct('(', 1)) {
    throw unsupportedFeature(cur.soql, token.pos, `${token.text.toUpperCase()}() in ORDER BY`);
  }
  const path = cur.expectPath();
  const descending = cur.acceptKeyword('DESC') !== undefined;
  if (!descending) cur.acceptKeyword('ASC');
  // Salesforce puts nulls first when ascending and last when descending, unless told.
  let nullsFirst = !descending;
  if (cur.acceptKeyword('NULLS')) {
    if (cur.acceptKeyword('FIRST')) nullsFirst = true;
    else if (cur.expectKeyword('LAST')) nullsFirst = false;
  }
  return { path, descending, nullsFirst };
}

/** A non-negative integer, as LIMIT and OFFSET take. */
function parseCount(cur: TokenCursor): number {
  const token = cur.next();
  const value = Number(token.text);
  if (token.kind !== 'number' || !/^\d+$/.test(token.text) || !Number.isSafeInteger(value)) throw cur.unexpected(token);
  return value;
}

function parseOffset(cur: TokenCursor): number {
  const pos = cur.peek().pos;
  const offset = parseCount(cur);
  if (offset > MAX_OFFSET) throw malformedQuery(cur.soql, pos, `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  return offset;
}
