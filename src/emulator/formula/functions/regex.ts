// REGEX(text, pattern): true when the whole text matches, as Salesforce (Java's
// String.matches) does. A literal pattern is checked at compile time; a computed one that
// does not compile gives a blank result instead of an error.

import { asText, type Value } from '../values.js';
import { argument, expectArg, TEXT, type FunctionSpec } from './spec.js';

/** A whole-text matcher, or undefined when the pattern is not a valid regular expression. */
function fullMatch(pattern: string): RegExp | undefined {
  // Unicode mode is needed for \p{...} classes but rejects Java's escaping of any
  // punctuation (`\-`, `\@`), so it is used only when the pattern asks for it.
  const flags = /\\[pP]\{/.test(pattern) ? 'u' : '';
  try {
    return new RegExp(`^(?:${pattern})$`, flags);
  } catch {
    return undefined;
  }
}

function test(matcher: RegExp | undefined, text: Value): Value {
  return matcher === undefined ? null : matcher.test(asText(text));
}

export const REGEX_FUNCTIONS: Record<string, FunctionSpec> = {
  REGEX: {
    minArgs: 2,
    maxArgs: 2,
    bind(call) {
      expectArg(call, 0, TEXT);
      expectArg(call, 1, TEXT);
      const [text, pattern] = [argument(call, 0), argument(call, 1)];
      if (pattern.literal) {
        const matcher = fullMatch(asText(pattern.literal.value));
        if (!matcher) throw call.scope.error(pattern.offset, 'REGEX() pattern is not a valid regular expression');
        return { type: 'boolean', evaluate: (ctx) => test(matcher, text.evaluate(ctx)) };
      }
      return {
        type: 'boolean',
        evaluate: (ctx) => test(fullMatch(asText(pattern.evaluate(ctx))), text.evaluate(ctx)),
      };
    },
  },
};
