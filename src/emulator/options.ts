// Options of the Salesforce API emulator, shared by the CLI (`pgforce emulator`) and tests.

/** Faults the emulator can inject; set at start or flipped at runtime (PATCH /__emulator/faults). */
export interface Faults {
  /** Added to every REST response, in milliseconds. */
  latencyMs: number;
  /** Share of REST requests (0..1) answered 503 SERVER_UNAVAILABLE before doing anything. */
  serverUnavailableRate: number;
  /** Share of record writes (0..1) that fail with UNABLE_TO_LOCK_ROW. */
  lockRowRate: number;
  /** When true every counted REST call gets 403 REQUEST_LIMIT_EXCEEDED. */
  requestLimitExhausted: boolean;
  /** Share of write requests (0..1) whose connection is destroyed after the write was applied. */
  dropAfterApplyRate: number;
  /** Wait before each 200-record chunk of a Bulk API ingest job is processed, in milliseconds. */
  bulkIngestChunkDelayMs: number;
  /** Seed of the fault dice, so a failing test can be replayed. */
  randomSeed: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  serverUnavailableRate: 0,
  lockRowRate: 0,
  requestLimitExhausted: false,
  dropAfterApplyRate: 0,
  bulkIngestChunkDelayMs: 0,
  randomSeed: 1,
};

export const DEFAULT_DAILY_API_LIMIT = 100_000;
export const DEFAULT_TOKEN_LIFETIME_S = 7200;

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Listen address; 127.0.0.1 by default. */
  host?: string;
  /** `demo` (default), `none`, a path to a JSON seed file, or `generate:contacts=N,accounts=M,...`. */
  seed?: string;
  /** A JSON schema file adding custom objects, custom fields and validation rules. */
  schemaFile?: string;
  /** Persist the org in this directory across restarts; in memory only when absent. */
  dataDir?: string;
  /** Access tokens expire this many seconds after issue (default 7200). */
  tokenLifetimeSeconds?: number;
  /** Daily API request allocation reported in Sforce-Limit-Info and /limits (default 100000). */
  dailyApiLimit?: number;
  /** PEM of an X.509 certificate or public key that JWT bearer assertions must be signed with. */
  jwtPublicKey?: string;
  faults?: Partial<Faults>;
}
