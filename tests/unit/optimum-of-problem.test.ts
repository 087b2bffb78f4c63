// The O/F search over any rocket problem (Explore's optimum): agrees with a dense sweep of the
// engine, handles blends and pressure-ratio exits, maximises density-Isp, and names bad input.
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

/** The grid point of largest value of `f(vacuum Isp, O/F)` over n + 1 O/F values from lo to hi. */
function denseMax(p: RocketProblem, lo: number, hi: number, n: number, f = (ispVac: number, _of: number) => ispVac) {
  let best = { of: NaN, v: -Infinity };
  for (let i = 0; i <= n; i++) {
    const of = lo + ((hi - lo) * i) / n;
    const r = engine.solveRocket({ ...p, of });
    const e = r.ok ? r.value.exits[0] : undefined;
    const v = e && !('ok' in e) ? f(e.ispVac, of) : NaN;
    if (v > best.v) best = { of, v };
  }
  return best;
}

// LOX (1141 kg/m³) with RP-1 (810 kg/m³): denser at higher O/F, so density-Isp peaks richer in
// oxidizer than vacuum Isp does.
const loxRp1: RocketProblem = {
  problem: 'rocket',
  reactants: [
    { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 },
    { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 },
  ],
  of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }],
};
const RHO_RP1 = 810;
const RHO_LOX = 1141;
/** Ideal mixing by hand: volumes add. */
const rhoLoxRp1 = (of: number) => 1 / (1 / (1 + of) / RHO_RP1 + of / (1 + of) / RHO_LOX);

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

  it('maximises density-Isp (vacuum Isp × bulk density) as a dense sweep does, at a higher O/F than vacuum Isp', async () => {
    const solve = (p: RocketProblem) => engine.solveRocket(p);
    const r = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'densityIsp', densities: [RHO_RP1, RHO_LOX] }, solve);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const dense = denseMax(loxRp1, 1.5, 4.5, 300, (isp, of) => isp * rhoLoxRp1(of)); // step 0.01
    expect(Math.abs(r.value.of - dense.of)).toBeLessThanOrEqual(0.01);
    expect(r.value.value).toBeGreaterThanOrEqual(dense.v - 1e-6 * dense.v);
    // The value is the engine's vacuum Isp at that O/F times the hand-mixed density (N·s/m³).
    const at = engine.solveRocket({ ...loxRp1, of: r.value.of });
    const e = at.ok ? at.value.exits[0] : undefined;
    expect(e && !('ok' in e) ? e.ispVac * rhoLoxRp1(r.value.of) : NaN).toBeCloseTo(r.value.value, 6);
    const isp = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5] }, solve);
    expect(isp.ok && r.value.of - isp.value.of).toBeGreaterThan(0.1);
  });

  it('density-Isp names a missing or non-positive density and its value', async () => {
    const solve = (p: RocketProblem) => engine.solveRocket(p);
    const missing = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'densityIsp' }, solve);
    expect(missing.ok || [missing.error.field, missing.error.message]).toEqual(['densities', 'density-Isp needs densities, one per reactant in kg/m³ (got undefined)']);
    const short = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'densityIsp', densities: [810] }, solve);
    expect(short.ok || short.error.field).toBe('densities');
    const negative = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'densityIsp', densities: [810, -5] }, solve);
    expect(negative.ok || [negative.error.field, negative.error.message]).toEqual(['densities.1', 'density of O2(L) must be > 0 kg/m³ (got -5)']);
    const zero = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'densityIsp', densities: [0, 1141] }, solve);
    expect(zero.ok || zero.error.field).toBe('densities.0');
    const unknown = await findOptimumOfProblem(k, { problem: loxRp1, of: [1.5, 4.5], quantity: 'Tc' as never }, solve);
    expect(unknown.ok || unknown.error.field).toBe('quantity');
  });
});
