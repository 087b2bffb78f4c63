// An analysis kept with an experiment (study kind 'analysis', experiment format 4): the study holds
// the spec with its seed and a few headline figures; the stored result holds the model's values at
// the analysis design (column `y`, SI), from which the result is computed again — the same way the
// page computes it from a job's chunks, so a saved analysis reopens with the same numbers.
import type { Experiment, Study } from '../experiment.ts';
import type { StoredResult } from '../stored-records.ts';
import type { JsonValue } from '../json-clean.ts';
import { analysisEvaluations, resolveAnalysisSpec } from './analysis-spec.ts';
import { finishAnalysis, type AnalysisOutput, type MorrisOutput, type SobolOutput, type UncertaintyOutput } from './run-analysis.ts';

export const analysisStudyId = (jobId: string) => `analysis-${jobId}`;

/** What an analysis gives: its output, or why there is none (a spec that no longer resolves, failed points). */
export interface AnalysisOutcome {
  /** The job (or saved study) it comes from. */
  id: string;
  spec: unknown;
  output?: AnalysisOutput;
  error?: string;
}

/**
 * The outcome of an analysis from the model's values at its design (NaN where a point failed;
 * `firstFailure` says why, in the words of the engine).
 */
export function analysisOutcome(id: string, spec: unknown, y: ArrayLike<number>, firstFailure?: string): AnalysisOutcome {
  const r = resolveAnalysisSpec(spec);
  if (!r.ok) return { id, spec, error: r.error.message };
  const n = analysisEvaluations(r.value);
  if (y.length !== n) return { id, spec, error: `the analysis holds ${y.length} values where its design has ${n} points` };
  let missing = 0;
  for (let k = 0; k < n; k++) if (!Number.isFinite(y[k])) missing++;
  if (missing) return { id, spec, error: `${missing} of ${n} engine evaluations failed${firstFailure ? ` (first: ${firstFailure})` : ''}; narrow the ranges and run again` };
  return { id, spec, output: finishAnalysis(r.value, y) };
}

/** Headline figures of an analysis for the study's summary (SI; indices by input name). */
export function analysisSummary(out: AnalysisOutput): Record<string, number> {
  const s: Record<string, number> = { evaluations: out.evaluations };
  if (out.method === 'sobol') for (const i of (out as SobolOutput).indices) Object.assign(s, { [`S1_${i.input}`]: i.first, [`ST_${i.input}`]: i.total });
  if (out.method === 'morris') for (const e of (out as MorrisOutput).effects) s[`muStar_${e.input}`] = e.muStar;
  if (out.method === 'uncertainty') {
    const u = out as UncertaintyOutput;
    Object.assign(s, { mean: u.mean, sd: u.sd, p5: u.percentiles['5'], p50: u.percentiles['50'], p95: u.percentiles['95'] });
  }
  return s;
}

/** The experiment with a finished analysis kept as a study, and the stored result holding its values. */
export function withAnalysisResult(e: Experiment, job: { id: string; spec: unknown }, y: Float64Array, output: AnalysisOutput, when: string): { experiment: Experiment; result: StoredResult } {
  const studyId = analysisStudyId(job.id);
  const resultId = `res-${studyId}`;
  const study: Study = {
    id: studyId, kind: 'analysis', spec: JSON.parse(JSON.stringify(job.spec)) as Study['spec'], seed: output.seed, status: 'done',
    resultsRef: resultId, summary: analysisSummary(output), updatedAt: when,
  };
  return {
    experiment: { ...e, studies: [...e.studies.filter((s) => s.id !== studyId), study] },
    result: { id: resultId, experimentId: e.id, studyId, createdAt: when, columns: { y }, meta: { kind: 'analysis', method: output.method as JsonValue, units: 'SI' } },
  };
}

/** What one stored chunk of an analysis job holds: the output at rows start, start + 1, … of the design. */
export interface AnalysisChunkData {
  start: number;
  values: Float64Array;
}

/** The model's values at the whole design from a job's stored chunks (NaN where none is stored). */
export function valuesFromChunks(spec: unknown, chunks: Map<number, unknown>): Float64Array {
  const r = resolveAnalysisSpec(spec);
  const y = new Float64Array(r.ok ? analysisEvaluations(r.value) : 0).fill(Number.NaN);
  for (const data of chunks.values()) {
    const d = data as AnalysisChunkData;
    if (d.start + d.values.length <= y.length) y.set(d.values, d.start);
  }
  return y;
}
