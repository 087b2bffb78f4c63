// Store for the Optimize section: the spec being edited (app/domain/optimize-spec.ts), and the run.
// The engine worker keeps the optimiser (NSGA-II state); each generation's designs are solved in
// parallel on the worker pool plus the engine worker itself, then told back, so the front updates
// live and a cancel (abort → the bridges stop their workers) takes effect within a generation.
import { createSignal, batch, createRoot } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { engine } from '../bridge/engine.ts';
import { enginePool } from '../bridge/engine-pool.ts';
import type { RocketProblem, RocketResult } from '../domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../domain/result.ts';
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
  const [error, setError] = createSignal<string | null>(null);
  /** The spec of the front shown (to open designs in Explore with the right propellants). */
  const [ranSpec, setRanSpec] = createSignal<OptimizeSpec | null>(null);
  let abort: AbortController | null = null;
  let frontShownAt = -Infinity;

  async function run(): Promise<void> {
    const s = structuredClone(unwrap(spec)) as OptimizeSpec;
    const v = resolveOptimizeSpec(s);
    if (!v.ok) {
      setError(v.error.message);
      return;
    }
    abort?.abort();
    const ctl = new AbortController();
    abort = ctl;
    frontShownAt = -Infinity;
    batch(() => {
      setError(null);
      setRunning(true);
      setFront([]);
      setProgress(null);
      setRanSpec(s);
    });
    const started = await engine().call('nsga2Start', s, { signal: ctl.signal });
    if (!started.ok) {
      finish(ctl, started.error.code === 'aborted' ? null : started.error.message);
      return;
    }
    const { runId } = started.value;
    for (;;) {
      const asked = await engine().call('nsga2Ask', { runId }, { signal: ctl.signal });
      if (abort !== ctl) return;
      if (!asked.ok) {
        finish(ctl, asked.error.code === 'aborted' ? null : asked.error.message);
        return;
      }
      const solved = await solveInParallel(asked.value, ctl.signal);
      if (abort !== ctl) return;
      if (!solved.ok) {
        finish(ctl, solved.error.code === 'aborted' ? null : solved.error.message);
        return;
      }
      const step = await engine().call('nsga2Tell', { runId, results: solved.value }, { signal: ctl.signal });
      if (abort !== ctl) return;
      if (!step.ok) {
        finish(ctl, step.error.code === 'aborted' ? null : step.error.message);
        return;
      }
      const p = step.value;
      // The progress line follows every generation; the front (table and chart, whose redraw costs
      // far more than a generation: 100 × 100 took 15 s redrawing each time, 2.8 s without) at most
      // every SHOW_FRONT_MS, and always at the end.
      const now = performance.now();
      const showFront = p.done || now - frontShownAt >= SHOW_FRONT_MS;
      if (showFront) frontShownAt = now;
      batch(() => {
        if (showFront) setFront(p.front);
        setProgress({ generation: p.generation, generations: p.generations, evaluations: p.evaluations, hypervolume: p.hypervolume });
      });
      if (p.done) break;
    }
    finish(ctl, null);
  }

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
      if (!r.ok) return r.error.code === 'aborted' ? err('aborted', 'cancelled') : r;
      out.push(...r.value);
    }
    return ok(out);
  }

  function finish(ctl: AbortController, message: string | null) {
    if (abort !== ctl) return;
    abort = null;
    batch(() => {
      setRunning(false);
      if (message) setError(message);
    });
  }

  function cancel(): void {
    const ctl = abort;
    ctl?.abort();
    if (ctl) finish(ctl, null);
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

  return { spec, setSpec, front, progress, running, error, ranSpec, run, cancel, open, saveToExperiment };
}

// One store for the session, so a run keeps going while the user looks at Explore.
let store: OptimizeStore | null = null;
export const optimizeStore = (): OptimizeStore => (store ??= createRoot(() => createOptimizeStore()));

export type OptimizeStore = ReturnType<typeof createOptimizeStore>;
