// The data path of an established session. Upstream->client bytes are relayed as they arrive,
// whatever the client is doing (Flush, COPY OUT, NOTICE, NOTIFY); the proxy only reads the
// headers to count ReadyForQuery. Client->upstream bytes are framed and relayed as runs of
// the chunk that carried them, except Query/Parse messages that the interception hook
// refuses. Per message on this path: no await, no allocation beyond the SQL text when a
// statement has to be inspected.
//
// Refusal ordering. A refused simple Query is answered once the upstream has answered all
// that was sent before it (ErrorResponse + ReadyForQuery carrying the upstream's last
// transaction status). A refused Parse in an extended-protocol pipeline: the proxy sends the
// upstream a Sync to close what came before, swallows the ReadyForQuery it answers, sends the
// ErrorResponse, drops the client's messages up to its Sync and answers that Sync with a
// ReadyForQuery of its own. Note: that proxy Sync commits the pipeline's earlier statements
// if they ran in an implicit transaction (as if the client had sent Sync before the Parse).
// A refusal does not abort an explicit transaction block upstream: the status reported
// stays that of the upstream (`T`), the refused statement simply did not run.
//
// Carried writes (docs/writes.md). A Query holding a write to a mirrored table, or an Execute
// of a portal whose statement is one, is deferred until the upstream has answered everything
// before it; the write runner (write-runner.ts) then has the upstream to itself for the
// proxy's own requests (own-requests.ts) and answers the client, and scanning resumes after
// the deferred frame. A carried Parse is rewritten into a Parse of the statement's
// evaluation, whose RowDescription (first column EVAL_MARKER) is answered as `changed_ids`.
// The Sync right after a carried Execute is answered by the proxy (the evaluation's own Sync
// ended the implicit transaction), and the proxy's own writes on this path leave in one system
// call per turn (write-batch.ts). While deferred-mode writes are staged, a simple-protocol
// COMMIT is carried too (the runner sends them first), and the transaction control that
// deferred-control.ts refuses is refused like any other statement.
import type { Socket } from 'node:net';
import { WriteBatch } from './write-batch.js';
import { deferredControl, preparedControl, type DeferredControl } from './deferred-control.js';
import {
  ALL_TYPES, Backend, FRONTEND_DATA_TYPES, FrameAction, FrameScanner, Frontend, PgError, SqlState, TransactionStatus, bindMessage, bindNames,
  commandTag, describeTarget, executePortal, frontend, parameterStatusBody, parseMessage, parseParamTypes, queryText, readyForQuery,
  rowDescription, rowDescriptionFields, textRowDescription, typeName, typeTable, upstreamLost, type BindMessage, type FrameHandler,
} from '../wire/index.js';
import type { Logger } from '../log.js';
import { EVAL_MARKER } from '../writes/evaluation.js';
import { RETURNING_MARKER } from '../writes/plan-returning.js';
import type { WritePlan } from '../writes/plan.js';
import type { CarryDecision } from './interceptor.js';
import { BlockWrites } from './block-writes.js';
import { OwnRequests } from './own-requests.js';
import { NEEDS_SEARCH_PATH, type PolicyResult, type SessionPolicy } from './policy.js';
import { readIntoOwnBuffer } from './socket-reads.js';
import { CHANGED_IDS, WriteRunner, type SessionWrites } from './write-runner.js';

