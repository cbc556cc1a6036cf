// The Salesforce formula language for the emulator: formula fields (computed on read) and
// validation rules (a condition that blocks the save when TRUE). Compile once when the schema
// loads (errors surface as FormulaError), evaluate per record.

export { compileFormula, compileFormulaField } from './compile.js';
export type { CompiledFormula, FormulaContext, FormulaReturnType } from './context.js';
export { FormulaError, type FormulaPosition } from './errors.js';
