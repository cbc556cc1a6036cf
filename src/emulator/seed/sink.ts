// Where the seeders put records: the org behind it runs the same validation as the API and
// fills system fields, so seeded data is data a real org could hold.

export type SeedValue = string | number | boolean | null;

export interface SeedSink {
  /** Inserts one record as the given user (default: the demo user) and returns its 18-char id. Throws on validation failure. */
  insert(sobject: string, fields: Record<string, SeedValue>): string;
}