const CLIENT_WATCH_TYPES = [Frontend.Query, Frontend.Parse, Frontend.Sync, Frontend.FunctionCall, Frontend.Terminate];
const CLIENT_WATCH = typeTable(CLIENT_WATCH_TYPES);
/** Once a carried statement is prepared, Bind, Execute and Close are looked at too. */
const CLIENT_WATCH_CARRIED = typeTable([...CLIENT_WATCH_TYPES, Frontend.Bind, Frontend.Execute, Frontend.Close]);
const CLIENT_VALID = typeTable(FRONTEND_DATA_TYPES);
const UPSTREAM_WATCH_TYPES = [Backend.ReadyForQuery, Backend.ErrorResponse, Backend.ParameterStatus];
const UPSTREAM_WATCH = typeTable(UPSTREAM_WATCH_TYPES);
/** While carried statements exist: an evaluation's RowDescription (a Describe's answer) becomes `changed_ids`'. */
const UPSTREAM_WATCH_CARRIED = typeTable([...UPSTREAM_WATCH_TYPES, Backend.RowDescription]);
/** While writes of an open transaction block are pending: command tags show a ROLLBACK. */
const UPSTREAM_WATCH_BLOCK = typeTable([...UPSTREAM_WATCH_TYPES, Backend.CommandComplete]);
const UPSTREAM_WATCH_CARRIED_BLOCK = typeTable([...UPSTREAM_WATCH_TYPES, Backend.RowDescription, Backend.CommandComplete]);
const EVAL_MARKER_BYTES = Buffer.from(`${EVAL_MARKER}\0`, 'utf8');
const EMPTY = Buffer.alloc(0);
const PORTAL = 'P'.charCodeAt(0);

function isCarry(result: PolicyResult): result is CarryDecision {
  return typeof result === 'object' && 'action' in result;
}

/** Whether a RowDescription describes an evaluation (its first column is EVAL_MARKER). */
function isEvaluation(buf: Buffer, start: number, end: number): boolean {
  const name = start + 7;
  if (buf.readInt16BE(start + 5) < 1 || name + EVAL_MARKER_BYTES.length + 18 > end) return false;
  return buf.compare(EVAL_MARKER_BYTES, 0, EVAL_MARKER_BYTES.length, name, name + EVAL_MARKER_BYTES.length) === 0;
}

/**
 * What a client's Describe of a carried statement answers instead of the evaluation's
 * RowDescription: the RETURNING columns (those after RETURNING_MARKER), or `changed_ids`.
 */
function describedAs(buf: Buffer, start: number, end: number, formats: readonly number[]): Buffer {
  const fields = rowDescriptionFields(buf, start, end);
  const at = fields.findIndex((f) => f.name === RETURNING_MARKER);
  return at < 0 ? textRowDescription([CHANGED_IDS], formats) : rowDescription(fields.slice(at + 1), formats);
}

interface Injection {
  /** Written after the upstream's ReadyForQuery number `at`. */
  at: number;
  /** That ReadyForQuery answers the proxy's own Sync and is not relayed. */
  swallow: boolean;
  error: PgError | undefined;
  readyForQuery: boolean;
}

export interface RelayOptions {
  client: Socket;
  upstream: Socket;
  policy: SessionPolicy;
  logger: Logger;
  maxMessageSize: number;
  wireTrace: boolean;
  /** Transaction status of the upstream's first ReadyForQuery. */
  status: number;
  /** Called once both sides are closed. */
  onClose(reason: string): void;
  /** Cancels the upstream's running query (client gone mid-query). */
  cancelUpstream(): Promise<void>;
  /** The Salesforce write path; without it the policy never asks to carry a write. */
  writes?: SessionWrites;
}

