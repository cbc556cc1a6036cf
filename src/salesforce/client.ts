// pgforce's Salesforce client: the only code that talks to Salesforce. Composes the
// transport, OAuth, the retrying REST caller and one module per API (query, describe,
// collections, composite, Bulk API query and ingest); it holds the session and the last
// known API usage.
import { pino } from 'pino';
import type { Logger } from '../log.js';
import { Authenticator } from './auth.js';
import { bulkQuery, type BulkDeps, type BulkQueryOptions, type BulkRow } from './bulk.js';
import { bulkIngest, type BulkIngestOptions, type BulkIngestResult, type IngestOperation } from './bulk-ingest.js';
import {
  createRequest,
  deleteRequest,
  saveResultsOf,
  updateRequest,
  upsertRequest,
  type CollectionOptions,
  type CollectionRequest,
  type RecordInput,
  type SaveResult,
} from './collections.js';
import { compositeBody, type CompositeRequest, type CompositeResponse } from './composite.js';
import { resolveConfig, type ResolvedConfig, type SalesforceConfig } from './config.js';
import { DescribeGlobalSchema, SObjectDescribeSchema, type DescribeGlobal, type SObjectDescribe } from './describe.js';
import type { ApiUsage, LimitEntry } from './limits.js';
import { getDeleted, getUpdated, queryPages, type DeletedResult, type QueryOptions, type QueryPage, type UpdatedResult } from './query.js';
import { RestCaller } from './rest.js';
import { reportUnknownCode } from './sqlstate.js';
import { HttpTransport } from './transport.js';

export interface SalesforceClientOptions {
  logger?: Logger;
  /** Called with every Sforce-Limit-Info reading. */
  onApiUsage?: (usage: ApiUsage) => void;
  /** Waits between retries and bulk polls; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SalesforceClient {
  /** `/services/data/vNN.N`: the prefix of every REST path, and of Composite subrequest URLs. */
  readonly dataPath: string;
  private readonly config: ResolvedConfig;
  private readonly logger: Logger;
  private readonly transport = new HttpTransport();
  private readonly auth: Authenticator;
  private readonly rest: RestCaller;
  private readonly sleep: (ms: number) => Promise<void>;
  private usage: ApiUsage | undefined;

