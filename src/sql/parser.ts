// The real PostgreSQL parser (libpg_query compiled to WASM). Loaded once per process; parsing
// is synchronous afterwards. Offsets in the parse tree are UTF-8 byte offsets.
import { loadModule, parseSync, type RawStmt } from 'libpg-query';

let loading: Promise<void> | undefined;
let loaded = false;

export async function loadSqlParser(): Promise<void> {
  loading ??= loadModule().then(
    () => { loaded = true; },
    (err: unknown) => { loading = undefined; throw err; }, // let a later call retry
  );
  await loading;
}

/** `text` is what was parsed (the input up to its first NUL). */
export type ParseOutcome = { ok: true; stmts: RawStmt[]; text: string } | { ok: false; error: string };

/**
 * Parses `sql` up to its first NUL character, if any: Postgres reads query strings as C
 * strings, and so does libpg_query (explicit here so that nobody relies on it by accident).
 */
/** The last text parsed and its outcome: the write path parses what the classifier just parsed. */
let last: { sql: string; outcome: ParseOutcome } | undefined;

/** Parse trees are shared (the last one is kept): never mutate them. */
export function parseSql(sql: string): ParseOutcome {
  if (last !== undefined && last.sql === sql) return last.outcome;
  const outcome = parseOnce(sql);
  last = { sql, outcome };
  return outcome;
}

function parseOnce(sql: string): ParseOutcome {
  if (!loaded) throw new Error('SQL parser not loaded: await loadSqlParser() first');
  const nul = sql.indexOf('\0');
  if (nul >= 0) sql = sql.slice(0, nul);
  try {
    return { ok: true, stmts: parseSync(sql).stmts ?? [], text: sql };
  } catch (err) {
    // libpg_query refuses an empty string; Postgres treats it as an empty query.
    if (sql.trim() === '') return { ok: true, stmts: [], text: sql };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Cuts each statement's own text out of a multi-statement string. */
export class StatementTexts {
  private bytes: Buffer | undefined;
  private readonly ascii: boolean;

  constructor(private readonly sql: string) {
    this.ascii = Buffer.byteLength(sql, 'utf8') === sql.length;
  }

  text(stmt: RawStmt): string {
    const start = stmt.stmt_location ?? 0;
    const len = stmt.stmt_len ?? 0; // 0: up to the end of the string
    if (this.ascii) return (len === 0 ? this.sql.slice(start) : this.sql.slice(start, start + len)).trim();
    this.bytes ??= Buffer.from(this.sql, 'utf8');
    const end = len === 0 ? this.bytes.length : start + len;
    return this.bytes.toString('utf8', start, end).trim();
  }
}
