// Startup packets, backend message builders and PgError's ErrorResponse encoding.
import { describe, expect, it } from 'vitest';
import {
  PgError, SqlState, StartupCode, authenticationFailed, backendKeyData, decodeNoticeFields, frontend, ipNotAllowed,
  negotiateProtocolVersion, parseMessage, parseStartupPacket, pgErrorFromBody, queryText, readyForQuery, startupPacketLength,
  tooManyConnections,
} from '../../src/wire/index.js';

function packet(code: number, rest: Buffer = Buffer.alloc(0)): Buffer {
  const b = Buffer.alloc(8 + rest.length);
  b.writeInt32BE(8 + rest.length, 0);
  b.writeInt32BE(code, 4);
  rest.copy(b, 8);
  return b;
}

describe('startup packets', () => {
  it('parses a StartupMessage with its parameters', () => {
    const p = parseStartupPacket(frontend.startupMessage(new Map([['user', 'u'], ['database', 'd'], ['application_name', 'x']])));
    expect(p).toEqual({ kind: 'StartupMessage', minorVersion: 0, parameters: new Map([['user', 'u'], ['database', 'd'], ['application_name', 'x']]), protocolOptions: [] });
  });

  it('reports a newer minor version and _pq_ options for negotiation', () => {
    const p = parseStartupPacket(packet(StartupCode.ProtocolVersion3 | 2, Buffer.from('user\0u\0_pq_.foo\0bar\0\0')));
    expect(p).toMatchObject({ kind: 'StartupMessage', minorVersion: 2, protocolOptions: ['_pq_.foo'] });
    const nv = negotiateProtocolVersion(0, ['_pq_.foo']);
    expect(nv.toString('latin1', 0, 1)).toBe('v');
    expect(nv.readInt32BE(9)).toBe(1);
  });

  it('recognises SSLRequest, GSSENCRequest and CancelRequest', () => {
    expect(parseStartupPacket(packet(StartupCode.SSLRequest))).toEqual({ kind: 'SSLRequest' });
    expect(parseStartupPacket(packet(StartupCode.GSSENCRequest))).toEqual({ kind: 'GSSENCRequest' });
    expect(parseStartupPacket(frontend.cancelRequest(42, -7))).toEqual({ kind: 'CancelRequest', processId: 42, secretKey: -7 });
  });

  it('refuses protocol 2 and absurd lengths', () => {
    expect(() => parseStartupPacket(packet(2 << 16))).toThrow(/unsupported frontend protocol 2.0/);
    expect(() => startupPacketLength(Buffer.from([0, 0, 0, 4]))).toThrow(/invalid length of startup packet/);
    expect(() => startupPacketLength(Buffer.from([0, 1, 0, 0]))).toThrow(/invalid length of startup packet/);
    expect(startupPacketLength(Buffer.from([0, 0]))).toBeUndefined();
  });
});

describe('PgError', () => {
  it('encodes itself as an ErrorResponse that decodes to the same fields', () => {
    const e = new PgError({ code: '23505', message: 'duplicate', detail: 'Key (id)=(1) already exists.', hint: 'h', schema: 's', table: 't', column: 'c', constraint: 'k' });
    const frame = e.encode();
    expect(frame.toString('latin1', 0, 1)).toBe('E');
    expect(frame.readInt32BE(1)).toBe(frame.length - 1);
    expect(pgErrorFromBody(frame.subarray(5))).toMatchObject({ severity: 'ERROR', code: '23505', message: 'duplicate', detail: 'Key (id)=(1) already exists.', hint: 'h', schema: 's', table: 't', column: 'c', constraint: 'k' });
    expect(decodeNoticeFields(frame.subarray(5)).get('V')).toBe('ERROR');
  });

  it('has named builders with the Postgres wording', () => {
    expect(authenticationFailed('bob')).toMatchObject({ severity: 'FATAL', code: SqlState.InvalidPassword, message: 'password authentication failed for user "bob"' });
    expect(tooManyConnections()).toMatchObject({ severity: 'FATAL', code: '53300', message: 'sorry, too many clients already' });
    expect(ipNotAllowed('1.2.3.4').message).toBe('no pgforce allowlist entry for host "1.2.3.4"');
  });
});

describe('message builders and readers', () => {
  it('builds ReadyForQuery and BackendKeyData', () => {
    expect(readyForQuery(0x49)).toEqual(Buffer.from([0x5a, 0, 0, 0, 5, 0x49]));
    const k = backendKeyData(1234, -5);
    expect([k.toString('latin1', 0, 1), k.readInt32BE(1), k.readInt32BE(5), k.readInt32BE(9)]).toEqual(['K', 12, 1234, -5]);
  });

  it('reads Query and Parse texts', () => {
    const q = frontend.query('SELECT 1');
    expect(queryText(q, 0, q.length)).toBe('SELECT 1');
    const body = Buffer.from('stmt1\0INSERT INTO t VALUES ($1)\0\0\0');
    const p = Buffer.concat([Buffer.from([0x50, 0, 0, 0, 4 + body.length]), body]);
    expect(parseMessage(p, 0, p.length)).toEqual({ name: 'stmt1', query: 'INSERT INTO t VALUES ($1)' });
  });
});