export class Relay {
  bytesFromClient = 0;
  bytesToClient = 0;
  private readonly client: Socket;
  private readonly upstream: Socket;
  /** Batches the proxy's own writes on the write path (write-batch.ts). */
  private readonly toClient: WriteBatch;
  private readonly toUpstream: WriteBatch;
  private readonly clientScanner: FrameScanner;
  private readonly upstreamScanner: FrameScanner;
  private clientWatch: Uint8Array;
  /** ReadyForQuery messages the upstream owes (Query, Sync, FunctionCall sent, own Syncs included). */
  private rfqExpected = 0;
  private rfqSeen = 0;
  private status: number;
  private errorSinceReady = false;
  private readonly injections: Injection[] = [];
  private discarding = false;
  private pendingRefusal: { error: PgError; kind: number } | undefined;
  private closed = false;
  private upstreamHadError = false;
  /** The client sent Terminate: the upstream closing is the expected end. */
  private terminating = false;
  private upstreamWatch: Uint8Array;
  private readonly own: OwnRequests;
  private readonly runner: WriteRunner | undefined;
  /** Prepared statements and portals whose text is a carried write (prepared upstream as its evaluation). */
  private readonly carriedStatements = new Map<string, WritePlan>();
  private readonly carriedPortals = new Map<string, { plan: WritePlan; bind: BindMessage }>();
  /** Prepared transaction control, and portals bound to it: what deferred mode does when they run. */
  private readonly controlStatements = new Map<string, DeferredControl>();
  private readonly controlPortals = new Map<string, DeferredControl>();
  private pendingParse: { name: string; plan: WritePlan; paramTypes: number[] } | undefined;
  private pendingBind: BindMessage | undefined;
  /** Result formats of the last carried Bind: what a Describe of its portal reports. */
  private describeFormats: number[] = [];
  private replacement: Buffer | undefined;
  /** The frame deferred for a carried write was handled: drop it when scanning resumes. */
  private consumeDeferred = false;
  /** The client frame number of a Sync that directly follows a carried Execute. */
  private syncAnsweredAt = 0;
  private idleWaiter: (() => void) | undefined;
  private readonly blockWrites = new BlockWrites();
  /** Client frame count at the last Query/Sync: a later frame is the first of a new batch if it is the next one. */
  private framesAtBatchEnd = 0;
  /** The ReadyForQuery number that answers the proxy's own SHOW search_path (0 = none pending). */
  private ownQueryAt = 0;
  private ownQueryValue: string | undefined;
  private ownQueryFailed = false;
  private resumeClient = false;

  constructor(private readonly options: RelayOptions) {
    this.client = options.client;
    this.upstream = options.upstream;
    this.status = options.status;
    this.toClient = new WriteBatch(this.client);
    this.toUpstream = new WriteBatch(this.upstream);
    this.clientWatch = options.wireTrace ? ALL_TYPES : CLIENT_WATCH;
    this.clientScanner = new FrameScanner({ maxMessageSize: options.maxMessageSize, watch: this.clientWatch, valid: CLIENT_VALID });
    this.upstreamWatch = options.wireTrace ? ALL_TYPES : UPSTREAM_WATCH;
    // The upstream is trusted; its limit only guards against a corrupt stream.
    this.upstreamScanner = new FrameScanner({ maxMessageSize: 0x7fffffff, watch: this.upstreamWatch });
    this.own = new OwnRequests((bytes) => {
      this.upstreamScanner.watch = ALL_TYPES;
      this.toUpstream.hold();
      this.upstream.write(bytes);
    });
    this.runner = options.writes && new WriteRunner({
      own: this.own,
      status: () => this.status,
      writeClient: (bytes) => this.writeClient(bytes),
      noteBlockWrite: (plan, ids) => {
        this.blockWrites.add(plan.operation, plan.table.sobject, ids);
        if (!this.own.active) this.restoreUpstreamWatch();
      },
      logger: options.logger,
    }, options.writes);
  }

  /** Starts relaying; `clientRest`/`upstreamRest` are bytes already read during the handshake. */
  start(clientRest: Buffer, upstreamRest: Buffer): void {
    const { client, upstream } = this;
    // Reads into the relay's own buffers where possible (socket-reads.ts: measured cheaper).
    if (!readIntoOwnBuffer(client, upstream, this.onClientData)) client.on('data', this.onClientData);
    if (!readIntoOwnBuffer(upstream, client, this.onUpstreamData)) upstream.on('data', this.onUpstreamData);
    client.on('drain', () => upstream.resume());
    upstream.on('drain', () => client.resume());
    client.on('error', (e) => this.close(`client error: ${e.message}`));
    client.on('close', () => this.close('client closed'));
    upstream.on('error', (e) => this.upstreamGone(`upstream error: ${e.message}`));
    upstream.on('close', () => this.upstreamGone('upstream closed'));
    if (upstreamRest.length > 0) this.onUpstreamData(upstreamRest);
    if (clientRest.length > 0) this.onClientData(clientRest);
  }

  /** Ends the session with a FATAL error to the client. */
  fatal(error: PgError, reason: string): void {
    if (this.closed) return;
    this.client.end(error.encode());
    this.close(reason);
  }

