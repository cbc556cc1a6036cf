// A query after parsing and name resolution: every field path points at FieldDefs, every
// literal is converted to the stored form of the field it is compared with. Built once by
// prepareQuery, then run (run-query.ts) and shaped (shape-record.ts) as often as needed.

import type { FieldDef, SObjectDef } from '../schema/types.js';
import type { ComparisonOperator } from './ast.js';
import type { DateKeyword } from './date-literal.js';
import type { LikePattern } from './like-pattern.js';

/** One step from a record to its parent through a reference field. */
export interface Hop {
  /** The reference field, as resolved on `owner`. */
  readonly field: FieldDef;
  readonly owner: SObjectDef;
  /** The parent type the rest of the path was resolved on; the fallback when an id's prefix names no known type. */
  readonly target: SObjectDef;
}

export interface ResolvedPath {
  readonly root: SObjectDef;
  readonly hops: readonly Hop[];
  /** The field read at the end of the path, as resolved on `owner`. */
  readonly field: FieldDef;
  readonly owner: SObjectDef;
  /** Canonical spelling, e.g. `Account.Owner.Name`. */
  readonly label: string;
}

/**
 * A literal in the stored form of its field: text folded to lower case, ids as canonical
 * 18-character ids, numbers, booleans, `YYYY-MM-DD` dates and UTC datetimes. Relative date
 * keywords stay symbolic until the query runs, so a prepared query does not go stale at midnight.
 */
export type Operand =
  | { readonly kind: 'null' }
  | { readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly kind: 'dateKeyword'; readonly keyword: DateKeyword; readonly n: number; readonly datetime: boolean };

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Condition[] }
  | { readonly kind: 'not'; readonly operand: Condition }
  | { readonly kind: 'compare'; readonly path: ResolvedPath; readonly operator: ComparisonOperator; readonly operand: Operand }
  | { readonly kind: 'in'; readonly path: ResolvedPath; readonly negated: boolean; readonly operands: readonly Operand[] }
  | { readonly kind: 'like'; readonly path: ResolvedPath; readonly pattern: LikePattern };

export interface OrderItem {
  readonly path: ResolvedPath;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** How one level of a REST record is built: its fields and nested parent records, in SELECT order. */
export interface ShapeNode {
  readonly entries: readonly ShapeEntry[];
}

export type ShapeEntry =
  | { readonly kind: 'field'; readonly key: string; readonly field: FieldDef; readonly owner: SObjectDef }
  | { readonly kind: 'parent'; readonly key: string; readonly hop: Hop; readonly node: ShapeNode };

export interface PreparedQuery {
  readonly soql: string;
  readonly object: SObjectDef;
  readonly isCount: boolean;
  /** Selected paths in SELECT order, canonical spelling (`Id`, `Account.Name`); empty for COUNT(). */
  readonly columns: readonly string[];
  readonly fields: readonly ResolvedPath[];
  readonly where: Condition | undefined;
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | undefined;
  readonly offset: number;
  readonly shape: ShapeNode;
}
