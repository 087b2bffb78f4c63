// The job queue: runs jobs one at a time, each split into chunks spread over a pool of workers,
// with progress, ETA, cancel, retry and resume. Chunk results are stored as they complete, so a
// reload loses at most the chunks that were in flight. Any failure inside a job (a chunk's error,
// a runner that throws, a store that cannot write) ends it 'failed' with the reason; what was
// stored stays, and a resume runs only the chunks not stored.
import {
  addFailures, chooseChunkSize, chunkSpan, errorText, etaSeconds, isQuotaError, markInterrupted, nextJob, remainingChunks, resumedJob, storageFailureText,
  type ChunkSpec, type JobRecord, type JobStore, type PointFailure,
} from '../domain/jobs.ts';
import { err, type Result } from '../domain/result.ts';

export interface ChunkOutput {
  /** Points of the chunk that failed; the others have results in `data`. */
  failures: PointFailure[];
  /** The chunk's results as stored (typed arrays inside plain objects). */
  data: unknown;
}

/**
 * Runs one chunk of a job in some worker. A long chunk (a training run is one) may report how many
 * of its points are done so far; the panel and ETA show that, the stored record stays chunk-based.
 */
export type ChunkRunner = (job: JobRecord, chunk: ChunkSpec, signal: AbortSignal, progress: (pointsDoneInChunk: number) => void) => Promise<Result<ChunkOutput>>;

export interface JobProgress {
  job: JobRecord;
  etaSeconds: number | null;
}

export interface SubmitOptions {
  kind: string;
  label: string;
  spec: unknown;
  pointsTotal: number;
  priority?: number;
  experimentId?: string;
  chunkSize?: number;
  /** Chunks run one at a time in order, and a resume starts over (see JobRecord.sequential). */
  sequential?: boolean;
}

/** Chunk writes a worker may leave in flight while it runs its next chunk. */
const WRITES_AHEAD = 2;

type Listener = (jobs: JobProgress[]) => void;
type ChunkListener = (jobId: string, chunkIndex: number, data: unknown) => void;

