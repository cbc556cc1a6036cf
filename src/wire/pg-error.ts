// The one error type that goes to a client: thrown anywhere in the proxy, turned into an
// ErrorResponse in exactly one place per session. ERROR keeps the session alive, FATAL ends it.
import { Backend } from './message-types.js';

export type Severity = 'ERROR' | 'FATAL';

export interface PgErrorFields {
  severity?: Severity;
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** CONTEXT: where the error happened (here: what Salesforce said about which record). */
  where?: string;
}

/** ErrorResponse/NoticeResponse field tags (Postgres docs, "Error and Notice Message Fields"). */
export const ErrorField = {
  Severity: 'S',
  SeverityNonLocalized: 'V',
  Code: 'C',
  Message: 'M',
  Detail: 'D',
  Hint: 'H',
  Schema: 's',
  Table: 't',
  Column: 'c',
  Constraint: 'n',
  Where: 'W',
} as const;

export class PgError extends Error {
  readonly severity: Severity;
  readonly code: string;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly schema: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly constraint: string | undefined;
  readonly where: string | undefined;

  constructor(fields: PgErrorFields) {
    super(fields.message);
    this.name = 'PgError';
    this.severity = fields.severity ?? 'ERROR';
    this.code = fields.code;
    this.detail = fields.detail;
    this.hint = fields.hint;
    this.schema = fields.schema;
    this.table = fields.table;
    this.column = fields.column;
    this.constraint = fields.constraint;
    this.where = fields.where;
  }

  get fatal(): boolean {
    return this.severity === 'FATAL';
  }

  /** This error as an ErrorResponse frame. */
  encode(): Buffer {
    return encodeNotice(Backend.ErrorResponse, this.fields(this.severity));
  }

  /** The same fields as a WARNING (NoticeResponse): a problem that did not fail the statement. */
  encodeWarning(): Buffer {
    return encodeNotice(Backend.NoticeResponse, this.fields('WARNING'));
  }

  private fields(severity: string): Array<readonly [string, string | undefined]> {
    return [
      [ErrorField.Severity, severity],
      [ErrorField.SeverityNonLocalized, severity],
      [ErrorField.Code, this.code],
      [ErrorField.Message, this.message],
      [ErrorField.Detail, this.detail],
      [ErrorField.Hint, this.hint],
      [ErrorField.Where, this.where],
      [ErrorField.Schema, this.schema],
      [ErrorField.Table, this.table],
      [ErrorField.Column, this.column],
      [ErrorField.Constraint, this.constraint],
    ];
  }
}

/** An ErrorResponse or NoticeResponse frame from (tag, value) pairs; undefined values are left out. */
export function encodeNotice(type: number, fields: ReadonlyArray<readonly [string, string | undefined]>): Buffer {
  const parts: Buffer[] = [];
  for (const [tag, value] of fields) {
    if (value === undefined) continue;
    parts.push(Buffer.from(tag, 'latin1'), Buffer.from(value, 'utf8'), ZERO);
  }
  parts.push(ZERO);
  const body = Buffer.concat(parts);
  const frame = Buffer.allocUnsafe(5 + body.length);
  frame[0] = type;
  frame.writeInt32BE(4 + body.length, 1);
  body.copy(frame, 5);
  return frame;
}

const ZERO = Buffer.from([0]);

/** Reads the fields of an ErrorResponse/NoticeResponse body (without the 5-byte header). */
export function decodeNoticeFields(body: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  let pos = 0;
  while (pos < body.length && body[pos] !== 0) {
    const tag = String.fromCharCode(body[pos]!);
    const end = body.indexOf(0, pos + 1);
    if (end < 0) break;
    fields.set(tag, body.toString('utf8', pos + 1, end));
    pos = end + 1;
  }
  return fields;
}

/** A PgError from an ErrorResponse body, e.g. the upstream's answer during its startup. */
export function pgErrorFromBody(body: Buffer): PgError {
  const f = decodeNoticeFields(body);
  const severity = f.get(ErrorField.SeverityNonLocalized) ?? f.get(ErrorField.Severity);
  return new PgError({
    severity: severity === 'FATAL' || severity === 'PANIC' ? 'FATAL' : 'ERROR',
    code: f.get(ErrorField.Code) ?? 'XX000',
    message: f.get(ErrorField.Message) ?? 'unknown error',
    detail: f.get(ErrorField.Detail),
    hint: f.get(ErrorField.Hint),
    schema: f.get(ErrorField.Schema),
    table: f.get(ErrorField.Table),
    column: f.get(ErrorField.Column),
    constraint: f.get(ErrorField.Constraint),
    where: f.get(ErrorField.Where),
  });
}
