// Small helpers shared by the contract and admin tests: Salesforce's error shapes, ids,
// record creation and describe look-ups. Written from salesforce-api-notes.md, independent
// of the emulator's code (a test that shared code with the emulator would agree with it).
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { call, type Session, type SfResponse, type QueryResult } from '../../support/salesforce-http.js';

const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a 15-character id (salesforce-api-notes §7). */
export function to18(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15[block * 5 + i] ?? '';
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return id15 + suffix;
}

/** An 18-character id with a correct checksum (and the given key prefix, when named). */
export function expectSalesforceId(id: unknown, keyPrefix?: string): string {
  expect(typeof id).toBe('string');
  const s = id as string;
  expect(s).toMatch(/^[a-zA-Z0-9]{18}$/);
  expect(to18(s.slice(0, 15))).toBe(s);
  if (keyPrefix) expect(s.slice(0, 3)).toBe(keyPrefix);
  return s;
}

/** A well-formed id of the given key prefix that no org will have handed out. */
export function absentId(keyPrefix: string): string {
  return to18(`${keyPrefix}0zZyYxXwWvVu`.slice(0, 15));
}

/** A short random tag to keep each test's records apart from everything else. */
export function uniqueTag(prefix = 'ct'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export interface ApiError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

/**
 * A top-level failure: HTTP `status`, a JSON array of `{message, errorCode}`, the first one
 * with `errorCode` (one of `errorCode` when a list is given). Returns the first error.
 */
export function expectApiError(res: SfResponse, status: number | number[], errorCode: string | string[]): ApiError {
  const statuses = Array.isArray(status) ? status : [status];
  const codes = Array.isArray(errorCode) ? errorCode : [errorCode];
  const detail = JSON.stringify(res.body);
  expect(statuses, `status ${res.status}: ${detail}`).toContain(res.status);
  expect(Array.isArray(res.body), `error body must be an array: ${detail}`).toBe(true);
  const errors = res.body as ApiError[];
  expect(errors.length).toBeGreaterThan(0);
  const first = errors[0]!;
  expect(codes, detail).toContain(first.errorCode);
  expect(typeof first.message).toBe('string');
  return first;
}

/** Any top-level error array with an errorCode, for cases where Salesforce's code is not pinned down. */
export function expectSomeApiError(res: SfResponse, statuses: number[]): ApiError {
  const detail = JSON.stringify(res.body);
  expect(statuses, `status ${res.status}: ${detail}`).toContain(res.status);
  expect(Array.isArray(res.body), `error body must be an array: ${detail}`).toBe(true);
  const first = (res.body as ApiError[])[0];
  expect(first, detail).toBeDefined();
  expect(typeof first!.errorCode, detail).toBe('string');
  expect(typeof first!.message, detail).toBe('string');
  return first!;
}

/** A per-record failure inside a collection result. */
export function expectRecordError(result: SaveResult | undefined, statusCode: string | string[]): RecordError {
  const codes = Array.isArray(statusCode) ? statusCode : [statusCode];
  const detail = JSON.stringify(result);
  expect(result, detail).toBeDefined();
  expect(result!.success, detail).toBe(false);
  expect(result!.errors.length, detail).toBeGreaterThan(0);
  const first = result!.errors[0]!;
  expect(codes, detail).toContain(first.statusCode);
  expect(typeof first.message).toBe('string');
  expect(Array.isArray(first.fields), detail).toBe(true);
  return first;
}

export const ROLLED_BACK_MESSAGE =
  'Record rolled back because not all records were valid and the request was using AllOrNone header';

export const PROCESSING_HALTED_MESSAGE =
  'The transaction was rolled back since another operation in the same transaction failed.';

/** Creates one record and returns its id; fails the test when Salesforce refuses. */
export async function createRecord(
  session: Session,
  sobject: string,
  fields: Record<string, unknown>,
  track?: (id: string) => void,
): Promise<string> {
  const res = await call<SaveResult>(session, 'POST', `/sobjects/${sobject}`, fields);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = expectSalesforceId(res.body.id);
  track?.(id);
  return id;
}

/** Creates records with one collection call (<= 200); returns ids in order. */
export async function createRecords(
  session: Session,
  sobject: string,
  records: Array<Record<string, unknown>>,
  track?: (id: string) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 200) {
    const chunk = records.slice(i, i + 200).map((r) => ({ attributes: { type: sobject }, ...r }));
    const res = await call<SaveResult[]>(session, 'POST', '/composite/sobjects', { allOrNone: true, records: chunk });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    for (const r of res.body) {
      expect(r.success, JSON.stringify(r)).toBe(true);
      ids.push(r.id!);
      track?.(r.id!);
    }
  }
  return ids;
}

