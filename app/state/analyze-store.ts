// Store for the Analyze section: the form (app/domain/analysis/analyze-form.ts), a run as a job of
// the app's queue (jobs/analysis-runner.ts: slices of the analysis design on the engine pool, so
// the Jobs panel shows its progress and can cancel or resume it), and the result of the newest
// analysis job, computed from its stored chunks — so it is there again after a reload. With an
// experiment open in Explore, a run is kept with that experiment when it finishes (a study of kind
// 'analysis'), and a saved analysis reopens from it with the same numbers.
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import type { DesignOrigin } from './design.ts';
import type { SavedModel } from './workspace.ts';
import type { JobProgress, JobQueue } from '../jobs/queue.ts';
import { ANALYSIS_JOB, type JobRecord } from '../domain/jobs.ts';
import { analysisEvaluations, resolveAnalysisSpec } from '../domain/analysis/analysis-spec.ts';
import { analysisOutcome, valuesFromChunks } from '../domain/analysis/analysis-study.ts';
import type { AnalysisOutput } from '../domain/analysis/run-analysis.ts';
import { analyzeSpec, checkAnalyzeForm, defaultAnalyzeForm, formFromSpec, surrogateOffer, surrogateRefOf, type AnalyzeForm } from '../domain/analysis/analyze-form.ts';
import { surrogateTitle } from '../domain/analysis/surrogate-model.ts';
import { rocketInputLabel, ROCKET_OUTPUT_INFO, type RocketOutput } from '../domain/analysis/rocket-model.ts';
import type { KernelError } from '../domain/result.ts';
import type { UnitSystem } from '../domain/experiment.ts';

export interface AnalyzeIO {
  queue: () => Pick<JobQueue, 'submit' | 'chunks'>;
  jobs: () => JobProgress[];
  /** The design open in Explore: a run is kept with its experiment, if it is one. */
  origin?: () => DesignOrigin;
  /** A saved analysis study: its spec and the model's values at its design; null when it is not there. */
  loadStudy?: (experimentId: string, studyId: string) => Promise<{ spec: unknown; y: ArrayLike<number> } | null>;
  /** The Learn models saved in this browser, newest first (the choice of "Model"). */
  savedModels?: () => Promise<SavedModel[]>;
  /** The unit system of Settings: the form's messages use its units (SI when absent). */
  units?: () => UnitSystem;
}

export interface AnalyzeResult {
  jobId: string;
  spec: unknown;
  output?: AnalysisOutput;
  error?: string;
  /** Set when the result was reopened from an experiment rather than from the newest job. */
  saved?: { experimentId: string; studyId: string };
}

/** The output of a finished analysis job from its stored chunks, or why there is none. */
export async function analysisJobResult(job: JobRecord, chunks: Map<number, unknown>): Promise<AnalyzeResult> {
  const o = analysisOutcome(job.id, job.spec, valuesFromChunks(job.spec, chunks), job.failures[0]?.message);
  return { jobId: o.id, spec: o.spec, output: o.output, error: o.error };
}

export function jobLabel(spec: Record<string, unknown>): string {
  const out = ROCKET_OUTPUT_INFO[spec.output as RocketOutput]?.label ?? String(spec.output);
  const names = (spec.inputs as { name: string }[]).map((i) => rocketInputLabel(i.name)).join(', ');
  const method = spec.method === 'sobol' ? 'Sobol' : spec.method === 'morris' ? 'Morris' : 'Uncertainty';
  const on = spec.model === 'surrogate' ? ` (${surrogateTitle((spec.surrogate as { name: string }).name)})` : '';
  return `${method}: ${out} over ${names}${on}`;
}

