// Optimize's Bayesian optimisation on a learned model ("algorithm":"bayesopt", README "Command line:
// optimize"): when the objective comes from a trained Learn model, each evaluation is a prediction
// and a Gaussian process (Matérn 5/2) of the answers so far chooses the next batch of designs by
// expected improvement (kriging believer; app/domain/analysis/bayes-opt.ts). One objective, the
// model's Isp (vacuum Isp for a Learn surrogate), over O/F, pc and area ratio, each a range or a
// fixed value. The spec becomes an analysis spec ("method":"bayesopt","model":"surrogate"), so the
// sensitivity command, the ML worker and this share one resolver and one run.
import { err, ok, type Result } from './result.ts';
import { formatValue } from './validate.ts';
import type { BayesOptOutput } from './analysis/run-analysis.ts';

/** The variables a learned model's design takes (the Learn columns O/F, pc, eps). */
export const BAYES_VARIABLES = ['of', 'pc', 'areaRatio'] as const;

/** What Optimize's NSGA-II fields are that Bayesian optimisation does not take. */
const NSGA_ONLY = ['population', 'generations', 'constraints', 'fuels', 'oxidizers', 'costs', 'separation', 'chemistry'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The analysis spec of a Bayesian optimisation of a learned model, from the optimize format:
 * `{"algorithm":"bayesopt", "surrogate": <Learn model document> (or a saved model's reference),
 *   "objectives":[{"maximize":"ispVac"}], "variables":{"of":[2,3], "pc":[3e6,1e7], "areaRatio":40},
 *   "evaluations":30, "batch":3, "seed":1}`. Errors name the field.
 */
export function bayesAnalysisSpec(raw: unknown): Result<Record<string, unknown>> {
  if (!isRecord(raw)) return err('bad-input', `the spec must be a JSON object (got ${formatValue(raw)})`);
  if (raw.algorithm !== 'bayesopt') return err('bad-input', `algorithm must be "bayesopt" here (got ${formatValue(raw.algorithm)})`, 'algorithm');
  for (const k of NSGA_ONLY) {
    if (raw[k] !== undefined) return err('bad-input', `${k} belongs to the NSGA-II optimiser; Bayesian optimisation of a learned model takes surrogate, objectives, variables, evaluations, batch and seed`, k);
  }
  if (raw.surrogate === undefined) return err('bad-input', 'surrogate must give the learned model: a Learn model document (an exported .model.json; on the command line, its path)', 'surrogate');
  const objs = raw.objectives;
  if (!Array.isArray(objs) || objs.length !== 1 || !isRecord(objs[0])) {
    return err('bad-input', `Bayesian optimisation takes one objective, like [{"maximize":"ispVac"}] (got ${formatValue(objs)})`, 'objectives');
  }
  const o = objs[0];
  const goal = 'maximize' in o ? 'maximize' : 'minimize' in o ? 'minimize' : null;
  const output = goal ? o[goal] : undefined;
  if (!goal || typeof output !== 'string') return err('bad-input', `objectives[0] must be {"maximize": <output>} or {"minimize": <output>} (got ${formatValue(o)})`, 'objectives[0]');
  const vars = raw.variables;
  if (!isRecord(vars)) return err('bad-input', `variables must be {"of", "pc", "areaRatio"}, each a range [lower, upper] or a value (got ${formatValue(vars)})`, 'variables');
  const inputs: { name: string; range: unknown }[] = [];
  const fixed: Record<string, unknown> = {};
  for (const k of Object.keys(vars)) {
    if (!(BAYES_VARIABLES as readonly string[]).includes(k)) return err('bad-input', `variables.${k}: a learned model's design varies ${BAYES_VARIABLES.join(', ')} only`, `variables.${k}`);
    const v = vars[k];
    // a range of one value (Optimize's form, "from" = "to") is that value fixed
    if (Array.isArray(v) && !(v.length === 2 && v[0] === v[1])) inputs.push({ name: k, range: v });
    else fixed[k] = Array.isArray(v) ? v[0] : v;
  }
  if (!inputs.length) return err('bad-input', 'variables: give at least one a range [lower, upper] to optimise over', 'variables');
  return ok({
    method: 'bayesopt', model: 'surrogate', surrogate: raw.surrogate, output, goal, inputs,
    ...(Object.keys(fixed).length ? { fixed } : {}),
    evaluations: raw.evaluations ?? 30, batch: raw.batch ?? 1, seed: raw.seed ?? 1,
  });
}

/** The answer of Optimize's Bayesian optimisation: the best design found and the model's value there. */
export interface BayesOptimizeResult {
  algorithm: 'bayesopt';
  /** The Learn model whose predictions were optimised. */
  surrogate: string;
  goal: 'maximize' | 'minimize';
  objective: string;
  best: { design: Record<string, number>; value: number };
  evaluations: number;
  history: { design: Record<string, number>; value: number | null }[];
  summary: string;
  /** Which model gave the values, and where the ranges reach beyond its training data. */
  note: string;
}

/** The optimize-format answer of a Bayesian optimisation run through the analysis machinery; `names` its varied inputs in order. */
export function bayesOptimizeResult(out: BayesOptOutput, names: string[], note: string): BayesOptimizeResult {
  const design = (x: number[]) => Object.fromEntries(names.map((n, j) => [n, x[j]]));
  return {
    algorithm: 'bayesopt', surrogate: out.surrogate ?? '', goal: out.goal, objective: out.output,
    best: { design: design(out.best.x), value: out.best.y }, evaluations: out.evaluations,
    history: out.history.map((h) => ({ design: design(h.x), value: h.y })), summary: out.summary, note,
  };
}
