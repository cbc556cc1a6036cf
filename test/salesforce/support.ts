// Shared by the client's tests: the demo org's credentials as a client config, a sleep that
// records instead of waiting, and a logger whose lines the test can read.
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import type { Logger } from '../../src/log.js';
import { SalesforceClient, type SalesforceClientOptions, type SalesforceConfig } from '../../src/salesforce/index.js';
import { DEMO_CREDENTIALS } from '../support/salesforce-http.js';

export function demoConfig(loginUrl: string, extra: Partial<SalesforceConfig> = {}): SalesforceConfig {
  return {
    loginUrl,
    clientId: DEMO_CREDENTIALS.client_id,
    clientSecret: DEMO_CREDENTIALS.client_secret,
    username: DEMO_CREDENTIALS.username,
    password: DEMO_CREDENTIALS.password,
    ...extra,
  };
}

/** A sleep that returns at once and remembers how long it was asked to wait. */
export function recordingSleep(onSleep?: (ms: number) => void): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      onSleep?.(ms);
    },
  };
}

export interface CapturedLog {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  messages(): string[];
}

export function captureLog(level = 'debug'): CapturedLog {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level }, stream);
  return { logger, lines, messages: () => lines.map((l) => String(l.msg)) };
}

/** pino writes through a stream: let pending lines arrive. */
export function flushLog(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A factory of clients for one test file; every client is closed after each test. */
export function useClients(): (config: SalesforceConfig, options?: SalesforceClientOptions) => SalesforceClient {
  const clients: SalesforceClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  return (config, options = {}) => {
    const c = new SalesforceClient(config, options);
    clients.push(c);
    return c;
  };
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
