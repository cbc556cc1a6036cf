// Sequelize, through its ordinary model API (create with RETURNING, update, destroy, upsert,
// managed transactions), against pgforce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, Sequelize, UniqueConstraintError, type ModelStatic, type Model } from 'sequelize';
import { useWriteWorld } from '../support/write-world.js';
import { soql } from '../support/salesforce-http.js';

const world = useWriteWorld();
let sequelize: Sequelize;
let Contact: ModelStatic<Model>;

beforeAll(() => {
  sequelize = new Sequelize(world.proxy.url(), { dialect: 'postgres', logging: false, pool: { max: 2 } });
  Contact = sequelize.define('Contact', {
    id: { type: DataTypes.STRING(18), primaryKey: true },
    last_name: DataTypes.TEXT,
    email: DataTypes.TEXT,
    note: DataTypes.TEXT,
    external_id: { type: DataTypes.TEXT, unique: true },
  }, { tableName: 'contacts', schema: 'salesforce', timestamps: false });
});
afterAll(async () => {
  await sequelize.close();
});

describe('Sequelize', () => {
  it('creates, reads, updates and destroys a Contact', async () => {
    const contact = await Contact.create({ last_name: 'Sequel', email: 's@sequelize.io' });
    const id = contact.get('id') as string;
    expect(id).toMatch(/^003/);
    const found = await Contact.findByPk(id);
    expect(found?.get('last_name')).toBe('Sequel');
    await found!.update({ note: 'from sequelize' });
    expect((await soql(world.harness.session, `SELECT Note__c FROM Contact WHERE Id = '${id}'`)).body.records).toMatchObject([{ Note__c: 'from sequelize' }]);
    await found!.destroy();
    expect(await Contact.findByPk(id)).toBeNull();
  });

  it('upserts on the external id', async () => {
    const [first] = await Contact.upsert({ last_name: 'SqUp1', external_id: 'sequelize-1' }, { conflictFields: ['external_id'] });
    const [second] = await Contact.upsert({ last_name: 'SqUp2', external_id: 'sequelize-1' }, { conflictFields: ['external_id'] });
    expect(second.get('id')).toBe(first.get('id'));
    expect(second.get('last_name')).toBe('SqUp2');
  });

  it('managed transactions, and rejections as Sequelize errors with the SQLSTATE', async () => {
    const contact = await sequelize.transaction(async (transaction) => Contact.create({ last_name: 'SqTrx', external_id: 'sequelize-dup' }, { transaction }));
    expect(contact.get('id')).toMatch(/^003/);
    const duplicate = await Contact.create({ last_name: 'SqDup', external_id: 'sequelize-dup' }).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(UniqueConstraintError);
    expect((duplicate as { parent: unknown }).parent).toMatchObject({ code: '23505', constraint: 'DUPLICATE_VALUE' });
    const invalid = await Contact.create({ last_name: 'SqBad', email: 'nope' }).catch((e: unknown) => e);
    expect((invalid as { parent: unknown }).parent).toMatchObject({ code: '23514', column: 'email' });
  });
});
