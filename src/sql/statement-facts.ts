// What one top-level statement does, as the visitors find it.
import type { MirrorScope } from './mirror-scope.js';
import type { WriteShape } from './types.js';

export class StatementFacts {
  readonly writes: Array<{ shape: WriteShape; table: string }> = [];
  readonly executes: string[] = [];
  anyWrite = false;

  constructor(readonly scope: MirrorScope) {}

  /** Records a change of `table` (nothing when the name did not resolve to the mirror). `override` wins over `shape`. */
  add(shape: WriteShape, table: string | undefined, override?: WriteShape): void {
    if (table === undefined) return;
    const s = override ?? shape;
    if (!this.writes.some((w) => w.shape === s && w.table === table)) this.writes.push({ shape: s, table });
  }
}
