// The SCRAM-SHA-256 key derivations (RFC 5802 §3) and the verifier Postgres stores for a
// password (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`). Used when a proxy
// user is created and by both sides of an exchange.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { saslPrep } from './saslprep.js';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
/** Postgres's defaults (scram_iterations, SCRAM_DEFAULT_SALT_LEN). */
export const SCRAM_DEFAULT_ITERATIONS = 4096;
export const SCRAM_DEFAULT_SALT_LENGTH = 16;
const KEY_LENGTH = 32;

export interface ScramSecret {
  iterations: number;
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

export function hmac(key: Buffer, text: string | Buffer): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

export function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

export function saltedPassword(password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(saslPrep(password), 'utf8'), salt, iterations, KEY_LENGTH, 'sha256');
}

export function clientKey(salted: Buffer): Buffer {
  return hmac(salted, 'Client Key');
}

export function serverKey(salted: Buffer): Buffer {
  return hmac(salted, 'Server Key');
}

export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

/**
 * A verifier in Postgres's format: `SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>`;
 * never the password. Default 4096 iterations, 16-byte random salt.
 */
export function createScramVerifier(password: string, options: { iterations?: number; salt?: Buffer } = {}): string {
  const iterations = options.iterations ?? SCRAM_DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError(`SCRAM iterations must be a positive integer, not ${iterations}`);
  const salt = options.salt ?? randomBytes(SCRAM_DEFAULT_SALT_LENGTH);
  if (salt.length === 0) throw new RangeError('a SCRAM salt must not be empty');
  const salted = saltedPassword(password, salt, iterations);
  return formatScramVerifier({ iterations, salt, storedKey: sha256(clientKey(salted)), serverKey: serverKey(salted) });
}

export function formatScramVerifier(secret: ScramSecret): string {
  const b64 = (b: Buffer) => b.toString('base64');
  return `${SCRAM_MECHANISM}$${secret.iterations}:${b64(secret.salt)}$${b64(secret.storedKey)}:${b64(secret.serverKey)}`;
}

const VERIFIER = /^SCRAM-SHA-256\$([1-9][0-9]{0,9}):([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2}):([A-Za-z0-9+/]+={0,2})$/;

/** The parts of a verifier, or undefined if the text is not one (an md5 hash, a plain text…). */
export function parseScramVerifier(verifier: string): ScramSecret | undefined {
  const m = VERIFIER.exec(verifier);
  if (!m) return undefined;
  const iterations = Number(m[1]);
  const salt = decodeBase64(m[2] ?? '');
  const storedKey = decodeBase64(m[3] ?? '');
  const serverKey = decodeBase64(m[4] ?? '');
  if (!salt || salt.length === 0 || iterations > 0x7fffffff) return undefined;
  if (storedKey?.length !== KEY_LENGTH || serverKey?.length !== KEY_LENGTH) return undefined;
  return { iterations, salt, storedKey, serverKey };
}

/** Strict base64 (the alphabet, correct padding), or undefined. */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
