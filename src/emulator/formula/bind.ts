// Turns the syntax tree into bound nodes: every field and function resolved, every type
// checked, every node an evaluator closure. Runs once per formula, at compile time.

import type { CallNode, Node } from './ast.js';
import { bindField } from './fields.js';
import { lookupFunction } from './functions/registry.js';
import type { FunctionSpec } from './functions/spec.js';
import { bindBinary, bindUnary } from './operators.js';
import { literal, type BindScope, type Bound } from './scope.js';
import type { Operand } from './type-check.js';

export function bind(node: Node, scope: BindScope): Bound {
  switch (node.kind) {
    case 'number':
      return literal('number', node.value);
    case 'string':
      return literal('text', node.value);
    case 'boolean':
      return literal('boolean', node.value);
    case 'null':
      return literal('null', null);
    case 'field':
      return bindField(node, scope);
    case 'call':
      return bindCall(node, scope);
    case 'unary':
      return bindUnary(node.op, bind(node.operand, scope), node.operand.offset, scope);
    case 'binary':
      return bindBinary(node.op, bindOperand(node.left, scope), bindOperand(node.right, scope), scope);
  }
}

/** A bound node that remembers where it is, for type errors about it. */
function bindOperand(node: Node, scope: BindScope): Bound & Operand {
  return { ...bind(node, scope), offset: node.offset };
}

function bindCall(node: CallNode, scope: BindScope): Bound {
  const spec = lookupFunction(node.name);
  if (!spec) throw scope.error(node.offset, `unknown function '${node.name}'`);
  checkArity(node, spec, scope);
  const args = node.args.map((arg) => bindOperand(arg, scope));
  return spec.bind({ name: node.name, args, offset: node.offset, scope });
}

function checkArity(node: CallNode, spec: FunctionSpec, scope: BindScope): void {
  const count = node.args.length;
  const fits = count >= spec.minArgs && count <= spec.maxArgs && (!spec.evenArgs || count % 2 === 0);
  if (fits) return;
  throw scope.error(node.offset, `${node.name}() takes ${expectedArity(spec)}, got ${count}`);
}

function expectedArity(spec: FunctionSpec): string {
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (spec.evenArgs) return `an expression, value/result pairs and an else result (an even number, at least ${spec.minArgs})`;
  if (spec.maxArgs === Infinity) return `at least ${plural(spec.minArgs)}`;
  if (spec.minArgs === spec.maxArgs) return plural(spec.minArgs);
  return `${spec.minArgs} to ${spec.maxArgs} arguments`;
}
