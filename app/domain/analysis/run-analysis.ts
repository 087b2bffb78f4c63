// Runs an analysis of a resolved spec over any model given as a batch evaluator (the test functions
// here, the rocket engine in workers/), chunk by chunk with progress and cancellation, and says the
// result in words. The output's field names are fixed by issue 15 (README "Command line: sensitivity").
import { err, ok, type KernelError, type Result } from '../result.ts';
import type { ResolvedAnalysis } from './analysis-spec.ts';
import type { PointFailure } from '../jobs.ts';
import type { UnitSystem } from '../experiment.ts';
import { analysisEvaluations, inputSpan, inputValues } from './analysis-spec.ts';
import { bayesOpt } from './bayes-opt.ts';
import { morrisDesign, morrisEffects, morrisRanking } from './morris.ts';
import { rocketInputLabel, ROCKET_OUTPUT_INFO, type RocketOutput } from './rocket-model.ts';
import { beyondTraining, isSurrogateRef, surrogateNote, SURROGATE_INPUT_ALIASES } from './surrogate-model.ts';
import { saltelliDesign, sobolIndices } from './sobol-indices.ts';
import { testFunction } from './test-functions.ts';
import { summarise, unitSample, type Histogram } from './uncertainty.ts';

/** Values of the model at rows of input values (inputs' own units), one Result per row. */
export type EvaluateRows = (rows: number[][]) => Promise<Result<number, KernelError>[]>;

export interface AnalysisHooks {
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
  /** Rows per evaluator call (default 512). */
  chunk?: number;
}

interface Common {
  method: string;
  model: string;
  output: string;
  seed: number;
  /** Model evaluations made. */
  evaluations: number;
  /** Model "surrogate": the name of the Learn model whose predictions were analysed. */
  surrogate?: string;
  /** The result in one or two sentences. */
  summary: string;
}
export interface SobolOutput extends Common {
  indices: { input: string; first: number; total: number; firstInterval: [number, number]; totalInterval: [number, number] }[];
  confidence: number;
}
export interface MorrisOutput extends Common {
  effects: { input: string; muStar: number; mu: number; sigma: number; rank: number }[];
}
export interface UncertaintyOutput extends Common {
  mean: number;
  sd: number;
  percentiles: { '5': number; '50': number; '95': number };
  histogram: Histogram;
  drivers: { input: string; rankCorrelation: number; share: number }[];
}
export interface BayesOptOutput extends Common {
  best: { x: number[]; y: number };
  goal: 'minimize' | 'maximize';
  history: { x: number[]; y: number | null }[];
}
export type AnalysisOutput = SobolOutput | MorrisOutput | UncertaintyOutput | BayesOptOutput;

/** The evaluator of a test-function model (never fails). */
export function testFunctionEvaluator(r: ResolvedAnalysis): EvaluateRows {
  if (r.model === 'rocket' || r.model === 'surrogate') throw new Error(`the ${r.model} is evaluated in a worker (workers/analysis-rocket.ts, workers/ml/api.ts)`);
  const f = testFunction(r.model, r.coefficients);
  return async (rows) => rows.map((x) => ok(f(x)));
}

const cancelled = (): Result<never> => err('aborted', 'cancelled');

/** Where a surrogate analysis extrapolates: from its plan, or from the training ranges its model reference recorded. */
function surrogateBeyondTraining(r: ResolvedAnalysis) {
  if (r.plan) return r.plan.beyondTraining;
  const ref = r.surrogate;
  if (!ref || !isSurrogateRef(ref) || !ref.inputs) return [];
  return beyondTraining(ref.inputs, ref.inputRanges, r.inputs.map((i) => ({ name: i.name, span: inputSpan(i) })));
}

/**
 * The sentence saying which Learn model a surrogate analysis ran on (and where it extrapolates, in
 * the unit system's units); null for the engine and test functions.
 */
export function analysisModelNote(r: ResolvedAnalysis, system: UnitSystem = 'SI'): string | null {
  return r.surrogate ? surrogateNote(r.surrogate.name, surrogateBeyondTraining(r), system) : null;
}

/**
 * A Sobol result's sentence as the page and the report say it: the indices in words, then which
 * model gave the values in the unit system's units (the stored summary says it in SI).
 */
export function sobolSentence(r: ResolvedAnalysis, out: SobolOutput, system: UnitSystem = 'SI'): string {
  const note = analysisModelNote(r, system);
  const said = describeSobol(out.indices, labels(r));
  return note ? `${said} ${note}` : said;
}

/** The `surrogate` field of an output: the name of the Learn model used, when one was. */
const surrogateOf = (r: ResolvedAnalysis): { surrogate?: string } => (r.surrogate ? { surrogate: r.surrogate.name } : {});

const fmt = (v: number) => {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toPrecision(3) : String(Number(v.toPrecision(a >= 100 ? 5 : 3)));
};

