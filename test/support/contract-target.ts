// Where the Salesforce contract suite (test/emulator/contract/) runs: a real org when the
// SF_CONTRACT_* variables are set, otherwise the emulator seeded with the demo org. The same
// tests then prove that the emulator answers like Salesforce does. Checks that only make
// sense against the emulator (admin endpoints, emulator options) use `it.skipIf(isRealOrg)`.
//
// A real org must hold the demo schema's custom parts (Contact.Note__c, the unique external
// id Contact.External_Id__c, the custom object Invoice__c with its validation rule and
// formula field) and a connected app allowing the password flow for the given user.
import { afterAll, beforeAll } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { EmulatorOptions } from '../../src/emulator/options.js';
import { useEmulator } from './emulator.js';
import { DEMO_CREDENTIALS, call, formPost, type Session } from './salesforce-http.js';

export interface Credentials {
  client_id: string;
  client_secret: string;
  username: string;
  password: string;
}

interface RealOrgConfig {
  loginUrl: string;
  credentials: Credentials;
  apiVersion: string;
}

function realOrgFromEnv(env: NodeJS.ProcessEnv): RealOrgConfig | undefined {
  const loginUrl = env.SF_CONTRACT_LOGIN_URL;
  const client_id = env.SF_CONTRACT_CLIENT_ID;
  const client_secret = env.SF_CONTRACT_CLIENT_SECRET;
  const username = env.SF_CONTRACT_USERNAME;
  const password = env.SF_CONTRACT_PASSWORD;
  if (!loginUrl || !client_id || !client_secret || !username || !password) return undefined;
  return {
    loginUrl: loginUrl.replace(/\/+$/, ''),
    credentials: { client_id, client_secret, username, password },
    apiVersion: env.SF_CONTRACT_API_VERSION ?? '62.0',
  };
}

const realOrg = realOrgFromEnv(process.env);

/** True when the contract suite runs against a real Salesforce org. */
export const isRealOrg = realOrg !== undefined;

export const API_VERSION = realOrg?.apiVersion ?? '62.0';
export const DATA_PATH = `/services/data/v${API_VERSION}`;

/** A logged-in session plus what the token response says about who we are. */
export interface ContractSession extends Session {
  /** 18-character ids taken from the identity URL (`…/id/<orgId>/<userId>`). */
  orgId: string;
  userId: string;
}

export interface ContractTarget {
  readonly isRealOrg: boolean;
  /** Where `/services/oauth2/token` lives. */
  readonly loginUrl: string;
  readonly credentials: Credentials;
  /** The emulator behind the target; throws against a real org. */
  readonly emulator: RunningEmulator;
  /** A session of the configured user, logged in once per file. */
  session(): Promise<ContractSession>;
  /** Records to delete after the file when running against a real org (best effort). */
  track(...ids: Array<string | undefined>): void;
}

/** Logs in with the password grant and keeps the identity from the token response. */
export async function loginAs(loginUrl: string, credentials: Credentials): Promise<ContractSession> {
  const res = await formPost(`${loginUrl}/services/oauth2/token`, { grant_type: 'password', ...credentials });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const identity = identityOf(String(res.body.id));
  return {
    accessToken: String(res.body.access_token),
    instanceUrl: String(res.body.instance_url),
    dataPath: DATA_PATH,
    ...identity,
  };
}

/** Org and user ids from an identity URL `https://host/id/<orgId>/<userId>`. */
export function identityOf(idUrl: string): { orgId: string; userId: string } {
  const parts = new URL(idUrl).pathname.split('/');
  return { orgId: parts.at(-2) ?? '', userId: parts.at(-1) ?? '' };
}

/**
 * Registers the target for the calling test file (or describe block). `emulatorOptions` only
 * apply to the emulator; the demo seed is the default.
 */
export function useContractTarget(emulatorOptions: EmulatorOptions = {}): ContractTarget {
  const emulator = realOrg ? undefined : useEmulator({ seed: 'demo', ...emulatorOptions });
  let session: Promise<ContractSession> | undefined;
  const created = new Set<string>();

  const target: ContractTarget = {
    isRealOrg,
    get loginUrl() {
      return realOrg ? realOrg.loginUrl : target.emulator.url;
    },
    credentials: realOrg ? realOrg.credentials : { ...DEMO_CREDENTIALS },
    get emulator() {
      if (!emulator) throw new Error('this check needs the emulator');
      return emulator.current;
    },
    session() {
      session ??= loginAs(target.loginUrl, target.credentials);
      return session;
    },
    track(...ids) {
      for (const id of ids) if (id) created.add(id);
    },
  };

  beforeAll(() => {
    session = undefined;
  });
  afterAll(async () => {
    if (!realOrg || created.size === 0) return;
    const s = await target.session();
    const ids = [...created];
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200).join(',');
      await call(s, 'DELETE', `/composite/sobjects?ids=${chunk}&allOrNone=false`).catch(() => undefined);
    }
  });
  return target;
}
