// DESIGN.md's naming of the mirror: sObject `Contact` -> table `contacts`, field `FirstName`
// -> column `first_name`, custom names drop `__c` unless that collides. The result is stored
// in the catalog once and never recomputed, so a rule change cannot rename live columns.

/** `OpportunityLineItem` -> `opportunity_line_items`, `Invoice__c` -> `invoices`. */
export function tableNameFor(sobject: string): string {
  return pluralize(snakeCase(stripCustomSuffix(sobject)));
}

/**
 * Column names for an object's fields, in field order. `taken` holds names already fixed
 * (stored mapping, config renames); a custom field whose short name is taken keeps `__c`.
 */
export function columnNamesFor(fields: readonly string[], taken: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set(taken.values());
  for (const field of fields) {
    const fixed = taken.get(field);
    if (fixed) out.set(field, fixed);
  }
  // Standard fields first, so that `Note__c` yields to a standard `Note` and not the reverse.
  const ordered = [...fields.filter((f) => !isCustom(f)), ...fields.filter(isCustom)];
  for (const field of ordered) {
    if (out.has(field)) continue;
    let name = snakeCase(stripCustomSuffix(field));
    if (isCustom(field) && used.has(name)) name = `${name}__c`;
    let unique = name;
    for (let n = 2; used.has(unique); n++) unique = `${name}_${n}`;
    used.add(unique);
    out.set(field, unique);
  }
  return out;
}

function isCustom(name: string): boolean {
  return /__c$/i.test(name);
}

function stripCustomSuffix(name: string): string {
  return name.replace(/__c$/i, '');
}

/** `SystemModstamp` -> `system_modstamp`, `HTMLBody` -> `html_body`, `External_Id` -> `external_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/__+/g, '_')
    .toLowerCase();
}

function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}
