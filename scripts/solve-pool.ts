// Threads for long runs of the solve command: chunks go to worker threads (scripts/solve-thread.ts),
// each with its own engine, and the command's own thread solves chunks too whenever every worker
// already has enough queued; the JSON bytes come back in their buffers (transferred, handed back
// for reuse once written) and are written in input order. A chunk is solved the same way wherever
// it goes (scripts/solve-job.ts), so the text is the same as with one thread. At most a few chunks
// per worker are in flight, so memory stays flat however long the input.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { compiledCore, writeOut } from './cli-engine.ts';
import { JsonBytes } from './cli-json.ts';
import { solveJob, type Job, type Solve } from './solve-job.ts';
import type { SolveWorkerData, SolveWorkerJob, SolveWorkerResult } from './solve-thread.ts';

// Chunks queued per worker: one solving, one waiting (so it does not idle while this thread is busy
// solving a chunk of its own), and no more (the last ones decide when the run ends).
const IN_FLIGHT_PER_WORKER = 2;

// A worker thread's code when this is the command's CommonJS script (dist-cli/solve.cjs): the same
// script, loaded with the threads' own code cache (bin/run-script.cjs; the first thread writes it
// when it is missing), then its chunks solved (scripts/solve-thread.ts).
const SCRIPT_THREAD = `const { workerData } = require('node:worker_threads');
const s = require(workerData.runner).loadScript(workerData.script, workerData.script + '.thread-cache');
s.exports.serveSolveJobs(workerData.writeCache && s.cacheWanted ? s.saveCache : undefined);`;

// A thread's young generation, MB: a thread keeps almost nothing of the garbage it makes per problem,
// and a larger young generation only touches fresh memory (the command's own thread keeps its first
// size, bin/rfo.cjs). Measured on this 2-core machine, 20,000 problems of the grid on two
// threads, 14 alternating runs: ~1,900 fewer page faults, median 0.74 -> 0.71 s.
const THREAD_YOUNG_MB = 2;

/** A solver thread: started from the command's CommonJS script when that is what runs, else from solve-worker's module. */
function workerThread(WorkerThread: typeof Worker, data: SolveWorkerData, writeCache: boolean): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: THREAD_YOUNG_MB };
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.cjs')) {
    const runner = join(dirname(self), '../bin/run-script.cjs');
    return new WorkerThread(SCRIPT_THREAD, { eval: true, resourceLimits, workerData: { ...data, runner, script: self, writeCache } });
  }
  // (built, dist-cli/solve-worker.mjs beside solve.mjs; else the sources, under tsx)
  const entry = new URL(`./solve-worker.${/\.ts$/.test(import.meta.url) ? 'ts' : 'mjs'}`, import.meta.url);
  return new WorkerThread(entry, { resourceLimits, workerData: data });
}

/** A solver thread failed: a bug (solving never throws on bad input), reported as such. */
export class PoolFailure extends Error {
  override name = 'PoolFailure';
}

export class SolvePool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private readonly done = new Map<number, Uint8Array>();
  private readonly free: ArrayBuffer[] = []; // written buffers, for the next results
  private readonly out: JsonBytes;
  private submitted = 0;
  private written = 0;
  private wroteAny = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private writing: Promise<void> = Promise.resolve();
  private finished = false;

  /**
   * Starts a pool of `threads` solving threads in all, this one included: threads − 1 workers start
   * now (before the input is read, when it is a large file: their start-up overlaps reading it);
   * `local`: this thread's engine. node:worker_threads is loaded here, not with the command (a short
   * run starts faster), and by require: the command also runs as a vm script (bin/rfo.cjs), where
   * import() is not available.
   */
  static async start(threads: number, data: SolveWorkerData, local: () => Promise<Solve>, separator: string): Promise<SolvePool> {
    const { Worker: WorkerThread } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    // every thread runs the kernel this one compiled (one tier-up for all, not one per thread)
    return new SolvePool(WorkerThread, threads, { ...data, core: await compiledCore() }, local, separator);
  }

  private constructor(WorkerThread: typeof Worker, threads: number, private readonly data: SolveWorkerData, private readonly local: () => Promise<Solve>, private readonly separator: string) {
    this.out = new JsonBytes(data.digits);
    for (let i = 0; i < threads - 1; i++) {
      const w = workerThread(WorkerThread, data, i === 0);
      w.on('message', (m: SolveWorkerResult) => {
        this.inFlight[i]--;
        this.received(m.id, new Uint8Array(m.buffer, 0, m.length));
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (!this.finished) this.fail(new Error(`a solver thread stopped (exit ${code})`)); });
      this.workers.push(w);
      this.inFlight.push(0);
    }
  }

  private fail(e: Error): void {
    this.failure ??= new PoolFailure(`a solver thread failed: ${e.message}`);
    this.wake?.();
  }

  private received(id: number, bytes: Uint8Array): void {
    this.done.set(id, bytes);
    this.flush();
    this.wake?.();
  }

  // Writes the answers that are next in input order.
  private flush(): void {
    while (this.done.has(this.written)) {
      const t = this.done.get(this.written)!;
      this.done.delete(this.written);
      this.written++;
      if (t.length > 0) {
        const sep = this.wroteAny ? this.separator : '';
        this.wroteAny = true;
        this.writing = this.writing.then(() => (sep ? writeOut(sep) : null) ?? undefined).then(() => writeOut(t) ?? undefined)
          .then(() => { this.free.push(t.buffer as ArrayBuffer); });
      } else this.free.push(t.buffer as ArrayBuffer);
    }
  }

  /** A worker with room in its queue, the least busy; −1 when every queue is full. */
  private roomy(): number {
    let k = -1;
    for (let i = 0; i < this.workers.length; i++) if (this.inFlight[i] < IN_FLIGHT_PER_WORKER && (k < 0 || this.inFlight[i] < this.inFlight[k])) k = i;
    return k;
  }

  private post(k: number, job: Job): void {
    const buffer = this.free.pop();
    const m: SolveWorkerJob = { id: this.submitted++, job, buffer };
    this.workers[k].postMessage(m, buffer ? [buffer] : []);
    this.inFlight[k]++;
  }

  private async until(cond: () => boolean): Promise<void> {
    while (!cond()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
    if (this.failure) throw this.failure;
  }

  /**
   * Queues a chunk: to the least busy worker when one has room, else solved here at once.
   */
  async submit(job: Job): Promise<void> {
    if (this.failure) throw this.failure;
    // let the workers' answers in first (they come as events), so their queues are known
    await new Promise<void>((resolve) => setImmediate(resolve));
    const k = this.roomy();
    if (k >= 0) {
      this.post(k, job);
      return;
    }
    const id = this.submitted++;
    solveJob(job, await this.local(), this.out, this.data.compact);
    const r = this.out.detach(this.free.pop());
    this.received(id, new Uint8Array(r.buffer, 0, r.length));
    await this.writing; // (backpressure: a slow reader holds this thread here)
  }

  /** Waits for every chunk to be written; true when anything was written. */
  async finish(): Promise<boolean> {
    try {
      await this.until(() => this.written === this.submitted);
      await this.writing;
      return this.wroteAny;
    } finally {
      await this.close();
    }
  }

  /** Stops the workers (also when the pool was started but is not used). */
  async close(): Promise<void> {
    this.finished = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
