// Per-session decision on each Query/Parse text: relay it, or refuse it (read-only user
// writing anything, or a write to a mirrored table the interception hook refuses). The
// cheap pre-check runs first; the real parser only when it says the mirror may be touched
// (or always for read-only users). Results are cached by text inside the classifier.
import { mirrorWriterSetting, readOnlySqlTransaction, type PgError } from '../wire/index.js';
import { MIRROR_WRITER_SETTING } from '../mirror/guard.js';
import { SHAPE_TEXT, type CarryDecision, type Interceptor } from './interceptor.js';
import type { MirrorState } from './mirror-state.js';
import { parseSearchPath } from './search-path.js';
import type { ProxyUser } from './users.js';

const SEARCH_PATH = /search_path/i;

/** check() result: classify only once the session's search_path has been read again. */
export const NEEDS_SEARCH_PATH = Symbol('needs search_path');
export type PolicyResult = PgError | undefined | typeof NEEDS_SEARCH_PATH | CarryDecision;

export class SessionPolicy {
  private searchPath: string[];
  /**
   * Set when a statement mentioned search_path and the server does not report search_path
   * changes (before PostgreSQL 18). The relay then reads it again (SHOW search_path) before
   * the next statement that needs classifying; where it cannot ask (inside an unsynced
   * extended-protocol pipeline, or for the very statement that mentions search_path),
   * unqualified names are resolved conservatively, as if the mirror schema came first.
   */
  private searchPathUnknown = false;

  constructor(
    private readonly user: ProxyUser,
    private readonly mirror: MirrorState,
    private readonly interceptor: Interceptor,
    searchPath: string,
    /** The upstream reports search_path in ParameterStatus (PostgreSQL 18+). */
    private readonly searchPathReported: boolean,
    /** The upstream session user, for `$user` in search_path. */
    private readonly sessionUser: string,
  ) {
    this.searchPath = parseSearchPath(searchPath, sessionUser);
  }

  /** Whether Query/Parse texts need looking at at all (cheap; called per message). */
  get inspects(): boolean {
    return this.user.readOnly || this.mirror.active;
  }

  /** `mayAsk`: the relay can read search_path now (no unsynced pipeline is open). */
  checkQuery(sql: string, mayAsk: boolean): PolicyResult {
    return this.check('query', sql, undefined, mayAsk);
  }

  checkParse(sql: string, statementName: string, mayAsk: boolean): PolicyResult {
    return this.check('parse', sql, statementName, mayAsk);
  }

  /** The search_path as the upstream reports it (ParameterStatus or SHOW search_path). */
  setSearchPath(value: string): void {
    this.searchPath = parseSearchPath(value, this.sessionUser);
    this.searchPathUnknown = false;
  }

  parameterStatus(name: string, value: string): void {
    if (name === 'search_path') this.setSearchPath(value);
  }

  private check(kind: 'query' | 'parse', sql: string, statementName: string | undefined, mayAsk: boolean): PolicyResult {
    const readOnly = this.user.readOnly;
    if (!readOnly && !this.mirror.active) return undefined;
    // The guard's escape hatch is pgforce's alone (a literal mention is refused; privileges stop the rest).
    if (sql.includes(MIRROR_WRITER_SETTING)) return mirrorWriterSetting(MIRROR_WRITER_SETTING);
    const mentions = !this.searchPathReported && SEARCH_PATH.test(sql);
    const classifier = this.mirror.classifier;
    if (!readOnly && !classifier.mayTouchMirror(sql)) {
      if (mentions) this.searchPathUnknown = true;
      return undefined;
    }
    if (this.searchPathUnknown && !mentions && mayAsk) return NEEDS_SEARCH_PATH;
    const conservative = this.searchPathUnknown || mentions;
    if (mentions) this.searchPathUnknown = true;
    const classification = classifier.classify(sql, conservative ? [this.mirror.schema, ...this.searchPath] : this.searchPath);
    // Text the parser rejects is relayed: Postgres answers it with its own syntax error.
    if (classification.parseError !== undefined) return undefined;
    if (readOnly && classification.anyWrite) {
      const mirrorWrite = classification.mirrorWrites[0];
      return readOnlySqlTransaction(mirrorWrite ? SHAPE_TEXT[mirrorWrite.shape] : firstKeyword(sql));
    }
    if (classification.mirrorWrites.length === 0) return undefined;
    const decision = this.interceptor.onMirrorWrite({
      kind, sql, statementName, classification, user: this.user, schema: this.mirror.schema,
    });
    return decision.action === 'refuse' ? decision.error : decision.action === 'carry' ? decision : undefined;
  }
}

/** The statement's leading keyword for a message ("INSERT"), skipping blanks and comments. */
function firstKeyword(sql: string): string {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s|\(/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else break;
  }
  let j = i;
  while (j < sql.length && /[A-Za-z]/.test(sql[j]!)) j++;
  return j > i ? sql.slice(i, j).toUpperCase() : 'this statement';
}
