// Rocket design optimisation over an instantiated wasm core: NSGA-II driven by ask/tell, with the
// designs evaluated through a caller-given `evaluate` (the engine in-process in node and in the
// engine worker, or a worker pool), live progress per generation, and cancellation between
// generations. Also the optimum O/F search (bracketing + Brent). Shared by engine.worker.ts and the
// command line.
import type { Core } from '../wasm-core/index.ts';
import { KernelStatus } from '../wasm-core/index.ts';
import { optimizeKernels, type OptimizeKernels } from '../wasm-core/optimize.ts';
import type { RocketProblem, RocketResult } from '../app/domain/problem.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import {
  constraintCount, constraintValues, decodeDesign, designMetrics, designProblem, minimisedObjectives, objectiveQuantity, resolveOptimizeSpec,
  type DesignMetrics, type EvaluatedDesign, type Objective, type ObjectiveQuantity, type ResolvedSpec, type RocketDesign,
} from '../app/domain/optimize-spec.ts';
import { propellantDensity } from '../app/domain/propellants.ts';
import { checkNumber, formatValue } from '../app/domain/validate.ts';

/** Cancellation flag checked between generations (AbortSignal fits). */
export interface Cancel { readonly aborted: boolean }

/** Engine answers for a batch of problems, in order (may be async: a worker pool). */
export type EvaluateProblems = (problems: RocketProblem[], cancel?: Cancel) => Result<RocketResult, KernelError>[] | Promise<Result<RocketResult, KernelError>[]>;

export interface Nsga2Progress {
  /** Generations done (1 = the initial population evaluated). */
  generation: number;
  generations: number;
  evaluations: number;
  /** The current feasible non-dominated designs, sorted by the first objective. */
  front: EvaluatedDesign[];
  /** Hypervolume of the front against hypervolumeReference (null with more than 3 objectives or before a feasible design). */
  hypervolume: number | null;
}

export interface Nsga2RunResult {
  /** The final feasible non-dominated designs (distinct), sorted by the first objective. */
  pareto: EvaluatedDesign[];
  /**
   * Hypervolume of the final front in the objectives' own SI units (product of their units),
   * against hypervolumeReference: the worst value of each objective among the first generation's
   * feasible designs, so it measures the gain over random designs. Null with more than 3 objectives.
   */
  hypervolume: number | null;
  hypervolumeReference: number[] | null;
  objectives: Objective[];
  evaluations: number;
  /** Evaluations the engine could not solve (counted as infeasible). */
  failedEvaluations: number;
  generations: number;
}

export interface RunNsga2Options {
  evaluate: EvaluateProblems;
  onProgress?: (p: Nsga2Progress) => void;
  cancel?: Cancel;
}

const keyOf = (x: Float64Array, i: number, n: number) => Array.prototype.join.call(x.subarray(i * n, (i + 1) * n), ',');

/** One NSGA-II run, a generation per step (so a worker can report between calls). */
export interface Nsga2Session {
  readonly generations: number;
  readonly done: boolean;
  /** Evaluates one generation (through the session's `evaluate`) and forms the next parents. */
  step(cancel?: Cancel): Promise<Result<Nsga2Progress>>;
  /**
   * The same in two halves, for evaluation elsewhere (a worker pool): the problems of the next
   * generation's designs, then their engine answers in the same order.
   */
  ask(): Result<RocketProblem[]>;
  tell(results: Result<RocketResult, KernelError>[]): Result<Nsga2Progress>;
  /** The run's answer so far (the final one once done). */
  result(): Nsga2RunResult;
}

/** A design's metrics from an engine answer passed in (a worker's reply): a malformed one is a failed evaluation, never a crash. */
function metricsOf(r: ResolvedSpec, d: RocketDesign, answer: unknown): Result<DesignMetrics> {
  const a = answer as Result<RocketResult, KernelError> | undefined;
  if (!a || typeof a !== 'object' || typeof a.ok !== 'boolean') return err('no-result', `no engine answer for this design (got ${formatValue(answer)})`);
  if (a.ok && !(Array.isArray(a.value?.exits) && a.value.chamber && typeof a.value.chamber.T === 'number')) return err('no-result', 'the engine answer has no chamber or exits');
  return designMetrics(r, d, a);
}

// The spec field behind an engine failure of a design (the problem's own field names).
function specFieldOf(field: string | undefined): string {
  if (field === 'pc' || field === 'of') return `variables.${field}`;
  if (field?.startsWith('exits[0]')) return 'variables.areaRatio';
  if (field === 'pamb') return 'pamb';
  if (field === 'chemistry' || field === 'freezeAt') return 'chemistry';
  return 'variables';
}

