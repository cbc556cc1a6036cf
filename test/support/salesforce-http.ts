// A deliberately tiny HTTP helper for tests that talk to a Salesforce REST API (the
// emulator, or a real org for the contract suite). It is not pgforce's Salesforce client:
// tests of the emulator must not share code with the client they will later check.

export interface SfResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export const DEMO_CREDENTIALS = {
  client_id: 'pgforce-demo',
  client_secret: 'pgforce-demo-secret',
  username: 'demo@pgforce.dev',
  password: 'demo',
} as const;

export const OTHER_CREDENTIALS = { ...DEMO_CREDENTIALS, username: 'other@pgforce.dev', password: 'other' } as const;

export interface Session {
  accessToken: string;
  instanceUrl: string;
  /** `/services/data/vNN.N` */
  dataPath: string;
}

export async function formPost(url: string, form: Record<string, string>): Promise<SfResponse<Record<string, unknown>>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await parseBody(res)) as Record<string, unknown> };
}

export async function login(loginUrl: string, credentials: Record<string, string> = DEMO_CREDENTIALS, apiVersion = '62.0'): Promise<Session> {
  const res = await formPost(`${loginUrl}/services/oauth2/token`, { grant_type: 'password', ...credentials });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    accessToken: String(res.body.access_token),
    instanceUrl: String(res.body.instance_url),
    dataPath: `/services/data/v${apiVersion}`,
  };
}

/** A REST call on the session's instance; `path` is relative to `/services/data/vNN.N` unless it starts with `/services`. */
export async function call<T = unknown>(
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SfResponse<T>> {
  const url = session.instanceUrl + (path.startsWith('/services') ? path : session.dataPath + path);
  const init: RequestInit = { method, headers: { authorization: `Bearer ${session.accessToken}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: (await parseBody(res)) as T };
}

export function soql(session: Session, query: string, all = false): Promise<SfResponse<QueryResult>> {
  return call<QueryResult>(session, 'GET', `/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(query)}`);
}

export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown>>;
}

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
