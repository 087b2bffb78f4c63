// Store for Sweep: the axes being edited, the sweep job, and its assembled results.
import { createSignal, createMemo } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { jobQueue, jobsState, registerJobRunner } from './jobs.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import { VARIABLE_INFO, SWEEP_COLUMNS, pointCount, validateSweep, type SweepAxis, type SweepColumn, type SweepSpec } from '../domain/sweep.ts';
import type { RocketProblem } from '../domain/problem.ts';
import type { ChunkOutput } from '../bridge/job-queue.ts';

export interface SweepChunkData {
  start: number;
  columns: Record<SweepColumn, Float64Array>;
}

export interface SweepTable {
  spec: SweepSpec;
  /** Axis values per point (columns named by variable). */
  axes: Float64Array[];
  columns: Record<SweepColumn, Float64Array>;
  /** Points computed so far (NaN where a point failed or is not done). */
  done: number;
}

registerJobRunner('sweep', async (job, chunk, signal) => {
  const r = await enginePool().call('runSweepChunk', { spec: job.spec as SweepSpec, start: chunk.start, end: chunk.end }, { signal });
  if (!r.ok) return r;
  const data: SweepChunkData = { start: chunk.start, columns: r.value.columns };
  return { ok: true, value: { failures: r.value.failures, data } satisfies ChunkOutput };
});

export const DEFAULT_AXES: SweepAxis[] = [
  { variable: 'of', from: 1.8, to: 3.4, count: 33, spacing: 'linear' },
  { variable: 'pc', from: 2e6, to: 2e7, count: 4, spacing: 'log' },
];

export function createSweepStore() {
  const [axes, setAxes] = createStore<SweepAxis[]>(structuredClone(DEFAULT_AXES));
  const [jobId, setJobId] = createSignal<string | null>(null);
  const [table, setTable] = createSignal<SweepTable | null>(null);
  const [submitError, setSubmitError] = createSignal<string | null>(null);

  const job = createMemo(() => jobsState.jobs().find((p) => p.job.id === jobId())?.job ?? null);

  async function run(base: RocketProblem) {
    const spec: SweepSpec = { base: structuredClone(base), axes: structuredClone(unwrap(axes)) as SweepAxis[] };
    const bad = validateSweep(spec);
    if (bad) {
      setSubmitError(bad.error.message);
      return null;
    }
    setSubmitError(null);
    setTable(null);
    const n = pointCount(spec);
    const label = `Sweep of ${spec.axes.map((a) => VARIABLE_INFO[a.variable].label).join(' × ')} (${n.toLocaleString('en')} points)`;
    const id = await jobQueue().submit({ kind: 'sweep', label, spec, pointsTotal: n });
    setJobId(id);
    return id;
  }

  /** Reads a sweep job's stored chunks into one table. */
  async function loadResults(id = jobId()) {
    if (!id) return;
    const rec = jobQueue().get(id);
    if (!rec) return;
    const spec = rec.spec as SweepSpec;
    const n = pointCount(spec);
    const columns = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<SweepColumn, Float64Array>;
    const chunks = await jobQueue().chunks(id);
    let done = 0;
    for (const data of chunks.values()) {
      const d = data as SweepChunkData;
      for (const c of SWEEP_COLUMNS) columns[c].set(d.columns[c], d.start);
      done += d.columns.ispVac.length;
    }
    const { axisValues, pointIndices } = await import('../domain/sweep.ts');
    const values = spec.axes.map(axisValues);
    const axesCols = spec.axes.map(() => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const idx = pointIndices(spec, i);
      idx.forEach((k, a) => { axesCols[a][i] = values[a][k]; });
    }
    setTable({ spec, axes: axesCols, columns, done });
  }

  return { axes, setAxes, run, job, jobId, setJobId, table, loadResults, submitError };
}