/** A run that solved no design at all has no answer: an error saying why (the first failure). */
function allFailed(evaluations: number, first: KernelError): Result<never> {
  const where = first.field ? ` (at ${first.field})` : '';
  return err('all-failed', `the engine solved none of the ${evaluations} designs evaluated, so there is no Pareto set; the first failure: ${first.message}${where}`, specFieldOf(first.field));
}

/** Validates the spec and starts NSGA-II on it (spec format in app/domain/optimize-spec.ts). */
export function startNsga2(core: Core | OptimizeKernels, rawSpec: unknown, evaluate: EvaluateProblems): Result<Nsga2Session> {
  const k = 'nsga2' in core ? core : optimizeKernels(core);
  const rs = resolveOptimizeSpec(rawSpec);
  if (!rs.ok) return rs;
  const r = rs.value;
  const spec = r.spec;
  const nVar = r.variables.length;
  if (nVar === 0) return err('bad-input', 'nothing varies: give a range for of, pc, areaRatio or more than one fuel/oxidizer', 'variables');
  const nObj = spec.objectives.length;
  const nCon = constraintCount(r);
  const st = k.nsga2.init({
    variables: r.variables.map((v) => ({ lower: v.lower, upper: v.upper, kind: v.kind })),
    nObjectives: nObj,
    nConstraints: nCon,
    population: spec.population,
    archiveCapacity: 0,
    seed: spec.seed,
  });
  if (st !== KernelStatus.OK) return err('bad-input', 'the optimiser rejected the variables or settings', 'variables');

  const N = spec.population;
  let gen = 0;
  let evaluations = 0;
  let failed = 0;
  let firstFailure: KernelError | null = null;
  let reference: number[] | null = null; // minimised form
  // Metrics of the current parents, by decision vector.
  let known = new Map<string, EvaluatedDesign | null>();
  let front: EvaluatedDesign[] = [];
  let hv: number | null = null;
  const q0 = objectiveQuantity(spec.objectives[0]);
  const aborted = () => err('aborted', `cancelled after ${gen} of ${spec.generations} generations`);

  let asked: { x: Float64Array; designs: RocketDesign[] } | null = null;

  function ask(): Result<RocketProblem[]> {
    if (gen >= spec.generations) return err('bad-input', 'the run has finished');
    if (!asked) {
      const x = Float64Array.from(k.nsga2.ask());
      asked = { x, designs: Array.from({ length: N }, (_, i) => decodeDesign(r, x, i * nVar)) };
    }
    return ok(asked.designs.map((d) => designProblem(r, d)));
  }

  function tell(results: Result<RocketResult, KernelError>[]): Result<Nsga2Progress> {
    if (!asked) return err('bad-input', 'nothing was asked: call ask first', 'results');
    if (!Array.isArray(results) || results.length !== N) return err('bad-input', `results must hold ${N} engine answers (got ${Array.isArray(results) ? results.length : formatValue(results)})`, 'results');
    const { x, designs } = asked;
    asked = null;
    const f = new Float64Array(N * nObj);
    const g = new Float64Array(Math.max(1, N * nCon));
    const offspring = new Map<string, EvaluatedDesign | null>();
    for (let i = 0; i < N; i++) {
      const m = metricsOf(r, designs[i], results[i]);
      if (!m.ok) {
        failed++;
        firstFailure ??= m.error;
      }
      const metrics = m.ok ? m.value : null;
      f.set(minimisedObjectives(r, metrics), i * nObj);
      if (nCon) g.set(constraintValues(r, metrics), i * nCon);
      offspring.set(keyOf(x, i, nVar), metrics && { ...designs[i], ...metrics });
    }
    evaluations += N;
    k.nsga2.tell(f, nCon ? g : undefined);
    gen++;
    if (gen >= spec.generations && failed === evaluations && firstFailure) return allFailed(evaluations, firstFailure);

    const pop = k.nsga2.population();
    const next = new Map<string, EvaluatedDesign | null>();
    const seen = new Set<string>();
    front = [];
    for (let i = 0; i < N; i++) {
      const key = keyOf(pop.x, i, nVar);
      const d = offspring.get(key) ?? known.get(key) ?? null;
      next.set(key, d);
      if (pop.rank[i] === 0 && pop.cv[i] === 0 && d && !seen.has(key)) {
        seen.add(key);
        front.push(d);
      }
    }
    known = next;
    front.sort((a, b) => r.sense[0] * (a[q0] - b[q0]));
    if (!reference && front.length && nObj <= 3) reference = nadir(r, [...offspring.values()]);
    hv = reference ? frontHypervolume(k, r, front, reference) : null;
    return ok({ generation: gen, generations: spec.generations, evaluations, front, hypervolume: hv });
  }

  async function step(cancel?: Cancel): Promise<Result<Nsga2Progress>> {
    if (cancel?.aborted) return aborted();
    const problems = ask();
    if (!problems.ok) return problems;
    const results = await evaluate(problems.value, cancel);
    if (cancel?.aborted) return aborted();
    return tell(results);
  }

  return ok({
    generations: spec.generations,
    get done() {
      return gen >= spec.generations;
    },
    step,
    ask,
    tell,
    result: () => ({
      pareto: front,
      hypervolume: hv,
      hypervolumeReference: reference && reference.map((v, i) => r.sense[i] * v),
      objectives: spec.objectives,
      evaluations,
      failedEvaluations: failed,
      generations: gen,
    }),
  });
}

