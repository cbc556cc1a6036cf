// Text functions. A blank text argument counts as "" (Salesforce text is never null); a
// blank number argument makes the result blank.

import { parseDecimal } from '../numbers.js';
import { toText } from '../to-text.js';
import { SCALAR } from '../type-check.js';
import { asNumber, asText } from '../values.js';
import { eager, NUMBER, TEXT, type FunctionSpec } from './spec.js';

/** Salesforce treats a negative count as 0 and ignores decimals. */
function count(value: unknown): number | null {
  return typeof value === 'number' ? Math.max(0, Math.trunc(value)) : null;
}

function left(text: string, chars: number | null): string | null {
  return chars === null ? null : text.slice(0, chars);
}

function right(text: string, chars: number | null): string | null {
  if (chars === null) return null;
  return chars === 0 ? '' : text.slice(-chars);
}

function mid(text: string, start: number | null, chars: number | null): string | null {
  if (start === null || chars === null) return null;
  const from = Math.max(1, Math.trunc(start)) - 1;
  return text.slice(from, from + chars);
}

/** FIND: 1-based position of `search` at or after `start`, 0 when absent. */
function find(search: string, text: string, start: number | null): number {
  const from = start === null ? 1 : Math.trunc(start);
  if (search === '' || from < 1) return 0;
  return text.indexOf(search, from - 1) + 1;
}

function substitute(text: string, old: string, replacement: string): string {
  return old === '' ? text : text.split(old).join(replacement);
}

export const TEXT_FUNCTIONS: Record<string, FunctionSpec> = {
  LEN: eager([TEXT], 'number', ([text]) => asText(text).length),
  CONTAINS: eager([TEXT, TEXT], 'boolean', ([text, part]) => asText(text).includes(asText(part))),
  BEGINS: eager([TEXT, TEXT], 'boolean', ([text, start]) => asText(text).startsWith(asText(start))),
  LEFT: eager([TEXT, NUMBER], 'text', ([text, chars]) => left(asText(text), count(chars))),
  RIGHT: eager([TEXT, NUMBER], 'text', ([text, chars]) => right(asText(text), count(chars))),
  MID: eager([TEXT, NUMBER, NUMBER], 'text', ([text, start, chars]) =>
    mid(asText(text), asNumber(start), count(chars)),
  ),
  FIND: eager(
    [TEXT, TEXT, NUMBER],
    'number',
    ([search, text, start]) => find(asText(search), asText(text), asNumber(start)),
    { minArgs: 2 },
  ),
  // The optional second argument is a locale; case mapping here is locale-neutral.
  UPPER: eager([TEXT, TEXT], 'text', ([text]) => asText(text).toUpperCase(), { minArgs: 1 }),
  LOWER: eager([TEXT, TEXT], 'text', ([text]) => asText(text).toLowerCase(), { minArgs: 1 }),
  TRIM: eager([TEXT], 'text', ([text]) => asText(text).trim()),
  SUBSTITUTE: eager([TEXT, TEXT, TEXT], 'text', ([text, old, replacement]) =>
    substitute(asText(text), asText(old), asText(replacement)),
  ),
  TEXT: eager([[...SCALAR, 'picklist']], 'text', ([value]) => toText(value ?? null)),
  VALUE: eager([TEXT], 'number', ([text]) => parseDecimal(asText(text))),
  ISNUMBER: eager([TEXT], 'boolean', ([text]) => parseDecimal(asText(text)) !== null),
};
