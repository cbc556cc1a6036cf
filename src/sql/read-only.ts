// anyWrite for statements that are reads unless an option says otherwise: SET, BEGIN, LOCK,
// COPY. The rules follow what Postgres itself refuses in a read-only transaction or to a role
// with only SELECT privilege, plus the statements that would switch read-only off.
import type { CopyStmt, LockStmt, Node, TransactionStmt, VariableSetStmt } from 'libpg-query';

const READ_ONLY_SETTINGS = new Set(['transaction_read_only', 'default_transaction_read_only']);
const ACCESS_SHARE_LOCK = 1; // any stronger LOCK mode needs a write privilege (INSERT/UPDATE/DELETE/TRUNCATE/MAINTAIN)

/** SET/RESET that could turn read-only off. RESET ALL is not counted (see README of this module in classifier.ts). */
export function setWrites(s: VariableSetStmt): boolean {
  if (s.kind === 'VAR_SET_MULTI') return readWriteOption(s.args); // SET TRANSACTION / SESSION CHARACTERISTICS
  if (s.name === undefined || !READ_ONLY_SETTINGS.has(s.name.toLowerCase())) return false;
  if (s.kind === 'VAR_SET_VALUE') return constBool(s.args?.[0]) !== true;
  return s.kind !== 'VAR_RESET_ALL'; // RESET x, SET x TO DEFAULT, SET x FROM CURRENT
}

/** BEGIN / START TRANSACTION READ WRITE. */
export function transactionWrites(s: TransactionStmt): boolean {
  return readWriteOption(s.options);
}

export function lockWrites(s: LockStmt): boolean {
  return (s.mode ?? 0) > ACCESS_SHARE_LOCK;
}

/** COPY FROM writes a table; COPY TO a file or program writes on the server. */
export function copyWrites(s: CopyStmt): boolean {
  return s.is_from === true || s.is_program === true || s.filename !== undefined;
}

function readWriteOption(options: readonly Node[] | undefined): boolean {
  for (const o of options ?? []) {
    if ('DefElem' in o && o.DefElem.defname === 'transaction_read_only' && constBool(o.DefElem.arg) !== true) return true;
  }
  return false;
}

/** A constant as Postgres' parse_bool reads it; undefined when it is not a boolean. */
export function constBool(node: Node | undefined): boolean | undefined {
  if (node === undefined) return undefined;
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.boolval !== undefined) return c.boolval.boolval === true;
    if (c.ival !== undefined) return (c.ival.ival ?? 0) !== 0;
    if (c.sval !== undefined) return parseBool(c.sval.sval ?? '');
    return undefined;
  }
  if ('String' in node) return parseBool(node.String.sval ?? '');
  if ('Integer' in node) return (node.Integer.ival ?? 0) !== 0;
  if ('Boolean' in node) return node.Boolean.boolval === true;
  return undefined;
}

function parseBool(text: string): boolean | undefined {
  const v = text.trim().toLowerCase();
  if (v.length === 0) return undefined;
  if ('true'.startsWith(v) || 'yes'.startsWith(v) || v === 'on' || v === '1') return true;
  if ('false'.startsWith(v) || 'no'.startsWith(v) || (v.length >= 2 && 'off'.startsWith(v)) || v === '0') return false;
  return undefined;
}