export class JobQueue {
  private jobs = new Map<string, JobRecord>();
  private listeners = new Set<Listener>();
  private chunkListeners = new Set<ChunkListener>();
  private running: { id: string; controller: AbortController; startedAt: number; pointsAtStart: number } | null = null;
  /** Points done so far inside the running job's chunks in flight, by chunk index (memory only). */
  private partial = new Map<number, number>();
  private loaded: Promise<void> | null = null;
  private seq = 0;
  /** Chunk writes, one at a time: each record counts exactly the chunks stored before it. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private readonly runners: Record<string, ChunkRunner>,
    private readonly parallelism: number,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Loads persisted jobs; those that were running or queued when the page died become 'interrupted'. */
  load(): Promise<void> {
    this.loaded ??= this.store.loadJobs().then(async (jobs) => {
      for (const j of jobs) {
        const m = markInterrupted(j, this.clock());
        this.jobs.set(m.id, m);
        if (m !== j) await this.store.saveJob(m);
      }
      this.emit();
    });
    return this.loaded;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.snapshot());
    return () => this.listeners.delete(fn);
  }

  snapshot(): JobProgress[] {
    return [...this.jobs.values()]
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((stored) => {
        const job = this.withPartial(stored);
        return { job, etaSeconds: this.eta(job) };
      });
  }

  /** Hears each chunk's results as it is stored, so a view can add them without reading every chunk back. */
  onChunk(fn: ChunkListener): () => void {
    this.chunkListeners.add(fn);
    return () => this.chunkListeners.delete(fn);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** The stored results of a job's completed chunks, by chunk index. */
  chunks(id: string): Promise<Map<number, unknown>> {
    return this.store.loadChunks(id);
  }

  async submit(o: SubmitOptions): Promise<string> {
    await this.load();
    if (!this.runners[o.kind]) throw new Error(`no runner for job kind "${o.kind}"`);
    const now = this.clock();
    const id = `job-${now.toString(36)}-${(this.seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const job: JobRecord = {
      type: 'job', version: 1, id, kind: o.kind, label: o.label, experimentId: o.experimentId,
      priority: o.priority ?? 0, status: 'queued', createdAt: now, updatedAt: now,
      pointsTotal: o.pointsTotal, chunkSize: o.chunkSize ?? chooseChunkSize(o.pointsTotal, this.parallelism),
      chunksDone: [], pointsDone: 0, failures: [], failureCount: 0, spec: o.spec,
      ...(o.sequential ? { sequential: true } : {}),
    };
    try {
      await this.put(job);
    } catch (e) {
      // Not stored, so not queued: no job appears that a reload would lose.
      this.jobs.delete(id);
      this.emit();
      throw e;
    }
    void this.pump();
    return id;
  }

  /** Submits several jobs at once (a batch of experiments' sweeps). */
  async submitBatch(list: SubmitOptions[]): Promise<string[]> {
    const ids: string[] = [];
    for (const o of list) ids.push(await this.submit(o));
    return ids;
  }

  async cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || job.status === 'done' || job.status === 'cancelled') return;
    if (this.running?.id === id) {
      this.running.controller.abort();
      // Results already on their way to storage are kept: the job shows 'cancelled' once they are,
      // with the count it will keep (it does not move after).
      await this.writes;
    }
    const latest = this.jobs.get(id);
    if (!latest || latest.status === 'done' || latest.status === 'cancelled') return;
    await this.put({ ...latest, status: 'cancelled', updatedAt: this.clock() });
  }

  /** Re-queues a failed, cancelled or interrupted job; completed chunks are kept (a sequential job starts over). */
  async resume(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !['failed', 'cancelled', 'interrupted'].includes(job.status)) return;
    await this.put(resumedJob(job, this.clock()));
    void this.pump();
  }

  /** Same as resume: failed chunks are simply the ones not done. */
  retry(id: string): Promise<void> {
    return this.resume(id);
  }

  async remove(id: string): Promise<void> {
    await this.cancel(id);
    this.jobs.delete(id);
    await this.store.deleteJob(id);
    this.emit();
  }

  /** Resolves when no job is queued or running (for tests and batch scripts). */
  async idle(): Promise<void> {
    while (this.running || nextJob([...this.jobs.values()])) {
      await new Promise<void>((r) => {
        const off = this.subscribe(() => {
          if (!this.running) {
            off();
            r();
          }
        });
      });
      await Promise.resolve();
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const job = nextJob([...this.jobs.values()]);
    if (!job) return;
    const controller = new AbortController();
    this.running = { id: job.id, controller, startedAt: this.clock(), pointsAtStart: job.pointsDone };
    try {
      // The first chunks run while the 'running' record is written (a 10,000-point sweep waited
      // ~55 ms for it); chunk writes queue behind it, and if it fails the chunks stop.
      const started = this.put({ ...job, status: 'running', updatedAt: this.clock() });
      this.writes = this.writes.then(() => started).catch(() => {});
      started.catch(() => controller.abort());
      const [record] = await Promise.allSettled([started, this.runJob(job.id, controller.signal)]);
      if (record.status === 'rejected') throw record.reason;
    } catch (e) {
      // Not a chunk's failure (runJob handles those): the job still ends with why, never 'running' forever.
      const error = isQuotaError(e) ? `The job could not be saved: ${storageFailureText(e)}` : `Stopped by an unexpected error: ${errorText(e)}`;
      await this.finish(job.id, { status: 'failed', error });
    } finally {
      this.running = null;
      this.partial.clear();
      this.emit();
      void this.pump();
    }
  }

  private async runJob(id: string, signal: AbortSignal): Promise<void> {
    const first = this.jobs.get(id)!;
    const runner = this.runners[first.kind];
    const todo = remainingChunks(first);
    let fatal: string | null = null;
    // A worker goes on to its next chunk while the last one is stored (the writes still go one at
    // a time, in storeChunk), with at most WRITES_AHEAD of its writes in flight; it ends once they have.
    const worker = async () => {
      const mine = new Set<Promise<void>>();
      for (let c = todo.shift(); c && !signal.aborted && !fatal; c = todo.shift()) {
        const chunk = c;
        const progress = (n: number) => {
          if (signal.aborted || !Number.isFinite(n)) return;
          this.partial.set(chunk.index, Math.max(0, Math.min(chunk.end - chunk.start, n)));
          this.emit();
        };
        // A runner that throws (a bug, or its code failed to load) fails the chunk like an error value.
        const run = async (): Promise<Result<ChunkOutput>> => {
          try {
            return await runner(this.jobs.get(id)!, chunk, signal, progress);
          } catch (e) {
            return err('runner-threw', errorText(e));
          }
        };
        // A crashed or erroring worker gets a second chance on a fresh worker before the job fails.
        let r = await run();
        if (!r.ok && !signal.aborted && r.error.code.startsWith('worker-')) {
          this.partial.delete(c.index);
          r = await run();
        }
        this.partial.delete(c.index);
        if (signal.aborted) break;
        if (!r.ok) {
          fatal ??= `${chunkSpan(first.kind, c)}: ${r.error.message}`;
          break;
        }
        const w: Promise<void> = this.storeChunk(id, c, r.value).then(
          () => {},
          (e: unknown) => { fatal ??= `The results of ${chunkSpan(first.kind, c)} could not be saved: ${storageFailureText(e)}`; },
        ).finally(() => mine.delete(w));
        mine.add(w);
        // A sequential job's next chunk starts from what this one stored: it waits for the write.
        while (mine.size > (first.sequential ? 0 : WRITES_AHEAD)) await Promise.race(mine);
      }
      await Promise.all(mine);
    };
    await Promise.all(Array.from({ length: first.sequential ? 1 : Math.max(1, this.parallelism) }, worker));
    if (fatal) await this.finish(id, { status: 'failed', error: fatal });
    else if (!signal.aborted) await this.finish(id, { status: 'done' });
  }

  /**
   * Stores a chunk's results with the record that counts them, then shows them. Writes go one at
   * a time, each from the record as the previous write left it, so a write that fails leaves no
   * record claiming its chunk (nor does a later one), and a resume runs that chunk again.
   */
  private storeChunk(id: string, c: ChunkSpec, out: ChunkOutput): Promise<void> {
    const write = this.writes.then(async () => {
      const current = this.jobs.get(id);
      if (!current) return; // removed meanwhile
      let next: JobRecord = {
        ...current,
        chunksDone: [...current.chunksDone, c.index],
        pointsDone: current.pointsDone + (c.end - c.start),
        updatedAt: this.clock(),
      };
      if (out.failures.length) next = addFailures(next, out.failures);
      await this.store.saveChunk(next, c.index, out.data);
      // A cancel during the write changed the status only: keep it.
      const latest = this.jobs.get(id);
      if (!latest) return;
      this.jobs.set(id, latest === current ? next : { ...next, status: latest.status, error: latest.error, updatedAt: latest.updatedAt });
      for (const fn of this.chunkListeners) fn(id, c.index, out.data);
      this.emit();
    });
    this.writes = write.catch(() => {});
    return write;
  }

  /**
   * Ends the job (unless it was cancelled or removed meanwhile). When even this record cannot be
   * stored (storage full), the panel still shows the end; the stored record says 'running', which
   * a reload turns into a resumable 'interrupted' with every stored chunk kept.
   */
  private async finish(id: string, end: Pick<JobRecord, 'status'> & Partial<Pick<JobRecord, 'error'>>): Promise<void> {
    const current = this.jobs.get(id);
    if (!current || current.status === 'cancelled') return;
    const job: JobRecord = { ...current, ...end, updatedAt: this.clock() };
    this.jobs.set(id, job);
    try {
      await this.store.saveJob(job);
    } catch {
      // shown below all the same (see above)
    }
    this.emit();
  }

  /** The running job as the panel shows it: its stored points plus those done inside chunks in flight. */
  private withPartial(job: JobRecord): JobRecord {
    if (this.running?.id !== job.id || job.status !== 'running' || !this.partial.size) return job;
    let inFlight = 0;
    for (const n of this.partial.values()) inFlight += n;
    return { ...job, pointsDone: Math.min(job.pointsTotal, job.pointsDone + inFlight) };
  }

  private eta(job: JobRecord): number | null {
    if (this.running?.id !== job.id) return null;
    return etaSeconds(job.pointsDone - this.running.pointsAtStart, job.pointsTotal - this.running.pointsAtStart, (this.clock() - this.running.startedAt) / 1000);
  }

  private async put(job: JobRecord): Promise<void> {
    this.jobs.set(job.id, job);
    await this.store.saveJob(job);
    this.emit();
  }

  private emit(): void {
    const snap = this.snapshot();
    for (const fn of this.listeners) fn(snap);
  }
}

/** A JobStore in memory (tests; and a fallback where IndexedDB is unavailable). */
export function memoryJobStore(): JobStore & { chunks: Map<string, Map<number, unknown>> } {
  const jobs = new Map<string, JobRecord>();
  const chunks = new Map<string, Map<number, unknown>>();
  return {
    chunks,
    loadJobs: async () => [...jobs.values()].map((j) => structuredClone(j)),
    saveJob: async (j) => void jobs.set(j.id, structuredClone(j)),
    saveChunk: async (j, i, data) => {
      jobs.set(j.id, structuredClone(j));
      if (!chunks.has(j.id)) chunks.set(j.id, new Map());
      chunks.get(j.id)!.set(i, data);
    },
    loadChunks: async (id) => new Map(chunks.get(id) ?? []),
    deleteJob: async (id) => {
      jobs.delete(id);
      chunks.delete(id);
    },
  };
}
