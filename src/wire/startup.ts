// The untyped first packet of a connection: StartupMessage, SSLRequest, GSSENCRequest or
// CancelRequest. Pure: a complete packet (length included) in, a typed value out.
import { StartupCode } from './message-types.js';
import { protocolViolation, unsupportedProtocol } from './errors.js';

/** Postgres refuses startup packets longer than this (MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_PACKET_LENGTH = 10_000;

export type StartupPacket =
  | { kind: 'SSLRequest' }
  | { kind: 'GSSENCRequest' }
  | { kind: 'CancelRequest'; processId: number; secretKey: number }
  | {
    kind: 'StartupMessage';
    minorVersion: number;
    parameters: Map<string, string>;
    /** `_pq_.*` protocol options: we support none and say so with NegotiateProtocolVersion. */
    protocolOptions: string[];
  };

/** Length of the packet starting at `buf[0]`, or undefined while fewer than 4 bytes are there. Throws a FATAL PgError when invalid. */
export function startupPacketLength(buf: Buffer): number | undefined {
  if (buf.length < 4) return undefined;
  const length = buf.readInt32BE(0);
  if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) throw protocolViolation('invalid length of startup packet');
  return length;
}

export function parseStartupPacket(packet: Buffer): StartupPacket {
  const code = packet.readInt32BE(4);
  switch (code) {
    case StartupCode.SSLRequest: return { kind: 'SSLRequest' };
    case StartupCode.GSSENCRequest: return { kind: 'GSSENCRequest' };
    case StartupCode.CancelRequest:
      if (packet.length !== 16) throw protocolViolation('invalid length of cancel request packet');
      return { kind: 'CancelRequest', processId: packet.readInt32BE(8), secretKey: packet.readInt32BE(12) };
  }
  const major = code >>> 16;
  const minor = code & 0xffff;
  if (major !== 3) throw unsupportedProtocol(major, minor);
  const parameters = new Map<string, string>();
  const protocolOptions: string[] = [];
  let pos = 8;
  for (;;) {
    const nameEnd = packet.indexOf(0, pos);
    if (nameEnd < 0) throw protocolViolation('invalid startup packet layout: expected terminator as last byte');
    if (nameEnd === pos) break;
    const name = packet.toString('utf8', pos, nameEnd);
    const valueEnd = packet.indexOf(0, nameEnd + 1);
    if (valueEnd < 0) throw protocolViolation('invalid startup packet layout: expected terminator as last byte');
    const value = packet.toString('utf8', nameEnd + 1, valueEnd);
    if (name.startsWith('_pq_.')) protocolOptions.push(name);
    else parameters.set(name, value);
    pos = valueEnd + 1;
  }
  return { kind: 'StartupMessage', minorVersion: minor, parameters, protocolOptions };
}
