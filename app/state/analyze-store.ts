// Store for the Analyze section: the form (app/domain/analysis/analyze-form.ts), a run as a job of
// the app's queue (jobs/analysis-runner.ts: slices of the analysis design on the engine pool, so
// the Jobs panel shows its progress and can cancel or resume it), and the result of the newest
// analysis job, computed from its stored chunks — so it is there again after a reload.
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { jobQueue, jobsState } from '../jobs/app-queue.ts';
import type { JobProgress, JobQueue } from '../jobs/queue.ts';
import type { AnalysisChunkData } from '../jobs/analysis-runner.ts';
import { ANALYSIS_JOB, type JobRecord } from '../domain/jobs.ts';
import { analysisEvaluations, resolveAnalysisSpec } from '../domain/analysis/analysis-spec.ts';
import { finishAnalysis, type AnalysisOutput } from '../domain/analysis/run-analysis.ts';
import { analyzeSpec, checkAnalyzeForm, defaultAnalyzeForm, type AnalyzeForm } from '../domain/analysis/analyze-form.ts';
import { rocketInputLabel, ROCKET_OUTPUT_INFO, type RocketOutput } from '../domain/analysis/rocket-model.ts';
import type { KernelError } from '../domain/result.ts';

export interface AnalyzeIO {
  queue: () => Pick<JobQueue, 'submit' | 'chunks'>;
  jobs: () => JobProgress[];
}

const appIO: AnalyzeIO = { queue: () => jobQueue(), jobs: () => jobsState.jobs() };

export interface AnalyzeResult {
  jobId: string;
  spec: unknown;
  output?: AnalysisOutput;
  error?: string;
}

/** The output of a finished analysis job from its stored chunks, or why there is none. */
export async function analysisJobResult(job: JobRecord, chunks: Map<number, unknown>): Promise<AnalyzeResult> {
  const spec = resolveAnalysisSpec(job.spec);
  if (!spec.ok) return { jobId: job.id, spec: job.spec, error: spec.error.message };
  const y = new Float64Array(analysisEvaluations(spec.value)).fill(Number.NaN);
  for (const data of chunks.values()) {
    const d = data as AnalysisChunkData;
    y.set(d.values, d.start);
  }
  const missing = y.reduce((n, v) => n + (Number.isFinite(v) ? 0 : 1), 0);
  if (missing) {
    const first = job.failures[0]?.message;
    return { jobId: job.id, spec: job.spec, error: `${missing} of ${y.length} engine evaluations failed${first ? ` (first: ${first})` : ''}; narrow the ranges and run again` };
  }
  return { jobId: job.id, spec: job.spec, output: finishAnalysis(spec.value, y) };
}

export function jobLabel(spec: Record<string, unknown>): string {
  const out = ROCKET_OUTPUT_INFO[spec.output as RocketOutput]?.label ?? String(spec.output);
  const names = (spec.inputs as { name: string }[]).map((i) => rocketInputLabel(i.name)).join(', ');
  const method = spec.method === 'sobol' ? 'Sobol' : spec.method === 'morris' ? 'Morris' : 'Uncertainty';
  return `${method}: ${out} over ${names}`;
}

export function createAnalyzeStore(io: AnalyzeIO = appIO) {
  const [form, setForm] = createStore<AnalyzeForm>(defaultAnalyzeForm());
  const [error, setError] = createSignal<KernelError | null>(null);
  const [result, setResult] = createSignal<AnalyzeResult | null>(null);
  const latest = createMemo(() => {
    const all = io.jobs().filter((p) => p.job.kind === ANALYSIS_JOB);
    return all.reduce<JobProgress | null>((a, b) => (!a || b.job.createdAt > a.job.createdAt ? b : a), null);
  });
  const status = () => latest()?.job.status ?? null;
  createEffect(on(() => [latest()?.job.id, status()] as const, ([id, st]) => {
    const job = latest()?.job;
    if (!id || !job || st !== 'done' || result()?.jobId === id) return;
    void io.queue().chunks(id).then((chunks) => analysisJobResult(job, chunks)).then((r) => {
      if (latest()?.job.id === r.jobId) setResult(r);
    });
  }));

  async function run(): Promise<void> {
    setError(null);
    const bad = checkAnalyzeForm(unwrap(form));
    if (bad) {
      setError(bad);
      return;
    }
    const spec = analyzeSpec(unwrap(form));
    const r = resolveAnalysisSpec(spec);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setResult(null);
    try {
      await io.queue().submit({ kind: ANALYSIS_JOB, label: jobLabel(spec), spec, pointsTotal: analysisEvaluations(r.value) });
    } catch (e) {
      setError({ code: 'storage', message: `the analysis could not be queued: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  return { form, setForm, error, setError, result, latest, status, run };
}

export type AnalyzeStore = ReturnType<typeof createAnalyzeStore>;
