// The rocket engine as the model of a sensitivity analysis (app/domain/analysis/run-analysis.ts):
// rows of input values become problems of the `solve` format, solved one after another with a warm
// start from the previous row (Saltelli and Morris designs list neighbours one input apart), and
// the analysed output is read from each answer. Shared by the command line and the engine worker.
import type { RocketResult } from '../app/domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { PointFailure } from '../app/domain/jobs.ts';
import { inputValues, resolveAnalysisSpec, type ResolvedAnalysis } from '../app/domain/analysis/analysis-spec.ts';
import { efficienciesAt, rocketOutput, rocketProblemMaker, type RocketOutput } from '../app/domain/analysis/rocket-model.ts';
import { evaluateChunk, type EvaluateRows } from '../app/domain/analysis/run-analysis.ts';
import type { Cancel, EngineApi } from './engine-api.ts';

function asRocket(r: ReturnType<EngineApi['solveProblem']>): Result<RocketResult, KernelError> {
  if (!r.ok) return { ok: false, error: r.error };
  if ('injector' in r) {
    const { injector, ...rest } = r;
    return ok({ ...rest, chamber: injector } as RocketResult);
  }
  if (!('exits' in r)) return err('bad-input', 'the problem is not a rocket problem', 'problem.problem');
  return ok(r);
}

/**
 * The evaluator of a rocket analysis, after one trial solve at the centre of the inputs: a problem
 * the engine refuses is reported here with its field under `problem.` (or the output's), before
 * thousands of points fail the same way.
 */
export function rocketEvaluator(engine: Pick<EngineApi, 'solveProblem'>, r: ResolvedAnalysis, cancel?: Cancel): Result<EvaluateRows> {
  if (!r.problem || !r.output) return err('bad-input', 'a rocket analysis needs a problem and an output', 'problem');
  const make = rocketProblemMaker(r.problem, r.inputs.map((i) => i.name));
  if (!make.ok) return make;
  const output = r.output as RocketOutput;
  const eta = efficienciesAt(r.inputs.map((i) => i.name), r.efficiencies);
  // the engine names fields of the problem; the spec holds it under `problem`
  const inSpec = (f: string | undefined) => (f === 'output' ? 'output' : f ? `problem.${f.replace(/^problem\./, '')}` : 'problem');
  const at = (values: number[], warm: boolean): Result<number> => {
    const problem = make.value(values);
    const v = rocketOutput(problem, asRocket(engine.solveProblem(problem, warm)), output, eta(values));
    return v.ok ? v : err(v.error.code, v.error.message, inSpec(v.error.field));
  };
  const centre = at(inputValues(r.inputs, r.inputs.map(() => 0.5)), false);
  if (!centre.ok) return err(centre.error.code, `the problem at the centre of the inputs fails: ${centre.error.message}`, centre.error.field);
  return ok(async (rows) => rows.map((x) => (cancel?.aborted ? err('aborted', 'cancelled') : at(x, true))));
}

export interface AnalysisChunkInput {
  /** The analysis spec as the command line takes it (model "rocket", a sampling method). */
  spec: unknown;
  /** Rows [start, end) of the analysis design. */
  start: number;
  end: number;
}

export interface AnalysisChunkOutput {
  start: number;
  /** The output at each row (NaN where the engine failed). */
  values: Float64Array;
  failures: PointFailure[];
}

/**
 * One chunk of an analysis job: rows [start, end) of the spec's design (rebuilt from the spec and
 * seed), solved in order with warm starts. A failed point is a value (NaN and a listed failure).
 */
export async function runAnalysisChunk(engine: Pick<EngineApi, 'solveProblem'>, input: AnalysisChunkInput, cancel?: Cancel): Promise<Result<AnalysisChunkOutput, KernelError>> {
  const spec = resolveAnalysisSpec(input?.spec);
  if (!spec.ok) return { ok: false, error: { ...spec.error, field: spec.error.field ? `spec.${spec.error.field}` : 'spec' } };
  if (spec.value.model !== 'rocket' || spec.value.method === 'bayesopt') return err('bad-input', 'an analysis job runs a sampling method (sobol, morris, uncertainty) of the rocket', 'spec.method');
  const ev = rocketEvaluator(engine, spec.value, cancel);
  if (!ev.ok) return ev;
  return evaluateChunk(spec.value, input.start, input.end, ev.value);
}
