// `@{referenceId.path}` in Composite subrequests: `.` walks objects, `[n]` indexes arrays,
// case-sensitive as in Salesforce (`@{newAcct.id}`, `@{q.records[0].Id}`).
const REFERENCE = /@\{([A-Za-z0-9][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/;

export class UnresolvedReference extends Error {}

interface Resolvable {
  body: unknown;
  httpStatusCode: number;
}

/** Replaces references in a string (url) or anywhere in a JSON body. */
export function resolveReferences(value: unknown, results: Map<string, Resolvable>, inUrl: boolean): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_REFERENCE.exec(value);
    // A value that is only a reference keeps its JSON type (a number stays a number).
    if (whole && !inUrl) return lookup(results, whole[1]!, whole[2]!);
    return value.replace(REFERENCE, (_m, ref: string, path: string) => {
      const resolved = String(lookup(results, ref, path));
      return inUrl ? encodeURIComponent(resolved) : resolved;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results, inUrl));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveReferences(v, results, inUrl);
    return out;
  }
  return value;
}

function lookup(results: Map<string, Resolvable>, ref: string, path: string): unknown {
  const result = results.get(ref);
  const fail = () => new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}. Provided referenceId ('${ref}') must be a referenceId of a previous subrequest, and the subrequest must have succeeded.`);
  if (!result || result.httpStatusCode >= 400) throw fail();
  let current: unknown = result.body;
  for (const step of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
    if (current === null || typeof current !== 'object') throw fail();
    current = step.startsWith('[') ? (current as unknown[])[Number(step.slice(1, -1))] : (current as Record<string, unknown>)[step.slice(1)];
  }
  if (current === undefined || current === null) throw fail();
  return current;
}
