// One named builder per error the proxy itself causes. Policy (as PgDog writes it down):
// ERROR = the statement is refused and the session lives on; FATAL = the session ends
// (protocol violations, refused connections, a lost upstream). Errors raised by the upstream
// Postgres are never rebuilt here: their bytes are relayed unchanged.
import { PgError } from './pg-error.js';
import { SqlState } from './sqlstate.js';

export function protocolViolation(message: string): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.ProtocolViolation, message });
}

export function invalidMessageLength(type: string, length: number): PgError {
  return protocolViolation(`invalid message length ${length} for message type "${type}"`);
}

export function unknownMessageType(type: number): PgError {
  return protocolViolation(`invalid frontend message type ${type}`);
}

export function messageTooLarge(length: number, max: number): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.ProtocolViolation,
    message: `message of ${length} bytes exceeds pgforce's limit of ${max} bytes`,
    hint: 'Raise the proxy setting maxMessageSize if such messages are expected.',
  });
}

export function unsupportedProtocol(major: number, minor: number): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.FeatureNotSupported,
    message: `unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`,
  });
}

export function tooManyConnections(): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.TooManyConnections, message: 'sorry, too many clients already' });
}

export function ipNotAllowed(address: string | undefined): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.InvalidAuthorizationSpecification,
    message: address === undefined
      ? 'no pgforce allowlist entry for a connection without an IP address (Unix socket)'
      : `no pgforce allowlist entry for host "${address}"`,
  });
}

/** Identical for an unknown user and a wrong password, like Postgres. */
export function authenticationFailed(user: string): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.InvalidPassword, message: `password authentication failed for user "${user}"` });
}

export function cleartextRequiresTls(): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.InvalidAuthorizationSpecification,
    message: 'pgforce accepts cleartext passwords only over TLS',
  });
}

export function noUserName(): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.InvalidAuthorizationSpecification, message: 'no PostgreSQL user name specified in startup packet' });
}

export function databaseDoesNotExist(name: string): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.InvalidCatalogName, message: `database "${name}" does not exist` });
}

export function featureNotSupported(message: string, detail?: string): PgError {
  return new PgError({ code: SqlState.FeatureNotSupported, message, detail });
}

/** A write to a mirrored table that pgforce cannot (yet) carry to Salesforce. */
export function mirrorWriteNotCarried(shape: string, schema: string, table: string): PgError {
  return new PgError({
    code: SqlState.FeatureNotSupported,
    message: `pgforce does not carry ${shape} on ${schema}.${table} to Salesforce yet`,
    schema,
    table,
  });
}

/** A client may not mark its session as one of pgforce's own mirror writers (src/mirror/guard.ts). */
export function mirrorWriterSetting(setting: string, severity: 'ERROR' | 'FATAL' = 'ERROR'): PgError {
  return new PgError({
    severity,
    code: SqlState.InsufficientPrivilege,
    message: `${setting} can only be set by pgforce itself`,
    detail: 'It lets a session write mirrored tables without going through Salesforce.',
  });
}

export function readOnlySqlTransaction(statement: string): PgError {
  return new PgError({ code: SqlState.ReadOnlySqlTransaction, message: `cannot execute ${statement} in a read-only pgforce session` });
}

export function upstreamLost(): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.ConnectionFailure, message: 'the connection to the mirror database was lost' });
}

export function upstreamUnavailable(reason: string): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.CannotConnectNow,
    message: 'pgforce could not connect to the mirror database',
    detail: reason,
  });
}

export function startupTimeout(ms: number): PgError {
  return new PgError({
    severity: 'FATAL',
    code: SqlState.ProtocolViolation,
    message: `canceling authentication due to timeout: startup did not complete within ${ms} ms`,
  });
}

export function serverShuttingDown(): PgError {
  return new PgError({ severity: 'FATAL', code: SqlState.AdminShutdown, message: 'terminating connection because pgforce is shutting down' });
}
