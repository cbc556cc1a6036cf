// SOQL LIKE: `%` matches any run of characters, `_` exactly one, `\%` and `\_` themselves;
// matching ignores case. Patterns compile once per query into folded code units, and the
// matcher backtracks only to the last `%`, so a hostile pattern costs at most
// pattern length x value length steps (a regular expression could take exponential time).

import { foldCode } from './text-fold.js';
import type { Token } from './lexer.js';
import { readUnit, stringBody } from './string-literal.js';

const ANY_RUN = -1;
const ANY_ONE = -2;

export interface LikePattern {
  /** Folded code units; ANY_RUN / ANY_ONE for wildcards. */
  readonly units: Int32Array;
}

export function compileLike(soql: string, token: Token): LikePattern {
  const body = stringBody(token);
  const units: number[] = [];
  for (let i = 0; i < body.length; ) {
    const unit = readUnit(soql, token, body, i);
    i += unit.width;
    if (!unit.escaped && unit.text === '%') {
      // Consecutive `%` mean the same as one and would only add backtracking.
      if (units[units.length - 1] !== ANY_RUN) units.push(ANY_RUN);
    } else if (!unit.escaped && unit.text === '_') {
      units.push(ANY_ONE);
    } else {
      for (let k = 0; k < unit.text.length; k++) units.push(foldCode(unit.text.charCodeAt(k)));
    }
  }
  return { units: Int32Array.from(units) };
}

export function likeMatches(pattern: LikePattern, text: string): boolean {
  const units = pattern.units;
  let p = 0;
  let t = 0;
  let runAt = -1;
  let runText = 0;
  while (t < text.length) {
    const unit = p < units.length ? units[p] : undefined;
    if (unit === ANY_ONE || (unit !== undefined && unit >= 0 && unit === foldCode(text.charCodeAt(t)))) {
      p++;
      t++;
    } else if (unit === ANY_RUN) {
      runAt = p++;
      runText = t;
    } else if (runAt >= 0) {
      // Let the last `%` swallow one more character and retry from just after it.
      p = runAt + 1;
      t = ++runText;
    } else {
      return false;
    }
  }
  while (p < units.length && units[p] === ANY_RUN) p++;
  return p === units.length;
}
