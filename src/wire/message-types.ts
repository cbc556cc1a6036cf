// Type bytes of the Postgres v3 protocol messages, named as in the Postgres documentation
// ("Message Formats"). Frontend = sent by clients, Backend = sent by the server.

const code = (c: string): number => c.charCodeAt(0);

export const Frontend = {
  Bind: code('B'),
  Close: code('C'),
  CopyData: code('d'),
  CopyDone: code('c'),
  CopyFail: code('f'),
  Describe: code('D'),
  Execute: code('E'),
  Flush: code('H'),
  FunctionCall: code('F'),
  Parse: code('P'),
  /** PasswordMessage, SASLInitialResponse, SASLResponse and GSSResponse share this byte. */
  PasswordMessage: code('p'),
  Query: code('Q'),
  Sync: code('S'),
  Terminate: code('X'),
} as const;

export const Backend = {
  Authentication: code('R'),
  BackendKeyData: code('K'),
  BindComplete: code('2'),
  CloseComplete: code('3'),
  CommandComplete: code('C'),
  CopyData: code('d'),
  CopyDone: code('c'),
  CopyInResponse: code('G'),
  CopyOutResponse: code('H'),
  CopyBothResponse: code('W'),
  DataRow: code('D'),
  EmptyQueryResponse: code('I'),
  ErrorResponse: code('E'),
  FunctionCallResponse: code('V'),
  NegotiateProtocolVersion: code('v'),
  NoData: code('n'),
  NoticeResponse: code('N'),
  NotificationResponse: code('A'),
  ParameterDescription: code('t'),
  ParameterStatus: code('S'),
  ParseComplete: code('1'),
  PortalSuspended: code('s'),
  ReadyForQuery: code('Z'),
  RowDescription: code('T'),
} as const;

/** Authentication request codes (the int32 after the 'R' header). */
export const AuthenticationCode = {
  Ok: 0,
  CleartextPassword: 3,
  MD5Password: 5,
  SASL: 10,
  SASLContinue: 11,
  SASLFinal: 12,
} as const;

/** Codes of the untyped startup-phase packets (the int32 after the length). */
export const StartupCode = {
  /** Protocol 3.0 as (major << 16) | minor. */
  ProtocolVersion3: 3 << 16,
  CancelRequest: 80877102,
  SSLRequest: 80877103,
  GSSENCRequest: 80877104,
} as const;

/** Transaction status byte of ReadyForQuery. */
export const TransactionStatus = {
  Idle: code('I'),
  InBlock: code('T'),
  Failed: code('E'),
} as const;

/** Message types a client may send once the session is established. */
export const FRONTEND_DATA_TYPES: readonly number[] = [
  Frontend.Bind, Frontend.Close, Frontend.CopyData, Frontend.CopyDone, Frontend.CopyFail, Frontend.Describe,
  Frontend.Execute, Frontend.Flush, Frontend.FunctionCall, Frontend.Parse, Frontend.Query, Frontend.Sync,
  Frontend.Terminate,
];

/** A printable name for logs and wire traces. */
export function typeName(type: number): string {
  return String.fromCharCode(type);
}
