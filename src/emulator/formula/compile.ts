// Compiles formulas when the emulator loads its schema: parse, resolve fields and functions
// (case-insensitively), check types, build an evaluator. Formula fields referenced on the way
// are compiled too, once each per compilation; that is where a cycle between formula fields
// (A uses B, B uses A) is caught.

import type { FieldDef, SchemaRegistry, SObjectDef } from '../schema/types.js';
import type { FieldValue } from '../store/record.js';
import { bind } from './bind.js';
import type { CompiledFormula, FormulaContext, FormulaReturnType } from './context.js';
import { errorFactory, FormulaError } from './errors.js';
import { parse } from './parser.js';
import { checkResultType, toWire } from './result.js';
import type { BindScope, Bound } from './scope.js';

/** Compiles for the given sObject; checks field names (case-insensitive) and function names now, so a bad schema fails at start. */
export function compileFormula(
  source: string,
  object: SObjectDef,
  schema: SchemaRegistry,
  returnType: FormulaReturnType,
): CompiledFormula {
  return new Compilation(schema).compile(source, object, returnType, undefined, undefined);
}

/**
 * Compiles a formula field's own formula (`field.formula`), with the field's type as return
 * type and its scale for rounding numbers.
 */
export function compileFormulaField(field: FieldDef, object: SObjectDef, schema: SchemaRegistry): CompiledFormula {
  const reportCycle = (message: string) => new FormulaError(`Formula error: ${message}`);
  return new Compilation(schema).formulaField(object, field, reportCycle, undefined);
}

class Formula implements CompiledFormula {
  constructor(
    readonly source: string,
    readonly fields: readonly string[],
    private readonly body: Bound,
    private readonly returnType: FormulaReturnType,
    private readonly scale: number | undefined,
  ) {}

  evaluate(ctx: FormulaContext): FieldValue {
    return toWire(this.body.evaluate(ctx), this.returnType, this.scale);
  }
}

class Compilation {
  /** Formula fields compiled so far, by `Object.Field`. */
  private readonly done = new Map<string, CompiledFormula>();
  /** Formula fields being compiled, outermost first: the path a cycle would close. */
  private readonly inProgress: string[] = [];

  constructor(private readonly schema: SchemaRegistry) {}

  compile(
    source: string,
    object: SObjectDef,
    returnType: FormulaReturnType,
    scale: number | undefined,
    label: string | undefined,
  ): CompiledFormula {
    const fail = errorFactory(source, label);
    const scope: BindScope = {
      object,
      schema: this.schema,
      fields: new Set(),
      error: fail,
      formulaField: (target, field, offset) =>
        this.formulaField(target, field, (message) => fail(offset, message), `${target.name}.${field.name}`),
    };
    const body = bind(parse(source, fail), scope);
    checkResultType(body, returnType, scope);
    return new Formula(source, [...scope.fields], body, returnType, scale);
  }

  formulaField(
    object: SObjectDef,
    field: FieldDef,
    reportCycle: (message: string) => FormulaError,
    label: string | undefined,
  ): CompiledFormula {
    const key = `${object.name}.${field.name}`;
    const done = this.done.get(key);
    if (done) return done;
    const start = this.inProgress.indexOf(key);
    if (start >= 0) {
      const cycle = [...this.inProgress.slice(start), key].join(' -> ');
      throw reportCycle(`formula fields reference each other in a cycle: ${cycle}`);
    }
    this.inProgress.push(key);
    try {
      const compiled = this.compile(field.formula ?? '', object, field.type, field.scale, label);
      this.done.set(key, compiled);
      return compiled;
    } finally {
      this.inProgress.pop();
    }
  }
}
