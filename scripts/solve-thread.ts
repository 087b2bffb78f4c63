// What a solver thread of the solve command's pool (scripts/solve-pool.ts) does: its own engine, the
// chunks it is sent solved as the command's own thread solves them (scripts/solve-job.ts), the JSON
// bytes sent back in their buffer (transferred, not copied; the pool hands written buffers back for
// reuse). A thread starts in one of two ways: from scripts/solve-worker.ts, its own small entry (a
// module: the sources under tsx, or dist-cli/solve-worker.mjs), or, when the command runs as the
// CommonJS script of the build (dist-cli/solve.cjs, bin/rfo.cjs), by loading that same script with a
// code cache of its own and calling serveSolveJobs (~25 ms less start-up per thread than resolving
// and compiling modules).
import { createRequire } from 'node:module';
import { useCompiledCore } from './cli-engine.ts';
import { JsonBytes } from './cli-json.ts';
import { engineSolve, solveJob, type Job } from './solve-job.ts';

/** What the solver thread is started with. */
export interface SolveWorkerData {
  compact: boolean;
  digits: number;
  /** the command's compiled kernel, shared */
  core?: WebAssembly.Module;
}
/** A chunk for the thread: `buffer`, a buffer to write the next results into (handed back). */
export interface SolveWorkerJob { id: number; job: Job; buffer?: ArrayBuffer }
/** A chunk's JSON: the first `length` bytes of `buffer`. */
export interface SolveWorkerResult { id: number; buffer: ArrayBuffer; length: number }

/**
 * Solves the chunks this worker thread is sent, from its engine (messages wait until it is loaded);
 * `afterFirst`, called once the first is sent back (the thread's code cache is written then, with
 * what solving compiled: a thread is stopped, it does not exit). node:worker_threads by require: the
 * command's script holds this function too, and a run without threads does not load that module
 * (~3 ms of start-up).
 */
export async function serveSolveJobs(afterFirst?: () => void): Promise<void> {
  const { parentPort, workerData } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  if (!parentPort) throw new Error('serveSolveJobs runs in a worker thread');
  const port = parentPort;
  const data = workerData as SolveWorkerData;
  const out = new JsonBytes(data.digits);
  if (data.core) useCompiledCore(data.core);
  const solve = await engineSolve();
  port.on('message', (m: SolveWorkerJob) => {
    solveJob(m.job, solve, out, data.compact);
    const r: SolveWorkerResult = { id: m.id, ...out.detach(m.buffer) };
    port.postMessage(r, [r.buffer]);
    afterFirst?.();
    afterFirst = undefined;
  });
}
