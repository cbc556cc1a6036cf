// The proxy: a Postgres wire-protocol server in front of the mirror database.
export { startProxy, type RunningProxy } from './server.js';
export { PROXY_DEFAULTS, type ProxyOptions } from './options.js';
export { refuseMirrorWrites, type Interceptor, type InterceptedWrite, type InterceptDecision } from './interceptor.js';
export type { AuthMethod, UserLookup } from './client-auth.js';
export type { UpstreamOptions } from './upstream.js';