  private readonly onClientData = (chunk: Buffer): void => {
    this.bytesFromClient += chunk.length;
    try {
      this.clientScanner.scan(chunk, this.clientHandler);
    } catch (e) {
      this.clientScanner.stop();
      if (e instanceof PgError) this.fatal(e, `protocol violation: ${e.message}`);
      else this.fatal(new PgError({ severity: 'FATAL', code: 'XX000', message: 'internal error in pgforce' }), `internal error: ${String(e)}`);
      if (!(e instanceof PgError)) this.options.logger.error({ err: e }, 'relay failure');
    }
  };

  private readonly onUpstreamData = (chunk: Buffer): void => {
    try {
      this.upstreamScanner.scan(chunk, this.upstreamHandler);
    } catch (e) {
      this.upstreamScanner.stop();
      this.options.logger.error({ err: e }, 'malformed data from the mirror database');
      this.fatal(upstreamLost(), 'malformed upstream data');
    }
  };

  private readonly clientHandler: FrameHandler = {
    frame: (type, buf, start, end) => {
      if (this.options.wireTrace) this.options.logger.trace({ from: 'client', type: typeName(type), length: end - start - 1 }, 'wire');
      if (this.consumeDeferred) {
        this.consumeDeferred = false;
        if (type === Frontend.Query) this.framesAtBatchEnd = this.clientScanner.framesSeen;
        else if (!this.discarding) this.syncAnsweredAt = this.clientScanner.framesSeen + 1;
        return FrameAction.Drop;
      }
      if (this.discarding) {
        if (type === Frontend.Sync) this.endDiscard();
        return FrameAction.Drop;
      }
      switch (type) {
        case Frontend.Query: {
          if (this.hasStaged()) {
            const control = deferredControl(queryText(buf, start, end));
            if (control === 'commit') {
              const sql = queryText(buf, start, end);
              return this.carry(() => this.endQuery(this.runner!.runCommit(sql)));
            }
            if (control !== undefined) {
              this.pendingRefusal = { error: control, kind: type };
              return FrameAction.Drop;
            }
          }
          if (!this.options.policy.inspects) {
            this.rfqExpected++;
            return FrameAction.Forward;
          }
          const result = this.options.policy.checkQuery(queryText(buf, start, end), this.mayAskSearchPath());
          if (result === NEEDS_SEARCH_PATH) return this.deferForSearchPath();
          if (isCarry(result)) return this.carry(() => this.endQuery(this.runner!.runQuery(result.statements)));
          if (result !== undefined) {
            this.pendingRefusal = { error: result, kind: type };
            return FrameAction.Drop;
          }
          this.rfqExpected++;
          this.framesAtBatchEnd = this.clientScanner.framesSeen;
          return FrameAction.Forward;
        }
        case Frontend.Parse: {
          if (!this.options.policy.inspects) return FrameAction.Forward;
          const { name, query } = parseMessage(buf, start, end);
          this.describeFormats = [];
          // Prepared transaction control is remembered whatever is staged: it may be executed when something is.
          const control = preparedControl(query);
          if (control === undefined) this.controlStatements.delete(name);
          else this.controlStatements.set(name, control);
          if (control instanceof PgError && this.hasStaged()) {
            this.pendingRefusal = { error: control, kind: type };
            return FrameAction.Drop;
          }
          const result: PolicyResult = this.options.policy.checkParse(query, name, this.mayAskSearchPath());
          if (result === NEEDS_SEARCH_PATH) return this.deferForSearchPath();
          if (isCarry(result) && result.statements[0]?.plan !== undefined) {
            // Prepared upstream as its evaluation: Bind and Describe are answered by Postgres itself.
            this.pendingParse = { name, plan: result.statements[0].plan, paramTypes: parseParamTypes(buf, start, end) };
            this.toUpstream.hold();
            return FrameAction.Drop;
          }
          if (this.carriedStatements.delete(name)) this.watchCarried();
          if (result !== undefined && !isCarry(result)) {
            this.pendingRefusal = { error: result, kind: type };
            return FrameAction.Drop;
          }
          return FrameAction.Forward;
        }
        case Frontend.Bind: {
          const { portal, statement } = bindNames(buf, start, end);
          const control = this.controlStatements.get(statement);
          if (control === undefined) this.controlPortals.delete(portal);
          else this.controlPortals.set(portal, control);
          const plan = this.carriedStatements.get(statement);
          if (plan === undefined) {
            this.carriedPortals.delete(portal);
            return FrameAction.Forward;
          }
          // The portal itself is never run: it is bound with text results (whatever formats the
          // client asked for, which fit its RETURNING columns, not the evaluation's).
          const bind = bindMessage(buf, start, end);
          this.carriedPortals.set(portal, { plan, bind });
          this.describeFormats = bind.resultFormats;
          this.pendingBind = bind;
          this.toUpstream.hold();
          return FrameAction.Drop;
        }
        case Frontend.Close: {
          const { kind, name } = describeTarget(buf, start, end);
          if (kind === PORTAL) {
            this.carriedPortals.delete(name);
            this.controlPortals.delete(name);
          } else {
            this.controlStatements.delete(name);
            if (this.carriedStatements.delete(name)) this.watchCarried();
          }
          return FrameAction.Forward;
        }
        case Frontend.Execute: {
          const portal = executePortal(buf, start, end);
          const control = this.hasStaged() ? this.controlPortals.get(portal) : undefined;
          if (control === 'commit') return this.carry(() => this.endExecute(this.runner!.runCommitPortal(portal)));
          if (control !== undefined) {
            this.pendingRefusal = { error: control, kind: type };
            return FrameAction.Drop;
          }
          const carried = this.carriedPortals.get(portal);
          return carried === undefined ? FrameAction.Forward : this.carry(() => this.endExecute(this.runner!.runExecute(carried.plan, carried.bind)));
        }
        case Frontend.Sync:
          if (this.syncAnsweredAt === this.clientScanner.framesSeen && this.isIdle()) {
            // Right after a carried Execute: the evaluation's own Sync already ended the
            // implicit transaction, so the proxy answers it with the upstream's status.
            this.framesAtBatchEnd = this.clientScanner.framesSeen;
            this.writeClient(readyForQuery(this.status));
            return FrameAction.Drop;
          }
          this.rfqExpected++;
          this.framesAtBatchEnd = this.clientScanner.framesSeen;
          return FrameAction.Forward;
        case Frontend.FunctionCall:
          this.rfqExpected++;
          this.framesAtBatchEnd = this.clientScanner.framesSeen;
          return FrameAction.Forward;
        case Frontend.Terminate:
          // Relayed: the upstream answers what came before, then closes, and so do we.
          return FrameAction.ForwardThenFlush;
        default:
          return FrameAction.Forward;
      }
    },
    forward: (buf, start, end) => {
      if (!this.upstream.write(start === 0 && end === buf.length ? buf : buf.subarray(start, end))) this.client.pause();
    },
    after: (type) => {
      if (type === Frontend.Terminate) {
        this.clientScanner.stop();
        this.terminating = true;
        this.upstream.end();
        return;
      }
      const bind = this.pendingBind;
      if (bind !== undefined) {
        this.pendingBind = undefined;
        this.upstream.write(frontend.bind(bind.portal, bind.statement, bind.paramFormats, bind.params, []));
        return;
      }
      const parse = this.pendingParse;
      if (parse !== undefined) {
        this.pendingParse = undefined;
        this.upstream.write(frontend.parse(parse.name, parse.plan.evalSql, parse.paramTypes));
        this.carriedStatements.set(parse.name, parse.plan);
        this.watchCarried();
        return;
      }
      const refusal = this.pendingRefusal;
      this.pendingRefusal = undefined;
      if (refusal === undefined) return;
      if (refusal.kind === Frontend.Query) {
        this.inject({ at: this.rfqExpected, swallow: false, error: refusal.error, readyForQuery: true });
      } else {
        this.upstream.write(frontend.SYNC);
        this.rfqExpected++;
        this.inject({ at: this.rfqExpected, swallow: true, error: refusal.error, readyForQuery: false });
        this.discarding = true;
        this.clientScanner.watch = ALL_TYPES;
      }
    },
  };

