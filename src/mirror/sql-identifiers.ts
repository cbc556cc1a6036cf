// Quoting names into SQL text. Table and column names come from Salesforce metadata and
// configuration, never from clients, but they are still always quoted.

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export const MIRROR_SCHEMA = 'salesforce';

export function mirrorTableRef(table: string): string {
  return `${quoteIdent(MIRROR_SCHEMA)}.${quoteIdent(table)}`;
}
