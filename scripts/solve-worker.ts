// A solver thread of the solve command's pool (scripts/solve-pool.ts): its own engine, the chunks
// it is sent solved as the command's own thread solves them (scripts/solve-job.ts), the JSON bytes
// sent back in their buffer (transferred, not copied; the pool hands written buffers back for reuse).
// Its own small entry: a thread loads only the engine, not the command's module graph.
import { parentPort, workerData } from 'node:worker_threads';
import { useCompiledCore } from './cli-engine.ts';
import { JsonBytes } from './cli-json.ts';
import { engineSolve, solveJob, type Job } from './solve-job.ts';

/** What the solver thread is started with. */
export interface SolveWorkerData { compact: boolean; digits: number; /** the command's compiled kernel, shared */ core?: WebAssembly.Module }
/** A chunk for the thread: `buffer`, a buffer to write the next results into (handed back). */
export interface SolveWorkerJob { id: number; job: Job; buffer?: ArrayBuffer }
/** A chunk's JSON: the first `length` bytes of `buffer`. */
export interface SolveWorkerResult { id: number; buffer: ArrayBuffer; length: number }

if (parentPort) {
  const port = parentPort;
  const data = workerData as SolveWorkerData;
  const out = new JsonBytes(data.digits);
  if (data.core) useCompiledCore(data.core);
  const solve = await engineSolve();
  port.on('message', (m: SolveWorkerJob) => {
    solveJob(m.job, solve, out, data.compact);
    const r: SolveWorkerResult = { id: m.id, ...out.detach(m.buffer) };
    port.postMessage(r, [r.buffer]);
  });
}
