// The mirror's guard inside the database ("no bypass", DESIGN.md): statement-level triggers
// on every salesforce.* table refuse INSERT, UPDATE, DELETE, TRUNCATE and COPY FROM unless
// the session said it is one of pgforce's own mirror writers (the sync's leader connection,
// the write path's connections). Privileges are the first line of defence; this catches
// what they cannot, such as a role that owns the tables connecting without the proxy, or a
// function with side effects called from a SELECT. The function is created with the catalog,
// the triggers with each table and again at every sync start (for tables created before the
// guard existed).
import type pg from 'pg';
import { mirrorTableRef, quoteIdent } from './sql-identifiers.js';

/** A custom setting: 'on' in a session that may write the mirror. */
export const MIRROR_WRITER_SETTING = 'pgforce.mirror_writer';

const GUARD_FUNCTION = 'pgforce.refuse_mirror_write';
const GUARD_TRIGGER = 'pgforce_guard';
const GUARD_TRUNCATE_TRIGGER = 'pgforce_guard_truncate';

/**
 * Marks this connection as a mirror writer for the rest of its session. Run once after
 * connecting, outside a transaction (a rolled-back transaction would undo it); RESET ALL
 * and DISCARD ALL undo it too.
 */
export async function allowMirrorWrites(db: Pick<pg.ClientBase, 'query'>): Promise<void> {
  await db.query(`SET ${MIRROR_WRITER_SETTING} = 'on'`);
}

// RETURN NULL: the triggers are statement-level, where the return value is ignored; one call
// per statement keeps the cost off the sync's bulk upserts. current_setting(…, true) is NULL
// in a session that never set it, which refuses too. 42501 is insufficient_privilege: the
// class of a write the role may not make.
export const GUARD_FUNCTION_DDL = `
CREATE OR REPLACE FUNCTION ${GUARD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $guard$
BEGIN
  IF current_setting('${MIRROR_WRITER_SETTING}', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION USING
    ERRCODE = '42501',
    MESSAGE = format('cannot %s %I.%I directly',
      CASE TG_OP WHEN 'INSERT' THEN 'INSERT into' WHEN 'DELETE' THEN 'DELETE from' ELSE TG_OP END,
      TG_TABLE_SCHEMA, TG_TABLE_NAME),
    DETAIL = 'Mirrored tables change only through pgforce, which writes to Salesforce first.',
    HINT = 'Connect through the pgforce proxy and run the statement there.',
    SCHEMA = TG_TABLE_SCHEMA,
    TABLE = TG_TABLE_NAME;
END
$guard$;
`;

/** Idempotent: creates or replaces the two guard triggers of salesforce.<table>. */
export function guardTriggerDdl(table: string): string[] {
  const ref = mirrorTableRef(table);
  return [
    `CREATE OR REPLACE TRIGGER ${quoteIdent(GUARD_TRIGGER)} BEFORE INSERT OR UPDATE OR DELETE ON ${ref} FOR EACH STATEMENT EXECUTE FUNCTION ${GUARD_FUNCTION}()`,
    `CREATE OR REPLACE TRIGGER ${quoteIdent(GUARD_TRUNCATE_TRIGGER)} BEFORE TRUNCATE ON ${ref} FOR EACH STATEMENT EXECUTE FUNCTION ${GUARD_FUNCTION}()`,
  ];
}
