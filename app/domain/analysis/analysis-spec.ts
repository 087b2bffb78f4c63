// The spec of a sensitivity, uncertainty or Bayesian-optimisation analysis (README "Command line:
// sensitivity"), its validation with messages naming the field, and how unit-cube points become
// input values. The names method, model, coefficients, problem, output, inputs (name, range,
// distribution), samples, evaluations and seed are fixed by issue 15; the rest are optional extras.
import { err, ok, type Result } from '../result.ts';
import { checkNumber, formatValue } from '../validate.ts';
import { DISTRIBUTION_TYPES, quantile, type Distribution } from './distributions.ts';
import { SALTELLI_MAX_INPUTS } from './sobol-indices.ts';
import { testDomain, TEST_FUNCTIONS, type TestFunctionName } from './test-functions.ts';
import { ROCKET_INPUT_INFO, ROCKET_INPUT_NAMES, ROCKET_OUTPUTS, rocketInputKey, rocketProblemMaker, type Efficiencies, type RocketOutput } from './rocket-model.ts';
import { isSurrogateRef, surrogateDoc, surrogatePlan, type SurrogatePlan, type SurrogateRef } from './surrogate-model.ts';
import type { ModelDoc } from '../ml-model.ts';

export const ANALYSIS_METHODS = ['sobol', 'morris', 'uncertainty', 'bayesopt'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];
export const ANALYSIS_MODELS = [...TEST_FUNCTIONS, 'rocket', 'surrogate'] as const;
export type AnalysisModel = TestFunctionName | 'rocket' | 'surrogate';

/** Most model evaluations one analysis may ask for (as many as the optimiser's largest run). */
export const MAX_ANALYSIS_EVALUATIONS = 200_000;

export interface AnalysisInput {
  name: string;
  /** Bounds; a uniform distribution for uncertainty propagation. */
  range?: [number, number];
  distribution?: Distribution;
}

export interface AnalysisSpec {
  method: AnalysisMethod;
  model: AnalysisModel;
  /** The g function's a_i, one per input (each ≥ 0). */
  coefficients?: number[];
  /** The rocket problem of the `solve` format the inputs vary (for a surrogate: the values of its inputs not varied, and its reactants). */
  problem?: Record<string, unknown>;
  /** The rocket output analysed (ROCKET_OUTPUTS), or a surrogate's output column; the test functions have one output. */
  output?: string;
  /** Model "surrogate": a Learn model document (an exported .model.json; the command line also takes its path), or a model saved in this browser. */
  surrogate?: ModelDoc | SurrogateRef | string;
  /** Model "surrogate": values of the model's inputs not varied, by column name (or rocket name). */
  fixed?: Record<string, number>;
  inputs?: AnalysisInput[];
  /** Base points N of a Sobol analysis (N(d + 2) evaluations) or runs of uncertainty propagation. */
  samples?: number;
  /** Morris trajectories r (r(d + 1) evaluations) and grid levels p. */
  trajectories?: number;
  levels?: number;
  /** Evaluations of Bayesian optimisation, the initial design included; `batch` points per round. */
  evaluations?: number;
  batch?: number;
  /** Sampling of uncertainty propagation. */
  sampling?: 'sobol' | 'lhs';
  /** Bayesian optimisation's sense (default: minimise the test functions, maximise rocket outputs). */
  goal?: 'minimize' | 'maximize';
  /** Bootstrap resamples and confidence of the Sobol indices' intervals. */
  resamples?: number;
  confidence?: number;
  seed?: number;
  /** Fixed efficiencies of the rocket (delivered outputs, rocket-model.ts), in (0, 1]; 1 when absent. */
  efficiencies?: { cstar?: number; cf?: number };
  /** The Analyze page's "fixed at" values of varied efficiencies ({"eta:cstar": 0.95}): kept for its form, not used by the analysis. */
  nominal?: Record<string, number>;
}

