// startProxy: the listener (TCP, optionally a Unix socket), the state all sessions share, and
// a clean shutdown. Everything per connection lives in session.ts and relay.ts.
import { createServer, type Server } from 'node:net';
import { createSecureContext } from 'node:tls';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { pino } from 'pino';
import { serverShuttingDown } from '../wire/index.js';
import type { Logger } from '../log.js';
import { StatementClassifier, loadSqlParser } from '../sql/index.js';
import { CancelKeys } from './cancel-keys.js';
import { CarryWrites } from './carry-writes.js';
import { refuseMirrorWrites } from './interceptor.js';
import { MIRROR_SCHEMA, applyMirrorNames, loadMirrorCatalog, loadMirrorNames, type MirrorState } from './mirror-state.js';
import { PROXY_DEFAULTS, type ProxyOptions } from './options.js';
import { MirrorWatch } from './mirror-watch.js';
import { handleConnection, type ProxyContext, type SessionHandle } from './session.js';

export interface RunningProxy {
  /** The TCP port listened on (useful with port 0). */
  port: number;
  /** The Unix socket path, when one was configured. */
  unixSocketPath: string | undefined;
  /** Re-reads pgforce.mirror_tables now (it is also re-read every mirrorRefreshMs). */
  refreshMirrorNames(): Promise<void>;
  /** Number of client sessions past their startup packet. */
  readonly sessionCount: number;
  /** Stops listening and ends every session with FATAL 57P01. */
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'proxy' });
  await loadSqlParser();
  const emptyNames = { schema: MIRROR_SCHEMA, tables: new Set<string>() };
  const mirror: MirrorState = {
    schema: MIRROR_SCHEMA,
    active: false,
    classifier: options.classifier ?? new StatementClassifier(emptyNames),
  };
  // The catalog is read with the given connection, else with the proxy's upstream credentials.
  let ownCatalog: pg.Pool | undefined;
  const db = options.catalog ?? (ownCatalog = catalogPool(options.upstream, logger));
  // Refreshes may overlap (a notification during a periodic re-read): only a read started
  // later than the one last applied may replace it, so a stale list never wins.
  let refreshesStarted = 0;
  let refreshApplied = 0;
  const carry = options.writePath && !options.interceptor ? new CarryWrites() : undefined;
  const refreshMirrorNames = async (): Promise<void> => {
    const seq = ++refreshesStarted;
    // With the write path, the whole catalog (columns, what Salesforce lets be written) is needed.
    const tables = carry ? await loadMirrorCatalog(db) : undefined;
    const names = tables ? { schema: MIRROR_SCHEMA, tables: new Set(tables.map((t) => t.table)) } : await loadMirrorNames(db, MIRROR_SCHEMA);
    if (seq < refreshApplied) return;
    refreshApplied = seq;
    if (tables) carry!.setTables(tables);
    applyMirrorNames(mirror, names);
  };
  try {
    await options.writePath?.start();
    await refreshMirrorNames();
  } catch (error) {
    await ownCatalog?.end();
    throw error;
  }
  const watch = new MirrorWatch(db, refreshMirrorNames, logger);
  await watch.start(options.mirrorRefreshMs ?? PROXY_DEFAULTS.mirrorRefreshMs);

  const sessions = new Set<SessionHandle>();
  const ctx: ProxyContext = {
    upstream: options.upstream,
    databaseName: options.databaseName ?? options.upstream.database,
    users: options.users,
    allowlist: options.allowlist,
    secureContext: options.tls ? createSecureContext({ cert: options.tls.cert, key: options.tls.key }) : undefined,
    authMethod: options.authMethod ?? PROXY_DEFAULTS.authMethod,
    maxClientConnections: options.maxClientConnections ?? PROXY_DEFAULTS.maxClientConnections,
    maxMessageSize: options.maxMessageSize ?? PROXY_DEFAULTS.maxMessageSize,
    startupTimeoutMs: options.startupTimeoutMs ?? PROXY_DEFAULTS.startupTimeoutMs,
    logger,
    wireTrace: options.wireTrace ?? false,
    interceptor: options.interceptor ?? carry ?? refuseMirrorWrites,
    writePath: options.writePath,
    mirror,
    cancelKeys: new CancelKeys(),
    sessions,
  };

  const servers: Server[] = [];
  const listen = (server: Server, target: { host: string; port: number } | { path: string }): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(target, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const tcp = createServer({ noDelay: true }, (socket) => handleConnection(socket, ctx));
  tcp.maxConnections = ctx.maxClientConnections * 2;
  await listen(tcp, { host: options.host ?? PROXY_DEFAULTS.host, port: options.port ?? PROXY_DEFAULTS.port });
  servers.push(tcp);
  const address = tcp.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let unixSocketPath: string | undefined;
  if (options.unixSocketDir !== undefined) {
    unixSocketPath = join(options.unixSocketDir, `.s.PGSQL.${port}`);
    await rm(unixSocketPath, { force: true });
    const unix = createServer((socket) => handleConnection(socket, ctx));
    await listen(unix, { path: unixSocketPath });
    servers.push(unix);
  }
  logger.info({ port, unixSocketPath, tls: ctx.secureContext !== undefined, authMethod: ctx.authMethod }, 'proxy listening');

  return {
    port,
    unixSocketPath,
    refreshMirrorNames,
    get sessionCount() {
      return sessions.size;
    },
    async close() {
      await watch.close();
      const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      for (const session of [...sessions]) session.terminate(serverShuttingDown());
      await Promise.all(closed);
      await ownCatalog?.end();
      logger.info('proxy closed');
    },
  };
}

function catalogPool(upstream: ProxyOptions['upstream'], logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    host: upstream.host, port: upstream.port, user: upstream.user, password: upstream.password, database: upstream.database,
    // One connection LISTENs for new mirrored tables, one reads them.
    max: 2, idleTimeoutMillis: 5000,
  });
  pool.on('error', (e) => logger.warn({ err: e }, 'catalog connection error'));
  return pool;
}
