// The syntax tree the parser produces: names as written, not yet checked against the schema.
// prepare.ts resolves it into a PreparedQuery. Offsets are kept for error carets.

import type { DateKeyword } from './date-literal.js';
import type { Token } from './lexer.js';

export interface FieldPathAst {
  /** `Account.Owner.Name` -> ['Account', 'Owner', 'Name'], as written. */
  readonly segments: readonly string[];
  /** 0-based offset of each segment. */
  readonly offsets: readonly number[];
}

export type SelectItemAst =
  | { readonly kind: 'field'; readonly path: FieldPathAst }
  | { readonly kind: 'count'; readonly pos: number };

export type LiteralAst =
  /** String literals keep their token: LIKE and plain comparisons decode escapes differently. */
  | { readonly kind: 'string'; readonly token: Token; readonly pos: number }
  | { readonly kind: 'number'; readonly value: number; readonly pos: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'null'; readonly pos: number }
  /** Already in stored form: `YYYY-MM-DD`, or UTC `YYYY-MM-DDTHH:mm:ss.SSS+0000`. */
  | { readonly kind: 'date' | 'datetime'; readonly value: string; readonly pos: number }
  | { readonly kind: 'dateKeyword'; readonly keyword: DateKeyword; readonly n: number; readonly pos: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type ConditionAst =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly ConditionAst[] }
  | { readonly kind: 'not'; readonly operand: ConditionAst }
  | {
      readonly kind: 'compare';
      readonly path: FieldPathAst;
      readonly operator: ComparisonOperator;
      readonly operatorPos: number;
      readonly value: LiteralAst;
    }
  | { readonly kind: 'in'; readonly path: FieldPathAst; readonly negated: boolean; readonly values: readonly LiteralAst[] }
  | { readonly kind: 'like'; readonly path: FieldPathAst; readonly operatorPos: number; readonly pattern: LiteralAst };

export interface OrderItemAst {
  readonly path: FieldPathAst;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface QueryAst {
  readonly select: readonly SelectItemAst[];
  readonly from: { readonly name: string; readonly pos: number };
  readonly where: ConditionAst | undefined;
  readonly orderBy: readonly OrderItemAst[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
}
