// Store for the Optimize section: the spec being edited (app/domain/optimize-spec.ts), and the run,
// a job of the app's queue (jobs/optimize-runner.ts: a generation per chunk, on the worker pool), so
// the Jobs panel shows and can cancel it; the front updates live and a cancel takes effect within
// a generation. The form is kept as a draft at every edit, and a finished run's front comes back
// after a reload or a browser restart: it is the last generation's stored chunk of the job record.
// Its I/O (the queue, the generation events, the drafts, the experiments, the design) is passed in:
// app-stores.ts wires the app's, node tests pass in-memory ones.
import { createSignal, batch } from 'solid-js';
import { unwrap, type SetStoreFunction } from 'solid-js/store';
import { createDraftedStore } from './drafted-store.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { DraftStore } from '../data/drafts.ts';
import { OPTIMIZE_JOB } from '../domain/jobs.ts';
import { optimizeJobLabel, type OptimizeChunkData, type OptimizeGeneration } from '../domain/optimize-job.ts';
import { formSource, restoreOptimizeSpec } from '../domain/form-drafts.ts';
import type { OptimizeSpec, EvaluatedDesign } from '../domain/optimize-spec.ts';
import { resolveOptimizeSpec } from '../domain/optimize-spec.ts';
import { createExperiment, type Experiment } from '../domain/experiment.ts';
import { addOptimisationStudy } from '../domain/optimize-study.ts';
import type { DesignOrigin } from './design.ts';
import type { RocketProblem } from '../domain/problem.ts';
import type { StoredResult } from '../domain/stored-records.ts';

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

/** The draft key of the Optimize form. */
export const OPTIMIZE_DRAFT = 'optimize-spec';

/** The store's I/O, passed in by its caller (app-stores.ts passes the app's; node tests pass fakes). */
export interface OptimizeStoreOptions {
  /** The job queue runs go to and finished fronts are read back from (the app's). */
  queue: Pick<JobQueue, 'submit' | 'cancel' | 'get' | 'subscribe' | 'load' | 'snapshot' | 'chunks'>;
  /** Where the form's draft is kept (localStorage in the app). */
  drafts: DraftStore;
  /** Hears every generation of every optimisation job (jobs/optimize-runner.ts's in the app). */
  onGeneration: (fn: (g: OptimizeGeneration) => void) => () => void;
  /** Where a finished run is saved: the experiments (the workspace's in the app). */
  experiments: { byId: (id: string) => Experiment | undefined; save: (e: Experiment, results: StoredResult[]) => Promise<boolean> };
  /** The design the run came from: its origin and its problem (the design store's in the app). */
  design: { origin: () => DesignOrigin; snapshot: () => RocketProblem };
}

export function createOptimizeStore(opts: OptimizeStoreOptions, initial: OptimizeSpec = DEFAULT_OPTIMIZE_SPEC) {
  const { queue, drafts, onGeneration, experiments, design } = opts;
  const draft = drafts.load(OPTIMIZE_DRAFT);
  const draftSpec = draft && restoreOptimizeSpec(draft.value);
  // (every change of the spec is its draft at once: drafted-store.ts)
  const [spec, setSpecNow] = createDraftedStore<OptimizeSpec>(drafts, OPTIMIZE_DRAFT, structuredClone(draftSpec ?? initial));
  /** Set once the user edits the form: a restored run no longer replaces it. */
  let edited = false;
  const setSpec = ((...args: unknown[]) => {
    edited = true;
    (setSpecNow as (...a: unknown[]) => void)(...args);
  }) as SetStoreFunction<OptimizeSpec>;
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
  /** Something is shown that a restored run must not replace (a run, a resumed run, a study). */
  let shown = false;
  let frontShownAt = -Infinity;

  onGeneration((g) => {
    // A run resumed from the Jobs panel (this one, or one from before a reload) is shown when
    // nothing else runs.
    if (!running() && g.generation === 1) {
      const spec0 = queue.get(g.jobId)?.spec as OptimizeSpec | undefined;
      if (!spec0) return;
      jobId = g.jobId;
      shown = true;
      batch(() => {
        setSpecNow(structuredClone(spec0));
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
  queue.subscribe((snap) => {
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
    if (previous && running()) await queue.cancel(previous);
    frontShownAt = -Infinity;
    shown = true;
    batch(() => {
      setError(null);
      setRunning(true);
      setFront([]);
      setProgress(null);
      setRanSpec(s);
    });
    jobId = await queue.submit({
      kind: OPTIMIZE_JOB, label: optimizeJobLabel(s), spec: s, sequential: true, priority: 1,
      pointsTotal: s.population * s.generations, chunkSize: s.population,
    });
  }

  function cancel(): void {
    if (jobId && running()) void queue.cancel(jobId);
    setRunning(false);
  }

  /**
   * After a reload (or a browser restart) shows the last run again when it finished: its front is
   * the stored chunk of its last generation, its progress line that generation's figures. The form
   * takes the run's spec unless the draft was edited after the run started. Nothing happens when
   * something is shown already (a run started meanwhile, a study opened).
   */
  const restored = (async () => {
    await queue.load();
    const last = queue.snapshot().find((p) => p.job.kind === OPTIMIZE_JOB)?.job;
    if (!last || last.status !== 'done') return;
    const chunks = await queue.chunks(last.id);
    const end = chunks.get(Math.max(-1, ...chunks.keys())) as OptimizeChunkData | undefined;
    const ran = restoreOptimizeSpec(last.spec);
    if (!end?.front || !ran || shown || running() || jobId) return;
    jobId = last.id;
    const src = formSource(draftSpec ? { savedAt: draft!.savedAt, value: draftSpec } : null, { createdAt: last.createdAt, value: ran });
    batch(() => {
      if (src?.from === 'job' && !edited) setSpecNow(structuredClone(ran));
      setRanSpec(ran);
      setFront(end.front!);
      setProgress({ generation: end.generation, generations: ran.generations, evaluations: end.evaluations, hypervolume: end.hypervolume });
    });
  })().catch(() => {
    // Nothing to show (storage unreadable): the page opens empty, as before any run.
  });

  /** Shows a saved study: its spec in the form (rerun gives the same front: same seed) and its stored front. */
  function open(saved: OptimizeSpec, savedFront: EvaluatedDesign[] = []): void {
    cancel();
    shown = true;
    batch(() => {
      setSpecNow(structuredClone(saved));
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
    const ws = experiments;
    const origin = design.origin();
    const target = (origin.kind === 'experiment' && ws.byId(origin.id)) || createExperiment({ name: `Optimisation ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`, problem: design.snapshot() });
    const { experiment, results } = addOptimisationStudy(target, {
      spec: ran, pareto: front(), hypervolume: p?.hypervolume ?? null, evaluations: p?.evaluations ?? 0, now: new Date().toISOString(),
    });
    return (await ws.save(experiment, results)) ? experiment : null;
  }

  return { spec, setSpec, front, progress, running, queued, error, ranSpec, run, cancel, open, saveToExperiment, restored };
}

export type OptimizeStore = ReturnType<typeof createOptimizeStore>;
