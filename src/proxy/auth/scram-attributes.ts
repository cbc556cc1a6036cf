// Reading SCRAM messages (RFC 5802 §7): comma-separated `x=value` attributes. A violation is
// a ScramSyntaxError carrying the text Postgres would put in the error's detail.

export class ScramSyntaxError extends Error {}

/** RFC 5802 `printable`: %x21-2B / %x2D-7E (visible ASCII but ','). */
export function isPrintableNonce(text: string): boolean {
  return text.length > 0 && /^[\x21-\x2B\x2D-\x7E]+$/.test(text);
}

/** A cursor over one message's attributes. */
export class AttributeReader {
  private position = 0;

  constructor(private readonly text: string, private readonly what: string) {}

  get offset(): number {
    return this.position;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.position];
  }

  /** The value of the next attribute, which must be `name`. */
  expect(name: string): string {
    const attr = this.peek();
    if (attr !== name) {
      throw new ScramSyntaxError(
        attr === undefined
          ? `attribute "${name}" expected but the ${this.what} ended`
          : `attribute "${name}" expected, found "${attr}" in the ${this.what}`,
      );
    }
    return this.next().value;
  }

  /** The next attribute, whatever its name (an extension, or the next known one). */
  next(): { name: string; value: string } {
    const name = this.text[this.position];
    if (name === undefined || !/^[A-Za-z]$/.test(name)) throw new ScramSyntaxError(`attribute expected at offset ${this.position} of the ${this.what}`);
    if (this.text[this.position + 1] !== '=') throw new ScramSyntaxError(`"=" expected after attribute "${name}" in the ${this.what}`);
    const start = this.position + 2;
    const comma = this.text.indexOf(',', start);
    const end = comma === -1 ? this.text.length : comma;
    this.position = comma === -1 ? end : end + 1;
    return { name, value: this.text.slice(start, end) };
  }
}

/** A SCRAM message as text: UTF-8 without NUL bytes. */
export function messageText(message: Buffer | string, what: string): string {
  const text = typeof message === 'string' ? message : message.toString('utf8');
  if (text.includes('\0')) throw new ScramSyntaxError(`the ${what} contains a NUL byte`);
  if (typeof message !== 'string' && !Buffer.from(text, 'utf8').equals(message)) throw new ScramSyntaxError(`the ${what} is not valid UTF-8`);
  return text;
}
