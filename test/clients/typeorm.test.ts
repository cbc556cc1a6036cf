// TypeORM, through its repository API (save with RETURNING, find, update, delete, upsert,
// transactions), against pgforce. EntitySchema: no decorators needed.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource, EntitySchema, QueryFailedError } from 'typeorm';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

interface ContactRow {
  id?: string;
  last_name?: string | null;
  email?: string | null;
  note?: string | null;
  external_id?: string | null;
}

const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contacts',
  schema: 'salesforce',
  columns: {
    id: { type: 'varchar', length: 18, primary: true },
    last_name: { type: 'text', nullable: true },
    email: { type: 'text', nullable: true },
    note: { type: 'text', nullable: true },
    external_id: { type: 'text', nullable: true, unique: true },
  },
});

const world = useWriteWorld();
let source: DataSource;

beforeAll(async () => {
  source = new DataSource({ type: 'postgres', url: world.proxy.url(), entities: [ContactEntity], synchronize: false, logging: false, extra: { max: 2 } });
  await source.initialize();
});
afterAll(async () => {
  await source.destroy();
});

describe('TypeORM', () => {
  it('inserts, finds, updates and deletes a Contact', async () => {
    const repo = source.getRepository(ContactEntity);
    const result = await repo.insert({ last_name: 'Typer', email: 't@typeorm.io' });
    const id = result.identifiers[0]?.id as string | undefined;
    const row = id ? await repo.findOneBy({ id }) : await repo.findOneBy({ last_name: 'Typer' });
    expect(row).toMatchObject({ last_name: 'Typer', email: 't@typeorm.io' });
    await repo.update({ id: row!.id }, { note: 'from typeorm' });
    expect((await soql(world.harness.session, `SELECT Note__c FROM Contact WHERE Id = '${row!.id}'`)).body.records).toMatchObject([{ Note__c: 'from typeorm' }]);
    await repo.delete({ id: row!.id });
    expect(await repo.findOneBy({ id: row!.id })).toBeNull();
  });

  it('upserts on the external id', async () => {
    const repo = source.getRepository(ContactEntity);
    await repo.upsert({ last_name: 'TyUp1', external_id: 'typeorm-1' }, { conflictPaths: ['external_id'] });
    await repo.upsert({ last_name: 'TyUp2', external_id: 'typeorm-1' }, { conflictPaths: ['external_id'] });
    expect(await repo.findBy({ external_id: 'typeorm-1' })).toMatchObject([{ last_name: 'TyUp2' }]);
  });

  it('transactions, and a rejection as QueryFailedError with the SQLSTATE', async () => {
    await source.transaction(async (manager) => {
      await manager.getRepository(ContactEntity).insert({ last_name: 'TyTrx' });
    });
    const error = await source.getRepository(ContactEntity).insert({ last_name: 'TyBad', email: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error).toMatchObject({ driverError: { code: '23514', column: 'email' } });
  });
});
