// Builders for the frontend messages the proxy sends to the upstream Postgres as a client of
// its own: the startup, authentication answers, its own Query/Sync, CancelRequest, Terminate.
import { Frontend, StartupCode } from './message-types.js';

function frame(type: number, body: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(5 + body.length);
  buf[0] = type;
  buf.writeInt32BE(4 + body.length, 1);
  body.copy(buf, 5);
  return buf;
}

export function startupMessage(parameters: ReadonlyMap<string, string>): Buffer {
  let text = '';
  for (const [name, value] of parameters) text += `${name}\0${value}\0`;
  const body = Buffer.from(`${text}\0`, 'utf8');
  const buf = Buffer.allocUnsafe(8 + body.length);
  buf.writeInt32BE(8 + body.length, 0);
  buf.writeInt32BE(StartupCode.ProtocolVersion3, 4);
  body.copy(buf, 8);
  return buf;
}

export function cancelRequest(processId: number, secretKey: number): Buffer {
  const buf = Buffer.allocUnsafe(16);
  buf.writeInt32BE(16, 0);
  buf.writeInt32BE(StartupCode.CancelRequest, 4);
  buf.writeInt32BE(processId, 8);
  buf.writeInt32BE(secretKey, 12);
  return buf;
}

export const passwordMessage = (password: string): Buffer => frame(Frontend.PasswordMessage, Buffer.from(`${password}\0`, 'utf8'));

export function saslInitialResponse(mechanism: string, data: string): Buffer {
  const mech = Buffer.from(`${mechanism}\0`, 'utf8');
  const payload = Buffer.from(data, 'utf8');
  const len = Buffer.allocUnsafe(4);
  len.writeInt32BE(payload.length, 0);
  return frame(Frontend.PasswordMessage, Buffer.concat([mech, len, payload]));
}

export const saslResponse = (data: string): Buffer => frame(Frontend.PasswordMessage, Buffer.from(data, 'utf8'));
export const query = (sql: string): Buffer => frame(Frontend.Query, Buffer.from(`${sql}\0`, 'utf8'));
export const SYNC: Buffer = frame(Frontend.Sync, Buffer.alloc(0));
export const TERMINATE: Buffer = frame(Frontend.Terminate, Buffer.alloc(0));

// Extended-protocol messages, for the statements the proxy runs itself in a client's session.

/** Parse: `name` '' is the unnamed statement; `paramTypes` are OIDs (0 = let the server infer). */
export function parse(name: string, sql: string, paramTypes: readonly number[] = []): Buffer {
  const text = Buffer.from(`${name}\0${sql}\0`, 'utf8');
  const body = Buffer.allocUnsafe(text.length + 2 + 4 * paramTypes.length);
  text.copy(body, 0);
  let pos = body.writeInt16BE(paramTypes.length, text.length);
  for (const oid of paramTypes) pos = body.writeUInt32BE(oid >>> 0, pos);
  return frame(Frontend.Parse, body);
}

/** Bind with parameter values already encoded (`null` = SQL NULL) and the given result formats. */
export function bind(
  portal: string,
  statement: string,
  paramFormats: readonly number[],
  params: ReadonlyArray<Buffer | null>,
  resultFormats: readonly number[],
): Buffer {
  const names = Buffer.from(`${portal}\0${statement}\0`, 'utf8');
  let size = names.length + 2 + 2 * paramFormats.length + 2 + 2 + 2 * resultFormats.length;
  for (const p of params) size += 4 + (p?.length ?? 0);
  const body = Buffer.allocUnsafe(size);
  names.copy(body, 0);
  let pos = body.writeInt16BE(paramFormats.length, names.length);
  for (const f of paramFormats) pos = body.writeInt16BE(f, pos);
  pos = body.writeInt16BE(params.length, pos);
  for (const p of params) {
    if (p === null) pos = body.writeInt32BE(-1, pos);
    else {
      pos = body.writeInt32BE(p.length, pos);
      pos += p.copy(body, pos);
    }
  }
  pos = body.writeInt16BE(resultFormats.length, pos);
  for (const f of resultFormats) pos = body.writeInt16BE(f, pos);
  return frame(Frontend.Bind, body);
}

export function execute(portal: string, maxRows = 0): Buffer {
  const name = Buffer.from(`${portal}\0`, 'utf8');
  const body = Buffer.allocUnsafe(name.length + 4);
  name.copy(body, 0);
  body.writeInt32BE(maxRows, name.length);
  return frame(Frontend.Execute, body);
}

/** Close of a statement (`S`) or portal (`P`). */
export function close(kind: 'S' | 'P', name: string): Buffer {
  return frame(Frontend.Close, Buffer.from(`${kind}${name}\0`, 'utf8'));
}

/** Describe of a statement (`S`) or portal (`P`). */
export function describe(kind: 'S' | 'P', name: string): Buffer {
  return frame(Frontend.Describe, Buffer.from(`${kind}${name}\0`, 'utf8'));
}
