// What the sync needs from Salesforce. The Salesforce client (src/salesforce/) provides it;
// naming the narrow surface here keeps the sync independent of the client's other duties.
import type { SfObject } from '../mirror/describe-types.js';

export interface QueryPageLike {
  records: Array<Record<string, unknown>>;
  totalSize: number;
  done: boolean;
}

export interface SyncSource {
  readonly apiUsage: { used: number; max: number } | undefined;
  describeGlobal(): Promise<{ sobjects: Array<{ name: string; custom: boolean; queryable: boolean; replicateable?: boolean }> }>;
  describe(sobject: string): Promise<SfObject>;
  query(soql: string, options?: { all?: boolean; batchSize?: number }): AsyncIterable<QueryPageLike>;
  bulkQuery(soql: string, options?: { all?: boolean }): AsyncIterable<Array<Record<string, string | null>>>;
  getDeleted(sobject: string, start: Date, end: Date): Promise<{ deletedRecords: Array<{ id: string; deletedDate: string }> }>;
}
