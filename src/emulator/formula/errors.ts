// The one error type of the formula engine: a formula that cannot be compiled (bad syntax,
// unknown field or function, wrong arity, mismatched types, a cycle between formula fields).
// Evaluation never throws for data reasons, so this only comes out of compileFormula, which
// the emulator calls when it loads a schema: a bad formula fails at start, not on a read.

export interface FormulaPosition {
  /** 1-based line and column in the formula source. */
  readonly line: number;
  readonly column: number;
}

export class FormulaError extends Error {
  override name = 'FormulaError';

  constructor(
    message: string,
    readonly position?: FormulaPosition,
  ) {
    super(message);
  }
}

/** Builds errors for one formula source; `label` names a formula field compiled on the way. */
export type ErrorFactory = (offset: number, message: string) => FormulaError;

export function errorFactory(source: string, label: string | undefined): ErrorFactory {
  return (offset, message) => {
    const position = positionOf(source, offset);
    const where =
      position.line > 1 ? `line ${position.line}, column ${position.column}` : `column ${position.column}`;
    const inField = label === undefined ? '' : ` in ${label}`;
    return new FormulaError(`Formula error${inField} at ${where}: ${message}`, position);
  };
}

export function positionOf(source: string, offset: number): FormulaPosition {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
