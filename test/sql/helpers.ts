// Shared fixture for the classifier tests: a mirror of three tables in schema `salesforce`.
import { StatementClassifier, type MirrorNames } from '../../src/sql/index.js';

export const NAMES: MirrorNames = { schema: 'salesforce', tables: new Set(['contacts', 'accounts', 'opportunities']) };
/** A session whose search_path reaches the mirror after public. */
export const PATH = ['public', 'salesforce'];

export function newClassifier(options?: { cacheSize?: number; maxCachedLength?: number }): StatementClassifier {
  return new StatementClassifier(NAMES, options);
}

/** [shape, table] pairs, in the order found. */
export function writesOf(c: StatementClassifier, sql: string, path: readonly string[] = PATH): Array<[string, string]> {
  return c.classify(sql, path).mirrorWrites.map((w) => [w.shape, w.table]);
}