/** NSGA-II over a rocket design spec, all generations, with progress after each. */
export async function runNsga2(core: Core | OptimizeKernels, rawSpec: unknown, opts: RunNsga2Options): Promise<Result<Nsga2RunResult>> {
  const s = startNsga2(core, rawSpec, opts.evaluate);
  if (!s.ok) return s;
  const session = s.value;
  while (!session.done) {
    const p = await session.step(opts.cancel);
    if (!p.ok) return p;
    opts.onProgress?.(p.value);
  }
  return ok(session.result());
}

// Worst value of each objective (minimised form) among the feasible designs given.
function nadir(r: ResolvedSpec, designs: (EvaluatedDesign | null)[]): number[] {
  const ref = r.spec.objectives.map(() => -Infinity);
  for (const d of designs) {
    if (!d || constraintValues(r, d).some((v) => v > 0)) continue;
    minimisedObjectives(r, d).forEach((v, i) => {
      ref[i] = Math.max(ref[i], v);
    });
  }
  return ref;
}

function frontHypervolume(k: OptimizeKernels, r: ResolvedSpec, front: EvaluatedDesign[], ref: number[]): number {
  const m = ref.length;
  if (m === 1) return Math.max(0, ...front.map((d) => ref[0] - minimisedObjectives(r, d)[0]));
  return k.hypervolume(front.flatMap((d) => minimisedObjectives(r, d)), m, ref);
}

/** The single-design engine call for the optimum search. */
export type EvaluateProblem = (problem: RocketProblem) => Result<RocketResult, KernelError> | Promise<Result<RocketResult, KernelError>>;

export interface OptimumOfInput {
  /** Propellant names as in the optimisation spec (thermo species, library id or name). */
  fuel: string;
  oxidizer: string;
  /** O/F range to search, [lower, upper]. */
  of: [number, number];
  /** Chamber pressure, Pa. */
  pc: number;
  areaRatio: number;
  pamb?: number;
  chemistry?: 'equilibrium' | 'frozen';
  /** What to optimise (default {maximize: "ispVac"}). */
  objective?: Objective;
  /** Relative tolerance on O/F (default 1e-4). */
  relTol?: number;
}

export interface OptimumOfResult {
  of: number;
  design: EvaluatedDesign;
  evaluations: number;
}

/** The O/F that maximises (or minimises) one quantity at fixed pc and area ratio, to relTol in O/F. */
export async function findOptimumOf(core: Core | OptimizeKernels, input: OptimumOfInput, evaluate: EvaluateProblem): Promise<Result<OptimumOfResult>> {
  const k = 'nsga2' in core ? core : optimizeKernels(core);
  const objective = input?.objective ?? { maximize: 'ispVac' as ObjectiveQuantity };
  const rs = resolveOptimizeSpec({
    fuels: [input?.fuel], oxidizers: [input?.oxidizer], variables: { of: input?.of, pc: input?.pc, areaRatio: input?.areaRatio },
    objectives: [objective], pamb: input?.pamb, chemistry: input?.chemistry, population: 4, generations: 1, seed: 0,
  });
  if (!rs.ok) {
    const field = rs.error.field?.replace(/^fuels\[0\]/, 'fuel').replace(/^oxidizers\[0\]/, 'oxidizer').replace(/^variables\./, '').replace(/^objectives\[0\]/, 'objective');
    return { ok: false, error: { ...rs.error, field } };
  }
  const r = rs.value;
  if (r.variables.length !== 1 || r.variables[0].name !== 'of') return err('bad-input', 'of must be a range [lower, upper] with lower < upper', 'of');
  const relTol = input.relTol ?? 1e-4;
  if (!(relTol > 0 && relTol < 0.1)) return err('bad-input', `relTol must be in (0, 0.1) (got ${relTol})`, 'relTol');
  let best: EvaluatedDesign | null = null;
  const res = await k.maximize1d(async (of) => {
    const d = decodeDesign(r, [of]);
    const m = designMetrics(r, d, await evaluate(designProblem(r, d)));
    if (!m.ok) return Number.NaN;
    const score = -minimisedObjectives(r, m.value)[0];
    if (!best || score > -minimisedObjectives(r, best)[0]) best = { ...d, ...m.value };
    return score;
  }, r.variables[0].lower, r.variables[0].upper, { relTol, scanPoints: 9 });
  if (res.status !== KernelStatus.OK || !best) return err('no-convergence', `the engine solved no design for O/F in [${input.of[0]}, ${input.of[1]}]`, 'of');
  const found = best as EvaluatedDesign;
  return ok({ of: found.of, design: found, evaluations: res.evaluations });
}