/** Runs a query and expects it to succeed. */
export async function query(session: Session, soql: string, all = false): Promise<QueryResult> {
  const res = await call<QueryResult>(session, 'GET', `/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`);
  expect(res.status, `${soql}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

export async function count(session: Session, soql: string, all = false): Promise<number> {
  return (await query(session, soql, all)).totalSize;
}

export async function getRecord(session: Session, sobject: string, id: string): Promise<Record<string, unknown>> {
  const res = await call<Record<string, unknown>>(session, 'GET', `/sobjects/${sobject}/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export interface FieldDescribe {
  name: string;
  label: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  unique: boolean;
  externalId: boolean;
  idLookup?: boolean;
  calculated: boolean;
  calculatedFormula?: string | null;
  restrictedPicklist?: boolean;
  picklistValues: Array<{ value: string; label: string; active: boolean; defaultValue: boolean }>;
  referenceTo: string[];
  relationshipName: string | null;
}

export interface SObjectDescribe {
  name: string;
  label: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldDescribe[];
}

export async function describeSObject(session: Session, sobject: string): Promise<SObjectDescribe> {
  const res = await call<SObjectDescribe>(session, 'GET', `/sobjects/${sobject}/describe`);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  return res.body;
}

export function field(d: SObjectDescribe, name: string): FieldDescribe {
  const f = d.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${d.name} has no field ${name}`);
  return f;
}

/** Fields Salesforce requires on create: createable, not nillable, not defaulted (notes §2.3). */
export function requiredOnCreate(d: SObjectDescribe): FieldDescribe[] {
  return d.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate);
}

/**
 * The smallest record of `sobject` that saves: every required field gets a plain value of
 * its type; required lookups point at a freshly created minimal parent.
 */
export async function minimalRecord(
  session: Session,
  sobject: string,
  tag: string,
  track?: (id: string) => void,
  depth = 0,
): Promise<Record<string, unknown>> {
  const d = await describeSObject(session, sobject);
  const record: Record<string, unknown> = {};
  for (const f of requiredOnCreate(d)) {
    record[f.name] = await sampleValue(session, f, tag, track, depth);
  }
  return record;
}

async function sampleValue(
  session: Session,
  f: FieldDescribe,
  tag: string,
  track: ((id: string) => void) | undefined,
  depth: number,
): Promise<unknown> {
  switch (f.type) {
    case 'picklist':
    case 'multipicklist':
      return (f.picklistValues.find((v) => v.active) ?? f.picklistValues[0])?.value ?? 'x';
    case 'boolean':
      return false;
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return 1;
    case 'date':
      return '2026-01-15';
    case 'datetime':
      return '2026-01-15T09:30:00.000Z';
    case 'time':
      return '09:30:00.000Z';
    case 'email':
      return `${tag}@example.com`;
    case 'url':
      return 'https://example.com';
    case 'phone':
      return '+1 555 0100';
    case 'reference': {
      const parent = f.referenceTo[0];
      if (!parent || depth > 3) throw new Error(`cannot fill required lookup ${f.name}`);
      const parentRecord = await minimalRecord(session, parent, tag, track, depth + 1);
      if (parent === 'Account' && !('Name' in parentRecord)) parentRecord.Name = tag;
      return createRecord(session, parent, parentRecord, track);
    }
    default:
      return tag.slice(0, Math.max(1, Math.min(tag.length, f.length || tag.length)));
  }
}

/** The `used` and `max` of a response's `Sforce-Limit-Info: api-usage=USED/MAX` header. */
export function apiUsage(res: SfResponse): { used: number; max: number } {
  const header = res.headers.get('sforce-limit-info') ?? '';
  const m = /api-usage=(\d+)\/(\d+)/.exec(header);
  expect(m, `Sforce-Limit-Info: ${header}`).not.toBeNull();
  return { used: Number(m![1]), max: Number(m![2]) };
}

/** `2026-01-15T09:30:00.000+0000`, the way Salesforce writes datetimes. */
export const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
