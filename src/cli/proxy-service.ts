// The proxy as `pgforce start` and `pgforce demo` run it: settings from the configuration,
// users from the database, TLS files read once. Composition only; the proxy is src/proxy/.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { ConfigError, postgresTarget, type ProxySettings } from '../config.js';
import type { Logger } from '../log.js';
import { startProxy, type RunningProxy } from '../proxy/index.js';
import { Allowlist } from '../proxy/allowlist.js';
import { UserStore } from '../proxy/users.js';
import type { SalesforceClient } from '../salesforce/index.js';
import { WritePath } from '../writes/write-path.js';

export interface ProxyServiceOptions {
  settings: ProxySettings;
  /** The mirror database, holding `pgforce.proxy_users` (undefined: libpq PG* variables). */
  databaseUrl: string | undefined;
  logger: Logger;
  /** Salesforce, for the write path: INSERT/UPDATE/DELETE on mirrored tables. */
  salesforce: SalesforceClient;
}

export interface ProxyService {
  proxy: RunningProxy;
  close(): Promise<void>;
}

export async function startProxyService(options: ProxyServiceOptions): Promise<ProxyService> {
  const { settings, logger } = options;
  const upstream = postgresTarget(settings.upstreamUrl ?? options.databaseUrl);
  const tls = settings.tls && { cert: await readTlsFile(settings.tls.certFile, 'certFile'), key: await readTlsFile(settings.tls.keyFile, 'keyFile') };
  // Users, catalog, the LISTEN for new tables, and the write path (journal, locks, mirror rows).
  const mirrorDb = new pg.Pool({ ...(options.databaseUrl && { connectionString: options.databaseUrl }), max: 16, idleTimeoutMillis: 10_000 });
  mirrorDb.on('error', (e) => logger.warn({ err: e }, 'mirror database connection error (proxy users, catalog, writes)'));
  const users = new UserStore(mirrorDb);
  try {
    await users.ensureTable();
    const proxy = await startProxy({
      host: settings.host,
      port: settings.port,
      ...(settings.unixSocketDir !== undefined && { unixSocketDir: settings.unixSocketDir }),
      upstream,
      databaseName: settings.database ?? upstream.database,
      users,
      catalog: mirrorDb,
      writePath: new WritePath({ salesforce: options.salesforce, db: mirrorDb, logger: logger.child({ component: 'writes' }) }),
      allowlist: new Allowlist(settings.allowlist),
      ...(tls && { tls }),
      authMethod: settings.authMethod,
      maxClientConnections: settings.maxClientConnections,
      maxMessageSize: settings.maxMessageSize,
      startupTimeoutMs: settings.startupTimeoutMs,
      mirrorRefreshMs: settings.mirrorRefreshMs,
      wireTrace: settings.wireTrace,
      logger,
    });
    return {
      proxy,
      async close() {
        await proxy.close();
        await mirrorDb.end();
      },
    };
  } catch (error) {
    await mirrorDb.end();
    throw error;
  }
}

async function readTlsFile(path: string, key: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ConfigError(`invalid configuration: proxy.tls.${key}: cannot read ${path}: ${(error as Error).message}`);
  }
}
