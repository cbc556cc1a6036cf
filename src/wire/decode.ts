// Readers for the few message bodies the proxy looks inside. Each takes the frame in
// `buf[start, end)` (type byte at `start`) and copies nothing it does not return.
import { protocolViolation } from './errors.js';

/** The SQL text of a Query frame. */
export function queryText(buf: Buffer, start: number, end: number): string {
  const stop = buf[end - 1] === 0 ? end - 1 : end;
  return buf.toString('utf8', start + 5, stop);
}

/** Statement name and SQL text of a Parse frame. */
export function parseMessage(buf: Buffer, start: number, end: number): { name: string; query: string } {
  const nameEnd = buf.indexOf(0, start + 5);
  if (nameEnd < 0 || nameEnd >= end) throw protocolViolation('invalid Parse message: missing statement name terminator');
  const queryEnd = buf.indexOf(0, nameEnd + 1);
  if (queryEnd < 0 || queryEnd >= end) throw protocolViolation('invalid Parse message: missing query string terminator');
  return { name: buf.toString('utf8', start + 5, nameEnd), query: buf.toString('utf8', nameEnd + 1, queryEnd) };
}

/** Name and value of a ParameterStatus body. */
export function parameterStatusBody(body: Buffer): [string, string] {
  const nameEnd = body.indexOf(0);
  const valueEnd = body.indexOf(0, nameEnd + 1);
  return [body.toString('utf8', 0, nameEnd), body.toString('utf8', nameEnd + 1, valueEnd < 0 ? body.length : valueEnd)];
}

/** Mechanism and payload of a SASLInitialResponse body. */
export function saslInitialResponseBody(body: Buffer): { mechanism: string; data: Buffer } {
  const mechEnd = body.indexOf(0);
  if (mechEnd < 0 || mechEnd + 5 > body.length) throw protocolViolation('invalid SASLInitialResponse message');
  const length = body.readInt32BE(mechEnd + 1);
  const data = length < 0 ? Buffer.alloc(0) : body.subarray(mechEnd + 5, mechEnd + 5 + length);
  return { mechanism: body.toString('utf8', 0, mechEnd), data };
}

/** A NUL-terminated password (PasswordMessage body). */
export function passwordBody(body: Buffer): string {
  const end = body.indexOf(0);
  return body.toString('utf8', 0, end < 0 ? body.length : end);
}

/** The mechanisms listed in an AuthenticationSASL body (after the int32 code). */
export function saslMechanisms(body: Buffer): string[] {
  return body.toString('utf8', 4).split('\0').filter((m) => m.length > 0);
}
