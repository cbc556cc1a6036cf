// HTTP(S) with keep-alive for every call the client makes: one request in, status, headers
// and the whole body out. It knows nothing of Salesforce; it only tells a failure that
// happened before the request could have reached the server (safe to send again) from one
// after (the server may have acted on it).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

/** Idle keep-alive sockets are closed after this long, before most servers and balancers would. */
const IDLE_SOCKET_MS = 10_000;

export interface Origin {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** `https://host:port`, for messages and for joining paths. */
  href: string;
}

export function originOf(url: string): Origin {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  return { protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port, href: u.origin };
}

export interface HttpRequest {
  origin: Origin;
  method: string;
  /** Path and query string, e.g. `/services/data/v62.0/query?q=…`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request that got no complete HTTP answer. */
export class TransportError extends Error {
  constructor(
    message: string,
    /** The system error code (ECONNREFUSED, ECONNRESET …) or `ETIMEDOUT` for our own timeout. */
    readonly code: string,
    /** True when the request may have reached the server (its connection was open). */
    readonly sent: boolean,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' });

  request(r: HttpRequest): Promise<HttpResponse> {
    const isHttps = r.origin.protocol === 'https:';
    const headers: Record<string, string | number> = { 'accept-encoding': 'gzip', ...r.headers };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    return new Promise<HttpResponse>((resolve, reject) => {
      let sent = false;
      let timedOut = false;
      let settled = false;
      const fail = (error: Error & { code?: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const code = timedOut ? 'ETIMEDOUT' : (error.code ?? 'ECONNRESET');
        const what = timedOut ? `no answer within ${r.timeoutMs} ms` : error.message;
        reject(new TransportError(`${r.method} ${r.origin.href}${pathOnly(r.path)}: ${what}`, code, sent, timedOut));
      };
      const options = {
        protocol: r.origin.protocol,
        hostname: r.origin.hostname,
        port: r.origin.port,
        method: r.method,
        path: r.path,
        headers,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
      };
      const req = (isHttps ? https : http).request(options, (res) => {
        sent = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('aborted', () => fail(new Error('connection closed while reading the answer')));
        res.on('end', () => {
          if (settled) return;
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          decode(raw, res.headers['content-encoding']).then(
            (body) => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
            },
            (error: Error) => fail(error),
          );
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timeout'));
      }, r.timeoutMs);
      req.on('socket', (socket: Socket) => {
        socket.setNoDelay(true);
        // Bytes leave as soon as the connection is up; from then on the server may act on them.
        if (req.reusedSocket || !socket.connecting) sent = true;
        else socket.once(isHttps ? 'secureConnect' : 'connect', () => (sent = true));
      });
      req.on('error', fail);
      req.end(r.body);
    });
  }

  /** Closes the keep-alive sockets (a request still running fails with a TransportError). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

async function decode(raw: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (encoding === 'gzip' && raw.length > 0) return gunzipAsync(raw);
  return raw;
}

/** The path without its query string: SOQL in `q=` may hold field values, which logs must not. */
export function pathOnly(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}
