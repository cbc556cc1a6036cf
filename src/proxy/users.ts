// The proxy's own users (the names and passwords clients log in to pgforce with). They live
// in the database, in `pgforce.proxy_users`, so every proxy replica sees the same ones; only
// verifiers are stored (a SCRAM verifier, and an md5 hash for clients that need md5), never
// a password. Written by `pgforce users`, read by the proxy at each login.
import type pg from 'pg';
import { createScramVerifier } from './auth/scram.js';
import { md5PasswordHash } from './auth/md5.js';

export interface ProxyUser {
  name: string;
  scramVerifier: string;
  md5Hash: string | null;
  readOnly: boolean;
}

export interface ProxyUserListing {
  name: string;
  readOnly: boolean;
  md5: boolean;
  createdAt: Date;
}

export const USERS_DDL = `
CREATE SCHEMA IF NOT EXISTS pgforce;
CREATE TABLE IF NOT EXISTS pgforce.proxy_users (
  name            text PRIMARY KEY,
  scram_verifier  text NOT NULL,
  md5_hash        text,
  read_only       boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
`;

/** Postgres's limit on a role name (NAMEDATALEN - 1 bytes); clients send the user as a name. */
export const MAX_USER_NAME_BYTES = 63;

export type ProxyUserErrorCode = 'invalid_name' | 'invalid_password' | 'exists' | 'not_found';

/** A refused change to the proxy users, with a message meant for the person running it. */
export class ProxyUserError extends Error {
  constructor(readonly code: ProxyUserErrorCode, message: string) {
    super(message);
  }
}

const UNIQUE_VIOLATION = '23505';

interface Row {
  name: string;
  scram_verifier: string;
  md5_hash: string | null;
  read_only: boolean;
  created_at: Date;
}

/** `pgforce.proxy_users` as a stable advisory lock key for its DDL. */
const USERS_DDL_LOCK = '7234017283807667301';

export class UserStore {
  /** A pg.Pool or pg.Client. */
  constructor(private readonly db: { query: pg.Pool['query'] }) {}

  /** Creates the table if missing. Safe when several replicas start at once. */
  async ensureTable(): Promise<void> {
    // Concurrent CREATE … IF NOT EXISTS can collide in the catalogs: replicas starting together
    // take turns behind a transaction-scoped advisory lock (one Query string is one transaction).
    await this.db.query(`SELECT pg_advisory_xact_lock(${USERS_DDL_LOCK}); ${USERS_DDL}`);
  }

  async find(name: string): Promise<ProxyUser | undefined> {
    const { rows } = await this.db.query<Row>('SELECT name, scram_verifier, md5_hash, read_only FROM pgforce.proxy_users WHERE name = $1', [name]);
    const row = rows[0];
    return row && { name: row.name, scramVerifier: row.scram_verifier, md5Hash: row.md5_hash, readOnly: row.read_only };
  }

  /** Adds a user; fails with ProxyUserError('exists') if the name is taken (use setPassword to change a password). */
  async add(name: string, password: string, options: { readOnly?: boolean; md5?: boolean } = {}): Promise<void> {
    checkUserName(name);
    checkUserPassword(password);
    const md5 = options.md5 ? md5PasswordHash(name, password) : null;
    try {
      await this.db.query('INSERT INTO pgforce.proxy_users (name, scram_verifier, md5_hash, read_only) VALUES ($1, $2, $3, $4)', [
        name,
        createScramVerifier(password),
        md5,
        options.readOnly ?? false,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ProxyUserError('exists', `proxy user "${name}" already exists`);
      throw error;
    }
  }

  /**
   * Replaces a user's password. The md5 hash is kept up to date if the user has one (or
   * added/dropped with `options.md5`). False if there is no such user.
   */
  async setPassword(name: string, password: string, options: { md5?: boolean } = {}): Promise<boolean> {
    checkUserPassword(password);
    const md5 = md5PasswordHash(name, password);
    const { rowCount } = await this.db.query(
      `UPDATE pgforce.proxy_users SET scram_verifier = $2,
         md5_hash = CASE WHEN coalesce($4::boolean, md5_hash IS NOT NULL) THEN $3 END
       WHERE name = $1`,
      [name, createScramVerifier(password), md5, options.md5 ?? null],
    );
    return rowCount === 1;
  }

  /** False if there is no such user. */
  async setReadOnly(name: string, readOnly: boolean): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE pgforce.proxy_users SET read_only = $2 WHERE name = $1', [name, readOnly]);
    return rowCount === 1;
  }

  /** False if there was no such user. */
  async remove(name: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM pgforce.proxy_users WHERE name = $1', [name]);
    return rowCount === 1;
  }

  /** Every user, by name; no verifiers. */
  async list(): Promise<ProxyUserListing[]> {
    const { rows } = await this.db.query<Row>('SELECT name, md5_hash, read_only, created_at FROM pgforce.proxy_users ORDER BY name');
    return rows.map((r) => ({ name: r.name, readOnly: r.read_only, md5: r.md5_hash !== null, createdAt: r.created_at }));
  }
}

/** Throws ProxyUserError('invalid_name') unless `name` can be a proxy user name. */
export function checkUserName(name: string): void {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes === 0 || bytes > MAX_USER_NAME_BYTES) {
    throw new ProxyUserError('invalid_name', `a proxy user name must be 1 to ${MAX_USER_NAME_BYTES} bytes long ("${name}" is ${bytes})`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1F\x7F]/.test(name)) throw new ProxyUserError('invalid_name', 'a proxy user name must not contain control characters');
}

/** Throws ProxyUserError('invalid_password') unless `password` can be a proxy user password. */
export function checkUserPassword(password: string): void {
  if (password.length === 0) throw new ProxyUserError('invalid_password', 'a proxy user password must not be empty');
  if (password.includes('\0')) throw new ProxyUserError('invalid_password', 'a proxy user password must not contain a NUL character');
}
