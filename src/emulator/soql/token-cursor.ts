// A read position in the token list, shared by the clause parser and the WHERE parser.
// Keywords are matched case-insensitively, as SOQL does.

import { unexpectedToken, type SoqlError } from './errors.js';
import type { Token } from './lexer.js';
import type { FieldPathAst } from './ast.js';

/** Words SOQL reserves: never a field or object name. */
const RESERVED_WORDS = new Set([
  'AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES',
  'LAST', 'LIKE', 'LIMIT', 'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH',
]);

export class TokenCursor {
  private index = 0;

  constructor(
    readonly soql: string,
    private readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    if (!last) throw new Error('token list lacks its EOF token');
    return this.tokens[this.index + ahead] ?? last;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  expectKeyword(word: string): Token {
    const token = this.next();
    if (token.kind === 'ident' && token.text.toUpperCase() === word) return token;
    throw this.unexpected(token);
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punct' && token.text === text;
  }

  acceptPunct(text: string): Token | undefined {
    return this.isPunct(text) ? this.next() : undefined;
  }

  expectPunct(text: string): Token {
    const token = this.next();
    if (token.kind === 'punct' && token.text === text) return token;
    throw this.unexpected(token);
  }

  /** A field path; reserved words are not names. */
  expectPath(): FieldPathAst {
    const token = this.next();
    if (token.kind !== 'ident' || RESERVED_WORDS.has(token.text.toUpperCase())) throw this.unexpected(token);
    return toPath(token);
  }

  unexpected(token: Token): SoqlError {
    return unexpectedToken(this.soql, token.pos, token.text);
  }
}

export function isReservedWord(text: string): boolean {
  return RESERVED_WORDS.has(text.toUpperCase());
}

function toPath(token: Token): FieldPathAst {
  const segments = token.text.split('.');
  const offsets: number[] = [];
  let offset = token.pos;
  for (const segment of segments) {
    offsets.push(offset);
    offset += segment.length + 1;
  }
  return { segments, offsets };
}
