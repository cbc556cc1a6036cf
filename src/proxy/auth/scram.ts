// SCRAM-SHA-256 (RFC 5802 / RFC 7677) as Postgres does it: verifiers, the server side (client
// logins to the proxy) and the client side (the proxy's login to the upstream Postgres).
export { SCRAM_MECHANISM, SCRAM_DEFAULT_ITERATIONS, createScramVerifier, parseScramVerifier } from './scram-keys.js';
export { ScramServerExchange } from './scram-server.js';
export { ScramClientExchange } from './scram-client.js';
export { saslPrep } from './saslprep.js';
