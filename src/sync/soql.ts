// Building the few SOQL statements the sync sends.

/** A SOQL datetime literal (UTC). */
export function soqlDateTime(iso: string | Date): string {
  return (typeof iso === 'string' ? new Date(iso) : iso).toISOString();
}

export function selectChanged(sobject: string, fields: readonly string[], since: string | null): string {
  const where = since ? ` WHERE SystemModstamp >= ${soqlDateTime(since)}` : '';
  return `SELECT ${fields.join(', ')} FROM ${sobject}${where} ORDER BY SystemModstamp, Id`;
}

export function countSince(sobject: string, since: string | null): string {
  const where = since ? ` WHERE SystemModstamp >= ${soqlDateTime(since)}` : '';
  return `SELECT COUNT() FROM ${sobject}${where}`;
}
