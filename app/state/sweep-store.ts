// Store for Sweep: the axes being edited, the sweep job, its assembled results, and the optimum
// O/F along each O/F curve of a finished sweep (searched on the engine pool, curves in parallel).
import { createSignal, createMemo, createEffect, on, onCleanup } from 'solid-js';
import { unwrap, type SetStoreFunction } from 'solid-js/store';
import { createDraftedStore } from './drafted-store.ts';
import type { JobProgress, JobQueue } from '../jobs/queue.ts';
import type { DraftStore } from '../data/drafts.ts';
import { formSource, restoreSweepAxes } from '../domain/form-drafts.ts';
import { SWEEP_JOB } from '../domain/jobs.ts';
import type { DesignOrigin } from './design.ts';
import type { EngineBridge } from '../bridge/engine.ts';
import { latest } from '../domain/latest.ts';
import { VARIABLE_INFO, emptySweepTable, mergeSweepChunk, ofCurves, pointCount, validateSweep, type OfCurve, type SweepAxis, type SweepColumn, type SweepSpec } from '../domain/sweep.ts';
import type { RocketProblem } from '../domain/problem.ts';
import type { KernelError, Result } from '../domain/result.ts';

export interface SweepTable {
  spec: SweepSpec;
  /** Axis values per point (columns named by variable). */
  axes: Float64Array[];
  columns: Record<SweepColumn, Float64Array>;
  /** Points computed so far (NaN where a point failed or is not done). */
  done: number;
}

/** What the optimum along an O/F curve maximises: vacuum Isp, ambient Isp, c* (m/s) or density-Isp (N·s/m³). */
export type SweepOptimumQuantity = 'ispVac' | 'ispAmb' | 'cstar' | 'densityIsp';

export interface CurveOptimum extends OfCurve {
  /** The search's answer (SI), or null while it runs. */
  result: Result<{ of: number; value: number }, KernelError> | null;
}

export interface SweepOptima {
  quantity: SweepOptimumQuantity;
  ofAxis: number;
  /** The O/F range searched (the axis's), [lower, upper]. */
  range: [number, number];
  rows: CurveOptimum[];
  /** Curves in the sweep (rows holds the first MAX_OPTIMUM_CURVES). */
  total: number;
}

/** Job-id prefix of a table shown from a saved study rather than a job. */
const STORED = 'stored:';

export const DEFAULT_AXES: SweepAxis[] = [
  { variable: 'of', from: 1.8, to: 3.4, count: 33, spacing: 'linear' },
  { variable: 'pc', from: 2e6, to: 2e7, count: 4, spacing: 'log' },
];

/** The store's I/O, passed in by its caller (the Sweep page passes the app's; node tests pass fakes). */
export interface SweepStoreOptions {
  /** Where the optimum searches run (the engine pool in the app). */
  engine: EngineBridge;
  /** Each reactant's density (kg/m³) for density-Isp, or null when one is unknown (the workspace library's in the app). */
  densitiesOf: (reactants: RocketProblem['reactants']) => number[] | null;
  /** Where the grid's draft is kept (localStorage in the app). */
  drafts: DraftStore;
  /** The queue's jobs (the app queue's signal in the app). */
  jobs: () => JobProgress[];
  /** The job queue sweeps are submitted to and read back from. */
  queue: Pick<JobQueue, 'submit' | 'submitBatch' | 'get' | 'chunks' | 'onChunk'>;
  /** Where the design being swept comes from (the design store's; a sweep of an experiment is saved with it). */
  origin: () => DesignOrigin;
  /** Awaited before the optimum searches of a finished sweep start (the page lets its chart draw
   * first: the searches and the chart's drawing would share the processor). None by default. */
  beforeOptima?: () => Promise<void>;
  /** Called as a sweep is submitted, before the queue's writes: starts the workers that will run it (the pool's warm-up in the app). */
  warm?: () => void;
}

/** The draft key of the Sweep grid. */
export const SWEEP_DRAFT = 'sweep-axes';