  /**
   * Looks at Bind/Execute/Close and RowDescriptions only while carried statements exist, or
   * prepared transaction control while deferred writes are staged.
   */
  private watchCarried(): void {
    if (this.options.wireTrace) return;
    const watch = this.carriedStatements.size > 0 || (this.controlStatements.size > 0 && this.hasStaged());
    this.clientWatch = watch ? CLIENT_WATCH_CARRIED : CLIENT_WATCH;
    if (!this.discarding) this.clientScanner.watch = this.clientWatch;
    if (!this.own.active) this.restoreUpstreamWatch();
  }

  /**
   * Holds the client's frame (and what follows) while a carried write runs: once the upstream
   * has answered everything sent before, `run` has the upstream to itself.
   */
  private carry(run: () => Promise<void>): FrameAction {
    this.client.pause();
    const idle = this.isIdle() ? Promise.resolve() : new Promise<void>((resolve) => (this.idleWaiter = resolve));
    void idle.then(run).then(
      () => {
        if (this.closed) return;
        // Deferred writes may have been staged (or sent): what to watch may have changed.
        this.watchCarried();
        this.consumeDeferred = true;
        this.resumeClientScanning();
      },
      (error: unknown) => {
        this.options.logger.error({ err: error }, 'carried write failure');
        this.fatal(new PgError({ severity: 'FATAL', code: SqlState.InternalError, message: 'internal error in pgforce' }), 'write failure');
      },
    );
    return FrameAction.Defer;
  }

