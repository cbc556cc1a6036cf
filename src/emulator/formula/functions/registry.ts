// Every formula function the engine knows, by upper-case name.

import { DATE_FUNCTIONS } from './date.js';
import { LOGICAL_FUNCTIONS } from './logical.js';
import { MATH_FUNCTIONS } from './math.js';
import { PICKLIST_FUNCTIONS } from './picklist.js';
import { RECORD_CHANGE_FUNCTIONS } from './record-change.js';
import { REGEX_FUNCTIONS } from './regex.js';
import type { FunctionSpec } from './spec.js';
import { TEXT_FUNCTIONS } from './text.js';

const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...LOGICAL_FUNCTIONS,
    ...TEXT_FUNCTIONS,
    ...PICKLIST_FUNCTIONS,
    ...REGEX_FUNCTIONS,
    ...MATH_FUNCTIONS,
    ...DATE_FUNCTIONS,
    ...RECORD_CHANGE_FUNCTIONS,
  }),
);

export function lookupFunction(upperCaseName: string): FunctionSpec | undefined {
  return FUNCTIONS.get(upperCaseName);
}
