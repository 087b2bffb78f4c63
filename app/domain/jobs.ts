// Job records: every long computation (sweep, batch, optimisation, training) is a job split into
// chunks. Records are plain data so they persist in IndexedDB and survive a reload.

/** The kinds of job the app runs (each has a runner in app/jobs, registered by its registry). */
export const SWEEP_JOB = 'sweep';
export const OPTIMIZE_JOB = 'optimize';
export const TRAIN_JOB = 'train';
export const ANALYSIS_JOB = 'analysis';

/** What a job counts: grid points for sweeps, engine evaluations for optimisations, epochs for training. */
export function jobUnit(kind: string): 'point' | 'evaluation' | 'epoch' {
  return kind === OPTIMIZE_JOB || kind === ANALYSIS_JOB ? 'evaluation' : kind === TRAIN_JOB ? 'epoch' : 'point';
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface ChunkSpec {
  index: number;
  /** First point of the chunk (inclusive) and one past its last point. */
  start: number;
  end: number;
}

export interface PointFailure {
  point: number;
  message: string;
}

export interface JobRecord {
  type: 'job';
  version: 1;
  id: string;
  kind: string;
  label: string;
  experimentId?: string;
  /** Higher runs first; equal priorities run in submission order. */
  priority: number;
  status: JobStatus;
  createdAt: number;
  updatedAt: number;
  pointsTotal: number;
  chunkSize: number;
  /** Indices of chunks whose results are stored. */
  chunksDone: number[];
  pointsDone: number;
  /** Individual points that failed (a failed point never stops a job). */
  failures: PointFailure[];
  failureCount: number;
  /** Why the whole job failed, when it did. */
  error?: string;
  /** The job's input, as the worker method takes it (plain data). */
  spec: unknown;
  /**
   * Chunks depend on the ones before (an optimiser's generations, whose state lives in a worker):
   * they run one at a time in order, and resuming starts over from the first. Absent (older
   * records, sweeps): independent chunks.
   */
  sequential?: boolean;
}

/** Persistence of job records and chunk results (IndexedDB in the app, memory in tests). */
export interface JobStore {
  loadJobs(): Promise<JobRecord[]>;
  saveJob(job: JobRecord): Promise<void>;
  /** Stores a chunk's data and the updated record in one transaction. */
  saveChunk(job: JobRecord, chunkIndex: number, data: unknown): Promise<void>;
  loadChunks(jobId: string): Promise<Map<number, unknown>>;
  deleteJob(jobId: string): Promise<void>;
}

/** Splits `total` points into chunks of at most `size`. */
export function planChunks(total: number, size: number): ChunkSpec[] {
  if (!(Number.isInteger(total) && total >= 0)) throw new RangeError(`point count must be a whole number ≥ 0 (got ${total})`);
  if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`chunk size must be a whole number ≥ 1 (got ${size})`);
  const chunks: ChunkSpec[] = [];
  for (let start = 0, index = 0; start < total; start += size, index++) {
    chunks.push({ index, start, end: Math.min(total, start + size) });
  }
  return chunks;
}

/** The chunks still to run for a record (after a reload, only these). */
export function remainingChunks(job: Pick<JobRecord, 'pointsTotal' | 'chunkSize' | 'chunksDone'>): ChunkSpec[] {
  const done = new Set(job.chunksDone);
  return planChunks(job.pointsTotal, job.chunkSize).filter((c) => !done.has(c.index));
}

/**
 * Chooses a chunk size giving progress updates often enough without per-call overhead dominating:
 * at least four chunks per worker, at most `target` points each. Each chunk costs a round trip, a
 * cold first point and an IndexedDB transaction on the main thread (~4 ms under load, found in a
 * profile of a 10,000-point sweep run in 250-point chunks); 1,000 LOX/RP-1 points are ~45 ms of a
 * worker, so a reload or a cancel still loses little.
 */
export function chooseChunkSize(total: number, workers: number, target = 1000): number {
  const perWorker = Math.ceil(total / Math.max(1, workers) / 4);
  return Math.max(1, Math.min(target, perWorker));
}

/** Estimated seconds left from the points done so far and the elapsed running time; null until known. */
export function etaSeconds(pointsDone: number, pointsTotal: number, elapsed_s: number): number | null {
  if (pointsDone <= 0 || elapsed_s <= 0) return null;
  return ((pointsTotal - pointsDone) * elapsed_s) / pointsDone;
}

/** The record to re-queue on resume or retry: a sequential job starts over (its state is gone). */
export function resumedJob(job: JobRecord, now: number): JobRecord {
  const base = { ...job, status: 'queued' as const, error: undefined, updatedAt: now };
  return job.sequential ? { ...base, chunksDone: [], pointsDone: 0, failures: [], failureCount: 0 } : base;
}

/** At load time a job that was running or queued when the page died becomes resumable. */
export function markInterrupted(job: JobRecord, now: number): JobRecord {
  return job.status === 'running' || job.status === 'queued' ? { ...job, status: 'interrupted', updatedAt: now } : job;
}

/** Picks the next job to run: highest priority, then oldest. */
export function nextJob<T extends Pick<JobRecord, 'priority' | 'createdAt' | 'status'>>(jobs: T[]): T | undefined {
  return jobs
    .filter((j) => j.status === 'queued')
    .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt)[0];
}

/** Keeps at most `max` failures listed (all are counted). */
export function addFailures(job: JobRecord, failures: PointFailure[], max = 200): JobRecord {
  const listed = job.failures.length >= max ? job.failures : [...job.failures, ...failures].slice(0, max);
  return { ...job, failures: listed, failureCount: job.failureCount + failures.length };
}

/** A chunk's span in the job's own unit, counted from 1: "points 251–500", "epoch 1". */
export function chunkSpan(kind: string, c: ChunkSpec): string {
  const unit = jobUnit(kind);
  return c.end - c.start === 1 ? `${unit} ${c.start + 1}` : `${unit}s ${c.start + 1}–${c.end}`;
}

/** The message of anything thrown (an Error, a DOMException, a string…). */
export function errorText(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : String(e);
}

/** Storage refused a write for lack of space (IndexedDB's QuotaExceededError). */
export function isQuotaError(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'QuotaExceededError' || /quota/i.test(errorText(e));
}

/** Why results could not be stored, in words that say what to do. */
export function storageFailureText(e: unknown): string {
  const name = (e as { name?: unknown } | null)?.name;
  const message = errorText(e);
  if (isQuotaError(e)) {
    return 'the browser\'s storage is full. Free some space (remove old jobs, results or experiments), then resume: the results saved so far are kept.';
  }
  return `storage failed (${typeof name === 'string' && name ? name : 'error'}: ${message}). Resume to try again: the results saved so far are kept.`;
}
