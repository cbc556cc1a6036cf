// Backslash escapes inside SOQL string literals. Plain comparisons decode them to a value;
// LIKE patterns (like-pattern.ts) additionally understand `\%` and `\_` as literal wildcards.

import { malformedQuery } from './errors.js';
import type { Token } from './lexer.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Escapes that only mean something to LIKE; elsewhere they are kept as written. */
export const LIKE_ESCAPES = new Set(['%', '_']);

const UNICODE_ESCAPE = /^u[0-9a-fA-F]{4}/;
const UNICODE_ESCAPE_LENGTH = 5;

/** One decoded unit of a literal: its text and whether it came from an escape. */
export interface LiteralUnit {
  readonly text: string;
  readonly escaped: boolean;
  /** Characters of the literal body this unit used. */
  readonly width: number;
}

/** The literal's body between the quotes. */
export function stringBody(token: Token): string {
  return token.text.slice(1, -1);
}

/** Decodes the unit at `index` of a literal body; throws on an escape SOQL does not know. */
export function readUnit(soql: string, token: Token, body: string, index: number): LiteralUnit {
  const c = body[index] ?? '';
  if (c !== '\\') return { text: c, escaped: false, width: 1 };
  const next = body[index + 1] ?? '';
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { text: simple, escaped: true, width: 2 };
  if (LIKE_ESCAPES.has(next)) return { text: next, escaped: true, width: 2 };
  const unicode = UNICODE_ESCAPE.exec(body.slice(index + 1, index + 1 + UNICODE_ESCAPE_LENGTH));
  if (unicode) {
    const code = Number.parseInt(unicode[0].slice(1), 16);
    return { text: String.fromCharCode(code), escaped: true, width: 1 + UNICODE_ESCAPE_LENGTH };
  }
  throw malformedQuery(
    soql,
    token.pos,
    `Invalid string literal '${body.length > 80 ? `${body.slice(0, 80)}...` : body}'. Illegal character sequence '\\${next}' in string literal.`,
  );
}

/** The value of a string literal used outside LIKE. */
export function decodeString(soql: string, token: Token): string {
  const body = stringBody(token);
  let value = '';
  for (let i = 0; i < body.length; ) {
    const unit = readUnit(soql, token, body, i);
    // Outside LIKE, `\%` and `\_` are not escapes: the backslash stays part of the value.
    value += unit.escaped && LIKE_ESCAPES.has(unit.text) ? `\\${unit.text}` : unit.text;
    i += unit.width;
  }
  return value;
}
