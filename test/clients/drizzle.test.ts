// Drizzle ORM (node-postgres driver), through its ordinary API, against pgforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { boolean, pgSchema, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const salesforce = pgSchema('salesforce');
const contacts = salesforce.table('contacts', {
  id: varchar('id', { length: 18 }).primaryKey(),
  lastName: text('last_name'),
  email: text('email'),
  note: text('note'),
  externalId: text('external_id'),
  accountId: varchar('account_id', { length: 18 }),
  doNotCall: boolean('do_not_call'),
  systemModstamp: timestamp('system_modstamp', { withTimezone: true }),
});
const accounts = salesforce.table('accounts', { id: varchar('id', { length: 18 }).primaryKey(), name: text('name') });

const world = useWriteWorld();
let pool: pg.Pool;
let db: NodePgDatabase;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: world.proxy.url(), max: 2 });
  pool.on('error', () => {});
  db = drizzle(pool);
});
afterAll(async () => {
  await pool.end();
});

describe('Drizzle', () => {
  it('creates, reads, updates and deletes a Contact of an Account', async () => {
    const [account] = await db.insert(accounts).values({ name: 'Drizzle Ltd' } as never).returning();
    const [contact] = await db.insert(contacts).values({ lastName: 'Drizzler', accountId: account!.id } as never).returning();
    expect(contact).toMatchObject({ lastName: 'Drizzler', accountId: account!.id, doNotCall: false });
    expect(contact!.systemModstamp).toBeInstanceOf(Date);
    expect(await db.select({ lastName: contacts.lastName }).from(contacts).where(eq(contacts.id, contact!.id))).toEqual([{ lastName: 'Drizzler' }]);
    const updated = await db.update(contacts).set({ note: 'from drizzle' }).where(eq(contacts.id, contact!.id)).returning({ note: contacts.note });
    expect(updated).toEqual([{ note: 'from drizzle' }]);
    await db.delete(contacts).where(eq(contacts.id, contact!.id));
    expect((await soql(world.harness.session, `SELECT Id FROM Contact WHERE Id = '${contact!.id}'`)).body.records).toEqual([]);
  });

  it('upserts on the external id', async () => {
    const upsert = (lastName: string) => db.insert(contacts).values({ lastName, externalId: 'drizzle-1' } as never)
      .onConflictDoUpdate({ target: contacts.externalId, set: { lastName: sql`excluded.last_name` } }).returning({ id: contacts.id });
    const [first] = await upsert('DzUp1');
    const [second] = await upsert('DzUp2');
    expect(second!.id).toBe(first!.id);
  });

  it('transactions, and a rejection as the database error with the SQLSTATE', async () => {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(contacts).values({ lastName: 'DzTrx' } as never).returning({ id: contacts.id });
      return row!.id;
    });
    expect(id).toMatch(/^003/);
    const error = await db.update(contacts).set({ email: 'nope' }).where(eq(contacts.id, id)).catch((e: unknown) => e);
    expect((error as { cause?: unknown }).cause).toMatchObject({ code: '23514', column: 'email', constraint: 'INVALID_EMAIL_ADDRESS' });
  });
});
