// Explore's explanations (app/domain/explain.ts) for the design's latest result: the claims that need
// nothing more at once, then — after three more engine solves (frozen composition, the Isp peak,
// the hottest O/F of the curve) — the full set. The newest result wins; stale answers are dropped.
// The engine is passed in (Explore passes the app's; node tests a node bridge).
import { createEffect, createSignal, on, untrack } from 'solid-js';
import type { EngineBridge } from '../bridge/engine.ts';
import type { Claim, ExplainInput } from '../domain/explain.ts';
import { latest } from '../domain/latest.ts';
import type { RocketProblem, RocketResult } from '../domain/problem.ts';
import type { UnitSystem } from '../domain/experiment.ts';
import { refinedMax, type ExploreStore } from './explore-store.ts';

/** The explanations' code, loaded with the first result (not before it). */
const explainCode = () => import('../domain/explain.ts');

export function createExplanations(s: ExploreStore, units: () => UnitSystem, engine: EngineBridge) {
  const [claims, setClaims] = createSignal<Claim[]>([]);
  const calls = latest();
  const solve = async (p: RocketProblem): Promise<RocketResult | undefined> => {
    const r = await engine.call('solveRocket', p);
    return r.ok ? { ...r.value, ok: true } : undefined;
  };
  // The chamber-frozen solve of the last design: the pass that follows the optimum asks for the same
  // problem as the pass that followed the result, and gets it without a second solve.
  let frozenMemo: { problem: RocketProblem; result: Promise<RocketResult | undefined> } | null = null;
  const frozenOf = (problem: RocketProblem): Promise<RocketResult | undefined> => {
    if (frozenMemo?.problem !== problem) frozenMemo = { problem, result: solve({ ...problem, chemistry: 'frozen', freezeAt: 'chamber' }) };
    return frozenMemo.result;
  };
  // The curve is read, not tracked: the optimum comes after it, so each edit explains at most three times.
  createEffect(on([s.solved, s.optimum, units], async ([solved, opt, system]) => {
    const curve = untrack(s.curve);
    const current = calls.next();
    if (!solved) return setClaims([]);
    const { problem } = solved;
    const input: ExplainInput = { problem, result: { ...solved.solution, ok: true }, system, densities: s.densitiesOf(problem.reactants) };
    if (opt?.quantity === 'densityIsp') input.densityOptimum = opt;
    const { explainResult } = await explainCode();
    if (!current()) return;
    setClaims(explainResult(input));
    if (!problem.combustor && problem.chemistry !== 'frozen') input.frozen = await frozenOf(problem);
    if (opt?.quantity === 'ispVac') {
      input.optimum = { ...opt, quantity: 'ispVac', result: await solve({ ...problem, of: opt.of }) };
      const hot = refinedMax(curve.map((c) => ({ x: c.of, y: c.Tc })));
      const hotResult = hot ? await solve({ ...problem, of: hot.x }) : undefined;
      if (hot && hotResult) input.hottest = { of: hot.x, result: hotResult };
    }
    if (current()) setClaims(explainResult(input));
  }));
  return claims;
}
