// The rocket engine as the model of a sensitivity analysis (app/domain/analysis/run-analysis.ts):
// rows of input values become problems of the `solve` format, solved one after another with a warm
// start from the previous row (Saltelli and Morris designs list neighbours one input apart), and
// the analysed output is read from each answer. Shared by the command line and the engine worker.
import type { RocketResult } from '../app/domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import type { ResolvedAnalysis } from '../app/domain/analysis/analysis-spec.ts';
import { inputValues } from '../app/domain/analysis/analysis-spec.ts';
import { rocketOutput, rocketProblemMaker } from '../app/domain/analysis/rocket-model.ts';
import type { EvaluateRows } from '../app/domain/analysis/run-analysis.ts';
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
  const output = r.output;
  // the engine names fields of the problem; the spec holds it under `problem`
  const inSpec = (f: string | undefined) => (f === 'output' ? 'output' : f ? `problem.${f.replace(/^problem\./, '')}` : 'problem');
  const at = (values: number[], warm: boolean): Result<number> => {
    const problem = make.value(values);
    const v = rocketOutput(problem, asRocket(engine.solveProblem(problem, warm)), output);
    return v.ok ? v : err(v.error.code, v.error.message, inSpec(v.error.field));
  };
  const centre = at(inputValues(r.inputs, r.inputs.map(() => 0.5)), false);
  if (!centre.ok) return err(centre.error.code, `the problem at the centre of the inputs fails: ${centre.error.message}`, centre.error.field);
  return ok(async (rows) => rows.map((x) => (cancel?.aborted ? err('aborted', 'cancelled') : at(x, true))));
}
