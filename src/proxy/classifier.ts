// What the session needs from the SQL classifier (src/sql): a cheap pre-check and the real
// classification. Declared here as a structural interface so that tests and the write path
// can supply their own.
import type { Classification } from '../sql/index.js';

export type { Classification };

export interface Classifier {
  /** Cheap: false means the text certainly touches no mirrored table. */
  mayTouchMirror(sql: string): boolean;
  classify(sql: string, searchPath: readonly string[]): Classification;
}
