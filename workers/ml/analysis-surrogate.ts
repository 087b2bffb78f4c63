// A trained Learn model as the model of a sensitivity analysis (spec "model":"surrogate",
// app/domain/analysis/surrogate-model.ts): rows of input values become rows of the model's inputs
// and are predicted in batches; the analysed value is the ensemble's mean. Shared by the ML worker
// (the Analyze page's jobs, chunk by chunk) and the command line.
import { err, ok, type KernelError, type Result } from '../../app/domain/result.ts';
import type { PointFailure } from '../../app/domain/jobs.ts';
import { resolveAnalysisSpec, type ResolvedAnalysis } from '../../app/domain/analysis/analysis-spec.ts';
import { analysisModelNote, evaluateChunk, runAnalysis, type BayesOptOutput, type EvaluateRows } from '../../app/domain/analysis/run-analysis.ts';
import { bayesAnalysisSpec, bayesOptimizeResult, type BayesOptimizeResult } from '../../app/domain/optimize-bayes.ts';
import { isSurrogateRef, surrogateRows, type SurrogatePlan } from '../../app/domain/analysis/surrogate-model.ts';
import type { ModelDoc } from '../../app/domain/ml-model.ts';
import { predictEnsemble } from './ensemble.ts';
import { docToModel } from './serialize.ts';

/** Rows per prediction call: large enough to keep tfjs busy, small enough to answer a cancel soon. */
export const SURROGATE_BATCH = 4096;

/** The evaluator of a resolved surrogate analysis (its model document inline, so its plan is made). */
export function surrogateEvaluator(r: ResolvedAnalysis, cancelled?: () => boolean): Result<EvaluateRows> {
  if (!r.surrogate || isSurrogateRef(r.surrogate) || !r.plan) return err('bad-input', 'a surrogate analysis needs the model document', 'surrogate');
  const model = docToModel(r.surrogate as ModelDoc);
  const plan: SurrogatePlan = r.plan;
  return ok(async (rows) => {
    const out: Result<number, KernelError>[] = [];
    for (let s = 0; s < rows.length; s += SURROGATE_BATCH) {
      if (cancelled?.()) return rows.map(() => err('aborted', 'cancelled'));
      const part = rows.slice(s, s + SURROGATE_BATCH);
      const p = await predictEnsemble(model, surrogateRows(plan, part));
      const mean = p.mean[plan.output];
      for (let k = 0; k < part.length; k++) out.push(Number.isFinite(mean[k]) ? ok(mean[k]) : err('no-result', 'the model gave no finite prediction', 'output'));
    }
    return out;
  });
}

export interface SurrogateChunkInput {
  /** The analysis spec (model "surrogate", a sampling method); its `surrogate` the document or a saved model's reference. */
  spec: unknown;
  /** The model document, when the spec names a saved model by reference. */
  model?: unknown;
  /** Rows [start, end) of the analysis design. */
  start: number;
  end: number;
}

/**
 * One chunk of a surrogate analysis job: rows [start, end) of the spec's design (rebuilt from the
 * spec and seed), predicted in batches. A row without a finite prediction is a value (NaN and a
 * listed failure), as for the engine (workers/analysis-rocket.ts).
 */
export async function runSurrogateChunk(input: SurrogateChunkInput, cancelled?: () => boolean): Promise<Result<{ start: number; values: Float64Array; failures: PointFailure[] }, KernelError>> {
  const raw = input?.spec as Record<string, unknown> | undefined;
  const withDoc = raw && typeof raw === 'object' && isSurrogateRef(raw.surrogate) && input.model !== undefined ? { ...raw, surrogate: input.model } : raw;
  const spec = resolveAnalysisSpec(withDoc);
  if (!spec.ok) return { ok: false, error: { ...spec.error, field: spec.error.field ? `spec.${spec.error.field}` : 'spec' } };
  const r = spec.value;
  if (r.model !== 'surrogate' || r.method === 'bayesopt') return err('bad-input', 'a surrogate analysis job runs a sampling method (sobol, morris, uncertainty) of a Learn model', 'spec.method');
  const ev = surrogateEvaluator(r, cancelled);
  if (!ev.ok) return { ok: false, error: { ...ev.error, message: `${ev.error.message} (the saved model was not found)`, field: 'model' } };
  return evaluateChunk(r, input.start, input.end, ev.value);
}

/**
 * Optimize's Bayesian optimisation of a learned model (app/domain/optimize-bayes.ts): the spec in the
 * optimize format, its `surrogate` the model document; the GP, the expected improvement and the
 * predictions all run here (in the ML worker in the app).
 */
export async function runSurrogateBayesOpt(raw: unknown, cancelled?: () => boolean): Promise<Result<BayesOptimizeResult, KernelError>> {
  const spec = bayesAnalysisSpec(raw);
  if (!spec.ok) return spec;
  const r = resolveAnalysisSpec(spec.value);
  if (!r.ok) {
    // the analysis names inputs[i]; the optimize format names them variables.<name>
    const m = /^inputs\[(\d+)\]/.exec(r.error.field ?? '');
    const inputs = spec.value.inputs as { name: string }[];
    const field = m ? `variables.${inputs[Number(m[1])].name}` : r.error.field === 'output' ? 'objectives[0]' : r.error.field === 'goal' ? 'objectives[0]' : r.error.field;
    return { ok: false, error: { ...r.error, field } };
  }
  const ev = surrogateEvaluator(r.value, cancelled);
  if (!ev.ok) return ev;
  const out = await runAnalysis(r.value, ev.value, { cancelled });
  if (!out.ok) return out;
  return ok(bayesOptimizeResult(out.value as BayesOptOutput, r.value.inputs.map((i) => i.name), analysisModelNote(r.value) ?? ''));
}