function labels(r: ResolvedAnalysis) {
  const rocket = r.model === 'rocket';
  const surrogate = r.model === 'surrogate';
  const out = (r.output && ROCKET_OUTPUT_INFO[r.output as RocketOutput]) || { label: r.output ?? 'y', unit: '' };
  return {
    input: (name: string) => (rocket || (surrogate && name in SURROGATE_INPUT_ALIASES) ? rocketInputLabel(name) : name),
    output: out.label,
    unit: out.unit ? ` ${out.unit}` : '',
  };
}

// Evaluates all rows, chunk by chunk; the first failure ends the run with the point named.
async function evaluateAll(r: ResolvedAnalysis, rows: number[][], evaluate: EvaluateRows, hooks: AnalysisHooks, total: number, done0 = 0): Promise<Result<number[]>> {
  const chunk = hooks.chunk ?? 512;
  const y: number[] = [];
  const name = labels(r).input;
  for (let s = 0; s < rows.length; s += chunk) {
    if (hooks.cancelled?.()) return cancelled();
    const part = rows.slice(s, s + chunk);
    const res = await evaluate(part);
    for (let k = 0; k < part.length; k++) {
      const v = res[k];
      if (!v.ok) {
        if (v.error.code === 'aborted') return cancelled();
        const at = part[k].map((x, j) => `${name(r.inputs[j].name)} = ${fmt(x)}`).join(', ');
        return err(v.error.code, `the model failed at ${at}: ${v.error.message}`, v.error.field);
      }
      if (!Number.isFinite(v.value)) return err('no-result', `the model gave no number at ${part[k].map(fmt).join(', ')}`, 'output');
      y.push(v.value);
    }
    hooks.onProgress?.(done0 + y.length, total);
  }
  return ok(y);
}

/**
 * Rows [start, end) of the analysis design (rebuilt from the spec and seed) evaluated by `ev`: a
 * failed row is a value (NaN and a listed failure), a cancel ends the chunk. The engine's and a
 * Learn model's analysis jobs share it (workers/analysis-rocket.ts, workers/ml/analysis-surrogate.ts).
 */
export async function evaluateChunk(r: ResolvedAnalysis, start: number, end: number, ev: EvaluateRows): Promise<Result<{ start: number; values: Float64Array; failures: PointFailure[] }, KernelError>> {
  const total = analysisEvaluations(r);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= total && start < end)) {
    return err('bad-input', `chunk must lie within rows 0–${total} (got ${start}–${end})`, 'start');
  }
  const rows = analysisDesign(r).slice(start, end).map((u) => inputValues(r.inputs, u));
  const res = await ev(rows);
  const values = new Float64Array(rows.length).fill(Number.NaN);
  const failures: PointFailure[] = [];
  for (let k = 0; k < rows.length; k++) {
    const v = res[k];
    if (v.ok) values[k] = v.value;
    else if (v.error.code === 'aborted') return v;
    else failures.push({ point: start + k, message: v.error.message });
  }
  return ok({ start, values, failures });
}

/**
 * The unit-cube design of a sampling analysis (sobol, morris, uncertainty), rows in evaluation
 * order; deterministic from the spec and seed, so a job's chunks and its finishing step rebuild
 * the same rows anywhere.
 */
export function analysisDesign(r: ResolvedAnalysis): number[][] {
  const d = r.inputs.length;
  switch (r.method) {
    case 'sobol':
      return saltelliDesign(d, r.samples, r.seed);
    case 'morris':
      return morrisDesign(d, r.trajectories, r.levels, r.seed);
    case 'uncertainty':
      return unitSample(d, r.samples, r.sampling, r.seed);
    case 'bayesopt':
      throw new Error('Bayesian optimisation chooses its points as it goes: it has no design');
  }
}

/** The output of a sampling analysis from the model's values y at analysisDesign(r)'s rows. */
export function finishAnalysis(r: ResolvedAnalysis, y: ArrayLike<number>, u: number[][] = analysisDesign(r)): AnalysisOutput {
  const d = r.inputs.length;
  const names = r.inputs.map((i) => i.name);
  const common = { method: r.method, model: r.model, output: r.output ?? 'y', seed: r.seed, evaluations: y.length, ...surrogateOf(r) };
  const l = labels(r);
  const note = analysisModelNote(r);
  const said = (o: AnalysisOutput): AnalysisOutput => (note ? { ...o, summary: `${o.summary} ${note}` } : o);
  switch (r.method) {
    case 'sobol': {
      const s = sobolIndices(y, d, { seed: r.seed, resamples: r.resamples, confidence: r.confidence });
      const indices = s.map((ix, i) => ({ input: names[i], ...ix }));
      return said({ ...common, indices, confidence: r.confidence, summary: describeSobol(indices, l) });
    }
    case 'morris': {
      // effects per unit of each input's range (the design's unit cube), so that inputs compare
      const e = morrisEffects(u, y, d);
      const rank = morrisRanking(e);
      const effects = e.map((v, i) => ({ input: names[i], ...v, rank: rank.indexOf(i) + 1 }));
      const order = rank.map((i) => effects[i]);
      const summary = `${cap(l.output)} responds most to ${l.input(order[0].input)} (μ* ${fmt(order[0].muStar)}${l.unit} over its range)` +
        (order.length > 1 ? `, then ${order.slice(1, 3).map((o) => `${l.input(o.input)} (μ* ${fmt(o.muStar)})`).join(', ')}.` : '.');
      return said({ ...common, effects, summary });
    }
    case 'uncertainty': {
      const s = summarise(u.map((row) => inputValues(r.inputs, row)), y);
      const drivers = s.drivers.map((v, i) => ({ input: names[i], ...v }));
      const top = drivers.slice().sort((a, b) => b.share - a.share)[0];
      const summary = `${cap(l.output)} is ${fmt(s.mean)} ± ${fmt(s.sd)}${l.unit} (mean ± sd); 90 % of runs fall between ${fmt(s.percentiles['5'])} and ${fmt(s.percentiles['95'])}${l.unit}` +
        (top ? `; the spread comes mostly from ${l.input(top.input)} (rank correlation ${fmt(top.rankCorrelation)}).` : '.');
      return said({ ...common, mean: s.mean, sd: s.sd, percentiles: s.percentiles, histogram: s.histogram, drivers, summary });
    }
    case 'bayesopt':
      throw new Error('Bayesian optimisation is finished by runAnalysis');
  }
}

