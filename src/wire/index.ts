// The Postgres v3 protocol codec: type bytes, SQLSTATEs, PgError, message builders and
// readers, startup packets and incremental framing. Imports nothing else of pgforce.
export * from './message-types.js';
export * from './sqlstate.js';
export * from './pg-error.js';
export * from './errors.js';
export * from './backend-messages.js';
export * as frontend from './frontend-messages.js';
export * from './startup.js';
export * from './decode.js';
export * from './frame-scanner.js';
