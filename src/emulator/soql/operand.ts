// Type-checks a WHERE literal against the field it is compared with and converts it to the
// field's stored form, with the errors Salesforce gives for a literal of the wrong type.

import { normalizeId } from '../ids.js';
import type { LiteralAst } from './ast.js';
import { malformedQuery, unsupportedFeature } from './errors.js';
import { categoryOf, soapTypeOf, type FieldCategory } from './field-category.js';
import type { Operand, ResolvedPath } from './prepared-query.js';
import { decodeString } from './string-literal.js';
import { foldString } from './text-fold.js';

const NULL_OPERAND: Operand = { kind: 'null' };

/** Categories whose literals are written in quotes. */
const QUOTED_CATEGORIES: ReadonlySet<FieldCategory> = new Set(['text', 'id']);

export function toOperand(soql: string, path: ResolvedPath, literal: LiteralAst): Operand {
  if (literal.kind === 'null') return NULL_OPERAND;
  const category = categoryOf(path.field.type);
  switch (category) {
    case 'text':
      if (literal.kind === 'string') return value(foldString(decodeString(soql, literal.token)));
      break;
    case 'id':
      if (literal.kind === 'string') return idOperand(soql, literal.pos, decodeString(soql, literal.token));
      break;
    case 'number':
      if (literal.kind === 'number') return value(literal.value);
      break;
    case 'boolean':
      if (literal.kind === 'boolean') return value(literal.value);
      break;
    case 'date':
    case 'datetime':
      if (literal.kind === category) return value(literal.value);
      if (literal.kind === 'dateKeyword') {
        return { kind: 'dateKeyword', keyword: literal.keyword, n: literal.n, datetime: category === 'datetime' };
      }
      break;
    case 'time':
      throw unsupportedFeature(soql, literal.pos, `filtering on the time field '${path.label}'`);
  }
  throw wrongLiteralType(soql, path, literal, category);
}

function value(stored: string | number | boolean): Operand {
  return { kind: 'value', value: stored };
}

/** Ids may be written with 15 or 18 characters; both match the stored 18-character form. */
function idOperand(soql: string, pos: number, text: string): Operand {
  // An empty id is how Apex code commonly writes "no lookup"; it matches empty fields.
  if (text === '') return NULL_OPERAND;
  const id = normalizeId(text);
  if (id === undefined) throw malformedQuery(soql, pos, `invalid ID field: ${text}`);
  return value(id);
}

function wrongLiteralType(soql: string, path: ResolvedPath, literal: LiteralAst, category: FieldCategory) {
  const quoting = QUOTED_CATEGORIES.has(category) ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  const type = soapTypeOf(path.field.type);
  return malformedQuery(
    soql,
    literal.pos,
    `value of filter criterion for field '${path.label}' must be of type ${type} and ${quoting}`,
  );
}
