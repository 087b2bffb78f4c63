// What the explanations of a design need beyond its own result (app/domain/explain.ts): the same
// problem with frozen composition, the O/F of maximum vacuum Isp (Brent search) with the engine's
// answer there, the O/F of the hottest chamber, and the density-Isp optimum. For the command line's
// report; the app's Explore gathers the same from its worker (app/state/explain-store.ts).
import type { RocketProblem, RocketResult } from '../app/domain/problem.ts';
import type { ExplainInput } from '../app/domain/explain.ts';
import type { UnitSystem } from '../app/domain/experiment.ts';
import type { KernelError, Result } from '../app/domain/result.ts';
import type { OptimizeKernels } from '../wasm-core/optimize.ts';
import { findOptimumOfProblem } from './optimize-api.ts';

type Solve = (p: RocketProblem) => Result<RocketResult, KernelError>;

/** The explanation input of a solved design; searches O/F over a factor 2.2 either side of the design's. */
export async function gatherExplainInput(problem: RocketProblem, result: RocketResult, solve: Solve, k: OptimizeKernels, densities: number[] | null, system: UnitSystem = 'SI'): Promise<ExplainInput> {
  const input: ExplainInput = { problem, result, system, densities };
  const answer = (p: RocketProblem) => {
    const r = solve(p);
    return r.ok ? r.value : undefined;
  };
  if (!problem.combustor && problem.chemistry !== 'frozen') input.frozen = answer({ ...problem, chemistry: 'frozen', freezeAt: 'chamber' });
  if (problem.of === undefined || !problem.reactants.some((r) => r.role)) return input;
  const range: [number, number] = [problem.of / 2.2, problem.of * 2.2];
  const o = await findOptimumOfProblem(k, { problem, of: range }, solve);
  if (o.ok) input.optimum = { of: o.value.of, value: o.value.value, quantity: 'ispVac', result: answer({ ...problem, of: o.value.of }) };
  let hot = { of: NaN, T: -Infinity };
  await k.maximize1d((of) => {
    const r = solve({ ...problem, of });
    const T = r.ok ? r.value.chamber.T : Number.NaN;
    if (T > hot.T) hot = { of, T };
    return T;
  }, range[0], range[1], { relTol: 1e-4, scanPoints: 9 });
  const hotResult = Number.isFinite(hot.of) ? answer({ ...problem, of: hot.of }) : undefined;
  if (hotResult) input.hottest = { of: hot.of, result: hotResult };
  if (densities) {
    const d = await findOptimumOfProblem(k, { problem, of: range, quantity: 'densityIsp', densities }, solve);
    if (d.ok) input.densityOptimum = { of: d.value.of, value: d.value.value, quantity: 'densityIsp' };
  }
  return input;
}
