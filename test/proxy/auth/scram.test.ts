// SCRAM-SHA-256: the RFC 7677 test vector, our client against our server, node-postgres's
// client against our server, and verifiers exchanged both ways with a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import {
  SCRAM_MECHANISM,
  ScramClientExchange,
  ScramServerExchange,
  createScramVerifier,
  parseScramVerifier,
} from '../../../src/proxy/auth/scram.js';
import { useTestDatabase } from '../../support/postgres.js';

const db = useTestDatabase();

const RFC = {
  user: 'user',
  password: 'pencil',
  clientNonce: 'rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

/** Runs a whole exchange between our client and our server. */
function login(verifier: string | undefined, password: string, user = 'alice') {
  const client = new ScramClientExchange(user, password);
  const server = new ScramServerExchange(verifier, user);
  const first = server.clientFirst(Buffer.from(client.clientFirst()));
  if (!('serverFirst' in first)) throw new Error(first.error);
  const result = server.clientFinal(Buffer.from(client.clientFinal(first.serverFirst)));
  if (result.ok) client.verifyServerFinal(result.serverFinal);
  return { serverFirst: first.serverFirst, result };
}

/** A client-final-message computed here, independently of src (for other GS2 headers). */
function handMadeClientFinal(password: string, gs2Header: string, clientFirstBare: string, serverFirst: string): string {
  const attrs = Object.fromEntries(serverFirst.split(',').map((a) => [a[0], a.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s!, 'base64'), Number(attrs.i), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const withoutProof = `c=${Buffer.from(gs2Header).toString('base64')},r=${attrs.r}`;
  const signature = createHmac('sha256', storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
  return `${withoutProof},p=${proof.toString('base64')}`;
}

describe('SCRAM-SHA-256: RFC 7677 test vector', () => {
  it('creates the verifier and produces the expected messages on both sides', () => {
    const verifier = createScramVerifier(RFC.password, { salt: RFC.salt, iterations: 4096 });
    expect(verifier.startsWith(`${SCRAM_MECHANISM}$4096:W22ZaJ0SNY7soEsUEjb6gQ==$`)).toBe(true);
    const client = new ScramClientExchange(RFC.user, RFC.password, { nonce: RFC.clientNonce, sendUserName: true });
    const server = new ScramServerExchange(verifier, RFC.user, { nonce: RFC.serverNonce });
    expect(client.clientFirst()).toBe(RFC.clientFirst);
    expect(server.clientFirst(Buffer.from(RFC.clientFirst))).toEqual({ serverFirst: RFC.serverFirst });
    expect(client.clientFinal(RFC.serverFirst)).toBe(RFC.clientFinal);
    expect(server.clientFinal(Buffer.from(RFC.clientFinal))).toEqual({ ok: true, serverFinal: RFC.serverFinal });
    expect(() => client.verifyServerFinal(RFC.serverFinal)).not.toThrow();
  });

  it('sends n=* by default (Postgres ignores the SCRAM user name)', () => {
    expect(new ScramClientExchange('user', 'pencil', { nonce: 'abc' }).clientFirst()).toBe('n,,n=*,r=abc');
    expect(new ScramClientExchange('a=b,c', 'x', { nonce: 'abc', sendUserName: true }).clientFirst()).toBe('n,,n=a=3Db=2Cc,r=abc');
  });
});

describe('SCRAM-SHA-256: our client against our server', () => {
  it.each(['secret', 'correct horse battery staple', 'pässwörd', 'ﬁx ＡＢＣ', '😀 emoji'])('logs in with %j', (password) => {
    const { result } = login(createScramVerifier(password), password);
    expect(result.ok).toBe(true);
  });

  it('refuses a wrong password with a plain failure, not a protocol error', () => {
    const { result } = login(createScramVerifier('right'), 'wrong');
    expect(result).toEqual({ ok: false });
  });

  it('fails an unknown user only at the end, exactly as a wrong password looks', () => {
    const known = login(createScramVerifier('right'), 'wrong', 'alice');
    const unknown = login(undefined, 'anything', 'nobody');
    expect(unknown.result).toEqual(known.result);
    const shape = (serverFirst: string) => serverFirst.replace(/=[^,]*/g, (v) => `=${v.length}`);
    expect(shape(unknown.serverFirst)).toBe(shape(known.serverFirst));
    // The made-up salt is stable per user name (a client retrying learns nothing), and differs between names.
    const salt = (s: string) => /,s=([^,]+),/.exec(s)?.[1];
    expect(salt(login(undefined, 'x', 'nobody').serverFirst)).toBe(salt(unknown.serverFirst));
    expect(salt(login(undefined, 'x', 'somebody').serverFirst)).not.toBe(salt(unknown.serverFirst));
  });

  it('fails a user whose stored secret is not a SCRAM verifier (an md5 hash)', () => {
    expect(login('md5' + 'a'.repeat(32), 'x').result).toEqual({ ok: false });
  });

  it("accepts the 'y,,' header (client supports channel binding, server does not offer it)", () => {
    const verifier = createScramVerifier('secret');
    const server = new ScramServerExchange(verifier, 'alice');
    const first = server.clientFirst(Buffer.from('y,,n=,r=clientnonce'));
    if (!('serverFirst' in first)) throw new Error(first.error);
    const final = handMadeClientFinal('secret', 'y,,', 'n=,r=clientnonce', first.serverFirst);
    expect(server.clientFinal(Buffer.from(final))).toMatchObject({ ok: true });
  });

  it("node-postgres's own SCRAM client logs in to our server", async () => {
    const sasl = createRequire(import.meta.url)('pg/lib/crypto/sasl') as {
      startSession(mechanisms: string[], stream?: object): { response: string };
      continueSession(session: object, password: string, serverData: string, stream?: object): Promise<void>;
      finalizeSession(session: object, serverData: string): void;
    };
    for (const stream of [undefined, {}]) {
      const server = new ScramServerExchange(createScramVerifier('pässwörd'), 'alice');
      const session = sasl.startSession([SCRAM_MECHANISM], stream);
      const first = server.clientFirst(Buffer.from(session.response));
      if (!('serverFirst' in first)) throw new Error(first.error);
      await sasl.continueSession(session, 'pässwörd', first.serverFirst, stream);
      const result = server.clientFinal(Buffer.from(session.response));
      if (!result.ok) throw new Error('login refused');
      sasl.finalizeSession(session, result.serverFinal);
    }
  });
});

describe('SCRAM-SHA-256: malformed messages are protocol errors, never exceptions', () => {
  const nonce = 'clientnonce';

  it.each([
    ['empty', ''],
    ['no comma after the flag', 'n'],
    ['unknown channel-binding flag', 'x,,n=,r=abc'],
    ['an authorization identity', 'n,a=someone,n=,r=abc'],
    ['a mandatory extension', 'n,,m=ext,n=,r=abc'],
    ['no user attribute', 'n,,r=abc'],
    ['no nonce', 'n,,n=user'],
    ['an empty nonce', 'n,,n=,r='],
    ['a nonce with a control character', 'n,,n=,r=a\u0001b'],
    ['a NUL byte', 'n,,n=\0,r=abc'],
    ['an attribute without "="', 'n,,n,r=abc'],
  ])('client-first-message: %s', (_, message) => {
    const server = new ScramServerExchange(createScramVerifier('x', { iterations: 1 }), 'alice');
    const result = server.clientFirst(Buffer.from(message));
    expect(result).toEqual({ error: expect.stringMatching(/^malformed SCRAM message: /) });
    expect(server.clientFinal(Buffer.from('c=biws'))).toEqual({ ok: false, protocolError: expect.any(String) });
  });

  it('client-first-message: invalid UTF-8', () => {
    const server = new ScramServerExchange(undefined, 'alice');
    expect(server.clientFirst(Buffer.from([0x6e, 0x2c, 0x2c, 0x6e, 0x3d, 0xff, 0x2c, 0x72, 0x3d, 0x61]))).toEqual({ error: expect.stringContaining('UTF-8') });
  });

  it("refuses channel binding ('p=') clearly: we do not offer SCRAM-SHA-256-PLUS", () => {
    const server = new ScramServerExchange(createScramVerifier('x'), 'alice');
    const result = server.clientFirst(Buffer.from('p=tls-server-end-point,,n=,r=abc'));
    expect(result).toEqual({ error: expect.stringContaining('SCRAM-SHA-256-PLUS') });
  });

  function afterFirst(): { server: ScramServerExchange; full: string } {
    const server = new ScramServerExchange(createScramVerifier('x', { iterations: 1 }), 'alice', { nonce: 'servernonce' });
    const first = server.clientFirst(Buffer.from(`n,,n=,r=${nonce}`));
    expect(first).toHaveProperty('serverFirst');
    return { server, full: `${nonce}servernonce` };
  }
  const proof = Buffer.alloc(32, 7).toString('base64');

  it.each([
    ['empty', () => ''],
    ['no channel binding', (full: string) => `r=${full},p=${proof}`],
    ["channel binding that does not repeat the header ('y,,' after 'n,,')", (full: string) => `c=eSws,r=${full},p=${proof}`],
    ['channel binding that is not base64', (full: string) => `c=b!ws,r=${full},p=${proof}`],
    ['a wrong nonce', () => `c=biws,r=${nonce}other,p=${proof}`],
    ['no proof', (full: string) => `c=biws,r=${full}`],
    ['a proof that is not base64', (full: string) => `c=biws,r=${full},p=not base64`],
    ['a short proof', (full: string) => `c=biws,r=${full},p=${Buffer.alloc(16).toString('base64')}`],
    ['garbage after the proof', (full: string) => `c=biws,r=${full},p=${proof},x=1`],
  ])('client-final-message: %s', (_, make) => {
    const { server, full } = afterFirst();
    const result = server.clientFinal(Buffer.from(make(full)));
    expect(result).toEqual({ ok: false, protocolError: expect.stringMatching(/^malformed SCRAM message: /) });
  });

  it('an extension before the proof is ignored (and the proof still checked)', () => {
    const { server, full } = afterFirst();
    expect(server.clientFinal(Buffer.from(`c=biws,r=${full},x=ext,p=${proof}`))).toEqual({ ok: false });
  });

  it('messages out of order', () => {
    const server = new ScramServerExchange(createScramVerifier('x', { iterations: 1 }), 'alice');
    expect(server.clientFinal(Buffer.from('c=biws,r=a,p=b'))).toEqual({ ok: false, protocolError: expect.any(String) });
    const again = new ScramServerExchange(createScramVerifier('x', { iterations: 1 }), 'alice');
    expect(again.clientFirst(Buffer.from('n,,n=,r=abc'))).toHaveProperty('serverFirst');
    expect(again.clientFirst(Buffer.from('n,,n=,r=abc'))).toEqual({ error: expect.any(String) });
  });
});

describe('SCRAM-SHA-256: the client refuses a bad server', () => {
  const client = () => new ScramClientExchange('alice', 'secret', { nonce: 'abc' });

  it.each([
    ['a nonce that does not extend ours', 'r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096', /nonce/],
    ['a nonce equal to ours', 'r=abc,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096', /nonce/],
    ['a salt that is not base64', 'r=abcdef,s=not base64,i=4096', /salt/],
    ['zero iterations', 'r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0', /iteration/],
    ['no iterations', 'r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==', /"i"/],
    ['a server error', 'e=other-error', /other-error/],
  ])('server-first-message with %s', (_, serverFirst, error) => {
    expect(() => client().clientFinal(serverFirst)).toThrow(error);
  });

  it('accepts a low iteration count', () => {
    expect(client().clientFinal('r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1')).toMatch(/^c=biws,r=abcdef,p=/);
  });

  it('a wrong server signature, and a server error in the final message', () => {
    const c = client();
    c.clientFinal('r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1');
    expect(() => c.verifyServerFinal(`v=${Buffer.alloc(32).toString('base64')}`)).toThrow(/signature/);
    expect(() => c.verifyServerFinal('e=invalid-proof')).toThrow(/invalid-proof/);
    expect(() => client().verifyServerFinal(RFC.serverFinal)).toThrow();
  });
});

describe('SCRAM verifiers', () => {
  it('parses what it creates, and nothing else', () => {
    const salt = randomBytes(16);
    const parsed = parseScramVerifier(createScramVerifier('x', { salt, iterations: 10 }));
    expect(parsed).toMatchObject({ iterations: 10, salt });
    expect(parsed?.storedKey).toHaveLength(32);
    expect(parsed?.serverKey).toHaveLength(32);
    const good = createScramVerifier('x');
    for (const bad of ['', 'md5' + 'a'.repeat(32), 'secret', good.replace('4096', '0'), good.replace('SCRAM-SHA-256', 'SCRAM-SHA-1'), good.slice(0, -4), good.replace(/\$[^$]*$/, '$abc:def')]) {
      expect(parseScramVerifier(bad)).toBeUndefined();
    }
  });

  it('uses 4096 iterations and a random 16-byte salt by default', () => {
    const a = parseScramVerifier(createScramVerifier('x'));
    const b = parseScramVerifier(createScramVerifier('x'));
    expect(a?.iterations).toBe(4096);
    expect(a?.salt).toHaveLength(16);
    expect(a?.salt.equals(b!.salt)).toBe(false);
  });
});

describe('SCRAM-SHA-256 with a real Postgres', () => {
  const role = `scram_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await db.client.query(`CREATE ROLE ${role} LOGIN`);
  });
  afterAll(async () => {
    await db.client.query(`DROP ROLE IF EXISTS ${role}`);
  });

  async function canLogIn(password: string): Promise<boolean> {
    const url = new URL(db.url);
    const client = new pg.Client({ host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: role, password });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '28P01') return false;
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async function postgresVerifier(password: string): Promise<string> {
    await db.client.query(`SET password_encryption = 'scram-sha-256'`);
    await db.client.query(`ALTER ROLE ${role} PASSWORD ${db.client.escapeLiteral(password)}`);
    const { rows } = await db.client.query<{ rolpassword: string }>('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]);
    return rows[0]!.rolpassword;
  }

  it('accepts our verifier: a login with the password succeeds, a wrong one fails', async () => {
    await db.client.query(`ALTER ROLE ${role} PASSWORD ${db.client.escapeLiteral(createScramVerifier('pässwörd'))}`);
    expect(await canLogIn('pässwörd')).toBe(true);
    expect(await canLogIn('passwörd')).toBe(false);
  });

  it("our server accepts Postgres's verifier, driven by our client", async () => {
    const verifier = await postgresVerifier('s3cret!');
    expect(login(verifier, 's3cret!').result.ok).toBe(true);
    expect(login(verifier, 's3cret').result.ok).toBe(false);
  });

  // Postgres's SASLprep: what NFKC and the RFC 4013 mappings change, and what makes it fall back to the raw password.
  it.each([
    'plain ascii',
    'pa\u0308sswo\u0308rd', // NFD: normalized to NFC
    'ﬁx', // ligature: NFKC
    'ＡＢＣ１２３', // full width: NFKC
    'non\u00A0breaking', // non-ASCII space mapped to SPACE
    'soft\u00ADhyphen', // mapped to nothing
    'ﬁx\u0007', // a control character: prohibited, so the raw password is used
    'ﬁx\uE000', // private use: prohibited
    'שלום', // right-to-left only
    'ﬁx שלום', // mixed directions: bidi rule fails, raw password
    'Ünïcödé ﬁ', // mixed, NFKC
  ])('computes the same verifier as Postgres for %j', async (password) => {
    const theirs = await postgresVerifier(password);
    const { salt, iterations } = parseScramVerifier(theirs)!;
    expect(createScramVerifier(password, { salt, iterations })).toBe(theirs);
  });
});
