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

/** Parameter type OIDs of a Parse frame (after its name and query). */
export function parseParamTypes(buf: Buffer, start: number, end: number): number[] {
  const nameEnd = buf.indexOf(0, start + 5);
  const queryEnd = buf.indexOf(0, nameEnd + 1);
  let pos = queryEnd + 1;
  if (pos + 2 > end) throw protocolViolation('invalid Parse message: missing parameter count');
  const count = buf.readInt16BE(pos);
  pos += 2;
  if (count < 0 || pos + 4 * count > end) throw protocolViolation('invalid Parse message: bad parameter types');
  const types: number[] = [];
  for (let i = 0; i < count; i++) types.push(buf.readUInt32BE(pos + 4 * i));
  return types;
}

export interface BindMessage {
  portal: string;
  statement: string;
  paramFormats: number[];
  /** Copies of the values (null = SQL NULL), safe to keep after the chunk is gone. */
  params: Array<Buffer | null>;
  resultFormats: number[];
}

export function bindMessage(buf: Buffer, start: number, end: number): BindMessage {
  const bad = () => protocolViolation('invalid Bind message');
  const portalEnd = buf.indexOf(0, start + 5);
  if (portalEnd < 0 || portalEnd >= end) throw bad();
  const statementEnd = buf.indexOf(0, portalEnd + 1);
  if (statementEnd < 0 || statementEnd >= end) throw bad();
  let pos = statementEnd + 1;
  const int16s = (): number[] => {
    if (pos + 2 > end) throw bad();
    const n = buf.readInt16BE(pos);
    pos += 2;
    if (n < 0 || pos + 2 * n > end) throw bad();
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(buf.readInt16BE(pos + 2 * i));
    pos += 2 * n;
    return out;
  };
  const paramFormats = int16s();
  if (pos + 2 > end) throw bad();
  const count = buf.readInt16BE(pos);
  pos += 2;
  const params: Array<Buffer | null> = [];
  for (let i = 0; i < count; i++) {
    if (pos + 4 > end) throw bad();
    const length = buf.readInt32BE(pos);
    pos += 4;
    if (length < 0) params.push(null);
    else {
      if (pos + length > end) throw bad();
      params.push(Buffer.from(buf.subarray(pos, pos + length)));
      pos += length;
    }
  }
  const resultFormats = int16s();
  return { portal: buf.toString('utf8', start + 5, portalEnd), statement: buf.toString('utf8', portalEnd + 1, statementEnd), paramFormats, params, resultFormats };
}

/** Kind ('S' statement or 'P' portal) and name of a Describe or Close frame. */
export function describeTarget(buf: Buffer, start: number, end: number): { kind: number; name: string } {
  const nameEnd = buf.indexOf(0, start + 6);
  if (end - start < 7 || nameEnd < 0 || nameEnd >= end) throw protocolViolation('invalid Describe or Close message');
  return { kind: buf[start + 5]!, name: buf.toString('utf8', start + 6, nameEnd) };
}

/** Portal name of an Execute frame. */
export function executePortal(buf: Buffer, start: number, end: number): string {
  const nameEnd = buf.indexOf(0, start + 5);
  if (nameEnd < 0 || nameEnd >= end) throw protocolViolation('invalid Execute message');
  return buf.toString('utf8', start + 5, nameEnd);
}

/** Values of a DataRow frame as text (null = SQL NULL); the proxy's own queries ask for text. */
export function dataRowValues(buf: Buffer, start: number, end: number): Array<string | null> {
  const count = buf.readInt16BE(start + 5);
  const values: Array<string | null> = [];
  let pos = start + 7;
  for (let i = 0; i < count && pos + 4 <= end; i++) {
    const length = buf.readInt32BE(pos);
    pos += 4;
    if (length < 0) values.push(null);
    else {
      values.push(buf.toString('utf8', pos, pos + length));
      pos += length;
    }
  }
  return values;
}

/** The tag of a CommandComplete frame ("INSERT 0 1"). */
export function commandTag(buf: Buffer, start: number, end: number): string {
  const stop = buf[end - 1] === 0 ? end - 1 : end;
  return buf.toString('utf8', start + 5, stop);
}

/** Portal and statement names of a Bind frame (without decoding its values). */
export function bindNames(buf: Buffer, start: number, end: number): { portal: string; statement: string } {
  const portalEnd = buf.indexOf(0, start + 5);
  const statementEnd = portalEnd < 0 ? -1 : buf.indexOf(0, portalEnd + 1);
  if (statementEnd < 0 || statementEnd >= end) throw protocolViolation('invalid Bind message');
  return { portal: buf.toString('utf8', start + 5, portalEnd), statement: buf.toString('utf8', portalEnd + 1, statementEnd) };
}

/** One field of a RowDescription: its name and the 18 bytes that follow it (table, column, type, size, modifier, format). */
export interface FieldDescription {
  name: string;
  rest: Buffer;
}

export function rowDescriptionFields(buf: Buffer, start: number, end: number): FieldDescription[] {
  const count = buf.readInt16BE(start + 5);
  const fields: FieldDescription[] = [];
  let pos = start + 7;
  for (let i = 0; i < count; i++) {
    const nameEnd = buf.indexOf(0, pos);
    if (nameEnd < 0 || nameEnd + 19 > end) throw protocolViolation('invalid RowDescription message');
    fields.push({ name: buf.toString('utf8', pos, nameEnd), rest: Buffer.from(buf.subarray(nameEnd + 1, nameEnd + 19)) });
    pos = nameEnd + 19;
  }
  return fields;
}
