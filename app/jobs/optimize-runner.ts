// Optimisation runs as jobs of the app's queue (so the Jobs panel shows their progress and ETA,
// can cancel them, and offers a resume after a reload): one chunk per generation, run in order (a
// sequential job: the optimiser's state lives in the optimiser worker, so a resume starts over — the
// same seed gives the same front; registry.ts lists the runner). Each generation's designs are
// solved on the engine pool plus the optimiser worker, in parallel, without crossing the main
// thread; listeners hear every generation's front.
import { optimizer } from '../bridge/optimizer.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import type { OptimizeChunkData, OptimizeGeneration } from '../domain/optimize-job.ts';
import { err, ok } from '../domain/result.ts';

const listeners = new Set<(g: OptimizeGeneration) => void>();
/** Hears every generation of every optimisation job. */
export function onOptimizeGeneration(fn: (g: OptimizeGeneration) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The job whose optimiser the optimiser worker holds, and that run's id there. */
let live: { jobId: string; runId: number } | null = null;

/** Runs one generation in the optimiser worker: it asks for designs, has the pool solve them and tells itself the results. */
export const runOptimizeChunk: ChunkRunner = async (job, chunk, signal) => {
  if (chunk.index === 0) {
    const started = await optimizer().start(job.spec, { signal });
    if (!started.ok) return started;
    live = { jobId: job.id, runId: started.value.runId };
  } else if (live?.jobId !== job.id) {
    return err('state-lost', `the optimiser's state before generation ${chunk.index + 1} is gone (its worker restarted); retry to start over`);
  }
  const runId = live.runId;
  const stepped = await optimizer().step(runId, { signal });
  if (!stepped.ok) return stepped;
  const p = stepped.value;
  const failures = p.failures.map((f) => ({ ...f, point: chunk.start + f.point }));
  if (p.done) live = null;
  const g: OptimizeGeneration = { jobId: job.id, generation: p.generation, generations: p.generations, evaluations: p.evaluations, hypervolume: p.hypervolume, front: p.front, done: p.done };
  for (const fn of listeners) fn(g);
  const data: OptimizeChunkData = { generation: p.generation, evaluations: p.evaluations, hypervolume: p.hypervolume, ...(p.done ? { front: p.front } : {}) };
  return ok({ failures, data } satisfies ChunkOutput);
};
