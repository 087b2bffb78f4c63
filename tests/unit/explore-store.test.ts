// Explore's store in node with its engine bridge passed in: the design point's result, the O/F
// curve from ONE warm-started sweep call (checked point by point against cold single solves), the
// optimum (a maximum of the curve), errors naming the field, and "latest call wins".
import { describe, it, expect, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createExploreStore, ofCurveValues, isStation } from '../../app/state/explore-store.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import { logged, nodeEngineBridge } from './support/engine-bridge-node.ts';

const LOX_RP1: RocketProblem = {
  problem: 'rocket',
  reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  of: 2.6, pc: 6.895e6, exits: [{ areaRatio: 40 }], pamb: 101325, chemistry: 'equilibrium',
};

const eng = await nodeEngineBridge();

describe('explore store', () => {
  it('solves the point, then draws the curve with one batch call and searches the optimum', async () => {
    const b = await nodeEngineBridge(eng.engine);
    const s = createRoot(() => createExploreStore({ engine: b.bridge, initial: LOX_RP1, debounceMs: 0 }));
    await vi.waitFor(() => expect(s.optimum()).not.toBeNull(), { timeout: 20_000 });
    expect(b.calls).toEqual(['solveRocket', 'runSweep', 'findOptimumOfProblem']);
    const one = eng.engine.engine.solveRocket(LOX_RP1);
    if (!one.ok) throw new Error(one.error.message);
    expect(s.solution()?.chamber.T).toBeCloseTo(one.value.chamber.T, 6);

    // Every curve point agrees with a cold solve at its O/F (the warm start changes nothing that matters).
    const curve = s.curve();
    expect(curve.map((c) => c.of)).toEqual(ofCurveValues(2.6));
    for (const c of curve) {
      const cold = eng.engine.engine.solveRocket({ ...LOX_RP1, of: c.of });
      if (!cold.ok) throw new Error(cold.error.message);
      const e = cold.value.exits[0];
      if (!isStation(e)) throw new Error('no exit');
      expect(Math.abs(c.ispVac / e.ispVac - 1)).toBeLessThan(1e-5);
      expect(Math.abs(c.isp / e.isp - 1)).toBeLessThan(1e-5);
      expect(Math.abs(c.Tc / cold.value.chamber.T - 1)).toBeLessThan(1e-5);
    }
    // The optimum is a maximum: no sampled point beats it, and it lies inside the sampled range.
    const opt = s.optimum()!;
    expect(opt.quantity).toBe('ispVac');
    expect(Math.max(...curve.map((c) => c.ispVac))).toBeLessThanOrEqual(opt.value * (1 + 1e-9));
    expect(opt.of).toBeGreaterThan(curve[0].of);
    expect(opt.of).toBeLessThan(curve.at(-1)!.of);
  });

  it('a bad input shows the engine error naming the field, with no curve', async () => {
    const b = await nodeEngineBridge(eng.engine);
    const s = createRoot(() => createExploreStore({ engine: b.bridge, initial: { ...LOX_RP1, pc: -5 }, debounceMs: 0 }));
    await vi.waitFor(() => expect(s.error()).not.toBeNull());
    expect(s.error()).toMatchObject({ field: 'pc' });
    expect(s.error()!.message).toContain('-5');
    expect(s.solution()).toBeNull();
    expect(s.curve()).toEqual([]);
    expect(b.calls).toEqual(['solveRocket']);
  });

  it('keeps the newest edit\'s answer when an older one arrives later', async () => {
    const held: Array<() => void> = [];
    const real = await nodeEngineBridge(eng.engine);
    // solveRocket answers wait until released; the rest answer at once from the real engine
    const b = logged((m, input) => (m === 'solveRocket'
      ? new Promise((resolve) => held.push(() => resolve(eng.engine.engine.solveRocket(input))))
      : real.bridge.call(m as 'runSweep', input as never)));
    const s = createRoot(() => createExploreStore({ engine: b.bridge, initial: LOX_RP1, debounceMs: 0 }));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    s.setProblem('pc', 2e7);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[1](); // the newer (pc 20 MPa) answers first
    await vi.waitFor(() => expect(s.solution()).not.toBeNull());
    const newer = s.solution()!.chamber.p;
    held[0](); // the older answer arrives late and is dropped
    await new Promise((r) => setTimeout(r, 20));
    expect(newer).toBeCloseTo(2e7, -2);
    expect(s.solution()!.chamber.p).toBeCloseTo(2e7, -2);
    await vi.waitFor(() => expect(s.curve().length).toBeGreaterThan(0));
    expect(b.calls.filter((m) => m === 'runSweep')).toHaveLength(1);
  });
});
