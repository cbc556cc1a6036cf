// Postgres's md5 password scheme: our stored hash is the one Postgres stores, and the
// client's answer to a salt is what libpq and node-postgres compute.
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { md5PasswordHash, md5Response, verifyMd5Response } from '../../../src/proxy/auth/md5.js';
import { useTestDatabase } from '../../support/postgres.js';

const db = useTestDatabase();
const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

describe('md5 passwords', () => {
  it('stores md5(password + user), as Postgres does', async () => {
    const role = `md5_${randomBytes(4).toString('hex')}`;
    await db.client.query(`CREATE ROLE ${role} LOGIN`);
    try {
      await db.client.query(`SET password_encryption = 'md5'`);
      await db.client.query(`ALTER ROLE ${role} PASSWORD 'pässwörd'`);
      const { rows } = await db.client.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]);
      expect(md5PasswordHash(role, 'pässwörd')).toBe(rows[0]!.rolpassword);
    } finally {
      await db.client.query(`RESET password_encryption`);
      await db.client.query(`DROP ROLE ${role}`);
    }
  });

  it("answers a salt as a client does: 'md5' + md5(md5(password + user) + salt)", () => {
    const salt = Buffer.from([0x01, 0xff, 0x00, 0x80]);
    const expected = 'md5' + md5(Buffer.concat([Buffer.from(md5('secretalice')), salt]));
    expect(md5PasswordHash('alice', 'secret')).toBe('md5' + md5('secretalice'));
    expect(md5Response(md5PasswordHash('alice', 'secret'), salt)).toBe(expected);
    expect(verifyMd5Response(md5PasswordHash('alice', 'secret'), salt, expected)).toBe(true);
    expect(verifyMd5Response(md5PasswordHash('alice', 'wrong'), salt, expected)).toBe(false);
    expect(verifyMd5Response(md5PasswordHash('alice', 'secret'), Buffer.from([1, 2, 3, 4]), expected)).toBe(false);
    expect(verifyMd5Response(md5PasswordHash('alice', 'secret'), salt, 'md5')).toBe(false);
  });
});