  constructor(config: SalesforceConfig, options: SalesforceClientOptions = {}) {
    this.config = resolveConfig(config);
    this.dataPath = `/services/data/v${this.config.apiVersion}`;
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'salesforce' });
    this.sleep = options.sleep ?? realSleep;
    const policy = { maxRetries: this.config.maxRetries, sleep: this.sleep, logger: this.logger };
    this.auth = new Authenticator(this.config, this.transport, policy, this.logger);
    this.rest = new RestCaller({
      transport: this.transport,
      auth: this.auth,
      policy,
      logger: this.logger,
      timeoutMs: this.config.requestTimeoutMs,
      onApiUsage: (usage) => {
        this.usage = usage;
        options.onApiUsage?.(usage);
      },
    });
  }

  /** From the last Sforce-Limit-Info header: requests used in the last 24 hours and the allocation. */
  get apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /** Logs in now (otherwise the first call does). Throws SalesforceAuthError on refused credentials. */
  async login(): Promise<void> {
    await this.auth.session();
  }

  /** The instance URL of the current session (logs in when needed). */
  async instanceUrl(): Promise<string> {
    return (await this.auth.session()).instanceUrl;
  }

  /** The org and user of the session, from the identity URL `…/id/<orgId>/<userId>` (logs in when needed). */
  async identity(): Promise<{ orgId: string; userId: string } | undefined> {
    const url = (await this.auth.session()).identityUrl;
    const m = url ? /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/.exec(url) : null;
    return m ? { orgId: m[1]!, userId: m[2]! } : undefined;
  }

  async describeGlobal(): Promise<DescribeGlobal> {
    return DescribeGlobalSchema.parse(await this.rest.json({ method: 'GET', path: `${this.dataPath}/sobjects` }));
  }

  async describe(sobject: string): Promise<SObjectDescribe> {
    const path = `${this.dataPath}/sobjects/${encodeURIComponent(sobject)}/describe`;
    return SObjectDescribeSchema.parse(await this.rest.json({ method: 'GET', path }));
  }

  /** Pages of a SOQL query, following nextRecordsUrl. */
  query(soql: string, options?: QueryOptions): AsyncIterable<QueryPage> {
    return queryPages(this.rest, this.dataPath, soql, options);
  }

  getUpdated(sobject: string, start: Date, end: Date): Promise<UpdatedResult> {
    return getUpdated(this.rest, this.dataPath, sobject, start, end);
  }

  getDeleted(sobject: string, start: Date, end: Date): Promise<DeletedResult> {
    return getDeleted(this.rest, this.dataPath, sobject, start, end);
  }

  /** Creates up to 200 records of `sobject`; one SaveResult per record, in order. */
  create(sobject: string, records: RecordInput[], options?: CollectionOptions): Promise<SaveResult[]> {
    return this.collection(createRequest(this.dataPath, sobject, records, options));
  }

  /** Updates up to 200 records (each with `Id`). */
  update(sobject: string, records: RecordInput[], options?: CollectionOptions): Promise<SaveResult[]> {
    return this.collection(updateRequest(this.dataPath, sobject, records, options));
  }

  /** Upserts up to 200 records by an external id field; results say `created`. */
  upsert(sobject: string, externalIdField: string, records: RecordInput[], options?: CollectionOptions): Promise<SaveResult[]> {
    return this.collection(upsertRequest(this.dataPath, sobject, externalIdField, records, options));
  }

  /** Deletes up to 200 records by id (of any sObjects). */
  delete(ids: string[], options?: CollectionOptions): Promise<SaveResult[]> {
    return this.collection(deleteRequest(this.dataPath, ids, options));
  }

  /** One Composite request; subrequest failures are in the response, not thrown. */
  async composite(request: CompositeRequest): Promise<CompositeResponse> {
    const response = await this.rest.json<CompositeResponse>({ method: 'POST', path: `${this.dataPath}/composite`, body: compositeBody(request) });
    for (const sub of response.compositeResponse) {
      if (sub.httpStatusCode >= 400) this.reportCodes(sub.body);
      else if (Array.isArray(sub.body)) this.reportCodes(saveResultsLike(sub.body));
    }
    return response;
  }

  /** Rows of a Bulk API 2.0 query, a page at a time (all values as text, null for empty). */
  bulkQuery(soql: string, options?: BulkQueryOptions): AsyncIterable<BulkRow[]> {
    return bulkQuery(this.bulkDeps(), soql, options);
  }

  /**
   * Writes any number of records of `sobject` with one Bulk API 2.0 ingest job and waits for
   * it. Not atomic: each record succeeds or fails on its own, and every result names its
   * record's input position. A job that Fails or is aborted throws a SalesforceError.
   */
  bulkIngest(sobject: string, operation: IngestOperation, records: readonly RecordInput[], options?: BulkIngestOptions): Promise<BulkIngestResult> {
    return bulkIngest(this.bulkDeps(), sobject, operation, records, options);
  }

  async limits(): Promise<Record<string, LimitEntry>> {
    return this.rest.json<Record<string, LimitEntry>>({ method: 'GET', path: `${this.dataPath}/limits` });
  }

  /** Frees the keep-alive sockets. The client can still be used; it opens new ones. */
  close(): void {
    this.transport.close();
  }

  private bulkDeps(): BulkDeps {
    return { rest: this.rest, dataPath: this.dataPath, sleep: this.sleep, logger: this.logger };
  }

  private async collection(request: CollectionRequest): Promise<SaveResult[]> {
    const body = await this.rest.json<unknown>({ method: request.method, path: request.url, body: request.body });
    const results = saveResultsOf(body);
    this.reportCodes(results);
    return results;
  }

  /** Warns once per uncatalogued per-record or subrequest code, with the raw item. */
  private reportCodes(items: unknown): void {
    if (!Array.isArray(items)) return;
    for (const item of items as Array<Record<string, unknown>>) {
      if (typeof item?.errorCode === 'string') reportUnknownCode(this.logger, item.errorCode, item);
      if (Array.isArray(item?.errors)) for (const e of item.errors as Array<Record<string, unknown>>) {
        if (typeof e?.statusCode === 'string') reportUnknownCode(this.logger, e.statusCode, item);
      }
    }
  }
}

function saveResultsLike(body: unknown[]): unknown[] {
  return body.filter((item) => item !== null && typeof item === 'object' && 'errors' in item);
}
