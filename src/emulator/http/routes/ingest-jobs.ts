// Bulk API 2.0 ingest jobs held in memory, like query jobs. A job is Open until its one CSV
// upload is closed (UploadComplete); it is then processed later, on timers (ingest-process.ts):
// InProgress while its rows are saved, JobComplete or Failed at the end, Aborted when the
// client stops it. Jobs go away when deleted or when the emulator stops (which also stops
// the processing still scheduled).
import type { SaveOutcome } from '../../dml/context.js';
import { formatDateTime } from '../../store/clock.js';
import type { CsvFormat } from './bulk-csv.js';
import type { IngestData } from './ingest-csv.js';

export type IngestState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** One processed row: its uploaded values and how its save went. */
export interface RowResult {
  values: string[];
  outcome: SaveOutcome;
}

export interface IngestJob extends CsvFormat {
  readonly id: string;
  readonly operation: IngestOperation;
  /** The sObject's canonical name. */
  readonly object: string;
  /** Upsert only: the key field's canonical name. */
  readonly externalIdFieldName: string | undefined;
  readonly assignmentRuleId: string | undefined;
  readonly createdById: string;
  readonly createdDate: string;
  systemModstamp: string;
  state: IngestState;
  readonly apiVersion: number;
  /** The CSV as uploaded; a job takes one upload. */
  upload: Buffer | undefined;
  /** The upload as read when processing started (undefined before, or when it could not be read). */
  data: IngestData | undefined;
  /** One per processed row, in upload order. */
  results: RowResult[];
  numberRecordsFailed: number;
  /** Why the job Failed. */
  errorMessage: string | undefined;
  /** Milliseconds spent saving rows so far. */
  totalProcessingTime: number;
}

/** The states a job can no longer leave; results can be read in these. */
export const FINAL_STATES: ReadonlySet<IngestState> = new Set(['JobComplete', 'Aborted', 'Failed']);

export class IngestJobStore {
  private readonly jobs = new Map<string, IngestJob>();
  /** The next processing step of each job being processed. */
  private readonly timers = new Map<string, NodeJS.Timeout>();

  add(job: IngestJob): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): IngestJob | undefined {
    return this.jobs.get(id);
  }

  /** Oldest first. */
  list(): IngestJob[] {
    return [...this.jobs.values()];
  }

  delete(id: string): void {
    this.cancel(id);
    this.jobs.delete(id);
  }

  setState(job: IngestJob, state: IngestState): void {
    job.state = state;
    job.systemModstamp = formatDateTime(Date.now());
  }

  /** Runs `step` after `delayMs()`, and again after each run that returns true (more to do). */
  schedule(job: IngestJob, delayMs: () => number, step: () => boolean): void {
    const run = () => {
      this.timers.delete(job.id);
      let more: boolean;
      try {
        more = step();
      } catch (error) {
        // A bug in the emulator must not take it down: the job Fails and says why.
        job.errorMessage = `UNKNOWN_EXCEPTION : ${String(error)}`;
        this.setState(job, 'Failed');
        return;
      }
      if (more) this.arm(job.id, run, delayMs());
    };
    this.arm(job.id, run, delayMs());
  }

  /** Stops the job's processing before its next step. */
  cancel(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** The emulator stops: no job goes on writing into the org. */
  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  private arm(id: string, run: () => void, delayMs: number): void {
    const timer = setTimeout(run, delayMs);
    // Pending processing alone does not keep a process alive.
    timer.unref();
    this.timers.set(id, timer);
  }
}
