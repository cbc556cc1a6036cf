// The client side of a SCRAM-SHA-256 exchange (RFC 5802, RFC 7677): the proxy logging in to
// the upstream Postgres. No channel binding ('n,,'), as libpq without TLS binding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AttributeReader, isPrintableNonce, messageText } from './scram-attributes.js';
import { clientKey, decodeBase64, hmac, saltedPassword, serverKey, sha256, xor } from './scram-keys.js';

const CLIENT_NONCE_BYTES = 18;
const GS2_HEADER = 'n,,';

export class ScramClientExchange {
  private readonly clientNonce: string;
  private readonly clientFirstBare: string;
  private expectedServerSignature: Buffer | undefined;

  /**
   * `options.nonce` fixes the client nonce and `options.sendUserName` puts the user in `n=`
   * (tests replaying RFC 7677); by default `n=*`, which Postgres ignores like any `n=`.
   */
  constructor(user: string, private readonly password: string, options: { nonce?: string; sendUserName?: boolean } = {}) {
    this.clientNonce = options.nonce ?? randomBytes(CLIENT_NONCE_BYTES).toString('base64');
    if (!isPrintableNonce(this.clientNonce)) throw new Error('a SCRAM nonce must be printable ASCII without commas');
    const name = options.sendUserName ? user.replaceAll('=', '=3D').replaceAll(',', '=2C') : '*';
    this.clientFirstBare = `n=${name},r=${this.clientNonce}`;
  }

  /** The client-first-message: the SASLInitialResponse data. */
  clientFirst(): string {
    return GS2_HEADER + this.clientFirstBare;
  }

  /** The client-final-message for the server-first-message (AuthenticationSASLContinue data). Throws on a bad server-first-message. */
  clientFinal(serverFirst: string): string {
    const text = messageText(serverFirst, 'server-first-message');
    const reader = new AttributeReader(text, 'server-first-message');
    if (reader.peek() === 'e') throw new Error(`SCRAM: the server refused the exchange: ${reader.next().value}`);
    if (reader.peek() === 'm') throw new Error('SCRAM: the server requires an unsupported extension (m=…)');
    const nonce = reader.expect('r');
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length || !isPrintableNonce(nonce)) {
      throw new Error('SCRAM: the server nonce does not extend the client nonce');
    }
    const salt = decodeBase64(reader.expect('s'));
    if (!salt || salt.length === 0) throw new Error('SCRAM: the server sent a malformed salt');
    const iterationsText = reader.expect('i');
    const iterations = Number(iterationsText);
    if (!/^[1-9][0-9]{0,9}$/.test(iterationsText) || iterations > 0x7fffffff) throw new Error(`SCRAM: the server sent a malformed iteration count "${iterationsText}"`);
    while (!reader.atEnd()) reader.next(); // extensions: ignored

    const salted = saltedPassword(this.password, salt, iterations);
    const key = clientKey(salted);
    const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${text},${withoutProof}`;
    const proof = xor(key, hmac(sha256(key), authMessage));
    this.expectedServerSignature = hmac(serverKey(salted), authMessage);
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** Checks the server-final-message (AuthenticationSASLFinal data): throws unless the server proved it knows the verifier. */
  verifyServerFinal(serverFinal: string): void {
    if (!this.expectedServerSignature) throw new Error('SCRAM: server-final-message before the client-final-message');
    const reader = new AttributeReader(messageText(serverFinal, 'server-final-message'), 'server-final-message');
    if (reader.peek() === 'e') throw new Error(`SCRAM: the server refused the login: ${reader.next().value}`);
    const signature = decodeBase64(reader.expect('v'));
    if (!signature || signature.length !== this.expectedServerSignature.length || !timingSafeEqual(signature, this.expectedServerSignature)) {
      throw new Error('SCRAM: the server signature is wrong (the server does not know the password)');
    }
  }
}
