// Postgres's legacy md5 password scheme, for clients that cannot do SCRAM. The stored hash is
// 'md5' + md5(password + user); the client answers a 4-byte salt with md5(hash + salt).
import { createHash, timingSafeEqual } from 'node:crypto';

function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

/** 'md5' + md5(password + user): how Postgres stores an md5 password. */
export function md5PasswordHash(user: string, password: string): string {
  return 'md5' + md5Hex(Buffer.from(password + user, 'utf8'));
}

/** 'md5' + md5(storedHash.slice(3) + salt): what the client sends in its PasswordMessage. */
export function md5Response(storedHash: string, salt: Buffer): string {
  return 'md5' + md5Hex(Buffer.concat([Buffer.from(storedHash.slice(3), 'utf8'), salt]));
}

/** Whether a client's PasswordMessage answers the salt for this stored hash (constant time). */
export function verifyMd5Response(storedHash: string, salt: Buffer, response: string): boolean {
  const expected = Buffer.from(md5Response(storedHash, salt), 'utf8');
  const actual = Buffer.from(response, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