export function createSweepStore(opts: SweepStoreOptions) {
  const { engine, densitiesOf, jobs, drafts, queue, origin } = opts;
  // The grid opens as the user left it (the draft, kept at every edit), unless the job shown below
  // was started after that (below).
  const stored = drafts.load(SWEEP_DRAFT);
  const draftAxes = stored && restoreSweepAxes(stored.value);
  // (every change of the grid is its draft at once: drafted-store.ts)
  const [axes, setAxesNow] = createDraftedStore<SweepAxis[]>(drafts, SWEEP_DRAFT, structuredClone(draftAxes ?? DEFAULT_AXES));
  /** Set once the user edits the grid: from then on nothing replaces it but the user. */
  let edited = false;
  const setAxes = ((...args: unknown[]) => {
    edited = true;
    (setAxesNow as (...a: unknown[]) => void)(...args);
  }) as SetStoreFunction<SweepAxis[]>;
  const [chosenId, setJobId] = createSignal<string | null>(null);
  // Without a sweep of its own (after a reload, or coming back from Explore) the page shows the
  // latest sweep job, so a resumed job's results are there to see.
  const jobId = createMemo(() => chosenId() ?? jobs().find((p) => p.job.kind === SWEEP_JOB)?.job.id ?? null);
  // The table is filled in place as chunks arrive; `equals: false` republishes the same object.
  const [table, setTable] = createSignal<SweepTable | null>(null, { equals: false });
  const [submitError, setSubmitError] = createSignal<string | null>(null);
  let filling: { id: string; table: SweepTable; merged: Set<number> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const job = createMemo(() => jobs().find((p) => p.job.id === jobId())?.job ?? null);

  // The first job the page shows by itself (the queue loads after a reload) brings its grid into
  // the form when it was started after the draft was written: after a reload mid-sweep the form
  // shows the running job's grid, not the defaults nor an older draft.
  let adopted = false;
  createEffect(on(job, (j) => {
    if (adopted || edited || chosenId() !== null || !j || j.kind !== SWEEP_JOB) return;
    adopted = true;
    const jobAxes = restoreSweepAxes((j.spec as Partial<SweepSpec> | null)?.axes);
    const src = formSource(draftAxes ? { savedAt: stored!.savedAt, value: draftAxes } : null, jobAxes && { createdAt: j.createdAt, value: jobAxes });
    if (src?.from === 'job') setAxesNow(structuredClone(src.value));
  }));

  function merge(index: number, data: unknown) {
    if (!filling || filling.merged.has(index)) return;
    filling.merged.add(index);
    filling.table.done += mergeSweepChunk(filling.table.columns, data);
  }

  /** Shows the table; while chunks stream in, at most once a second (sorting and redrawing 10,000 rows on
   * every chunk kept the main thread busy). */
  function publish(now: boolean) {
    if (now) {
      clearTimeout(timer);
      timer = undefined;
      setTable(filling?.table ?? null);
    } else {
      timer ??= setTimeout(() => {
        timer = undefined;
        setTable(filling?.table ?? null);
      }, 1000);
    }
  }

  onCleanup(queue.onChunk((id, index, data) => {
    if (filling?.id !== id) return;
    merge(index, data);
    publish(false);
  }));
  onCleanup(() => clearTimeout(timer));

  async function run(base: RocketProblem) {
    const spec: SweepSpec = { base: structuredClone(base), axes: structuredClone(unwrap(axes)) as SweepAxis[] };
    const bad = validateSweep(spec);
    if (bad) {
      setSubmitError(bad.error.message);
      return null;
    }
    setSubmitError(null);
    opts.warm?.();
    const n = pointCount(spec);
    const label = `Sweep of ${spec.axes.map((a) => VARIABLE_INFO[a.variable].label).join(' × ')} (${n.toLocaleString('en')} points)`;
    // A sweep of an experiment's design is saved with that experiment when it finishes.
    const from = origin();
    const experimentId = from.kind === 'experiment' ? from.id : undefined;
    const id = await queue.submit({ kind: 'sweep', label, spec, pointsTotal: n, experimentId });
    setJobId(id);
    return id;
  }

  /** Starts a table for a sweep job: its axis values, the chunks stored so far, then each chunk as it comes. */
  async function loadResults(id = jobId()) {
    if (id?.startsWith(STORED)) return; // a saved study's table is set by showStored
    filling = null;
    publish(true);
    const rec = id ? queue.get(id) : undefined;
    if (!id || !rec) return;
    const spec = rec.spec as SweepSpec;
    const { axes: axesCols, columns } = emptySweepTable(spec);
    const mine = { id, table: { spec, axes: axesCols, columns, done: 0 }, merged: new Set<number>() };
    filling = mine;
    const stored = await queue.chunks(id);
    if (filling !== mine) return;
    for (const [index, data] of stored) merge(index, data);
    publish(true);
  }

  createEffect(on(jobId, (id) => void loadResults(id)));

  // A job that stops (done, cancelled, failed) shows its last chunks, and is "settled": its chart,
  // explanations and optimum searches follow. The last chunks one task after the status changes,
  // and "settled" a task after that: built in the task that shows "Done", or in one task with the
  // table's last rows, they made one long task of the main thread (75 ms on a 10,000-point sweep).
  const [settledId, setSettledId] = createSignal<string | null>(null);
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(() => [jobId(), job()?.status] as const, ([id, st]) => {
    clearTimeout(settleTimer);
    if (!st || st === 'running' || st === 'queued') return setSettledId(null);
    settleTimer = setTimeout(() => {
      publish(true);
      settleTimer = setTimeout(() => setSettledId(id), 0);
    }, 0);
  }));
  onCleanup(() => clearTimeout(settleTimer));
  /** Whether the table shown is final: its job stopped (shown a task later, above), or a saved study. */
  const settled = () => {
    const id = jobId();
    return !!id && (id.startsWith(STORED) || settledId() === id);
  };

  const [optimumQuantity, setOptimumQuantity] = createSignal<SweepOptimumQuantity>('ispVac');
  const [optima, setOptima] = createSignal<SweepOptima | null>(null);
  /** The spec of the table once every point is in (a finished job, or a saved study). */
  const finished = createMemo(() => {
    const t = table();
    return t && settled() && (jobId()?.startsWith(STORED) || job()?.status === 'done') ? t.spec : null;
  });
  const optimaCalls = latest();
  onCleanup(() => optimaCalls.cancel());

  /** The optimum O/F along each curve, the curves' searches spread over the pool; an error stays on its row. */
  async function findOptima(spec: SweepSpec | null, quantity: SweepOptimumQuantity) {
    const current = optimaCalls.next();
    if (!spec) return setOptima(null);
    // The table of curves in a task of its own, after the chart's data (see `settled`).
    await new Promise((r) => setTimeout(r, 0));
    if (!current()) return;
    const c = ofCurves(spec);
    if (!c) return setOptima(null);
    const densities = quantity === 'densityIsp' ? densitiesOf(spec.base.reactants) ?? undefined : undefined;
    let rows: CurveOptimum[] = c.curves.map((x) => ({ ...x, result: null }));
    const publishRows = () => setOptima({ quantity, ofAxis: c.ofAxis, range: c.range, rows, total: c.total });
    publishRows();
    await opts.beforeOptima?.();
    if (!current()) return;
    await Promise.all(c.curves.map(async (row, k) => {
      const r = await engine.call('findOptimumOfProblem', { problem: row.problem, of: c.range, quantity, densities });
      if (!current()) return;
      rows = rows.map((x, i) => (i === k ? { ...x, result: r.ok ? { ok: true, value: { of: r.value.of, value: r.value.value } } : r } : x));
      publishRows();
    }));
  }
  createEffect(on([finished, optimumQuantity], ([spec, q]) => void findOptima(spec, q)));

  /**
   * Batch: the current grid on each of several experiments' design points, one job each, saved with
   * its experiment when it ends. Experiments the grid does not fit are listed with the reason.
   */
  async function runBatch(experiments: { id: string; name: string; problem: RocketProblem }[]): Promise<{ submitted: number; skipped: string[] }> {
    const skipped: string[] = [];
    const list: Parameters<JobQueue['submitBatch']>[0] = [];
    for (const e of experiments) {
      const spec: SweepSpec = { base: structuredClone(e.problem), axes: structuredClone(unwrap(axes)) as SweepAxis[] };
      const bad = validateSweep(spec);
      if (bad) {
        skipped.push(`${e.name}: ${bad.error.message}`);
        continue;
      }
      const n = pointCount(spec);
      list.push({ kind: 'sweep', label: `${e.name}: sweep of ${spec.axes.map((a) => VARIABLE_INFO[a.variable].label).join(' × ')} (${n.toLocaleString('en')} points)`, spec, pointsTotal: n, experimentId: e.id });
    }
    const ids = await queue.submitBatch(list);
    if (ids.length) setJobId(ids[0]);
    return { submitted: ids.length, skipped };
  }

  /** Shows a sweep saved with an experiment (its stored columns) and its axes, ready to run again. */
  function showStored(studyId: string, spec: SweepSpec, columns: Record<string, Float64Array>) {
    setAxesNow(structuredClone(spec.axes));
    const t = emptySweepTable(spec);
    for (const c of Object.keys(t.columns) as SweepColumn[]) if (columns[c]?.length === t.columns[c].length) t.columns[c] = columns[c];
    const id = STORED + studyId;
    setJobId(id);
    filling = { id, table: { spec, axes: t.axes, columns: t.columns, done: pointCount(spec) }, merged: new Set() };
    publish(true);
  }

  return { axes, setAxes, run, runBatch, job, jobId, setJobId, table, settled, loadResults, submitError, showStored, optima, optimumQuantity, setOptimumQuantity };
}
