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
