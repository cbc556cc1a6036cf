// Quoting names and values into SQL text. Table and column names come from Salesforce
// metadata and configuration, never from clients, but they are still always quoted.

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export const MIRROR_SCHEMA = 'salesforce';

export function mirrorTableRef(table: string): string {
  return `${quoteIdent(MIRROR_SCHEMA)}.${quoteIdent(table)}`;
}

/** A string literal that reads the same whatever the session's standard_conforming_strings. */
export function quoteLiteral(value: string): string {
  const quoted = value.replace(/'/g, "''");
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
