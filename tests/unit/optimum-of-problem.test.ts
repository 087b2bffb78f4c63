// The O/F search over any rocket problem (Explore's optimum): agrees with a dense sweep of the
// engine, handles blends and pressure-ratio exits, and names bad input.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi, type EngineApi } from '../../workers/engine-api.ts';
import { findOptimumOfProblem } from '../../workers/optimize-api.ts';
import { optimizeKernels, type OptimizeKernels } from '../../wasm-core/optimize.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';

let engine: EngineApi;
let k: OptimizeKernels;
beforeAll(async () => {
  const core = await loadCoreNode();
  engine = makeEngineApi(core, JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument);
  k = optimizeKernels(core);
});

const a50: RocketProblem = {
  problem: 'rocket',
  reactants: [
    { name: 'N2H4(L)', role: 'fuel', massFraction: 0.5, T: 298.15 },
    { name: 'C2H8N2(L),UDMH', role: 'fuel', massFraction: 0.5, T: 298.15 },
    { name: 'N2O4(L)', role: 'oxidizer', massFraction: 1, T: 298.15 },
  ],
  of: 2, pc: 2.07e6, exits: [{ pcOverPe: 2.07e6 / 101325 }],
};

function denseMax(p: RocketProblem, lo: number, hi: number, n: number) {
  let best = { of: NaN, v: -Infinity };
  for (let i = 0; i <= n; i++) {
    const of = lo + ((hi - lo) * i) / n;
    const r = engine.solveRocket({ ...p, of });
    const e = r.ok ? r.value.exits[0] : undefined;
    if (e && !('ok' in e) && e.ispVac > best.v) best = { of, v: e.ispVac };
  }
  return best;
}

describe('optimum O/F of a problem', () => {
  it('agrees with a dense sweep for Aerozine-50 / N2O4 with a sea-level exit', async () => {
    const r = await findOptimumOfProblem(k, { problem: a50, of: [1, 3.5] }, (p) => engine.solveRocket(p));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const dense = denseMax(a50, 1, 3.5, 250); // step 0.01
    expect(Math.abs(r.value.of - dense.of)).toBeLessThanOrEqual(0.01);
    expect(r.value.value).toBeGreaterThanOrEqual(dense.v - 1e-6 * dense.v);
  });

  it('names the bad field', async () => {
    const bad = await findOptimumOfProblem(k, { problem: a50, of: [3, 1] }, (p) => engine.solveRocket(p));
    expect(bad.ok || bad.error.field).toBe('of');
    const mono = await findOptimumOfProblem(k, { problem: { problem: 'rocket', reactants: [{ name: 'N2H4(L)', massFraction: 1, T: 298.15 }], pc: 1e6 }, of: [1, 2] }, (p) => engine.solveRocket(p));
    expect(mono.ok || mono.error.field).toBe('problem.reactants');
  });
});
