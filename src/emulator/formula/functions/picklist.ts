// Picklist tests: ISPICKVAL for single-select picklists, INCLUDES for multi-select ones
// (stored as `A;B;C`).

import { asText } from '../values.js';
import { eager, TEXT, type FunctionSpec } from './spec.js';

function includes(stored: string, wanted: string): boolean {
  return wanted !== '' && stored.split(';').includes(wanted);
}

export const PICKLIST_FUNCTIONS: Record<string, FunctionSpec> = {
  ISPICKVAL: eager([['picklist'], TEXT], 'boolean', ([value, wanted]) => asText(value) === asText(wanted)),
  INCLUDES: eager([['multipicklist'], TEXT], 'boolean', ([value, wanted]) => includes(asText(value), asText(wanted))),
};
