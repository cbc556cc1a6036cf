// The emulator's HTTP front: OAuth, the versions list, the REST API under
// `/services/data/vNN.N/`, the identity URL and the admin endpoints. It applies what every
// Salesforce REST call goes through: latency and 503 faults, the bearer token, the daily
// API allocation (Sforce-Limit-Info), then the handler in a transaction.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Env } from './env.js';
import type { TokenStore } from '../auth/tokens.js';
import type { OAuthEndpoint } from './oauth.js';
import { ApiError, ApiErrors } from './api-error.js';
import type { ApiResponse } from './api-request.js';
import { parseJsonBody, parseRequestBody, readBody, type RequestBody } from './body.js';
import { dispatchData } from './dispatch.js';
import { handleAdmin } from './admin.js';
import { isSupportedVersion, versionsList } from './routes/resources.js';

const DATA_PATH = /^\/services\/data\/v(\d+\.\d)(?:\/(.*))?$/;
const IDENTITY_PATH = /^\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/;
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export interface Services {
  env: Env;
  tokens: TokenStore;
  oauth: OAuthEndpoint;
}

export function createEmulatorServer(services: Services): Server {
  const server = createServer((req, res) => {
    handle(req, res, services).catch((error: unknown) => {
      // A bug in the emulator must not take it down: answer 500 in Salesforce's shape.
      if (!res.headersSent) send(res, { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }] });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(req: IncomingMessage, res: ServerResponse, services: Services): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  try {
    if (path.startsWith('/__emulator/')) {
      const body = parseJsonBody(await readBody(req), req.headers['content-type']);
      return send(res, handleAdmin({ method, path: path.replace(/\/$/, ''), body }, services.env, services.tokens));
    }
    if (path === '/services/oauth2/token' || path === '/services/oauth2/revoke') return await oauth(req, res, url, services);
    if (path === '/services/data' || path === '/services/data/') return send(res, { status: 200, body: versionsList() });
    const data = DATA_PATH.exec(path);
    const identity = IDENTITY_PATH.exec(path);
    if (!data && !identity) throw ApiErrors.notFound();
    await restCall(req, res, url, services, data, identity);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    send(res, { status: error.status, body: error.toBody() });
  }
}

async function restCall(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { env, tokens }: Services,
  data: RegExpExecArray | null,
  identity: RegExpExecArray | null,
): Promise<void> {
  const faults = env.faults.current;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  const raw = await readBody(req);
  if (env.faults.roll(faults.serverUnavailableRate)) throw ApiErrors.serverUnavailable();
  const userId = tokens.userOf(bearer(req));
  if (!userId) throw ApiErrors.invalidSession();
  if (faults.requestLimitExhausted || env.usage.exhausted) {
    return send(res, { status: 403, body: ApiErrors.limitExceeded().toBody() }, env.usage.header());
  }
  env.usage.count();
  const limitInfo = env.usage.header();
  if (identity) return send(res, identityResponse(env, url, userId, identity[2]!), limitInfo);
  const method = req.method ?? 'GET';
  let body: RequestBody;
  try {
    body = parseRequestBody(raw, req.headers['content-type']);
  } catch (error) {
    if (error instanceof ApiError) return send(res, { status: error.status, body: error.toBody() }, limitInfo);
    throw error;
  }
  const version = data![1]!;
  if (!isSupportedVersion(version)) return send(res, { status: 404, body: ApiErrors.notFound().toBody() }, limitInfo);
  const txn = env.org.begin();
  const response = dispatchData(
    {
      method,
      segments: (data![2] ?? '').split('/').filter(Boolean).map(safeDecode),
      version,
      query: url.searchParams,
      headers: req.headers as Record<string, string | undefined>,
      ...body,
      userId,
      txn,
      forceAllOrNone: false,
    },
    env,
  );
  if (response.status < 400) txn.commit();
  if (WRITE_METHODS.has(method) && env.faults.roll(faults.dropAfterApplyRate)) {
    // Applied, but the caller never hears back: the outcome is unknown to it.
    req.socket.destroy();
    return;
  }
  send(res, response, limitInfo);
}

async function oauth(req: IncomingMessage, res: ServerResponse, url: URL, services: Services): Promise<void> {
  const raw = (await readBody(req)).toString('utf8');
  const form = new URLSearchParams(raw);
  for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
  if (url.pathname.endsWith('/revoke')) {
    services.tokens.revoke(form.get('token') ?? '');
    return send(res, { status: 200 });
  }
  if (req.method !== 'POST') throw ApiErrors.methodNotAllowed(req.method ?? '', ['POST']);
  send(res, services.oauth.token(form, req.headers.authorization));
}

function identityResponse(env: Env, url: URL, userId: string, requested: string): ApiResponse {
  const user = env.org.userById(userId);
  if (!user || !requested.startsWith(userId.slice(0, 15))) throw ApiErrors.notFound();
  return {
    status: 200,
    body: {
      id: `${url.origin}/id/${env.org.id}/${user.id}`,
      user_id: user.id,
      organization_id: env.org.id,
      username: user.username,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      display_name: `${user.firstName} ${user.lastName}`,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
    },
  };
}

function bearer(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
  return m ? m[1]!.trim() : '';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, response: ApiResponse, limitInfo?: string): void {
  const headers: Record<string, string> = { ...response.headers };
  if (limitInfo) headers['Sforce-Limit-Info'] = limitInfo;
  if (response.raw !== undefined) {
    res.writeHead(response.status, headers);
    res.end(response.raw);
    return;
  }
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  headers['Content-Type'] = 'application/json;charset=UTF-8';
  res.writeHead(response.status, headers);
  res.end(payload);
}
