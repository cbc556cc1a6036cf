// SQLSTATE codes the proxy itself raises, named as in the Postgres errcodes appendix.
// Errors raised by the upstream Postgres are relayed untouched and never pass through here.

export const SqlState = {
  Warning: '01000',
  FeatureNotSupported: '0A000',
  ConnectionException: '08000',
  ConnectionFailure: '08006',
  ProtocolViolation: '08P01',
  InvalidAuthorizationSpecification: '28000',
  InvalidPassword: '28P01',
  InvalidCatalogName: '3D000',
  ReadOnlySqlTransaction: '25006',
  InvalidParameterValue: '22023',
  SerializationFailure: '40001',
  StatementCompletionUnknown: '40003',
  SyntaxError: '42601',
  InsufficientPrivilege: '42501',
  DuplicateColumn: '42701',
  UndefinedColumn: '42703',
  GeneratedAlways: '428C9',
  InvalidColumnReference: '42P10',
  TooManyConnections: '53300',
  ProgramLimitExceeded: '54000',
  AdminShutdown: '57P01',
  CannotConnectNow: '57P03',
  InternalError: 'XX000',
} as const;

export type SqlStateCode = (typeof SqlState)[keyof typeof SqlState];