  private isIdle(): boolean {
    return this.rfqSeen === this.rfqExpected && this.injections.length === 0 && this.ownQueryAt === 0 && !this.own.active;
  }

  /** A carried Query (a write, or a COMMIT of deferred writes) ends with the runner's error, if any, and ReadyForQuery. */
  private async endQuery(run: Promise<PgError | undefined>): Promise<void> {
    const error = await run;
    this.writeClient(error === undefined ? readyForQuery(this.status) : Buffer.concat([error.encode(), readyForQuery(this.status)]));
  }

  /** A carried Execute (a write, or a prepared COMMIT of deferred writes): after a failure the client's messages up to its Sync are skipped. */
  private async endExecute(run: Promise<boolean>): Promise<void> {
    if (await run) return;
    this.discarding = true;
    this.clientScanner.watch = ALL_TYPES;
  }

  /** Deferred-mode writes are staged in the open transaction block. */
  private hasStaged(): boolean {
    return this.runner !== undefined && !this.runner.deferred.empty;
  }

  /** A ReadyForQuery's transaction status: a block that ended without the proxy's COMMIT drops what it staged. */
  private setStatus(status: number): void {
    this.status = status;
    if (status === TransactionStatus.Idle && this.hasStaged()) {
      this.runner!.deferred.clear();
      this.watchCarried();
    }
  }

  private writeClient(bytes: Buffer): void {
    if (this.closed) return;
    this.bytesToClient += bytes.length;
    this.toClient.hold();
    this.client.write(bytes);
  }

  private resumeClientScanning(): void {
    this.client.resume();
    try {
      this.clientScanner.resume(this.clientHandler);
    } catch (e) {
      this.clientScanner.stop();
      if (e instanceof PgError) this.fatal(e, `protocol violation: ${e.message}`);
      else throw e;
    }
  }

  /**
   * The proxy may run its own SHOW search_path now: the frame being looked at starts a new
   * batch (no unsynced extended-protocol messages before it) and no transaction has failed.
   */
  private mayAskSearchPath(): boolean {
    return this.clientScanner.framesSeen === this.framesAtBatchEnd + 1 && this.status !== TransactionStatus.Failed && !this.ownQueryFailed;
  }

  /** Holds the client's frame until the upstream has told us its search_path. */
  private deferForSearchPath(): FrameAction {
    if (this.ownQueryAt === 0) {
      this.upstream.write(frontend.query('SHOW search_path'));
      this.rfqExpected++;
      this.ownQueryAt = this.rfqExpected;
      this.ownQueryValue = undefined;
      this.upstreamScanner.watch = ALL_TYPES;
    }
    this.client.pause();
    return FrameAction.Defer;
  }

