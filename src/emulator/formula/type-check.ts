// Compile-time type checks. Salesforce rejects a formula with mismatched types when it is
// saved; checking here makes a bad emulator schema fail at start, with the same kind of message.

import type { BindScope } from './scope.js';
import { typeName, type FormulaType } from './values.js';

/** Types that may appear as a plain value (not picklists, which need ISPICKVAL or TEXT). */
export const SCALAR: readonly FormulaType[] = ['text', 'number', 'boolean', 'date', 'datetime'];

export interface Operand {
  readonly type: FormulaType;
  readonly offset: number;
}

/** Fails unless `operand` has one of the `allowed` types (NULL fits anywhere). */
export function expectType(scope: BindScope, operand: Operand, allowed: readonly FormulaType[], what: string): void {
  if (operand.type === 'null' || allowed.includes(operand.type)) return;
  const wantsPicklist = allowed.includes('picklist') || allowed.includes('multipicklist');
  if ((operand.type === 'picklist' || operand.type === 'multipicklist') && !wantsPicklist) {
    throw scope.error(operand.offset, picklistMisuse(operand.type));
  }
  const expected = allowed.map(typeName).join(' or ');
  throw scope.error(operand.offset, `${what} must be ${expected}, not ${typeName(operand.type)}`);
}

/** The one type all operands share (IF branches, CASE results, both sides of `=`). */
export function unifyTypes(
  scope: BindScope,
  operands: readonly Operand[],
  allowed: readonly FormulaType[],
  what: string,
): FormulaType {
  let result: FormulaType = 'null';
  for (const operand of operands) {
    expectType(scope, operand, allowed, what);
    if (operand.type === 'null') continue;
    if (result === 'null') result = operand.type;
    else if (operand.type !== result) {
      throw scope.error(operand.offset, `${what} mixes ${typeName(result)} and ${typeName(operand.type)}`);
    }
  }
  return result;
}

export function picklistMisuse(type: 'picklist' | 'multipicklist'): string {
  return type === 'picklist'
    ? 'a picklist field can only be used in ISPICKVAL(), CASE(), TEXT(), ISBLANK(), ISCHANGED() or PRIORVALUE()'
    : 'a multi-select picklist field can only be used in INCLUDES(), ISBLANK(), ISCHANGED() or PRIORVALUE()';
}
