// Store for the Optimize section: the spec being edited (app/domain/optimize-spec.ts), and the run,
// a job of the app's queue (jobs/optimize-runner.ts: a generation per chunk, on the worker pool), so
// the Jobs panel shows and can cancel it; the front updates live and a cancel takes effect within
// a generation.
import { createSignal, batch, createRoot } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { jobQueue } from '../jobs/app-queue.ts';
import { OPTIMIZE_JOB, onOptimizeGeneration, optimizeJobLabel } from '../jobs/optimize-runner.ts';
import type { OptimizeSpec, EvaluatedDesign } from '../domain/optimize-spec.ts';
import { resolveOptimizeSpec } from '../domain/optimize-spec.ts';
import { createExperiment, type Experiment } from '../domain/experiment.ts';
import { addOptimisationStudy } from '../domain/optimize-study.ts';
import { workspace } from './workspace.ts';
import { designStore } from './design.ts';

export const DEFAULT_OPTIMIZE_SPEC: OptimizeSpec = {
  fuels: ['RP-1', 'CH4(L)', 'H2(L)'],
  oxidizers: ['O2(L)'],
  variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  constraints: [{ quantity: 'Tc', max: 3600 }],
  population: 40,
  generations: 30,
  seed: 1,
};

/** Least time between two redraws of the live front. */
const SHOW_FRONT_MS = 500;

export interface OptimizeProgress {
  generation: number;
  generations: number;
  evaluations: number;
  hypervolume: number | null;
}

export function createOptimizeStore(initial: OptimizeSpec = DEFAULT_OPTIMIZE_SPEC) {
  const [spec, setSpec] = createStore<OptimizeSpec>(structuredClone(initial));
  const [front, setFront] = createSignal<EvaluatedDesign[]>([]);
  const [progress, setProgress] = createSignal<OptimizeProgress | null>(null);
  const [running, setRunning] = createSignal(false);
  /** Waiting behind another job of the queue (a sweep, say). */
  const [queued, setQueued] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  /** The spec of the front shown (to open designs in Explore with the right propellants). */
  const [ranSpec, setRanSpec] = createSignal<OptimizeSpec | null>(null);
  /** The queue job of the run shown (null before the first run). */
  let jobId: string | null = null;
  let frontShownAt = -Infinity;

  onOptimizeGeneration((g) => {
    // A run resumed from the Jobs panel (this one, or one from before a reload) is shown when
    // nothing else runs.
    if (!running() && g.generation === 1) {
      const spec0 = jobQueue().get(g.jobId)?.spec as OptimizeSpec | undefined;
      if (!spec0) return;
      jobId = g.jobId;
      batch(() => {
        setSpec(structuredClone(spec0));
        setRanSpec(structuredClone(spec0));
        setRunning(true);
        setError(null);
      });
    }
    if (g.jobId !== jobId) return;
    // The progress line follows every generation; the front (table and chart, whose redraw costs
    // far more than a generation: 100 × 100 took 15 s redrawing each time, 2.8 s without) at most
    // every SHOW_FRONT_MS, and always at the end.
    const now = performance.now();
    const showFront = g.done || now - frontShownAt >= SHOW_FRONT_MS;
    if (showFront) frontShownAt = now;
    batch(() => {
      if (showFront) setFront(g.front);
      setProgress({ generation: g.generation, generations: g.generations, evaluations: g.evaluations, hypervolume: g.hypervolume });
    });
  });

  // The job's end (done, failed, cancelled from here or from the Jobs panel, removed).
  jobQueue().subscribe((snap) => {
    if (!jobId || !running()) return;
    const j = snap.find((x) => x.job.id === jobId)?.job;
    batch(() => {
      setQueued(j?.status === 'queued');
      if (!j || j.status === 'done' || j.status === 'cancelled' || j.status === 'interrupted') setRunning(false);
      else if (j.status === 'failed') {
        setRunning(false);
        setError(j.error ?? 'the optimisation failed');
      }
    });
  });

  async function run(): Promise<void> {
    const s = structuredClone(unwrap(spec)) as OptimizeSpec;
    const v = resolveOptimizeSpec(s);
    if (!v.ok) {
      setError(v.error.message);
      return;
    }
    // Forget the previous job first, so its cancellation cannot end the new run's state.
    const previous = jobId;
    jobId = null;
    if (previous && running()) await jobQueue().cancel(previous);
    frontShownAt = -Infinity;
    batch(() => {
      setError(null);
      setRunning(true);
      setFront([]);
      setProgress(null);
      setRanSpec(s);
    });
    jobId = await jobQueue().submit({
      kind: OPTIMIZE_JOB, label: optimizeJobLabel(s), spec: s, sequential: true, priority: 1,
      pointsTotal: s.population * s.generations, chunkSize: s.population,
    });
  }

  function cancel(): void {
    if (jobId && running()) void jobQueue().cancel(jobId);
    setRunning(false);
  }

  /** Shows a saved study: its spec in the form (rerun gives the same front: same seed) and its stored front. */
  function open(saved: OptimizeSpec, savedFront: EvaluatedDesign[] = []): void {
    cancel();
    batch(() => {
      setSpec(structuredClone(saved));
      setRanSpec(savedFront.length ? structuredClone(saved) : null);
      setFront(savedFront);
      setProgress(null);
      setError(null);
    });
  }

  /**
   * Saves the finished run (spec, seed, Pareto set) as a study of the experiment the current
   * design came from, or of a new experiment around the current design; returns the experiment.
   */
  async function saveToExperiment(): Promise<Experiment | null> {
    const ran = ranSpec();
    const p = progress();
    if (!ran || running() || !front().length) return null;
    const ws = workspace();
    const origin = designStore().origin();
    const target = (origin.kind === 'experiment' && ws.byId(origin.id)) || createExperiment({ name: `Optimisation ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`, problem: designStore().snapshot() });
    const { experiment, results } = addOptimisationStudy(target, {
      spec: ran, pareto: front(), hypervolume: p?.hypervolume ?? null, evaluations: p?.evaluations ?? 0, now: new Date().toISOString(),
    });
    return (await ws.save(experiment, results)) ? experiment : null;
  }

  return { spec, setSpec, front, progress, running, queued, error, ranSpec, run, cancel, open, saveToExperiment };
}

// One store for the session, so a run keeps going while the user looks at Explore.
let store: OptimizeStore | null = null;
export const optimizeStore = (): OptimizeStore => (store ??= createRoot(() => createOptimizeStore()));

export type OptimizeStore = ReturnType<typeof createOptimizeStore>;
