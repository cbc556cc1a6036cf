// The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) as Postgres runs it: the
// proxy authenticating a client. No channel binding (we offer SCRAM-SHA-256, not -PLUS). An
// unknown user gets a made-up verifier so that the exchange looks the same and fails only at
// the end: a client cannot learn which users exist.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AttributeReader, ScramSyntaxError, isPrintableNonce, messageText } from './scram-attributes.js';
import { SCRAM_DEFAULT_ITERATIONS, SCRAM_DEFAULT_SALT_LENGTH, decodeBase64, hmac, parseScramVerifier, sha256, xor, type ScramSecret } from './scram-keys.js';

/** Random bytes in a server nonce, as Postgres (SCRAM_RAW_NONCE_LEN). */
const SERVER_NONCE_BYTES = 18;
/** Per process: made-up verifiers are stable for a user name within a process, unguessable outside. */
const MOCK_SECRET = randomBytes(32);

type State = 'awaiting-client-first' | 'awaiting-client-final' | 'finished';

export class ScramServerExchange {
  private readonly secret: ScramSecret;
  /** True when the exchange must fail whatever the client proves (unknown user, no SCRAM verifier). */
  private readonly doomed: boolean;
  private readonly serverNonce: string;
  private state: State = 'awaiting-client-first';
  private gs2Header = '';
  private clientFirstBare = '';
  private serverFirstMessage = '';
  private nonce = '';

  /**
   * `verifier` undefined (or not a SCRAM verifier): the user is unknown or cannot use SCRAM.
   * `options.nonce` fixes the server's part of the nonce (tests only).
   */
  constructor(verifier: string | undefined, userName: string, options: { nonce?: string } = {}) {
    const parsed = verifier === undefined ? undefined : parseScramVerifier(verifier);
    this.secret = parsed ?? mockSecret(userName);
    this.doomed = parsed === undefined;
    this.serverNonce = options.nonce ?? randomBytes(SERVER_NONCE_BYTES).toString('base64');
  }

  /** The client-first-message (the SASLInitialResponse data). Returns the server-first-message, or an error text for a protocol violation. */
  clientFirst(message: Buffer): { serverFirst: string } | { error: string } {
    if (this.state !== 'awaiting-client-first') return { error: this.fail('the client-first-message was already received') };
    try {
      const text = messageText(message, 'client-first-message');
      const clientNonce = this.readClientFirst(text);
      this.nonce = clientNonce + this.serverNonce;
      this.serverFirstMessage = `r=${this.nonce},s=${this.secret.salt.toString('base64')},i=${this.secret.iterations}`;
      this.state = 'awaiting-client-final';
      return { serverFirst: this.serverFirstMessage };
    } catch (error) {
      return { error: this.fail(describe(error)) };
    }
  }

  /** The client-final-message (SASLResponse data). ok: the server-final-message (v=...) for AuthenticationSASLFinal; else a failed login (wrong password, unknown user) or a protocol error. */
  clientFinal(message: Buffer): { ok: true; serverFinal: string } | { ok: false; protocolError?: string } {
    if (this.state !== 'awaiting-client-final') return { ok: false, protocolError: this.fail('a client-final-message was not expected now') };
    this.state = 'finished';
    try {
      const text = messageText(message, 'client-final-message');
      const { withoutProof, proof } = this.readClientFinal(text);
      const authMessage = `${this.clientFirstBare},${this.serverFirstMessage},${withoutProof}`;
      const clientSignature = hmac(this.secret.storedKey, authMessage);
      const proven = timingSafeEqual(sha256(xor(proof, clientSignature)), this.secret.storedKey);
      if (!proven || this.doomed) return { ok: false };
      return { ok: true, serverFinal: `v=${hmac(this.secret.serverKey, authMessage).toString('base64')}` };
    } catch (error) {
      return { ok: false, protocolError: this.fail(describe(error)) };
    }
  }

  private readClientFirst(text: string): string {
    const flag = text[0];
    if (flag === 'p') throw new ScramSyntaxError('the client asked for channel binding (p=…), but the server offers only SCRAM-SHA-256, not SCRAM-SHA-256-PLUS');
    if (flag !== 'n' && flag !== 'y') throw new ScramSyntaxError(`unexpected channel-binding flag "${flag ?? ''}"`);
    if (text[1] !== ',') throw new ScramSyntaxError('comma expected after the channel-binding flag');
    if (text[2] === 'a') throw new ScramSyntaxError('the client uses an authorization identity (a=…), which is not supported');
    if (text[2] !== ',') throw new ScramSyntaxError('comma expected after the (empty) authorization identity');
    this.gs2Header = text.slice(0, 3);
    this.clientFirstBare = text.slice(3);
    const reader = new AttributeReader(this.clientFirstBare, 'client-first-message');
    if (reader.peek() === 'm') throw new ScramSyntaxError('the client requires an unsupported SCRAM extension (m=…)');
    reader.expect('n'); // Postgres ignores the SCRAM user name: the startup message names the user.
    const clientNonce = reader.expect('r');
    if (!isPrintableNonce(clientNonce)) throw new ScramSyntaxError('the client nonce is empty or holds characters that are not printable ASCII');
    while (!reader.atEnd()) reader.next(); // extensions: ignored
    return clientNonce;
  }

  private readClientFinal(text: string): { withoutProof: string; proof: Buffer } {
    const reader = new AttributeReader(text, 'client-final-message');
    const binding = decodeBase64(reader.expect('c'));
    if (!binding?.equals(Buffer.from(this.gs2Header))) throw new ScramSyntaxError('SCRAM channel binding check failed: c= does not repeat the client-first-message header');
    if (reader.expect('r') !== this.nonce) throw new ScramSyntaxError('the nonce does not match');
    for (;;) {
      if (reader.atEnd()) throw new ScramSyntaxError('the client-final-message has no proof (p=…)');
      const start = reader.offset;
      const attribute = reader.next();
      if (attribute.name !== 'p') continue; // an extension
      const proof = decodeBase64(attribute.value);
      if (proof?.length !== 32) throw new ScramSyntaxError('malformed proof in the client-final-message');
      if (!reader.atEnd()) throw new ScramSyntaxError('garbage found after the proof of the client-final-message');
      return { withoutProof: text.slice(0, start - 1), proof };
    }
  }

  private fail(detail: string): string {
    this.state = 'finished';
    return `malformed SCRAM message: ${detail}`;
  }
}

function describe(error: unknown): string {
  if (error instanceof ScramSyntaxError) return error.message;
  return `unreadable message (${(error as Error).message})`;
}

/** A made-up verifier for a user without one: stable per user name, so retries look alike. */
function mockSecret(userName: string): ScramSecret {
  const derive = (label: string) => createHmac('sha256', MOCK_SECRET).update(`${label}\0${userName}`).digest();
  return {
    iterations: SCRAM_DEFAULT_ITERATIONS,
    salt: derive('salt').subarray(0, SCRAM_DEFAULT_SALT_LENGTH),
    storedKey: derive('stored-key'),
    serverKey: derive('server-key'),
  };
}
