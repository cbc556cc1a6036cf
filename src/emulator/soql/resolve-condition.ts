// Resolves a parsed WHERE condition against the schema: field paths to FieldDefs, literals
// to typed operands, LIKE patterns to matchers. Every type error surfaces here, at prepare
// time, before any record is read.

import type { SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { ComparisonOperator, ConditionAst, FieldPathAst, LiteralAst } from './ast.js';
import { malformedQuery, notFilterable } from './errors.js';
import { categoryOf, soapTypeOf } from './field-category.js';
import { compileLike } from './like-pattern.js';
import { toOperand } from './operand.js';
import type { Condition, ResolvedPath } from './prepared-query.js';
import { resolvePath } from './resolve-path.js';

const ORDERING_OPERATORS: ReadonlySet<ComparisonOperator> = new Set(['<', '<=', '>', '>=']);

export interface ResolveScope {
  readonly soql: string;
  readonly schema: SchemaRegistry;
  readonly root: SObjectDef;
}

export function resolveCondition(scope: ResolveScope, ast: ConditionAst): Condition {
  switch (ast.kind) {
    case 'and':
    case 'or':
      return { kind: ast.kind, operands: ast.operands.map((operand) => resolveCondition(scope, operand)) };
    case 'not':
      return { kind: 'not', operand: resolveCondition(scope, ast.operand) };
    case 'compare': {
      const path = filterablePath(scope, ast.path);
      if (ORDERING_OPERATORS.has(ast.operator) && categoryOf(path.field.type) === 'boolean') {
        throw invalidOperator(scope.soql, ast.operatorPos, ast.operator, path);
      }
      return { kind: 'compare', path, operator: ast.operator, operand: toOperand(scope.soql, path, ast.value) };
    }
    case 'in': {
      const path = filterablePath(scope, ast.path);
      const operands = ast.values.map((literal) => toOperand(scope.soql, path, literal));
      return { kind: 'in', path, negated: ast.negated, operands };
    }
    case 'like': {
      const path = filterablePath(scope, ast.path);
      if (categoryOf(path.field.type) !== 'text') throw invalidOperator(scope.soql, ast.operatorPos, 'LIKE', path);
      return { kind: 'like', path, pattern: compileLike(scope.soql, likeToken(scope.soql, path, ast.pattern)) };
    }
  }
}

/** Text areas longer than 255 characters are not filterable in Salesforce. */
const MAX_FILTERABLE_TEXTAREA = 255;

function filterablePath(scope: ResolveScope, ast: FieldPathAst): ResolvedPath {
  const path = resolvePath(scope.soql, scope.schema, scope.root, ast);
  if (path.field.type === 'textarea' && path.field.length > MAX_FILTERABLE_TEXTAREA) throw notFilterable(scope.soql, ast.offsets[0] ?? 0, path.label);
  return path;
}

function likeToken(soql: string, path: ResolvedPath, literal: LiteralAst) {
  if (literal.kind === 'string') return literal.token;
  throw malformedQuery(
    soql,
    literal.pos,
    `value of filter criterion for field '${path.label}' must be of type string and should be enclosed in quotes`,
  );
}

function invalidOperator(soql: string, pos: number, operator: string, path: ResolvedPath) {
  const type = soapTypeOf(path.field.type);
  return malformedQuery(soql, pos, `invalid operator ${operator} on field '${path.label}' of type ${type}`);
}
