// Recursive-descent parser for Salesforce formulas, one method per precedence level, loosest
// first: `||`, `&&`, `!`, comparisons, `&`, `+ -`, `* /`, unary `- +`, `^`, then primaries
// (literals, parentheses, function calls, field paths). Binary operators associate left.

import type { BinaryOperator, Node, PathSegment, UnaryOperator } from './ast.js';
import { positionOf, type ErrorFactory } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const COMPARISONS = ['=', '==', '!=', '<>', '<', '>', '<=', '>='];
/** Spellings that mean the same operator. */
const SYNONYMS: Record<string, BinaryOperator> = { '==': '=', '<>': '!=' };
const KEYWORDS: Record<string, Node['kind']> = { TRUE: 'boolean', FALSE: 'boolean', NULL: 'null' };

export function parse(source: string, fail: ErrorFactory): Node {
  const parser = new Parser(source, tokenize(source, fail), fail);
  return parser.parseFormula();
}

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly fail: ErrorFactory,
  ) {}

  parseFormula(): Node {
    if (this.atEnd()) throw this.fail(0, 'the formula is empty');
    const node = this.parseOr();
    if (!this.atEnd()) throw this.unexpected(this.current);
    return node;
  }

  private get current(): Token {
    // The token list always ends with an 'end' token, and the index never moves past it.
    return this.tokens[this.index]!;
  }

  private atEnd(): boolean {
    return this.current.kind === 'end';
  }

  private advance(): Token {
    const token = this.current;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private matchOperator(operators: readonly string[]): Token | undefined {
    const token = this.current;
    return token.kind === 'operator' && operators.includes(token.text) ? this.advance() : undefined;
  }

  private leftAssociative(operators: readonly string[], operand: () => Node): Node {
    let left = operand();
    for (let op = this.matchOperator(operators); op; op = this.matchOperator(operators)) {
      const operator = SYNONYMS[op.text] ?? (op.text as BinaryOperator);
      left = { kind: 'binary', op: operator, left, right: operand(), offset: op.offset };
    }
    return left;
  }

  private parseOr(): Node {
    return this.leftAssociative(['||'], () => this.parseAnd());
  }

  private parseAnd(): Node {
    return this.leftAssociative(['&&'], () => this.parseNot());
  }

  /** `!` binds looser than comparisons: `!Amount > 5` is `!(Amount > 5)`. */
  private parseNot(): Node {
    const bang = this.matchOperator(['!']);
    if (!bang) return this.parseComparison();
    return { kind: 'unary', op: '!', operand: this.parseNot(), offset: bang.offset };
  }

  private parseComparison(): Node {
    return this.leftAssociative(COMPARISONS, () => this.parseConcat());
  }

  private parseConcat(): Node {
    return this.leftAssociative(['&'], () => this.parseAdditive());
  }

  private parseAdditive(): Node {
    return this.leftAssociative(['+', '-'], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Node {
    return this.leftAssociative(['*', '/'], () => this.parseUnary());
  }

  /** Unary minus binds looser than `^`: `-2^2` is -4. */
  private parseUnary(): Node {
    const sign = this.matchOperator(['-', '+']);
    if (sign) return this.unary(sign, this.parseUnary());
    // A `!` in operand position (`Flag = !Other`) negates what follows, as far as `&&`.
    const bang = this.matchOperator(['!']);
    if (bang) return this.unary(bang, this.parseNot());
    return this.parsePower();
  }

  private parsePower(): Node {
    return this.leftAssociative(['^'], () => this.parseExponent());
  }

  /** The right of `^` may carry a sign: `10^-2`. */
  private parseExponent(): Node {
    const sign = this.matchOperator(['-', '+']);
    return sign ? this.unary(sign, this.parseExponent()) : this.parsePrimary();
  }

  private unary(token: Token, operand: Node): Node {
    return { kind: 'unary', op: token.text as UnaryOperator, operand, offset: token.offset };
  }

  private parsePrimary(): Node {
    const token = this.current;
    switch (token.kind) {
      case 'number':
        this.advance();
        return { kind: 'number', value: token.value as number, offset: token.offset };
      case 'string':
        this.advance();
        return { kind: 'string', value: token.value as string, offset: token.offset };
      case '(':
        return this.parseParenthesized();
      case 'identifier':
        return this.parseIdentifier();
      default:
        throw this.unexpected(token);
    }
  }

  private parseParenthesized(): Node {
    const open = this.advance();
    const node = this.parseOr();
    this.expectClosing(open, 'the expression');
    return node;
  }

  private parseIdentifier(): Node {
    const name = this.advance();
    if (this.current.kind === '(') return this.parseCall(name);
    const keyword = KEYWORDS[name.text.toUpperCase()];
    if (keyword !== undefined && this.current.kind !== '.') {
      if (keyword === 'null') return { kind: 'null', offset: name.offset };
      return { kind: 'boolean', value: name.text.toUpperCase() === 'TRUE', offset: name.offset };
    }
    const path: PathSegment[] = [{ name: name.text, offset: name.offset }];
    while (this.current.kind === '.') {
      this.advance();
      const segment = this.advance();
      if (segment.kind !== 'identifier') throw this.fail(segment.offset, `expected a field name after '.'`);
      path.push({ name: segment.text, offset: segment.offset });
    }
    return { kind: 'field', path, offset: name.offset };
  }

  private parseCall(name: Token): Node {
    const open = this.advance();
    const args: Node[] = [];
    if (this.current.kind !== ')') {
      args.push(this.parseOr());
      while (this.current.kind === ',') {
        this.advance();
        args.push(this.parseOr());
      }
    }
    this.expectClosing(open, `the arguments of ${name.text.toUpperCase()}()`);
    return { kind: 'call', name: name.text.toUpperCase(), args, offset: name.offset };
  }

  private expectClosing(open: Token, what: string): void {
    const token = this.current;
    if (token.kind === ')') {
      this.advance();
      return;
    }
    const column = positionOf(this.source, open.offset).column;
    const found = token.kind === 'end' ? 'the end of the formula' : `'${token.text}'`;
    throw this.fail(token.offset, `missing ')' to close ${what} opened at column ${column}, found ${found}`);
  }

  private unexpected(token: Token): Error {
    if (token.kind === 'end') return this.fail(token.offset, 'unexpected end of the formula');
    if (token.kind === ')') return this.fail(token.offset, "unexpected ')' without a matching '('");
    return this.fail(token.offset, `unexpected '${token.text}'`);
  }
}