/** Runs the analysis; the result, or an error value naming what failed. */
export async function runAnalysis(r: ResolvedAnalysis, evaluate: EvaluateRows, hooks: AnalysisHooks = {}): Promise<Result<AnalysisOutput>> {
  const total = analysisEvaluations(r);
  if (r.method !== 'bayesopt') {
    const u = analysisDesign(r);
    const y = await evaluateAll(r, u.map((row) => inputValues(r.inputs, row)), evaluate, hooks, total);
    return y.ok ? ok(finishAnalysis(r, y.value, u)) : y;
  }
  const d = r.inputs.length;
  const names = r.inputs.map((i) => i.name);
  const l = labels(r);
  const sign = r.goal === 'maximize' ? -1 : 1;
  const history: { x: number[]; y: number | null }[] = [];
  let failure: KernelError | null = null;
  const res = await bayesOpt({
    d,
    evaluations: r.evaluations,
    batch: r.batch,
    seed: r.seed,
    cancelled: hooks.cancelled,
    evaluate: async (us) => {
      const xs = us.map((row) => inputValues(r.inputs, row));
      const ys = await evaluate(xs);
      return ys.map((v, k) => {
        if (!v.ok) {
          if (v.error.code === 'aborted') failure = v.error;
          history.push({ x: xs[k], y: null });
          return Number.NaN;
        }
        history.push({ x: xs[k], y: v.value });
        hooks.onProgress?.(history.length, total);
        return sign * v.value;
      });
    },
  });
  if (hooks.cancelled?.() || (failure as KernelError | null)?.code === 'aborted') return cancelled();
  if (!res) return err('no-result', `every one of the ${history.length} evaluations failed`, 'inputs');
  const best = { x: inputValues(r.inputs, res.best.u), y: sign * res.best.y };
  const summary = `The ${r.goal === 'maximize' ? 'highest' : 'lowest'} ${l.output} found is ${fmt(best.y)}${l.unit}, at ` +
    `${best.x.map((v, j) => `${l.input(names[j])} = ${fmt(v)}`).join(', ')}, after ${history.length} evaluations.`;
  const note = analysisModelNote(r);
  return ok({ method: r.method, model: r.model, output: r.output ?? 'y', seed: r.seed, best, goal: r.goal, history, evaluations: history.length, ...surrogateOf(r),
    summary: note ? `${summary} ${note}` : summary });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Vacuum Isp is driven mostly by O/F (S_T 0.71), then chamber pressure (S_T 0.20); nozzle area ratio matters little (S_T 0.01)." */
export function describeSobol(indices: SobolOutput['indices'], l: { input: (n: string) => string; output: string }): string {
  const order = indices.slice().sort((a, b) => b.total - a.total);
  const st = (v: number) => `S_T ${Math.max(0, v).toFixed(2)}`;
  const main = order[0];
  const rest = order.slice(1).filter((o) => o.total >= 0.05);
  const little = order.slice(1).filter((o) => o.total < 0.05);
  let s = `${cap(l.output)} is driven mostly by ${l.input(main.input)} (${st(main.total)})`;
  if (rest.length) s += `, then ${rest.map((o) => `${l.input(o.input)} (${st(o.total)})`).join(', ')}`;
  if (little.length) s += `; ${little.map((o) => l.input(o.input)).join(', ')} matter${little.length === 1 ? 's' : ''} little (${little.map((o) => st(o.total)).join(', ')})`;
  // 1 − ΣS_i is the share of the variance no input explains alone
  const interactions = 1 - order.reduce((a, o) => a + o.first, 0);
  if (interactions > 0.1) s += `; interactions account for about ${Math.round(interactions * 100)} % of the variance`;
  return s + '.';
}
