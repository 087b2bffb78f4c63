// Optimize's "Bayesian optimisation on a Learn model": the saved Learn models that can be the
// objective (the others listed with why not), the settings, and the run in the ML worker
// (app/domain/optimize-bayes.ts; the GP, the expected improvement and the predictions all run there).
import { createMemo, createSignal } from 'solid-js';
import type { SavedModel } from './workspace.ts';
import { bayesAnalysisSpec, type BayesOptimizeResult } from '../domain/optimize-bayes.ts';
import { resolveAnalysisSpec, type ResolvedAnalysis } from '../domain/analysis/analysis-spec.ts';
import { analysisModelNote } from '../domain/analysis/run-analysis.ts';
import type { UnitSystem } from '../domain/experiment.ts';
import type { VariableRange } from '../domain/optimize-spec.ts';
import type { KernelError, Result } from '../domain/result.ts';

export interface BayesModelIO {
  savedModels: () => Promise<SavedModel[]>;
  /** Runs the optimisation (the ML worker's bayesOptimize in the app). */
  optimize: (spec: unknown) => Promise<Result<BayesOptimizeResult, KernelError>>;
}

const plain = (v: VariableRange): VariableRange => (Array.isArray(v) ? [v[0], v[1]] : v);

export type BayesVariables = { of: VariableRange; pc: VariableRange; areaRatio: VariableRange };

/** The store over its I/O (the app's: bayesModelAppIO in app/state/analyze-app-io.ts; tests pass fakes). */
export function createBayesModelStore(io: BayesModelIO) {
  const [models, setModels] = createSignal<SavedModel[]>([]);
  const [modelId, setModelId] = createSignal<string | null>(null);
  const [goal, setGoal] = createSignal<'maximize' | 'minimize'>('maximize');
  const [evaluations, setEvaluations] = createSignal(30);
  const [batch, setBatch] = createSignal(3);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<KernelError | null>(null);
  const [result, setResult] = createSignal<BayesOptimizeResult | null>(null);
  // the analysis the result came from: its note is said again in the user's units (the worker's is SI)
  const [ran, setRan] = createSignal<ResolvedAnalysis | null>(null);

  async function refresh() {
    const ms = await io.savedModels();
    setModels(ms);
    if (!modelId()) setModelId(ms.find((m) => m.doc.kind === 'surrogate')?.id ?? null);
  }

  const spec = (doc: unknown, variables: BayesVariables, seed: number) => ({
    algorithm: 'bayesopt', surrogate: doc, objectives: [{ [goal()]: 'ispVac' }],
    // plain copies: the form's ranges are store proxies, which cannot be posted to a worker
    variables: { of: plain(variables.of), pc: plain(variables.pc), areaRatio: plain(variables.areaRatio) }, evaluations: evaluations(), batch: batch(), seed,
  });
  /** Null when the spec of this model and these variables resolves; else why not. */
  function check(doc: unknown, variables: BayesVariables, seed: number): KernelError | null {
    const a = bayesAnalysisSpec(spec(doc, variables, seed));
    if (!a.ok) return a.error;
    const r = resolveAnalysisSpec(a.value);
    return r.ok ? null : r.error;
  }
  /** Each saved model and why it cannot be the objective (null when it can). */
  const offers = (variables: () => BayesVariables) => createMemo(() => models().map((m) => {
    const e = check(m.doc, variables(), 1);
    // a bound of a range the optimiser takes is the form's to fix, not the model's fault
    return { model: m, why: e && (e.field === 'surrogate' || e.field === 'output' || e.field === 'fixed' || /^inputs\[\d+\]\.name$/.test(e.field ?? '')) ? e.message.replace(`“${m.doc.name}” `, '') : null };
  }));

  async function run(variables: BayesVariables, seed: number) {
    setError(null);
    const m = models().find((x) => x.id === modelId());
    if (!m) {
      setError({ code: 'bad-input', message: 'choose a Learn model to optimise (save one from Learn first)', field: 'model' });
      return;
    }
    const bad = check(m.doc, variables, seed);
    if (bad) {
      setError(bad);
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const given = spec(m.doc, variables, seed);
      const r = await io.optimize(given);
      const a = bayesAnalysisSpec(given);
      const resolved = a.ok ? resolveAnalysisSpec(a.value) : null;
      setRan(resolved?.ok ? resolved.value : null);
      if (r.ok) setResult(r.value);
      else setError(r.error);
    } finally {
      setBusy(false);
    }
  }

  /** Which model gave the result's values and where it extrapolates, in the unit system's units. */
  const note = (system: UnitSystem): string => {
    const r = ran();
    return (r && analysisModelNote(r, system)) ?? result()?.note ?? '';
  };

  return { note, models, refresh, modelId, setModelId, goal, setGoal, evaluations, setEvaluations, batch, setBatch, busy, error, result, offers, run };
}

export type BayesModelStore = ReturnType<typeof createBayesModelStore>;
