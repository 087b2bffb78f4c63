// Sweep jobs, app-wide: how their chunks run (on the engine pool), how their stored chunks become
// one table, and saving a finished sweep with the experiment it was run for — whichever page is open
// (registry.ts lists the runner, and saveSweepWithExperiment for when a sweep is done).
import { jobQueue } from './app-queue.ts';
import { workspace } from '../state/workspace.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import type { ChunkOutput, ChunkRunner } from './queue.ts';
import { SWEEP_JOB, type JobRecord } from '../domain/jobs.ts';
import { SWEEP_COLUMNS, axisValues, pointCount, sweepStudyId, withSweepResult, type SweepColumn, type SweepSpec } from '../domain/sweep.ts';

export interface SweepChunkData {
  start: number;
  columns: Record<SweepColumn, Float64Array>;
}

export { SWEEP_JOB };

/** Runs one chunk of a sweep's grid points on the engine pool. */
export const runSweepChunk: ChunkRunner = async (job, chunk, signal) => {
  const r = await enginePool().call('runSweepChunk', { spec: job.spec as SweepSpec, start: chunk.start, end: chunk.end }, { signal });
  if (!r.ok) return r;
  const data: SweepChunkData = { start: chunk.start, columns: r.value.columns };
  return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
};

/** Empty result columns (NaN) and the axis value of every point of a sweep. */
export function emptySweepTable(spec: SweepSpec): { axes: Float64Array[]; columns: Record<SweepColumn, Float64Array> } {
  const n = pointCount(spec);
  const columns = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<SweepColumn, Float64Array>;
  // Axis a's value index at point i is ⌊i / stride⌋ mod count (the first axis varies fastest, as in
  // pointIndices), computed in place: an index array per point kept the main thread busy at Run.
  let stride = 1;
  const axes = spec.axes.map((a) => {
    const values = axisValues(a);
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = values[Math.floor(i / stride) % a.count];
    stride *= a.count;
    return col;
  });
  return { axes, columns };
}

/** Writes one stored chunk into the table's columns. */
export function mergeSweepChunk(columns: Record<SweepColumn, Float64Array>, data: unknown): number {
  const d = data as SweepChunkData;
  for (const c of SWEEP_COLUMNS) columns[c].set(d.columns[c], d.start);
  return d.columns.ispVac.length;
}

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
