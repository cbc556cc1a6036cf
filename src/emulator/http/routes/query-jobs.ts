// Bulk API 2.0 query jobs held in memory, like query cursors. A job runs its query when it is
// created and keeps the result rows (records are immutable, so this is a snapshot), but
// reports `InProgress` on its first status poll and `JobComplete` only on the next one, so
// clients really have to poll. Jobs go away when deleted or when the emulator stops.
import type { FieldValue, StoredRecord } from '../../store/record.js';
import { formatDateTime } from '../../store/clock.js';
import type { CsvFormat } from './bulk-csv.js';

export type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export type QueryOperation = 'query' | 'queryAll';

export interface QueryJob extends CsvFormat {
  readonly id: string;
  readonly operation: QueryOperation;
  readonly object: string;
  readonly createdById: string;
  readonly createdDate: string;
  systemModstamp: string;
  state: JobState;
  readonly apiVersion: number;
  /** Milliseconds the query took when the job was created. */
  readonly totalProcessingTime: number;
  readonly columns: readonly string[];
  /** The result snapshot; dropped when the job is aborted. */
  rows: StoredRecord[];
  /** The selected values of one row, in `columns` order (parents read when the page is served). */
  readonly flatten: (row: StoredRecord) => FieldValue[];
}

/** The states a job can no longer leave. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set(['JobComplete', 'Aborted', 'Failed']);

export class QueryJobStore {
  private readonly jobs = new Map<string, QueryJob>();

  add(job: QueryJob): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): QueryJob | undefined {
    return this.jobs.get(id);
  }

  /** Oldest first. */
  list(): QueryJob[] {
    return [...this.jobs.values()];
  }

  delete(id: string): void {
    this.jobs.delete(id);
  }

  /** A status poll: UploadComplete -> InProgress -> JobComplete. */
  poll(job: QueryJob): void {
    if (job.state === 'UploadComplete') setState(job, 'InProgress');
    else if (job.state === 'InProgress') setState(job, 'JobComplete');
  }

  abort(job: QueryJob): void {
    setState(job, 'Aborted');
    job.rows = [];
  }
}

function setState(job: QueryJob, state: JobState): void {
  job.state = state;
  job.systemModstamp = formatDateTime(Date.now());
}
