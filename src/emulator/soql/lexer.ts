// Splits a SOQL string into tokens. Runs once per query, before parsing. Every pattern is a
// sticky regular expression without nested quantifiers, so lexing stays linear in the input.

import { malformedQuery } from './errors.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token exactly as written; for strings including the quotes. */
  readonly text: string;
  /** 0-based offset into the query, for error carets. */
  readonly pos: number;
}

export const EOF_TEXT = '<EOF>';

const WHITESPACE = /\s+/y;
// Field paths (`Account.Owner.Name`) are one token; the parser splits them at the dots.
const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)/y;
const PUNCT = /<=|>=|<>|!=|[=<>(),:]/y;

const MATCHERS: ReadonlyArray<readonly [TokenKind, RegExp]> = [
  ['datetime', DATETIME],
  ['date', DATE],
  ['number', NUMBER],
  ['ident', IDENT],
  ['punct', PUNCT],
];

const QUOTE = "'";
const BACKSLASH = '\\';

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let pos = skipWhitespace(soql, 0);
  while (pos < soql.length) {
    const token = soql[pos] === QUOTE ? readString(soql, pos) : readToken(soql, pos);
    tokens.push(token);
    pos = skipWhitespace(soql, pos + token.text.length);
  }
  tokens.push({ kind: 'eof', text: EOF_TEXT, pos: soql.length });
  return tokens;
}

function skipWhitespace(soql: string, pos: number): number {
  WHITESPACE.lastIndex = pos;
  return WHITESPACE.test(soql) ? WHITESPACE.lastIndex : pos;
}

function readToken(soql: string, pos: number): Token {
  for (const [kind, pattern] of MATCHERS) {
    pattern.lastIndex = pos;
    const match = pattern.exec(soql);
    if (match) return { kind, text: match[0], pos };
  }
  const character = String.fromCodePoint(soql.codePointAt(pos) ?? 0);
  throw malformedQuery(soql, pos, `no viable alternative at character '${character}'`);
}

/** A single-quoted literal; escapes are checked and decoded later, by what uses the value. */
function readString(soql: string, start: number): Token {
  let i = start + 1;
  while (i < soql.length) {
    const c = soql[i];
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return { kind: 'string', text: soql.slice(start, i + 1), pos: start };
    else i++;
  }
  throw malformedQuery(soql, soql.length, `mismatched character '${EOF_TEXT}' expecting '''`);
}
