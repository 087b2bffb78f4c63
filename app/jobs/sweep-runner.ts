// Sweep jobs, app-wide: how their chunks run (on the engine pool), how their stored chunks become
// one table, and saving a finished sweep with the experiment it was run for — whichever page is open
// (registry.ts lists the runner, and saveSweepWithExperiment for when a sweep is done).
import { jobQueue } from './app-queue.ts';
import { workspace } from '../state/workspace.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import { SWEEP_JOB, type JobRecord } from '../domain/jobs.ts';
import { emptySweepTable, mergeSweepChunk, sweepStudyId, withSweepResult, type SweepChunkData, type SweepSpec } from '../domain/sweep.ts';

export { SWEEP_JOB };

/** Runs one chunk of a sweep's grid points on the engine pool. */
export const runSweepChunk: ChunkRunner = async (job, chunk, signal) => {
  const r = await enginePool().call('runSweepChunk', { spec: job.spec as SweepSpec, start: chunk.start, end: chunk.end }, { signal });
  if (!r.ok) return r;
  const data: SweepChunkData = { start: chunk.start, columns: r.value.columns };
  return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
};

/** Stores a finished sweep submitted for an experiment with it (study + results), once. */
export async function saveSweepWithExperiment(job: JobRecord): Promise<void> {
  const ws = workspace();
  await ws.whenReady();
  const e = ws.byId(job.experimentId!);
  if (!e || e.studies.some((s) => s.id === sweepStudyId(job.id))) return;
  const spec = job.spec as SweepSpec;
  const t = emptySweepTable(spec);
  for (const data of (await jobQueue().chunks(job.id)).values()) mergeSweepChunk(t.columns, data);
  const { experiment, result } = withSweepResult(e, { id: job.id, spec, failureCount: job.failureCount }, t.axes, t.columns, new Date().toISOString());
  await ws.save(experiment, [result]);
}