  /** A frame of the answer to the proxy's own SHOW search_path: not for the client. */
  private ownQueryFrame(type: number, buf: Buffer, start: number, end: number): FrameAction {
    switch (type) {
      case Backend.NotificationResponse:
      case Backend.NoticeResponse:
        return FrameAction.Forward;
      case Backend.ParameterStatus: {
        const [name, value] = parameterStatusBody(buf.subarray(start + 5, end));
        this.options.policy.parameterStatus(name, value);
        return FrameAction.Forward;
      }
      case Backend.DataRow: {
        const length = buf.readInt32BE(start + 7);
        this.ownQueryValue = length < 0 ? '' : buf.toString('utf8', start + 11, start + 11 + length);
        return FrameAction.Drop;
      }
      case Backend.ReadyForQuery:
        this.rfqSeen++;
        this.setStatus(buf[start + 5]!);
        this.errorSinceReady = false;
        this.ownQueryAt = 0;
        this.upstreamScanner.watch = this.upstreamWatch;
        if (this.ownQueryValue === undefined) this.ownQueryFailed = true;
        else this.options.policy.setSearchPath(this.ownQueryValue);
        this.resumeClient = true;
        return FrameAction.Drop;
      default:
        return FrameAction.Drop;
    }
  }

  private endDiscard(): void {
    this.discarding = false;
    this.clientScanner.watch = this.clientWatch;
    this.inject({ at: this.rfqExpected, swallow: false, error: undefined, readyForQuery: true });
  }

  private inject(injection: Injection): void {
    if (this.injections.length === 0 && !injection.swallow && this.rfqSeen >= injection.at) {
      this.writeInjection(injection);
      return;
    }
    this.injections.push(injection);
  }

  private writeInjection(injection: Injection): void {
    // After an upstream error in the same pipeline the client already has its one ErrorResponse.
    const error = injection.error !== undefined && !(injection.swallow && this.upstreamHadError) ? injection.error.encode() : EMPTY;
    const ready = injection.readyForQuery ? readyForQuery(this.status) : EMPTY;
    const bytes = ready.length === 0 ? error : error.length === 0 ? ready : Buffer.concat([error, ready]);
    if (bytes.length > 0) {
      this.bytesToClient += bytes.length;
      this.client.write(bytes);
    }
  }

  private readonly upstreamHandler: FrameHandler = {
    frame: (type, buf, start, end) => {
      if (this.options.wireTrace) this.options.logger.trace({ from: 'upstream', type: typeName(type), length: end - start - 1 }, 'wire');
      if (this.own.active) return this.ownRequestFrame(type, buf, start, end);
      if (this.ownQueryAt !== 0 && this.rfqSeen === this.ownQueryAt - 1) return this.ownQueryFrame(type, buf, start, end);
      if (type === Backend.RowDescription) {
        if (!isEvaluation(buf, start, end)) return FrameAction.Forward;
        this.replacement = describedAs(buf, start, end, this.describeFormats);
        this.toClient.hold();
        return FrameAction.Drop;
      }
      if (type === Backend.CommandComplete) {
        if (this.blockWrites.active) this.blockWrites.tag(commandTag(buf, start, end));
        return FrameAction.Forward;
      }
      if (type === Backend.ReadyForQuery) {
        this.rfqSeen++;
        this.setStatus(buf[start + 5]!);
        const warning = this.blockWriteWarning();
        if (this.status === TransactionStatus.Idle) this.ownQueryFailed = false;
        this.upstreamHadError = this.errorSinceReady;
        this.errorSinceReady = false;
        const next = this.injections[0];
        if (next === undefined || next.at !== this.rfqSeen) {
          // A carried write waiting for this answer runs once it is relayed (after()).
          if (warning === undefined) return this.idleWaiter === undefined ? FrameAction.Forward : FrameAction.ForwardThenFlush;
          // WARNING before the ReadyForQuery that ends the ROLLBACK.
          this.replacement = Buffer.concat([warning, buf.subarray(start, end)]);
          return FrameAction.Drop;
        }
        return next.swallow ? FrameAction.Drop : FrameAction.ForwardThenFlush;
      }
      if (type === Backend.ErrorResponse) this.errorSinceReady = true;
      else if (type === Backend.ParameterStatus) {
        const [name, value] = parameterStatusBody(buf.subarray(start + 5, end));
        this.options.policy.parameterStatus(name, value);
      }
      return FrameAction.Forward;
    },
    forward: (buf, start, end) => {
      this.bytesToClient += end - start;
      if (!this.client.write(start === 0 && end === buf.length ? buf : buf.subarray(start, end))) this.upstream.pause();
    },
    after: () => {
      if (this.replacement !== undefined) {
        this.writeClient(this.replacement);
        this.replacement = undefined;
      }
      while (this.injections.length > 0 && this.injections[0]!.at <= this.rfqSeen) this.writeInjection(this.injections.shift()!);
      if (this.idleWaiter !== undefined && this.isIdle()) {
        const wake = this.idleWaiter;
        this.idleWaiter = undefined;
        wake();
      }
      if (this.resumeClient) {
        this.resumeClient = false;
        this.resumeClientScanning();
      }
    },
  };