/** Quantities the O/F search over a problem can maximise: of the first exit, or density-Isp. */
export const OPTIMUM_QUANTITIES = ['ispVac', 'isp', 'ispAmb', 'cstar', 'densityIsp'] as const;
export type OptimumQuantity = (typeof OPTIMUM_QUANTITIES)[number];

/** Search for the O/F that maximises a station quantity of any rocket problem (blends, pe exits…). */
export interface OptimumOfProblemInput {
  problem: RocketProblem;
  /** O/F range to search, [lower, upper]. */
  of: [number, number];
  /**
   * Quantity of the first exit to maximise (default vacuum Isp), or density-Isp: vacuum Isp ×
   * bulk density at the O/F (ideal mixing), N·s/m³, which needs `densities`.
   */
  quantity?: OptimumQuantity;
  /** Density of each reactant in the problem's order, kg/m³ (for densityIsp). */
  densities?: number[];
  /** Relative tolerance on O/F (default 1e-4). */
  relTol?: number;
}

/** The O/F that maximises `quantity` (SI: m/s, or N·s/m³ for densityIsp), to relTol in O/F. */
export async function findOptimumOfProblem(k: OptimizeKernels, input: OptimumOfProblemInput, evaluate: EvaluateProblem): Promise<Result<{ of: number; value: number; evaluations: number }>> {
  const [lo, hi] = Array.isArray(input?.of) ? input.of : [NaN, NaN];
  if (!(lo > 0 && hi > lo)) return err('bad-input', `of must be a range [lower, upper] with 0 < lower < upper (got ${JSON.stringify(input?.of)})`, 'of');
  const reactants = input.problem?.reactants;
  if (!reactants?.some((r) => r.role)) return err('bad-input', 'an O/F search needs fuel and oxidizer roles', 'problem.reactants');
  const quantity = input.quantity ?? 'ispVac';
  if (!OPTIMUM_QUANTITIES.includes(quantity)) return err('bad-input', `quantity must be one of ${OPTIMUM_QUANTITIES.join(', ')} (got ${formatValue(quantity)})`, 'quantity');
  const densities = input.densities;
  if (quantity === 'densityIsp') {
    if (!Array.isArray(densities) || densities.length !== reactants.length) {
      return err('bad-input', `density-Isp needs densities, one per reactant in kg/m³ (got ${Array.isArray(densities) ? `${densities.length} for ${reactants.length} reactants` : formatValue(densities)})`, 'densities');
    }
    for (const [i, d] of densities.entries()) {
      const bad = checkNumber(d, { field: `densities.${i}`, label: `density of ${reactants[i].name}`, unit: 'kg/m³', gt: 0 });
      if (bad) return bad;
    }
  }
  const relTol = input.relTol ?? 1e-4;
  let best = { of: NaN, value: -Infinity };
  const res = await k.maximize1d(async (of) => {
    const p: RocketProblem = { ...input.problem, of, exits: input.problem.exits?.slice(0, 1) };
    delete p.phi;
    const r = await evaluate(p);
    const e = r.ok ? r.value.exits[0] : undefined;
    const v = !e || 'ok' in e ? NaN
      : quantity === 'ispAmb' ? e.ispAmb ?? e.isp
      : quantity === 'densityIsp' ? e.ispVac * propellantDensity(reactants, densities!, of)
      : e[quantity];
    if (v > best.value) best = { of, value: v };
    return v;
  }, lo, hi, { relTol, scanPoints: 9 });
  if (res.status !== KernelStatus.OK || !Number.isFinite(best.value)) return err('no-convergence', `the engine solved no design for O/F in [${lo}, ${hi}]`, 'of');
  return ok({ ...best, evaluations: res.evaluations });
}
