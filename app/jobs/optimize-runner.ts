// Optimisation runs as jobs of the app's queue (so the Jobs panel shows their progress and ETA,
// can cancel them, and offers a resume after a reload): one chunk per generation, run in order (a
// sequential job: the optimiser's state lives in the engine worker, so a resume starts over — the
// same seed gives the same front; registry.ts lists the runner). Each generation's designs are solved on the engine pool plus
// the engine worker, in parallel; listeners hear every generation's front.
import { engine } from '../bridge/engine.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import { OPTIMIZE_JOB, type PointFailure } from '../domain/jobs.ts';
import type { EvaluatedDesign, OptimizeSpec } from '../domain/optimize-spec.ts';
import type { RocketProblem, RocketResult } from '../domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../domain/result.ts';

export { OPTIMIZE_JOB };

export interface OptimizeGeneration {
  jobId: string;
  generation: number;
  generations: number;
  evaluations: number;
  hypervolume: number | null;
  front: EvaluatedDesign[];
  done: boolean;
}

/** A stored chunk: the generation's figures, and the front of the last one (live fronts go to listeners only). */
export interface OptimizeChunkData {
  generation: number;
  evaluations: number;
  hypervolume: number | null;
  front?: EvaluatedDesign[];
}

/** The job's name in the Jobs panel. */
export function optimizeJobLabel(s: OptimizeSpec): string {
  return `Optimisation: ${s.fuels.join(' / ')} with ${s.oxidizers.join(' / ')}, ${s.population} × ${s.generations}`;
}

const listeners = new Set<(g: OptimizeGeneration) => void>();
/** Hears every generation of every optimisation job. */
export function onOptimizeGeneration(fn: (g: OptimizeGeneration) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The job whose optimiser the engine worker holds, and that run's id there. */
let live: { jobId: string; runId: number } | null = null;

/** One contiguous slice of the generation per pool worker and one for the engine worker. */
async function solveInParallel(problems: RocketProblem[], signal: AbortSignal): Promise<Result<Result<RocketResult, KernelError>[]>> {
  const pool = enginePool();
  const parts = pool.size + 1;
  const size = Math.ceil(problems.length / parts);
  const slices = Array.from({ length: parts }, (_, i) => problems.slice(i * size, (i + 1) * size)).filter((x) => x.length);
  const replies = await Promise.all(slices.map((slice, i) =>
    (i === 0 ? engine().call('solveRockets', { problems: slice }, { signal }) : pool.call('solveRockets', { problems: slice }, { signal }))));
  const out: Result<RocketResult, KernelError>[] = [];
  for (const r of replies) {
    if (!r.ok) return r;
    out.push(...r.value);
  }
  return ok(out);
}

/** A design the engine could not solve, as a failed point of the job (numbered across the run). */
function failureOf(r: Result<RocketResult, KernelError>, point: number): PointFailure[] {
  if (!r.ok) return [{ point, message: r.error.message }];
  const e = r.value.exits[0];
  if (!e) return [{ point, message: 'the engine returned no exit station' }];
  return 'ok' in e ? [{ point, message: e.error.message }] : [];
}

/** Runs one generation: ask the optimiser for designs, solve them in parallel, tell it the results. */
export const runOptimizeChunk: ChunkRunner = async (job, chunk, signal) => {
  if (chunk.index === 0) {
    const started = await engine().call('nsga2Start', job.spec, { signal });
    if (!started.ok) return started;
    live = { jobId: job.id, runId: started.value.runId };
  } else if (live?.jobId !== job.id) {
    return err('state-lost', `the optimiser's state before generation ${chunk.index + 1} is gone (its worker restarted); retry to start over`);
  }
  const runId = live.runId;
  const asked = await engine().call('nsga2Ask', { runId }, { signal });
  if (!asked.ok) return asked;
  const solved = await solveInParallel(asked.value, signal);
  if (!solved.ok) return solved;
  const failures = solved.value.flatMap((r, i) => failureOf(r, chunk.start + i));
  const told = await engine().call('nsga2Tell', { runId, results: solved.value }, { signal });
  if (!told.ok) return told;
  const p = told.value;
  if (p.done) live = null;
  const g: OptimizeGeneration = { jobId: job.id, generation: p.generation, generations: p.generations, evaluations: p.evaluations, hypervolume: p.hypervolume, front: p.front, done: p.done };
  for (const fn of listeners) fn(g);
  const data: OptimizeChunkData = { generation: p.generation, evaluations: p.evaluations, hypervolume: p.hypervolume, ...(p.done ? { front: p.front } : {}) };
  return ok({ failures, data } satisfies ChunkOutput);
};
