// The options of startProxy, with the one table of defaults.
import type pg from 'pg';
import type { Logger } from '../log.js';
import type { AuthMethod, UserLookup } from './client-auth.js';
import type { Classifier } from './classifier.js';
import type { Interceptor } from './interceptor.js';
import type { UpstreamOptions } from './upstream.js';
import type { MirrorNames } from '../sql/index.js';
import type { WritePath } from '../writes/write-path.js';

export const PROXY_DEFAULTS = {
  host: '127.0.0.1',
  port: 7432,
  authMethod: 'scram-sha-256' as AuthMethod,
  maxClientConnections: 1000,
  /** Postgres itself accepts up to 1 GB; most clients never come close. */
  maxMessageSize: 256 * 1024 * 1024,
  /** Like Postgres's authentication_timeout (1 min). */
  startupTimeoutMs: 60_000,
  mirrorRefreshMs: 10_000,
} as const;

export interface ProxyOptions {
  /** TCP address to listen on (default 127.0.0.1). */
  host?: string;
  /** TCP port (default 7432; 0 = any free port). */
  port?: number;
  /** Also listen on a Unix socket `<dir>/.s.PGSQL.<port>` (as psql's `host=/dir` expects). */
  unixSocketDir?: string;
  /** The mirror database, reached with the proxy's own credentials. */
  upstream: UpstreamOptions;
  /** The database name clients must ask for (default: upstream.database). */
  databaseName?: string;
  /** Proxy users (normally a UserStore). */
  users: UserLookup;
  allowlist?: { allows(address: string | undefined): boolean };
  /** PEM certificate and key: SSLRequest is then answered with TLS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Client authentication: scram-sha-256 (default), md5, or password (cleartext, TLS only). */
  authMethod?: AuthMethod;
  maxClientConnections?: number;
  maxMessageSize?: number;
  startupTimeoutMs?: number;
  logger?: Logger;
  /** Log every message type and length (never contents) at trace level. */
  wireTrace?: boolean;
  /**
   * The Salesforce write path: INSERT/UPDATE/DELETE on mirrored tables go to Salesforce first.
   * Without it they are refused with 0A000. Its pool must read the catalog (pgforce schema).
   */
  writePath?: WritePath;
  /** What happens to writes on mirrored tables (default: carried by writePath, else refused with 0A000). */
  interceptor?: Interceptor;
  /** The classifier to use (default: src/sql's StatementClassifier). */
  classifier?: Classifier & { setNames(names: MirrorNames): void };
  /**
   * Where pgforce.mirror_tables is read (a pg.Pool on the mirror database); default: a
   * connection with the upstream credentials, which then need SELECT on it.
   */
  catalog?: pg.Pool;
  /**
   * How often the list of mirrored tables is re-read (ms; 0 = never). The proxy also LISTENs
   * for the sync's notification of a new table; this is the safety net.
   */
  mirrorRefreshMs?: number;
}
