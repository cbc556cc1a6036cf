// Splits a formula into tokens, once, at compile time. Skips whitespace and /* comments */,
// decodes string literals (double or single quotes, backslash escapes).

import type { ErrorFactory } from './errors.js';

export type TokenKind = 'number' | 'string' | 'identifier' | 'operator' | '(' | ')' | ',' | '.' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written. */
  readonly text: string;
  /** Where it starts in the source, for error positions. */
  readonly offset: number;
  /** Decoded value of number and string literals. */
  readonly value?: string | number;
}

/** Longest first, so `<=` is not read as `<` then `=`. */
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '=', '<', '>', '+', '-', '*', '/', '^', '&', '!'];
const PUNCTUATION = new Set<string>(['(', ')', ',', '.']);
const NUMBER = /\d+(?:\.\d+)?|\.\d+/y;
// `$` starts global variables ($User, $Profile); they are read so the binder can name them.
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_]*/y;
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

export function tokenize(source: string, fail: ErrorFactory): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    if (/\s/.test(source.charAt(at))) {
      at++;
    } else if (source.startsWith('/*', at)) {
      at = skipComment(source, at, fail);
    } else {
      const token = readToken(source, at, tokens.at(-1), fail);
      tokens.push(token);
      at += token.text.length;
    }
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}

function skipComment(source: string, at: number, fail: ErrorFactory): number {
  const end = source.indexOf('*/', at + 2);
  if (end < 0) throw fail(at, 'unterminated comment');
  return end + 2;
}

function readToken(source: string, at: number, previous: Token | undefined, fail: ErrorFactory): Token {
  const ch = source.charAt(at);
  if (ch === '"' || ch === "'") return readString(source, at, fail);
  // `.5` is a number, but the dot in `Account.Name` is not.
  const startsNumber = /\d/.test(ch) || (ch === '.' && /\d/.test(source.charAt(at + 1)) && previous?.kind !== 'identifier');
  if (startsNumber) return readMatch(source, at, NUMBER, 'number');
  if (/[A-Za-z_$]/.test(ch)) return readMatch(source, at, IDENTIFIER, 'identifier');
  if (PUNCTUATION.has(ch)) return { kind: ch as TokenKind, text: ch, offset: at };
  const operator = OPERATORS.find((candidate) => source.startsWith(candidate, at));
  if (operator !== undefined) return { kind: 'operator', text: operator, offset: at };
  throw fail(at, `unexpected character '${ch}'`);
}

function readMatch(source: string, at: number, pattern: RegExp, kind: 'number' | 'identifier'): Token {
  pattern.lastIndex = at;
  const text = pattern.exec(source)?.[0] ?? '';
  return kind === 'number' ? { kind, text, offset: at, value: Number(text) } : { kind, text, offset: at };
}

function readString(source: string, at: number, fail: ErrorFactory): Token {
  const quote = source.charAt(at);
  let value = '';
  let i = at + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { kind: 'string', text: source.slice(at, i + 1), offset: at, value };
    if (ch === '\\') {
      const [decoded, length] = readEscape(source, i, fail);
      value += decoded;
      i += length;
    } else {
      value += ch;
      i++;
    }
  }
  throw fail(at, 'unterminated string');
}

/** The decoded character and the length of the escape sequence at `at`. */
function readEscape(source: string, at: number, fail: ErrorFactory): [string, number] {
  const next = source.charAt(at + 1);
  const simple = ESCAPES[next];
  if (simple !== undefined) return [simple, 2];
  const hex = source.slice(at + 2, at + 6);
  if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 6];
  // Salesforce rejects these too; REGEX patterns need `\\d`, not `\d`.
  throw fail(at, `unknown escape sequence '\\${next}' (write \\\\ for a backslash)`);
}
