// Decides whether a name in a statement means a mirrored table, given the session's search_path.
import type { RangeVar } from 'libpg-query';
import type { PathState } from './search-path.js';
import type { MirrorNames } from './types.js';

export class MirrorScope {
  constructor(readonly names: MirrorNames, readonly path: PathState) {}

  get schema(): string {
    return this.names.schema;
  }

  /** The mirrored table a DML/TRUNCATE/COPY target means, if any. */
  mirrorTable(rv: RangeVar | undefined): string | undefined {
    const rel = rv?.relname;
    if (rel === undefined || !this.names.tables.has(rel)) return undefined;
    if (rv?.schemaname !== undefined) return rv.schemaname === this.names.schema ? rel : undefined;
    return this.path !== 0 ? rel : undefined;
  }

  /** For DDL: a mirrored table, or anything qualified with the mirror schema. */
  ddlTarget(rv: RangeVar | undefined): string | undefined {
    if (rv?.relname === undefined) return undefined;
    if (rv.schemaname === this.names.schema) return rv.relname;
    return this.mirrorTable(rv);
  }

  /** The same for a dotted name list (`[db,] [schema,] name`). */
  ddlTargetNames(names: readonly string[]): string | undefined {
    const rel = names[names.length - 1];
    if (rel === undefined) return undefined;
    const schemaname = names.length >= 2 ? names[names.length - 2] : undefined;
    return this.ddlTarget(schemaname === undefined ? { relname: rel } : { schemaname, relname: rel });
  }

  /** An object (function, type, …) named in the mirror schema explicitly. */
  qualifiedInMirror(names: readonly string[]): string | undefined {
    return names.length >= 2 && names[names.length - 2] === this.names.schema ? names[names.length - 1] : undefined;
  }

  /** A new object lands in the mirror schema (explicitly, or unqualified when the mirror schema is the creation schema). */
  createdInMirror(names: readonly string[], temporary = false): string | undefined {
    if (temporary) return undefined;
    if (names.length === 1) return this.path === 2 ? names[0] : undefined;
    return this.qualifiedInMirror(names);
  }

  createdRelation(rv: RangeVar | undefined): string | undefined {
    if (rv?.relname === undefined) return undefined;
    const names = rv.schemaname === undefined ? [rv.relname] : [rv.schemaname, rv.relname];
    return this.createdInMirror(names, rv.relpersistence === 't');
  }
}
