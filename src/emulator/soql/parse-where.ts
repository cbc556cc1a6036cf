// Parses a WHERE condition: comparisons, LIKE, IN / NOT IN, AND, OR, NOT and parentheses.
// Like real SOQL, AND and OR may not be mixed at one level without parentheses.

import type { ComparisonOperator, ConditionAst, FieldPathAst, LiteralAst } from './ast.js';
import {
  FIXED_DATE_KEYWORDS,
  N_DATE_KEYWORDS,
  OTHER_SOQL_DATE_LITERAL,
  parseDateLiteral,
  parseDateTimeLiteral,
  type DateKeyword,
} from './date-literal.js';
import { malformedQuery, unsupportedFeature } from './errors.js';
import type { Token } from './lexer.js';
import type { TokenCursor } from './token-cursor.js';

/** Parentheses and NOTs deeper than this are refused rather than risking the call stack. */
const MAX_NESTING = 100;
/** `LAST_N_DAYS:n` beyond this is surely a mistake; keeps date arithmetic exact. */
const MAX_N_DAYS = 1_000_000;

const COMPARISON_OPERATORS: ReadonlyMap<string, ComparisonOperator> = new Map([
  ['=', '='],
  ['!=', '!='],
  ['<>', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
]);

export function parseCondition(cur: TokenCursor): ConditionAst {
  return parseJunction(cur, 0);
}

function parseJunction(cur: TokenCursor, depth: number): ConditionAst {
  const first = parseUnary(cur, depth);
  const kind = cur.isKeyword('AND') ? 'and' : cur.isKeyword('OR') ? 'or' : undefined;
  if (kind === undefined) return first;
  const word = kind.toUpperCase();
  const operands = [first];
  while (cur.acceptKeyword(word)) operands.push(parseUnary(cur, depth));
  const other = kind === 'and' ? 'OR' : 'AND';
  if (cur.isKeyword(other)) throw cur.unexpected(cur.peek());
  return { kind, operands };
}

function parseUnary(cur: TokenCursor, depth: number): ConditionAst {
  if (depth > MAX_NESTING) throw malformedQuery(cur.soql, cur.peek().pos, 'conditions are nested too deeply');
  if (cur.acceptKeyword('NOT')) return { kind: 'not', operand: parseUnary(cur, depth + 1) };
  if (cur.acceptPunct('(')) {
    if (cur.isKeyword('SELECT')) throw unsupportedFeature(cur.soql, cur.peek().pos, 'a subquery in WHERE');
    const inner = parseJunction(cur, depth + 1);
    cur.expectPunct(')');
    return inner;
  }
  return parseComparison(cur);
}

function parseComparison(cur: TokenCursor): ConditionAst {
  if (cur.peek().kind === 'ident' && cur.isPunct('(', 1)) {
    const name = cur.peek();
    throw unsupportedFeature(cur.soql, name.pos, `${name.text.toUpperCase()}() in WHERE`);
  }
  const path = cur.expectPath();
  const operator = cur.next();
  const comparison = operator.kind === 'punct' ? COMPARISON_OPERATORS.get(operator.text) : undefined;
  if (comparison) return { kind: 'compare', path, operator: comparison, operatorPos: operator.pos, value: parseLiteral(cur) };
  const word = operator.kind === 'ident' ? operator.text.toUpperCase() : '';
  if (word === 'LIKE') return { kind: 'like', path, operatorPos: operator.pos, pattern: parseLiteral(cur) };
  if (word === 'IN') return parseIn(cur, path, false);
  if (word === 'NOT' && cur.acceptKeyword('IN')) return parseIn(cur, path, true);
  if (word === 'INCLUDES' || word === 'EXCLUDES') throw unsupportedFeature(cur.soql, operator.pos, word);
  throw cur.unexpected(operator);
}

function parseIn(cur: TokenCursor, path: FieldPathAst, negated: boolean): ConditionAst {
  cur.expectPunct('(');
  if (cur.isKeyword('SELECT')) throw unsupportedFeature(cur.soql, cur.peek().pos, 'a semi-join (IN (SELECT ...))');
  const values = [parseLiteral(cur)];
  while (cur.acceptPunct(',')) values.push(parseLiteral(cur));
  cur.expectPunct(')');
  return { kind: 'in', path, negated, values };
}

export function parseLiteral(cur: TokenCursor): LiteralAst {
  const token = cur.next();
  const pos = token.pos;
  switch (token.kind) {
    case 'string':
      return { kind: 'string', token, pos };
    case 'number':
      return { kind: 'number', value: Number(token.text), pos };
    case 'date':
      return { kind: 'date', value: checkedDate(cur, token, parseDateLiteral(token.text)), pos };
    case 'datetime':
      return { kind: 'datetime', value: checkedDate(cur, token, parseDateTimeLiteral(token.text)), pos };
    case 'ident':
      return parseWordLiteral(cur, token);
    case 'punct':
      if (token.text === ':') throw unsupportedFeature(cur.soql, pos, 'a bind variable');
      throw cur.unexpected(token);
    case 'eof':
      throw cur.unexpected(token);
  }
}

function checkedDate(cur: TokenCursor, token: Token, value: string | undefined): string {
  if (value === undefined) throw malformedQuery(cur.soql, token.pos, `invalid date or dateTime literal: ${token.text}`);
  return value;
}

function parseWordLiteral(cur: TokenCursor, token: Token): LiteralAst {
  const word = token.text.toUpperCase();
  const pos = token.pos;
  if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', pos };
  if (word === 'NULL') return { kind: 'null', pos };
  if (FIXED_DATE_KEYWORDS.has(word)) return { kind: 'dateKeyword', keyword: word as DateKeyword, n: 0, pos };
  if (N_DATE_KEYWORDS.has(word)) return { kind: 'dateKeyword', keyword: word as DateKeyword, n: parseDayCount(cur), pos };
  if (OTHER_SOQL_DATE_LITERAL.test(word)) throw unsupportedFeature(cur.soql, pos, `the date literal ${word}`);
  throw cur.unexpected(token);
}

function parseDayCount(cur: TokenCursor): number {
  cur.expectPunct(':');
  const token = cur.next();
  const n = Number(token.text);
  if (token.kind !== 'number' || !/^\d+$/.test(token.text) || n > MAX_N_DAYS) throw cur.unexpected(token);
  return n;
}
