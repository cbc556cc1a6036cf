// The proxy's statement classifier. `mayTouchMirror` is the cheap check run on every
// Query/Parse message; `classify` parses with the real Postgres parser (cached by text and by
// where the mirror schema stands in the search_path) and says which statements would write or
// change a mirrored table, and whether anything is written at all (for read-only users).
//
// Decisions worth knowing (see also types.ts and search-path.ts):
// - Only a DML *target* is a write; tables read in FROM/USING/subqueries are not.
// - SET search_path earlier in a multi-statement string applies to the statements after it.
// - Function calls are not analysed (SELECT f(), nextval(), set_config(), DO, CALL): DO/CALL
//   count as anyWrite; what functions do is left to the database's own guards.
// - EXECUTE of a prepared statement: anyWrite (unknown here); its name is in `executes`.
// - RESET ALL / DISCARD ALL are not writes; SET/RESET of [default_]transaction_read_only to
//   anything but true, BEGIN/SET TRANSACTION READ WRITE, are.
// - SELECT … FOR UPDATE/SHARE (refused in read-only transactions) and LOCK stronger than
//   ACCESS SHARE (needs a write privilege) are anyWrite, but never mirror writes.
import { visitStatement } from './classify-statement.js';
import { LruCache } from './lru-cache.js';
import { MirrorScope } from './mirror-scope.js';
import { NameMatcher } from './name-matcher.js';
import { parseSql, StatementTexts } from './parser.js';
import { pathState, pathStateAfter, type PathState } from './search-path.js';
import { StatementFacts } from './statement-facts.js';
import type { Classification, ClassifierOptions, MirrorNames, MirrorWrite } from './types.js';

const DEFAULT_CACHE_SIZE = 5000;
const DEFAULT_MAX_CACHED_LENGTH = 65_536;

/** One cache entry per text: a classification per PathState, filled on demand. */
type CacheEntry = [Classification | undefined, Classification | undefined, Classification | undefined];

export class StatementClassifier {
  private names!: MirrorNames;
  private matcher!: NameMatcher;
  private readonly cache: LruCache<string, CacheEntry>;
  private readonly maxCachedLength: number;

  constructor(names: MirrorNames, options: ClassifierOptions = {}) {
    this.cache = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    this.maxCachedLength = options.maxCachedLength ?? DEFAULT_MAX_CACHED_LENGTH;
    this.setNames(names);
  }

  /** New mirror names (a table was added); clears the cache. */
  setNames(names: MirrorNames): void {
    this.names = { schema: names.schema, tables: new Set(names.tables) };
    this.matcher = new NameMatcher([names.schema, ...names.tables]);
    this.cache.clear();
  }

  /** False means the text certainly names no mirrored table nor the mirror schema. */
  mayTouchMirror(sql: string): boolean {
    return this.matcher.mayMatch(sql);
  }

  classify(sql: string, searchPath: readonly string[]): Classification {
    const state = pathState(this.names.schema, searchPath);
    const entry = this.cache.get(sql);
    const hit = entry?.[state];
    if (hit !== undefined) return hit;
    const result = classifySql(sql, this.names, state);
    if (sql.length <= this.maxCachedLength) {
      if (entry !== undefined) entry[state] = result;
      else {
        const fresh: CacheEntry = [undefined, undefined, undefined];
        fresh[state] = result;
        this.cache.set(sql, fresh);
      }
    }
    return result;
  }

  /** Cached texts (for tests and metrics). */
  get cacheSize(): number {
    return this.cache.size;
  }
}

function classifySql(sql: string, names: MirrorNames, state: PathState): Classification {
  const parsed = parseSql(sql);
  if (!parsed.ok) return Object.freeze({ statements: 0, mirrorWrites: Object.freeze([]), anyWrite: false, parseError: parsed.error });
  const texts = new StatementTexts(parsed.text);
  let path = state;
  const mirrorWrites: MirrorWrite[] = [];
  const executes: string[] = [];
  let anyWrite = false;
  parsed.stmts.forEach((raw, statementIndex) => {
    const facts = new StatementFacts(new MirrorScope(names, path));
    visitStatement(raw.stmt, facts, undefined);
    anyWrite ||= facts.anyWrite;
    executes.push(...facts.executes);
    if (parsed.stmts.length > 1) path = pathStateAfter(raw.stmt, names.schema, path, texts.text(raw));
    if (facts.writes.length === 0) return;
    const statement = texts.text(raw);
    for (const w of facts.writes) mirrorWrites.push(Object.freeze({ statementIndex, shape: w.shape, table: w.table, statement }));
  });
  const result: Classification = { statements: parsed.stmts.length, mirrorWrites: Object.freeze(mirrorWrites), anyWrite };
  if (executes.length > 0) result.executes = Object.freeze(executes);
  return Object.freeze(result);
}