  /** A frame answering one of the proxy's own requests (write evaluation, BEGIN/COMMIT, flushing Sync). */
  private ownRequestFrame(type: number, buf: Buffer, start: number, end: number): FrameAction {
    this.toClient.hold();
    if (type === Backend.ParameterStatus) {
      const [name, value] = parameterStatusBody(buf.subarray(start + 5, end));
      this.options.policy.parameterStatus(name, value);
    } else if (type === Backend.ReadyForQuery) {
      this.setStatus(buf[start + 5]!);
      // A ROLLBACK among the statements of a carried query string.
      const warning = this.blockWriteWarning();
      if (warning !== undefined) this.writeClient(warning);
    } else if (type === Backend.CommandComplete && this.own.relaying && this.blockWrites.active) {
      this.blockWrites.tag(commandTag(buf, start, end));
    } else if (type === Backend.RowDescription && this.own.relaying && isEvaluation(buf, start, end)) {
      // The client's Describe of a carried statement, flushed by the proxy's Sync.
      this.replacement = describedAs(buf, start, end, this.describeFormats);
      return FrameAction.Drop;
    }
    const action = this.own.frame(type, buf, start, end);
    if (!this.own.active) this.restoreUpstreamWatch();
    return action;
  }

  private restoreUpstreamWatch(): void {
    const carried = this.carriedStatements.size > 0;
    const block = this.blockWrites.active;
    this.upstreamWatch = this.options.wireTrace
      ? ALL_TYPES
      : carried ? (block ? UPSTREAM_WATCH_CARRIED_BLOCK : UPSTREAM_WATCH_CARRIED) : block ? UPSTREAM_WATCH_BLOCK : UPSTREAM_WATCH;
    this.upstreamScanner.watch = this.upstreamWatch;
  }

  /** At a ReadyForQuery: the WARNING owed for a rollback of block writes; the list ends with the block. */
  private blockWriteWarning(): Buffer | undefined {
    if (!this.blockWrites.active) return undefined;
    const warning = this.blockWrites.readyForQuery(this.status !== TransactionStatus.Idle);
    if (!this.blockWrites.active) this.restoreUpstreamWatch();
    return warning;
  }

  private upstreamGone(reason: string): void {
    if (this.closed) return;
    if (this.terminating) this.close('client terminated');
    else this.fatal(upstreamLost(), reason);
  }

  /** Closes both sides once; a query still running upstream is cancelled first. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.clientScanner.stop();
    this.upstreamScanner.stop();
    const busy = (this.rfqSeen < this.rfqExpected || this.own.active) && !this.terminating;
    this.own.abort(upstreamLost());
    if (!this.upstream.destroyed) {
      if (busy) {
        void this.options.cancelUpstream().finally(() => this.upstream.destroy());
      } else {
        this.upstream.end(frontend.TERMINATE);
        this.upstream.destroySoon();
      }
    }
    if (!this.client.destroyed) this.client.end();
    this.options.onClose(busy ? `${reason} (query cancelled)` : reason);
  }
}