/** A spec checked and completed with its defaults. */
export interface ResolvedAnalysis {
  method: AnalysisMethod;
  model: AnalysisModel;
  coefficients: number[];
  problem: Record<string, unknown> | null;
  /** A RocketOutput for the rocket; an output column (or its rocket name) for a surrogate; null for the test functions. */
  output: string | null;
  inputs: AnalysisInput[];
  /** Model "surrogate": the model document (then `plan` is set), or a reference to a saved one, resolved by the job. */
  surrogate: ModelDoc | SurrogateRef | null;
  fixed: Record<string, number>;
  plan: SurrogatePlan | null;
  samples: number;
  trajectories: number;
  levels: number;
  evaluations: number;
  batch: number;
  sampling: 'sobol' | 'lhs';
  goal: 'minimize' | 'maximize';
  resamples: number;
  confidence: number;
  seed: number;
  /** Fixed efficiencies (1 when not given); an efficiency among the inputs varies instead. */
  efficiencies: Efficiencies;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(', ');

function checkWhole(v: unknown, field: string, label: string, lo: number, hi: number): ReturnType<typeof err> | null {
  const e = checkNumber(v, { field, label, ge: lo, le: hi });
  if (e) return e;
  if (!Number.isInteger(v)) return err('bad-input', `${label} must be a whole number (got ${v})`, field);
  return null;
}

function checkDistribution(v: unknown, field: string, name: string): Result<Distribution> {
  if (!isRecord(v) || !(DISTRIBUTION_TYPES as readonly unknown[]).includes(v.type)) {
    return err('bad-input', `${field}.type must be one of ${list(DISTRIBUTION_TYPES)} (got ${formatValue(isRecord(v) ? v.type : v)})`, `${field}.type`);
  }
  const keys = v.type === 'normal' ? ['mean', 'sd'] : v.type === 'uniform' ? ['min', 'max'] : ['min', 'mode', 'max'];
  for (const k of keys) {
    const e = checkNumber(v[k], { field: `${field}.${k}`, label: `${name}: ${v.type} ${k}` });
    if (e) return e;
  }
  const n = v as Record<string, number>;
  if (v.type === 'normal' && !(n.sd > 0)) return err('bad-input', `${name}: normal sd must be > 0 (got ${n.sd})`, `${field}.sd`);
  if (v.type !== 'normal' && !(n.min < n.max)) return err('bad-input', `${name}: ${v.type} min must be below max (got ${n.min} to ${n.max})`, `${field}.max`);
  if (v.type === 'triangular' && !(n.mode >= n.min && n.mode <= n.max)) {
    return err('bad-input', `${name}: triangular mode must lie between min and max (got ${n.mode} outside ${n.min} to ${n.max})`, `${field}.mode`);
  }
  return ok(v as unknown as Distribution);
}

/** Validates an analysis spec and fills its defaults; errors name the field and the value. */
export function resolveAnalysisSpec(raw: unknown): Result<ResolvedAnalysis> {
  if (!isRecord(raw)) return err('bad-input', `the spec must be a JSON object (got ${formatValue(raw)})`);
  const method = raw.method;
  if (!(ANALYSIS_METHODS as readonly unknown[]).includes(method)) return err('bad-input', `method must be one of ${list(ANALYSIS_METHODS)} (got ${formatValue(method)})`, 'method');
  const model = raw.model;
  if (!(ANALYSIS_MODELS as readonly unknown[]).includes(model)) return err('bad-input', `model must be one of ${list(ANALYSIS_MODELS)} (got ${formatValue(model)})`, 'model');
  const m = model as AnalysisModel;
  const meth = method as AnalysisMethod;

  let coefficients: number[] = [];
  if (m === 'g') {
    const c = raw.coefficients;
    if (!Array.isArray(c) || c.length === 0) return err('bad-input', `coefficients must be a non-empty list of the g function's a_i (got ${formatValue(c)})`, 'coefficients');
    if (c.length > SALTELLI_MAX_INPUTS) return err('bad-input', `coefficients: at most ${SALTELLI_MAX_INPUTS} inputs (got ${c.length})`, 'coefficients');
    for (let i = 0; i < c.length; i++) {
      const e = checkNumber(c[i], { field: `coefficients[${i}]`, label: `coefficients[${i}]`, ge: 0 });
      if (e) return e;
    }
    coefficients = c as number[];
  } else if (raw.coefficients !== undefined) {
    return err('bad-input', `coefficients belong to model "g" only (model is ${JSON.stringify(m)})`, 'coefficients');
  }

  let problem: Record<string, unknown> | null = null;
  let output: string | null = null;
  let inputs: AnalysisInput[];
  let surrogate: ModelDoc | SurrogateRef | null = null;
  const fixed: Record<string, number> = {};
  if (m === 'surrogate') {
    if (isSurrogateRef(raw.surrogate)) surrogate = raw.surrogate;
    else if (typeof raw.surrogate === 'string') return err('bad-input', `surrogate: the path ${JSON.stringify(raw.surrogate)} is read by the command line only; give the model document itself`, 'surrogate');
    else if (raw.surrogate === undefined) return err('bad-input', 'surrogate must give the Learn model: its document (an exported .model.json), or on the command line the path of that file', 'surrogate');
    else {
      const d = surrogateDoc(raw.surrogate);
      if (!d.ok) return d;
      surrogate = d.value;
    }
    if (raw.problem !== undefined) {
      if (!isRecord(raw.problem) || raw.problem.problem !== 'rocket') return err('bad-input', `problem must be a rocket problem of the solve format (got ${formatValue(raw.problem)})`, 'problem');
      problem = raw.problem;
    }
    if (raw.output !== undefined && typeof raw.output !== 'string') return err('bad-input', `output must name one of the model's outputs (got ${formatValue(raw.output)})`, 'output');
    output = (raw.output as string | undefined) ?? null;
    if (raw.fixed !== undefined) {
      if (!isRecord(raw.fixed)) return err('bad-input', `fixed must be {"<input>": value, …} (got ${formatValue(raw.fixed)})`, 'fixed');
      for (const [k, v] of Object.entries(raw.fixed)) {
        const e = checkNumber(v, { field: `fixed.${k}`, label: `fixed.${k}` });
        if (e) return e;
        fixed[k] = v as number;
      }
    }
    if (!Array.isArray(raw.inputs) || raw.inputs.length === 0) {
      return err('bad-input', `inputs must be a non-empty list like [{"name":"O/F","range":[2,3]}] (got ${formatValue(raw.inputs)})`, 'inputs');
    }
  } else if (raw.surrogate !== undefined || raw.fixed !== undefined) {
    const k = raw.surrogate !== undefined ? 'surrogate' : 'fixed';
    return err('bad-input', `${k} belongs to model "surrogate" only (model is ${JSON.stringify(m)})`, k);
  } else if (m === 'rocket') {
    if (!isRecord(raw.problem) || raw.problem.problem !== 'rocket') {
      return err('bad-input', `problem must be a rocket problem of the solve format, {"problem":"rocket", "reactants":[…], …} (got ${formatValue(raw.problem)})`, 'problem');
    }
    problem = raw.problem;
    if (!(ROCKET_OUTPUTS as readonly unknown[]).includes(raw.output)) {
      return err('bad-input', `output must be one of ${list(ROCKET_OUTPUTS)} (got ${formatValue(raw.output)})`, 'output');
    }
    output = raw.output as RocketOutput;
    if (!Array.isArray(raw.inputs) || raw.inputs.length === 0) {
      return err('bad-input', `inputs must be a non-empty list like [{"name":"of","range":[2,3]}] (got ${formatValue(raw.inputs)})`, 'inputs');
    }
  } else {
    if (raw.problem !== undefined) return err('bad-input', `problem belongs to model "rocket" only (model is ${JSON.stringify(m)})`, 'problem');
    if (raw.output !== undefined && raw.output !== 'y') return err('bad-input', `the test function ${m} has one output, "y" (got ${formatValue(raw.output)})`, 'output');
  }

  const domain = m === 'rocket' || m === 'surrogate' ? null : testDomain(m, coefficients);
  const rocket = m === 'rocket';
  const given = raw.inputs;
  if (given === undefined && domain) {
    inputs = domain.map((range, i) => ({ name: `x${i + 1}`, range }));
  } else {
    if (!Array.isArray(given) || given.length === 0) return err('bad-input', `inputs must be a non-empty list (got ${formatValue(given)})`, 'inputs');
    if (domain && given.length !== domain.length) return err('bad-input', `inputs: ${m} has ${domain.length} inputs x1…x${domain.length} (got ${given.length})`, 'inputs');
    if (given.length > SALTELLI_MAX_INPUTS) return err('bad-input', `inputs: at most ${SALTELLI_MAX_INPUTS} (got ${given.length})`, 'inputs');
    inputs = [];
    const seen = new Set<string>();
    for (let i = 0; i < given.length; i++) {
      const f = `inputs[${i}]`;
      const g = given[i];
      if (!isRecord(g) || typeof g.name !== 'string') return err('bad-input', `${f} must be {"name", "range" or "distribution"} (got ${formatValue(g)})`, f);
      const name = g.name;
      if (domain) {
        if (name !== `x${i + 1}`) return err('bad-input', `${f}.name must be "x${i + 1}" for the test function ${m} (got ${formatValue(name)})`, `${f}.name`);
      } else if (rocket) {
        const key = rocketInputKey(name);
        if (!key) return err('bad-input', `${f}.name: unknown rocket input ${formatValue(name)} (use ${ROCKET_INPUT_NAMES.join(', ')})`, `${f}.name`);
        if (name === 'pe' && seen.has('areaRatio') || name === 'areaRatio' && seen.has('pe')) {
          return err('bad-input', `${f}.name: give the nozzle exit by areaRatio or by pe, not both`, `${f}.name`);
        }
      }
      if (seen.has(name)) return err('bad-input', `${f}.name: ${JSON.stringify(name)} is listed twice`, `${f}.name`);
      seen.add(name);
      if ((g.range === undefined) === (g.distribution === undefined)) {
        if (domain && g.range === undefined) {
          inputs.push({ name, range: domain[i] });
          continue;
        }
        return err('bad-input', `${f} needs either a range [lower, upper] or a distribution (got ${g.range === undefined ? 'neither' : 'both'})`, f);
      }
      const input: AnalysisInput = { name };
      if (g.range !== undefined) {
        const r = g.range;
        if (!Array.isArray(r) || r.length !== 2) return err('bad-input', `${f}.range must be [lower, upper] (got ${formatValue(r)})`, `${f}.range`);
        for (const k of [0, 1]) {
          const e = checkNumber(r[k], { field: `${f}.range[${k}]`, label: `${name}: range[${k}]` });
          if (e) return e;
        }
        if (!(r[0] < r[1])) return err('bad-input', `${name}: range lower bound ${r[0]} must be below upper bound ${r[1]}`, `${f}.range`);
        input.range = [r[0], r[1]];
      } else {
        const d = checkDistribution(g.distribution, `${f}.distribution`, name);
        if (!d.ok) return d;
        input.distribution = d.value;
      }
      if (input.distribution?.type === 'normal' && (meth === 'morris' || meth === 'bayesopt')) {
        return err('bad-input', `${name}: ${meth} needs bounds; give a range, or a uniform or triangular distribution (a normal one has none)`, `${f}.distribution`);
      }
      if (rocket) {
        const info = ROCKET_INPUT_INFO[rocketInputKey(name)!];
        const [lo, hi] = inputSpan(input);
        const low = info.ge !== undefined ? lo >= info.ge : lo > info.gt;
        const high = info.lt ? hi < info.le : hi <= info.le;
        if (!low || !high) {
          const from = info.ge !== undefined ? `[${info.ge}` : `(${info.gt}`;
          const to = info.lt ? `${info.le})` : `${info.le}]`;
          return err('bad-input', `${name}: ${info.label} must stay within ${from}, ${to}${info.unit ? ' ' + info.unit : ''} (got ${fmtSpan(input)})`, `${f}.${input.range ? 'range' : 'distribution'}`);
        }
      }
      inputs.push(input);
    }
  }

  if (problem && rocket) {
    // reactants named by T:… and blend:… exist, blend roles have two or more reactants
    const made = rocketProblemMaker(problem, inputs.map((i) => i.name));
    if (!made.ok) return made;
  }

  let plan: SurrogatePlan | null = null;
  if (surrogate && !isSurrogateRef(surrogate)) {
    const p = surrogatePlan(surrogate, inputs.map((i) => ({ name: i.name, span: inputSpan(i) })), output, fixed, problem);
    if (!p.ok) return p;
    plan = p.value;
  }

  const efficiencies: Efficiencies = { cstar: 1, cf: 1 };
  if (raw.efficiencies !== undefined) {
    if (m !== 'rocket') return err('bad-input', `efficiencies belong to model "rocket" only (model is ${JSON.stringify(m)})`, 'efficiencies');
    const e = raw.efficiencies;
    if (!isRecord(e)) return err('bad-input', `efficiencies must be {"cstar", "cf"}, each in (0, 1] (got ${formatValue(e)})`, 'efficiencies');
    for (const k of Object.keys(e)) {
      const field = `efficiencies.${k}`;
      if (k !== 'cstar' && k !== 'cf') return err('bad-input', `${field}: unknown efficiency (use "cstar" or "cf")`, field);
      const bad = checkNumber(e[k], { field, label: field, gt: 0, le: 1 });
      if (bad) return bad;
      if (inputs.some((i) => i.name === `eta:${k}`)) return err('bad-input', `${field}: eta:${k} is also an input; give it fixed or varied, not both`, field);
      efficiencies[k] = e[k] as number;
    }
  }

  if (raw.nominal !== undefined) {
    if (!isRecord(raw.nominal)) return err('bad-input', `nominal must be {"<input>": value, …} (got ${formatValue(raw.nominal)})`, 'nominal');
    for (const [k, v] of Object.entries(raw.nominal)) {
      const e = checkNumber(v, { field: `nominal.${k}`, label: `nominal.${k}` });
      if (e) return e;
    }
  }

  const d = inputs.length;
  const seed = raw.seed ?? 1;
  const eSeed = checkWhole(seed, 'seed', 'seed', 0, Number.MAX_SAFE_INTEGER);
  if (eSeed) return eSeed;
  const samples = raw.samples ?? 1024;
  const eS = checkWhole(samples, 'samples', 'samples', meth === 'sobol' ? 8 : 16, 1 << 20);
  if (eS) return eS;
  const trajectories = raw.trajectories ?? 20;
  const eT = checkWhole(trajectories, 'trajectories', 'trajectories', 2, 10000);
  if (eT) return eT;
  const levels = raw.levels ?? 4;
  const eL = checkWhole(levels, 'levels', 'levels', 2, 100);
  if (eL) return eL;
  if ((levels as number) % 2 !== 0) return err('bad-input', `levels must be even (got ${levels})`, 'levels');
  const evaluations = raw.evaluations ?? 40;
  const eE = checkWhole(evaluations, 'evaluations', 'evaluations', 3, 500);
  if (eE) return eE;
  const batch = raw.batch ?? 1;
  const eB = checkWhole(batch, 'batch', 'batch', 1, 50);
  if (eB) return eB;
  const sampling = raw.sampling ?? 'sobol';
  if (sampling !== 'sobol' && sampling !== 'lhs') return err('bad-input', `sampling must be "sobol" or "lhs" (got ${formatValue(sampling)})`, 'sampling');
  const goal = raw.goal ?? (m === 'rocket' ? 'maximize' : 'minimize');
  if (goal !== 'minimize' && goal !== 'maximize') return err('bad-input', `goal must be "minimize" or "maximize" (got ${formatValue(goal)})`, 'goal');
  const resamples = raw.resamples ?? 500;
  const eR = checkWhole(resamples, 'resamples', 'resamples', 50, 10000);
  if (eR) return eR;
  const confidence = raw.confidence ?? 0.95;
  const eC = checkNumber(confidence, { field: 'confidence', label: 'confidence', gt: 0.5, lt: 1 });
  if (eC) return eC;

  const resolved: ResolvedAnalysis = {
    method: meth, model: m, coefficients, problem, output, inputs, surrogate, fixed, plan,
    samples: samples as number, trajectories: trajectories as number, levels: levels as number,
    evaluations: evaluations as number, batch: batch as number, sampling, goal,
    resamples: resamples as number, confidence: confidence as number, seed: seed as number, efficiencies,
  };
  const cost = analysisEvaluations(resolved);
  const budget = m === 'rocket' ? MAX_ANALYSIS_EVALUATIONS : 5 * MAX_ANALYSIS_EVALUATIONS;
  if (cost > budget) {
    const field = meth === 'morris' ? 'trajectories' : 'samples';
    return err('bad-input', `${meth} with ${d} inputs would take ${cost.toLocaleString('en-US')} model evaluations, over the budget of ${budget.toLocaleString('en-US')}; lower ${field}`, field);
  }
  return ok(resolved);
}

/** Model evaluations an analysis takes. */
export function analysisEvaluations(r: ResolvedAnalysis): number {
  const d = r.inputs.length;
  switch (r.method) {
    case 'sobol':
      return r.samples * (d + 2);
    case 'morris':
      return r.trajectories * (d + 1);
    case 'uncertainty':
      return r.samples;
    case 'bayesopt':
      return r.evaluations;
  }
}

/** The lowest and highest value an input can take (a normal's 1e-10 and 1 − 1e-10 quantiles). */
export function inputSpan(i: AnalysisInput): [number, number] {
  if (i.range) return i.range;
  return [quantile(i.distribution!, 1e-10), quantile(i.distribution!, 1 - 1e-10)];
}

function fmtSpan(i: AnalysisInput): string {
  if (i.range) return `${i.range[0]} to ${i.range[1]}`;
  const [lo, hi] = inputSpan(i);
  return `a ${i.distribution!.type} distribution reaching ${Number(lo.toPrecision(6))} to ${Number(hi.toPrecision(6))}`;
}

/** An input's value at unit-cube coordinate u: across its range, or at probability u of its distribution. */
export function inputValue(i: AnalysisInput, u: number): number {
  if (i.distribution) return quantile(i.distribution, u);
  const [lo, hi] = i.range!;
  return lo + u * (hi - lo);
}

/** A unit-cube row as the inputs' values. */
export const inputValues = (inputs: AnalysisInput[], u: number[]): number[] => u.map((v, j) => inputValue(inputs[j], v));
