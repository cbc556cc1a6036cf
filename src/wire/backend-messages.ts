// Builders for the backend messages the proxy writes itself (handshake, refusals). Relayed
// upstream messages are never rebuilt: these only serve what the proxy says on its own.
import { AuthenticationCode, Backend } from './message-types.js';

function frame(type: number, bodyLength: number): Buffer {
  const buf = Buffer.allocUnsafe(5 + bodyLength);
  buf[0] = type;
  buf.writeInt32BE(4 + bodyLength, 1);
  return buf;
}

function authentication(code: number, extra?: Buffer): Buffer {
  const buf = frame(Backend.Authentication, 4 + (extra?.length ?? 0));
  buf.writeInt32BE(code, 5);
  extra?.copy(buf, 9);
  return buf;
}

export const authenticationOk = (): Buffer => authentication(AuthenticationCode.Ok);
export const authenticationCleartextPassword = (): Buffer => authentication(AuthenticationCode.CleartextPassword);
export const authenticationMD5Password = (salt: Buffer): Buffer => authentication(AuthenticationCode.MD5Password, salt);

export function authenticationSASL(mechanisms: readonly string[]): Buffer {
  return authentication(AuthenticationCode.SASL, Buffer.from(mechanisms.map((m) => `${m}\0`).join('') + '\0', 'utf8'));
}

export const authenticationSASLContinue = (data: string): Buffer => authentication(AuthenticationCode.SASLContinue, Buffer.from(data, 'utf8'));
export const authenticationSASLFinal = (data: string): Buffer => authentication(AuthenticationCode.SASLFinal, Buffer.from(data, 'utf8'));

export function parameterStatus(name: string, value: string): Buffer {
  const body = Buffer.from(`${name}\0${value}\0`, 'utf8');
  const buf = frame(Backend.ParameterStatus, body.length);
  body.copy(buf, 5);
  return buf;
}

export function backendKeyData(processId: number, secretKey: number): Buffer {
  const buf = frame(Backend.BackendKeyData, 8);
  buf.writeInt32BE(processId, 5);
  buf.writeInt32BE(secretKey, 9);
  return buf;
}

export function readyForQuery(status: number): Buffer {
  const buf = frame(Backend.ReadyForQuery, 1);
  buf[5] = status;
  return buf;
}

/** Tells a client asking for protocol 3.x (x > 0) or `_pq_.` options that we speak 3.0 without them. */
export function negotiateProtocolVersion(newestMinor: number, unrecognizedOptions: readonly string[]): Buffer {
  const names = Buffer.from(unrecognizedOptions.map((o) => `${o}\0`).join(''), 'utf8');
  const buf = frame(Backend.NegotiateProtocolVersion, 8 + names.length);
  buf.writeInt32BE(newestMinor, 5);
  buf.writeInt32BE(unrecognizedOptions.length, 9);
  names.copy(buf, 13);
  return buf;
}

/** The single-byte answers to SSLRequest / GSSENCRequest. */
export const SSL_ACCEPTED = Buffer.from('S');
export const SSL_REFUSED = Buffer.from('N');

/** OID of the `text` type (pg_type.dat). */
export const TEXT_OID = 25;

/** A RowDescription of text columns (not from a table), each in the given format code. */
export function textRowDescription(names: readonly string[], formats: readonly number[] = []): Buffer {
  const encoded = names.map((n) => Buffer.from(`${n}\0`, 'utf8'));
  const size = 2 + encoded.reduce((sum, n) => sum + n.length + 18, 0);
  const buf = frame(Backend.RowDescription, size);
  let pos = buf.writeInt16BE(names.length, 5);
  encoded.forEach((name, i) => {
    pos += name.copy(buf, pos);
    pos = buf.writeInt32BE(0, pos); // table OID
    pos = buf.writeInt16BE(0, pos); // column number
    pos = buf.writeInt32BE(TEXT_OID, pos);
    pos = buf.writeInt16BE(-1, pos); // variable length
    pos = buf.writeInt32BE(-1, pos); // no type modifier
    pos = buf.writeInt16BE(formats.length === 1 ? formats[0]! : (formats[i] ?? 0), pos);
  });
  return buf;
}

/** A DataRow of text values (text and binary encodings of `text` are the same bytes). */
export function textDataRow(values: ReadonlyArray<string | null>): Buffer {
  const encoded = values.map((v) => (v === null ? null : Buffer.from(v, 'utf8')));
  const size = 2 + encoded.reduce((sum, v) => sum + 4 + (v?.length ?? 0), 0);
  const buf = frame(Backend.DataRow, size);
  let pos = buf.writeInt16BE(values.length, 5);
  for (const v of encoded) {
    if (v === null) pos = buf.writeInt32BE(-1, pos);
    else {
      pos = buf.writeInt32BE(v.length, pos);
      pos += v.copy(buf, pos);
    }
  }
  return buf;
}

export function commandComplete(tag: string): Buffer {
  const body = Buffer.from(`${tag}\0`, 'utf8');
  const buf = frame(Backend.CommandComplete, body.length);
  body.copy(buf, 5);
  return buf;
}

/** A RowDescription of the given fields, each with the format code asked for (formats: none, one for all, or one each). */
export function rowDescription(fields: ReadonlyArray<{ name: string; rest: Buffer }>, formats: readonly number[] = []): Buffer {
  const names = fields.map((f) => Buffer.from(`${f.name}\0`, 'utf8'));
  const buf = frame(Backend.RowDescription, 2 + names.reduce((sum, n) => sum + n.length + 18, 0));
  let pos = buf.writeInt16BE(fields.length, 5);
  fields.forEach((field, i) => {
    pos += names[i]!.copy(buf, pos);
    pos += field.rest.copy(buf, pos, 0, 16);
    pos = buf.writeInt16BE(formats.length === 0 ? 0 : formats.length === 1 ? formats[0]! : (formats[i] ?? 0), pos);
  });
  return buf;
}
