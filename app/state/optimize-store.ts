// Store for the Optimize section: the spec being edited (app/domain/optimize-spec.ts), and the run
// in the engine worker, stepped one generation per call so the front updates live and a cancel
// (abort → the bridge stops the worker) takes effect within a generation.
import { createSignal, batch, createRoot } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { engine } from '../bridge/engine.ts';
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
      const step = await engine().call('nsga2Step', { runId }, { signal: ctl.signal });
      if (abort !== ctl) return;
      if (!step.ok) {
        finish(ctl, step.error.code === 'aborted' ? null : step.error.message);
        return;
      }
      const p = step.value;
      batch(() => {
        setFront(p.front);
        setProgress({ generation: p.generation, generations: p.generations, evaluations: p.evaluations, hypervolume: p.hypervolume });
      });
      if (p.done) break;
    }
    finish(ctl, null);
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
