// One test file's world for the write path: the emulator with the demo org (port 0), the
// file's own database mirrored by one real sync pass, and a pgforce proxy with the Salesforce
// write path in front of it. `apiRequests()` reads the emulator's usage counter, so tests can
// count what a statement cost.
import { beforeAll, afterAll, expect } from 'vitest';
import pg from 'pg';
import { useSyncHarness, silentLog } from '../sync/harness.js';
import { useProxy, type TestProxy } from './proxy.js';
import { WritePath } from '../../src/writes/write-path.js';
import { diffMirror, type MirrorDiff } from './mirror-compare.js';
import type { SalesforceClient } from '../../src/salesforce/index.js';
import { soql } from './salesforce-http.js';

export interface WriteWorld {
  harness: ReturnType<typeof useSyncHarness>;
  proxy: TestProxy;
  /** The write path's Salesforce client. */
  readonly salesforce: SalesforceClient;
  /** API requests the org has counted so far. */
  apiRequests(): Promise<number>;
  /** Mirror vs org for an sObject. */
  diff(sobject: string): Promise<MirrorDiff>;
  /** Fails the test unless, for each sObject, the mirror has no missing, extra or different row. */
  expectMirrorEqualsOrg(...sobjects: string[]): Promise<void>;
  /** The records a SOQL query returns from the org. */
  orgRecords(query: string): Promise<Array<Record<string, unknown>>>;
  /** A superuser connection to the mirror database. */
  readonly db: pg.Client;
}

export function useWriteWorld(): WriteWorld {
  const harness = useSyncHarness();
  let pool: pg.Pool | undefined;
  let salesforce: SalesforceClient | undefined;
  beforeAll(async () => {
    salesforce = harness.client();
    await harness.sync({}, salesforce).runOnce();
    pool = new pg.Pool({ connectionString: harness.database.url, max: 6 });
    pool.on('error', () => {});
  });
  // Registered before the proxy's hooks, so it runs after the proxy closed (hooks unwind as a stack).
  afterAll(async () => {
    await pool?.end();
  });
  const proxy = useProxy(harness.database, () => ({
    catalog: pool!,
    // Bulk API status checks every 50 ms: the emulator processes a job in milliseconds.
    writePath: new WritePath({ salesforce: harness.client(), db: pool!, logger: silentLog, bulkPollMs: 50 }),
  }));
  return {
    harness,
    proxy,
    get salesforce() {
      return salesforce!;
    },
    get db() {
      return harness.database.client;
    },
    async apiRequests() {
      const res = await fetch(`${harness.emulator.current.url}/__emulator/usage`);
      return ((await res.json()) as { used: number }).used;
    },
    diff: (sobject) => diffMirror(harness.database.client, harness.session, sobject),
    async expectMirrorEqualsOrg(...sobjects) {
      for (const sobject of sobjects) {
        const diff = await diffMirror(harness.database.client, harness.session, sobject);
        expect({ sobject, missing: diff.missing, extra: diff.extra, different: diff.different }).toEqual({ sobject, missing: [], extra: [], different: [] });
      }
    },
    async orgRecords(query) {
      return (await soql(harness.session, query)).body.records as Array<Record<string, unknown>>;
    },
  };
}
