// A text[] parameter as a Postgres array literal. The write path's mirror apply sends one per
// mirrored column (33 of 200 elements for a 200-record Contact write) on every write's critical
// path; node-postgres' generic array conversion (a type dispatch and a regular expression
// replace per element) took about 40 % longer than this loop, measured on those arrays.
// Quoting every element keeps it simple: inside double quotes only " and \ need a backslash.

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

export function textArrayLiteral(values: readonly (string | null)[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null || value === undefined) literal += 'NULL';
    else literal += `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  return `${literal}}`;
}
