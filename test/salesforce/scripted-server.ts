// A tiny Salesforce stand-in on port 0 for the conditions the emulator cannot produce (a 401
// that survives a new login, a top-level UNABLE_TO_LOCK_ROW, a 502 from a gateway, an answer
// that never comes). It answers the token endpoint itself and every REST call from a script,
// and counts what it received. Real HTTP, real sockets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Send the body gzip-compressed (Content-Encoding: gzip). */
  gzip?: boolean;
}

export interface ScriptedServer {
  readonly url: string;
  /** Token requests received. */
  tokenRequests: number;
  /** REST requests received (`METHOD /path`). */
  restRequests: string[];
  /** What the token endpoint answers, in order; the last one repeats. */
  tokenAnswers: ScriptedAnswer[];
  /** What REST calls get, in order; the last one repeats. */
  restAnswers: ScriptedAnswer[];
  close(): Promise<void>;
}

export const TOKEN_OK: ScriptedAnswer = { status: 200, body: undefined };

export async function startScriptedServer(): Promise<ScriptedServer> {
  const state = {
    url: '',
    tokenRequests: 0,
    restRequests: [] as string[],
    tokenAnswers: [TOKEN_OK],
    restAnswers: [{ status: 200, body: {} }] as ScriptedAnswer[],
  };
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const isToken = req.url === '/services/oauth2/token';
      const list = isToken ? state.tokenAnswers : state.restAnswers;
      const n = isToken ? state.tokenRequests++ : state.restRequests.push(`${req.method} ${req.url}`) - 1;
      const answer = list[Math.min(n, list.length - 1)]!;
      if (answer.hang) return;
      if (answer.drop) return void req.socket.destroy();
      const body = isToken && answer.status === 200 && answer.body === undefined
        ? { access_token: `00D000000000001!token${n}`, instance_url: state.url, id: `${state.url}/id/00D000000000001AAA/005000000000001AAA`, token_type: 'Bearer' }
        : answer.body;
      const headers: Record<string, string> = { 'sforce-limit-info': 'api-usage=7/1000', ...answer.headers };
      if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'text/html' : 'application/json';
      let payload: string | Buffer | undefined = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      if (answer.gzip && payload !== undefined) {
        payload = gzipSync(payload);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(answer.status, headers);
      res.end(payload);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
