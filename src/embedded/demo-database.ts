// The demo's database inside the embedded cluster: database `demo`, its proxy user, and the
// role the proxy runs client sessions as. That role is not the superuser the sync and pgforce's catalog use:
// it may read the mirror and use the `public` schema, but it cannot read pgforce's own
// tables (proxy users' verifiers) nor write a mirrored table, so the database itself backs
// up what the proxy refuses.
import { randomBytes } from 'node:crypto';
import { withClient, withDatabase } from './connect.js';
import { UserStore } from '../proxy/users.js';

export const DEMO_DATABASE = 'demo';
export const DEMO_CLIENT_ROLE = 'pgforce_client';
/** The demo's proxy user (DESIGN.md: postgres://demo:demo@127.0.0.1:7432/demo). */
export const DEMO_PROXY_USER = { name: 'demo', password: 'demo' };

export interface DemoDatabase {
  /** The superuser URL of the `demo` database (sync, catalog, proxy users). */
  mirrorUrl: string;
  /** The client sessions' role on the `demo` database (the proxy's upstream). */
  clientUrl: string;
}

/** Creates the database, the proxy user and the client role on a fresh cluster, given its superuser URL. */
export async function createDemoDatabase(clusterUrl: string): Promise<DemoDatabase> {
  const password = randomBytes(18).toString('base64url');
  await withClient(clusterUrl, async (db) => {
    await db.query(`CREATE DATABASE ${DEMO_DATABASE}`);
    await db.query(`CREATE ROLE ${DEMO_CLIENT_ROLE} LOGIN PASSWORD '${password}'`);
  });
  const mirrorUrl = withDatabase(clusterUrl, DEMO_DATABASE);
  await withClient(mirrorUrl, async (db) => {
    await db.query(`
      REVOKE ALL ON SCHEMA public FROM PUBLIC;
      GRANT USAGE, CREATE ON SCHEMA public TO ${DEMO_CLIENT_ROLE};
      CREATE SCHEMA IF NOT EXISTS salesforce;
      GRANT USAGE ON SCHEMA salesforce TO ${DEMO_CLIENT_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA salesforce GRANT SELECT ON TABLES TO ${DEMO_CLIENT_ROLE};
    `);
    const users = new UserStore(db);
    await users.ensureTable();
    await users.add(DEMO_PROXY_USER.name, DEMO_PROXY_USER.password);
  });
  const client = new URL(mirrorUrl);
  client.username = DEMO_CLIENT_ROLE;
  client.password = password;
  return { mirrorUrl, clientUrl: client.toString() };
}
