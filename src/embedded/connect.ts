// Small helpers for one-off work on a cluster: a URL for another database of it, and a
// client that is connected for one function and always closed.
import pg from 'pg';

/** The same connection URL, for another database of the cluster. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withClient<T>(url: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
