// The syntax tree the parser builds and the binder consumes. Offsets point into the source
// so compile errors can say where they are.

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '&'
  | '='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '&&'
  | '||';

export type UnaryOperator = '-' | '+' | '!';

export interface PathSegment {
  readonly name: string;
  readonly offset: number;
}

export type Node =
  | { readonly kind: 'number'; readonly value: number; readonly offset: number }
  | { readonly kind: 'string'; readonly value: string; readonly offset: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly offset: number }
  | { readonly kind: 'null'; readonly offset: number }
  /** `Email`, or a cross-object path such as `Account.Owner.Email`. */
  | { readonly kind: 'field'; readonly path: readonly PathSegment[]; readonly offset: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[]; readonly offset: number }
  | { readonly kind: 'unary'; readonly op: UnaryOperator; readonly operand: Node; readonly offset: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: Node;
      readonly right: Node;
      /** The operator's offset: type errors point at it. */
      readonly offset: number;
    };

export type FieldNode = Extract<Node, { kind: 'field' }>;
export type CallNode = Extract<Node, { kind: 'call' }>;