/** The Analyze store over its I/O (the app's: analyzeAppIO in app/state/analyze-app-io.ts; tests pass fakes). */
export function createAnalyzeStore(io: AnalyzeIO) {
  const [form, setForm] = createStore<AnalyzeForm>(defaultAnalyzeForm());
  const [error, setError] = createSignal<KernelError | null>(null);
  const [result, setResult] = createSignal<AnalyzeResult | null>(null);
  const latest = createMemo(() => {
    const all = io.jobs().filter((p) => p.job.kind === ANALYSIS_JOB);
    return all.reduce<JobProgress | null>((a, b) => (!a || b.job.createdAt > a.job.createdAt ? b : a), null);
  });
  const status = () => latest()?.job.status ?? null;
  // the experiment a run is kept with (the one open in Explore), and whether the user wants that
  const [keep, setKeep] = createSignal(true);
  const experiment = () => {
    const o = io.origin?.();
    return o && o.kind === 'experiment' ? { id: o.id, name: o.name } : null;
  };
  // a reopened analysis stays on screen until the next run (the newest job does not replace it)
  const [pinned, setPinned] = createSignal(false);
  createEffect(on(() => [latest()?.job.id, status()] as const, ([id, st]) => {
    const job = latest()?.job;
    if (pinned() || !id || !job || st !== 'done' || result()?.jobId === id) return;
    void io.queue().chunks(id).then((chunks) => analysisJobResult(job, chunks)).then((r) => {
      if (!pinned() && latest()?.job.id === r.jobId) setResult(r);
    });
  }));

  // the Learn models saved here, and whether each can be the model of the form's analysis
  const [models, setModels] = createSignal<SavedModel[]>([]);
  async function refreshModels(): Promise<void> {
    setModels((await io.savedModels?.()) ?? []);
  }
  const offers = createMemo(() => {
    const f = JSON.parse(JSON.stringify(form)) as AnalyzeForm;
    return models().map((m) => ({ model: m, why: surrogateOffer(f, m.id, m.doc) }));
  });
  /** Chooses the engine (null) or a saved Learn model as the model analysed. */
  function chooseModel(id: string | null) {
    const m = id ? models().find((x) => x.id === id) : null;
    setForm('surrogate', m ? surrogateRefOf(m.id, m.doc) : null);
  }
  /** Why the chosen Learn model cannot be used now (gone from this browser, or not fitting the form); null when it can, or the engine is chosen. */
  const modelProblem = createMemo((): KernelError | null => {
    const ref = form.surrogate;
    if (!ref) return null;
    const o = offers().find((x) => x.model.id === ref.modelId);
    if (!o) return { code: 'not-found', message: `the ${surrogateTitle(ref.name)} is not saved in this browser: choose another model, or the engine`, field: 'model' };
    return o.why ? { code: 'bad-input', message: `the ${surrogateTitle(ref.name)} cannot be used: ${o.why}`, field: 'model' } : null;
  });

  async function run(): Promise<void> {
    setError(null);
    const bad = checkAnalyzeForm(unwrap(form), io.units?.()) ?? modelProblem();
    if (bad) {
      setError(bad);
      return;
    }
    const spec = analyzeSpec(unwrap(form));
    const doc = form.surrogate ? models().find((m) => m.id === form.surrogate!.modelId)?.doc : undefined;
    const r = resolveAnalysisSpec(doc ? { ...spec, surrogate: doc } : spec);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setResult(null);
    setPinned(false);
    const experimentId = keep() ? experiment()?.id : undefined;
    try {
      await io.queue().submit({ kind: ANALYSIS_JOB, label: jobLabel(spec), spec, pointsTotal: analysisEvaluations(r.value), experimentId });
    } catch (e) {
      setError({ code: 'storage', message: `the analysis could not be queued: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  /** Shows an analysis kept with an experiment: its settings in the form and its result, computed again from its stored values. */
  async function openSaved(experimentId: string, studyId: string): Promise<boolean> {
    const saved = await io.loadStudy?.(experimentId, studyId);
    const form = saved ? formFromSpec(saved.spec) : null;
    if (!saved || !form) {
      setError({ code: 'not-found', message: `the experiment holds no analysis ${JSON.stringify(studyId)} this page can show`, field: 'study' });
      return false;
    }
    setForm(form);
    setPinned(true);
    const o = analysisOutcome(studyId, saved.spec, saved.y);
    setResult({ jobId: o.id, spec: o.spec, output: o.output, error: o.error, saved: { experimentId, studyId } });
    return true;
  }

  return { form, setForm, error, setError, result, latest, status, run, keep, setKeep, experiment, openSaved, models, refreshModels, offers, chooseModel, modelProblem };
}

export type AnalyzeStore = ReturnType<typeof createAnalyzeStore>;
