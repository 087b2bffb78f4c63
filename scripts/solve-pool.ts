// Worker threads for long runs of the solve command: problems go out in chunks, each worker solves
// its chunk with its own engine (every problem on its own, as in a single run: the results are the
// same) and sends back the JSON bytes; they are written in input order. At most a few chunks
// per worker are in flight, so memory stays flat however long the input.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { POOL_WORKER_FLAG, writeOut } from './cli-engine.ts';

/** A chunk of work: parsed problems (array mode) or input lines numbered from firstLine (--lines). */
export type Job = { problems: unknown[] } | {
  lines: string[];
  firstLine: number;
  /** whether the first problem starts from scratch (default true; false continues the engine's last) */
  coldFirst?: boolean;
};

/** What the solver thread is started with. */
export interface SolveWorkerData { rfoSolveWorker: true; compact: boolean; digits: number }

const IN_FLIGHT_PER_WORKER = 3;

/** A solver thread failed: a bug (solving never throws on bad input), reported as such. */
export class PoolFailure extends Error {
  override name = 'PoolFailure';
}

export class SolvePool {
  private readonly workers: Worker[] = [];
  private readonly done = new Map<number, Uint8Array>();
  private submitted = 0;
  private written = 0;
  private wroteAny = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private writing: Promise<void> = Promise.resolve();

  /** `module`: the solve command's own file (it serves as the worker when started as one). */
  constructor(module: string, threads: number, data: Omit<SolveWorkerData, 'rfoSolveWorker'>, private readonly separator: string) {
    for (let i = 0; i < threads; i++) {
      const w = new Worker(fileURLToPath(module), { argv: [POOL_WORKER_FLAG], workerData: { rfoSolveWorker: true, ...data } satisfies SolveWorkerData });
      w.on('message', (m: { id: number; bytes: Uint8Array }) => this.received(m.id, m.bytes));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (code !== 0 && this.written < this.submitted) this.fail(new Error(`a solver thread stopped (exit ${code})`)); });
      this.workers.push(w);
    }
  }

  private fail(e: Error): void {
    this.failure ??= new PoolFailure(`a solver thread failed: ${e.message}`);
    this.wake?.();
  }

  private received(id: number, bytes: Uint8Array): void {
    this.done.set(id, bytes);
    while (this.done.has(this.written)) {
      const t = this.done.get(this.written)!;
      this.done.delete(this.written);
      this.written++;
      if (t.length > 0) {
        const sep = this.wroteAny ? this.separator : '';
        this.wroteAny = true;
        this.writing = this.writing.then(() => (sep ? writeOut(sep) : null) ?? undefined).then(() => writeOut(t) ?? undefined);
      }
    }
    this.wake?.();
  }

  private async until(cond: () => boolean): Promise<void> {
    while (!cond()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
    if (this.failure) throw this.failure;
  }

  /** Queues a chunk; waits while too many are in flight (backpressure). */
  async submit(job: Job): Promise<void> {
    await this.until(() => this.submitted - this.written < IN_FLIGHT_PER_WORKER * this.workers.length);
    this.workers[this.submitted % this.workers.length].postMessage({ id: this.submitted, job });
    this.submitted++;
  }

  /** Waits for every chunk to be written; true when anything was written. */
  async finish(): Promise<boolean> {
    try {
      await this.until(() => this.written === this.submitted);
      await this.writing;
      return this.wroteAny;
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }
}
