// Requests the proxy itself sends on a client's upstream connection while that client waits:
// the evaluation of a write, BEGIN/COMMIT around a carried query string, or a Sync that
// flushes the client's earlier extended-protocol messages. Each ends with the upstream's
// ReadyForQuery, which is never relayed. In `collect` mode the rows and errors are for the
// proxy; in `relay` mode everything but the ReadyForQuery and an ErrorResponse (which the
// caller sends, from `errorFrame`) goes to the client as usual.
// NOTICE, NOTIFY and ParameterStatus always reach the client.
import {
  Backend, FrameAction, commandTag, dataRowValues, pgErrorFromBody, type PgError,
} from '../wire/index.js';

/** collect: decoded rows for the proxy; raw: RowDescription and DataRow frames as sent (for the client); relay: to the client. */
export type OwnMode = 'collect' | 'raw' | 'relay';

export interface OwnResult {
  rows: Array<Array<string | null>>;
  /** The last CommandComplete tag. */
  tag: string | undefined;
  /** The first ErrorResponse, decoded (the upstream then skipped to the ReadyForQuery). */
  error: PgError | undefined;
  /** That ErrorResponse as the upstream sent it. */
  errorFrame: Buffer | undefined;
  /** Transaction status of the ReadyForQuery. */
  status: number;
  /** `raw` mode: copies of the RowDescription and DataRow frames, in order. */
  frames: Buffer[];
}

interface Pending {
  mode: OwnMode;
  result: OwnResult;
  resolve(result: OwnResult): void;
}

export class OwnRequests {
  private readonly queue: Pending[] = [];
  private aborted: PgError | undefined;

  constructor(private readonly write: (bytes: Buffer) => void) {}

  /** Whether upstream frames are answers to the proxy's own requests. */
  get active(): boolean {
    return this.queue.length > 0;
  }

  /** Whether the current request relays the upstream's answers to the client. */
  get relaying(): boolean {
    return this.queue[0]?.mode === 'relay';
  }

  /** Sends `bytes`, which must end in a Sync or be a Query (one ReadyForQuery each). */
  send(bytes: Buffer, mode: OwnMode): Promise<OwnResult> {
    return new Promise((resolve) => {
      if (this.aborted !== undefined) {
        resolve({ rows: [], tag: undefined, error: this.aborted, errorFrame: undefined, status: 0, frames: [] });
        return;
      }
      this.queue.push({ mode, resolve, result: { rows: [], tag: undefined, error: undefined, errorFrame: undefined, status: 0, frames: [] } });
      this.write(bytes);
    });
  }

  /** The session ended: every pending request fails with `error` (a write stops before Salesforce if it can). */
  abort(error: PgError): void {
    this.aborted = error;
    for (const pending of this.queue.splice(0)) {
      pending.result.error ??= error;
      pending.resolve(pending.result);
    }
  }

  /** An upstream frame while active: Forward (to the client) or Drop. */
  frame(type: number, buf: Buffer, start: number, end: number): FrameAction {
    const head = this.queue[0]!;
    const { result } = head;
    switch (type) {
      case Backend.ReadyForQuery:
        result.status = buf[start + 5]!;
        this.queue.shift();
        head.resolve(result);
        return FrameAction.Drop;
      case Backend.ErrorResponse:
        if (result.error === undefined) {
          result.error = pgErrorFromBody(buf.subarray(start + 5, end));
          result.errorFrame = Buffer.from(buf.subarray(start, end));
        }
        // Even in relay mode the caller sends it: a WARNING may have to go first.
        return FrameAction.Drop;
      case Backend.NoticeResponse:
      case Backend.NotificationResponse:
      case Backend.ParameterStatus:
        return FrameAction.Forward;
      default:
        if (head.mode === 'relay') return FrameAction.Forward;
        if (head.mode === 'raw') {
          if (type === Backend.DataRow || type === Backend.RowDescription) result.frames.push(Buffer.from(buf.subarray(start, end)));
        } else if (type === Backend.DataRow) result.rows.push(dataRowValues(buf, start, end));
        else if (type === Backend.CommandComplete) result.tag = commandTag(buf, start, end);
        return FrameAction.Drop;
    }
  }
}
