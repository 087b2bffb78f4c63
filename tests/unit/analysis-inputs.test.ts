// Blend fractions and efficiencies as inputs of a rocket analysis (issue 15 item 1). Expected values
// are analytic: with efficiencies only, delivered Isp = η_c*·η_Cf·Isp_ideal is linear in each η, so
// the indices and moments follow from the ideal Isp solved once (for a product of independent
// uniforms X·Y: V = E[X²]E[Y²] − E[X]²E[Y]², V_X = Var X·E[Y]², S_TX = (V − V_Y)/V); blends are
// checked against the engine solved directly at the hand-rescaled composition.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../scripts/sensitivity.ts';
import { resolveAnalysisSpec } from '../../app/domain/analysis/analysis-spec.ts';
import type { SobolOutput, UncertaintyOutput } from '../../app/domain/analysis/run-analysis.ts';
import { rocketInputLabel, rocketOutput, rocketProblemMaker } from '../../app/domain/analysis/rocket-model.ts';
import { rocketEvaluator } from '../../workers/analysis-rocket.ts';
import type { RocketResult } from '../../app/domain/problem.ts';
import { loadNodeEngine, type NodeEngine } from './support/engine-node.ts';

const lox = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const rp1 = { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 };
const problem = { problem: 'rocket', reactants: [rp1, lox], of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }], pamb: 101325 };
// ethanol–water fuel (V-2 style, 75 % ethanol) with LOX; and a three-part fuel for the rescaling rule
const ethanol = { name: 'C2H5OH(L)', role: 'fuel', massFraction: 0.75, T: 298.15 };
const water = { name: 'H2O(L)', role: 'fuel', massFraction: 0.25, T: 298.15 };
const blended = { problem: 'rocket', reactants: [ethanol, water, lox], of: 1.3, pc: 1.5e6, exits: [{ areaRatio: 8 }] };
const mmh = { name: 'CH6N2(L)', role: 'fuel', massFraction: 0.1, T: 298.15 };
const three = { ...blended, reactants: [{ ...ethanol, massFraction: 0.6 }, { ...water, massFraction: 0.3 }, mmh, lox] };

const value = async (spec: unknown) => {
  const r = await analyse(spec);
  if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
  return r.value as Record<string, never>;
};

describe('efficiencies as inputs', () => {
  let e: NodeEngine;
  let ideal: RocketResult;
  beforeAll(async () => {
    e = await loadNodeEngine();
    const r = e.engine.solveRocket(problem as never);
    if (!r.ok) throw new Error(r.error.message);
    ideal = r.value;
  });
  const exit = () => ideal.exits[0] as { ispVac: number; cstar: number; cf: number; T: number; mach: number };

  it('delivered outputs: c* × η_c*, Cf × η_Cf, Isp × η_c*·η_Cf; Tc, Te and Mach unchanged; ideal when absent', () => {
    const eta = { cstar: 0.97, cf: 0.95 };
    const out = (o: Parameters<typeof rocketOutput>[2], h = eta) => {
      const v = rocketOutput(problem, { ok: true, value: ideal }, o, h);
      if (!v.ok) throw new Error(v.error.message);
      return v.value;
    };
    expect(out('cstar')).toBeCloseTo(0.97 * exit().cstar, 9);
    expect(out('cf')).toBeCloseTo(0.95 * exit().cf, 9);
    expect(out('ispVac')).toBeCloseTo(0.97 * 0.95 * exit().ispVac, 9);
    expect(out('Tc')).toBe(ideal.chamber.T);
    expect(out('Te')).toBe(exit().T);
    expect(out('mach')).toBe(exit().mach);
    expect(rocketOutput(problem, { ok: true, value: ideal }, 'ispVac')).toEqual({ ok: true, value: exit().ispVac });
    expect(rocketInputLabel('eta:cstar')).toBe('c* efficiency');
    expect(rocketInputLabel('eta:cf')).toBe('Cf efficiency');
  });

  it('Sobol with only η_c* varying: vacuum Isp is linear in it, so S1 = S_T = 1', async () => {
    const out = await value({ method: 'sobol', model: 'rocket', problem, output: 'ispVac', samples: 256, seed: 3, inputs: [{ name: 'eta:cstar', range: [0.9, 1] }] });
    const [ix] = out.indices as SobolOutput['indices'];
    expect(ix.input).toBe('eta:cstar');
    expect(Math.abs(ix.first - 1)).toBeLessThan(0.02);
    expect(Math.abs(ix.total - 1)).toBeLessThan(0.02);
    expect(out.summary).toMatch(/c\* efficiency/);
  }, 30_000);

  it('uncertainty with η_c* uniform on [0.9, 1]: mean 0.95·Isp, sd 0.1·Isp/√12, percentiles at 0.905, 0.95, 0.995 of Isp', async () => {
    const out = (await value({
      method: 'uncertainty', model: 'rocket', problem, output: 'ispVac', samples: 512, seed: 2,
      inputs: [{ name: 'eta:cstar', distribution: { type: 'uniform', min: 0.9, max: 1 } }],
    })) as unknown as UncertaintyOutput;
    const isp = exit().ispVac;
    expect(Math.abs(out.mean / (0.95 * isp) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(out.sd / ((0.1 * isp) / Math.sqrt(12)) - 1)).toBeLessThan(0.01);
    expect(Math.abs(out.percentiles['5'] - 0.905 * isp)).toBeLessThan(0.002 * isp);
    expect(Math.abs(out.percentiles['50'] - 0.95 * isp)).toBeLessThan(0.002 * isp);
    expect(Math.abs(out.percentiles['95'] - 0.995 * isp)).toBeLessThan(0.002 * isp);
  }, 30_000);

  it('fixed efficiencies (spec "efficiencies") scale an O/F uncertainty run: mean and sd × η_c*·η_Cf exactly', async () => {
    const raw = { method: 'uncertainty', model: 'rocket', problem, output: 'ispVac', samples: 64, seed: 2, inputs: [{ name: 'of', range: [2.4, 2.8] }] };
    const ideal = (await value(raw)) as unknown as UncertaintyOutput;
    const delivered = (await value({ ...raw, efficiencies: { cstar: 0.97, cf: 0.95 } })) as unknown as UncertaintyOutput;
    expect(Math.abs(delivered.mean - 0.97 * 0.95 * ideal.mean)).toBeLessThan(1e-9 * ideal.mean);
    expect(Math.abs(delivered.sd - 0.97 * 0.95 * ideal.sd)).toBeLessThan(1e-9 * ideal.mean);
    // c* takes η_c* only
    const cstar = (await value({ ...raw, output: 'cstar' })) as unknown as UncertaintyOutput;
    const cstarD = (await value({ ...raw, output: 'cstar', efficiencies: { cstar: 0.97, cf: 0.95 } })) as unknown as UncertaintyOutput;
    expect(Math.abs(cstarD.mean - 0.97 * cstar.mean)).toBeLessThan(1e-9 * cstar.mean);
  }, 30_000);

  it('Sobol over η_c* on [0.8, 1] and η_Cf on [0.9, 1]: the analytic indices of a product of uniforms', async () => {
    const out = await value({
      method: 'sobol', model: 'rocket', problem, output: 'ispVac', samples: 2048, seed: 1,
      inputs: [{ name: 'eta:cstar', range: [0.8, 1] }, { name: 'eta:cf', range: [0.9, 1] }],
    });
    const moments = (a: number, b: number) => ({ m: (a + b) / 2, m2: (a * a + a * b + b * b) / 3 });
    const x = moments(0.8, 1);
    const y = moments(0.9, 1);
    const v = x.m2 * y.m2 - x.m ** 2 * y.m ** 2;
    const vx = (x.m2 - x.m ** 2) * y.m ** 2;
    const vy = (y.m2 - y.m ** 2) * x.m ** 2;
    const idx = out.indices as SobolOutput['indices'];
    // S1 = (0.8016, 0.1969), S_T = (0.8031, 0.1984): Isp cancels from the ratios
    expect(Math.abs(idx[0].first - vx / v)).toBeLessThan(0.02);
    expect(Math.abs(idx[1].first - vy / v)).toBeLessThan(0.02);
    expect(Math.abs(idx[0].total - (v - vy) / v)).toBeLessThan(0.02);
    expect(Math.abs(idx[1].total - (v - vx) / v)).toBeLessThan(0.02);
  }, 60_000);
});

describe('blend fractions as inputs', () => {
  let e: NodeEngine;
  beforeAll(async () => {
    e = await loadNodeEngine();
  });
  const direct = (p: unknown) => {
    const r = e.engine.solveRocket(p as never);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value.exits[0] as { ispVac: number }).ispVac;
  };

  it('the rule: the blended reactant takes f, the rest of its role is rescaled proportionally to 1 − f', () => {
    const make = rocketProblemMaker(three, ['blend:C2H5OH(L)', 'of']);
    if (!make.ok) throw new Error(make.error.message);
    const p = make.value([0.8, 1.5]) as typeof three;
    // by hand: water 0.3 and MMH 0.1 share 0.2 as 3 : 1 → 0.15 and 0.05; LOX untouched
    expect(p.reactants.map((r) => r.massFraction)).toEqual([0.8, expect.closeTo(0.15, 15), expect.closeTo(0.05, 15), 1]);
    expect(p.of).toBe(1.5);
    expect(three.reactants[1].massFraction).toBe(0.3); // the base problem is not changed
    expect(rocketInputLabel('blend:C2H5OH(L)')).toBe('mass fraction of C2H5OH(L)');
  });

  it('the evaluator at a blend row gives the engine solved directly at the rescaled composition (within 1e-9)', async () => {
    const spec = resolveAnalysisSpec({ method: 'sobol', model: 'rocket', problem: three, output: 'ispVac', samples: 8, inputs: [{ name: 'blend:C2H5OH(L)', range: [0.5, 0.9] }] });
    if (!spec.ok) throw new Error(spec.error.message);
    const ev = rocketEvaluator(e.engine, spec.value);
    if (!ev.ok) throw new Error(ev.error.message);
    const rows = [[0.8], [0.55]];
    const got = await ev.value(rows);
    const byHand = [
      [0.8, 0.15, 0.05],
      [0.55, 0.3375, 0.1125],
    ];
    byHand.forEach((m, k) => {
      const p = { ...three, reactants: [{ ...ethanol, massFraction: m[0] }, { ...water, massFraction: m[1] }, { ...mmh, massFraction: m[2] }, lox] };
      const v = got[k];
      if (!v.ok) throw new Error(v.error.message);
      expect(Math.abs(v.value - direct(p))).toBeLessThan(1e-9 * v.value);
    });
  }, 30_000);

  it('uncertainty over the ethanol fraction of an ethanol–water fuel: the median is the engine at the median fraction; more water, less Isp', async () => {
    const out = (await value({
      method: 'uncertainty', model: 'rocket', problem: blended, output: 'ispVac', samples: 257, seed: 4,
      inputs: [{ name: 'blend:C2H5OH(L)', distribution: { type: 'triangular', min: 0.7, mode: 0.75, max: 0.8 } }],
    })) as unknown as UncertaintyOutput;
    // Isp rises monotonically with ethanol here, so each output percentile is the engine at the input's
    // (sampled) percentile: the symmetric triangle's median is 0.75 and its 5 % point 0.7 + 0.05·√(2·0.05)
    const at = (f: number) => direct({ ...blended, reactants: [{ ...ethanol, massFraction: f }, { ...water, massFraction: 1 - f }, lox] });
    const span = at(0.8) - at(0.7);
    expect(span).toBeGreaterThan(0);
    expect(Math.abs(out.percentiles['50'] - at(0.75))).toBeLessThan(0.01 * span);
    expect(Math.abs(out.percentiles['5'] - at(0.7 + 0.05 * Math.sqrt(0.1)))).toBeLessThan(0.02 * span);
    expect(out.drivers[0]).toMatchObject({ input: 'blend:C2H5OH(L)' });
    expect(out.drivers[0].rankCorrelation).toBeGreaterThan(0.99);
  }, 60_000);

  it('Sobol over the blend and η_c*: the indices of f = η·g(b) from a quadrature of g over the blend range', async () => {
    const lo = 0.6;
    const hi = 0.9;
    const out = await value({
      method: 'sobol', model: 'rocket', problem: blended, output: 'ispVac', samples: 1024, seed: 5,
      inputs: [{ name: 'blend:C2H5OH(L)', range: [lo, hi] }, { name: 'eta:cstar', range: [0.85, 1] }],
    });
    // E[g], E[g²] by Simpson's rule on 21 points of the engine solved directly
    const n = 20;
    let m = 0;
    let m2 = 0;
    for (let k = 0; k <= n; k++) {
      const f = lo + ((hi - lo) * k) / n;
      const g = direct({ ...blended, reactants: [{ ...ethanol, massFraction: f }, { ...water, massFraction: 1 - f }, lox] });
      const w = (k === 0 || k === n ? 1 : k % 2 ? 4 : 2) / (3 * n);
      m += w * g;
      m2 += w * g * g;
    }
    const eta = { m: 0.925, m2: (0.85 * 0.85 + 0.85 + 1) / 3 };
    const v = m2 * eta.m2 - m * m * eta.m * eta.m;
    const vb = (m2 - m * m) * eta.m * eta.m;
    const ve = (eta.m2 - eta.m * eta.m) * m * m;
    const idx = out.indices as SobolOutput['indices'];
    expect(Math.abs(idx[0].first - vb / v)).toBeLessThan(0.03);
    expect(Math.abs(idx[1].first - ve / v)).toBeLessThan(0.03);
    expect(Math.abs(idx[0].total - (v - ve) / v)).toBeLessThan(0.03);
    expect(Math.abs(idx[1].total - (v - vb) / v)).toBeLessThan(0.03);
  }, 60_000);
});

describe('refusals naming the field and value', () => {
  const spec = (p: unknown, inputs: unknown[]) => ({ method: 'sobol', model: 'rocket', problem: p, output: 'ispVac', samples: 64, inputs });
  const cases: [string, unknown, string, RegExp][] = [
    ['blend of a role with one reactant', spec(problem, [{ name: 'blend:RP-1', range: [0.2, 0.8] }]), 'inputs[0].name', /"RP-1" is the only reactant of its role \(fuel\); a blend fraction needs a role of two or more reactants/],
    ['blend of an unknown reactant', spec(blended, [{ name: 'blend:CH3OH(L)', range: [0.2, 0.8] }]), 'inputs[0].name', /no reactant "CH3OH\(L\)"/],
    ['blend range reaching 1', spec(blended, [{ name: 'blend:C2H5OH(L)', range: [0.5, 1] }]), 'inputs[0].range', /blend:C2H5OH\(L\): blend mass fraction must stay within \(0, 1\) \(got 0.5 to 1\)/],
    ['blend range from 0', spec(blended, [{ name: 'blend:C2H5OH(L)', range: [0, 0.5] }]), 'inputs[0].range', /within \(0, 1\) \(got 0 to 0.5\)/],
    ['blend normal spilling over 1', { ...spec(blended, [{ name: 'blend:C2H5OH(L)', distribution: { type: 'normal', mean: 0.95, sd: 0.05 } }]), method: 'uncertainty' }, 'inputs[0].distribution', /within \(0, 1\) \(got a normal distribution/],
    ['two blends of one role', spec(three, [{ name: 'blend:C2H5OH(L)', range: [0.5, 0.7] }, { name: 'blend:H2O(L)', range: [0.1, 0.2] }]), 'inputs[1].name', /the fuel already varies by blend:C2H5OH\(L\); give one blend input per role/],
    ['blend with the rest at zero', spec({ ...blended, reactants: [{ ...ethanol, massFraction: 1 }, { ...water, massFraction: 0 }, lox] }, [{ name: 'blend:C2H5OH(L)', range: [0.5, 0.7] }]), 'inputs[0].name', /no positive mass fractions to rescale/],
    ['efficiency above 1', spec(problem, [{ name: 'eta:cstar', range: [0.9, 1.05] }]), 'inputs[0].range', /eta:cstar: efficiency must stay within \(0, 1\] \(got 0.9 to 1.05\)/],
    ['efficiency from 0', spec(problem, [{ name: 'eta:cf', range: [0, 1] }]), 'inputs[0].range', /eta:cf: efficiency must stay within \(0, 1\] \(got 0 to 1\)/],
    ['fixed efficiency above 1', { ...spec(problem, [{ name: 'of', range: [2, 3] }]), efficiencies: { cstar: 1.2 } }, 'efficiencies.cstar', /efficiencies.cstar must be ≤ 1 \(got 1.2\)/],
    ['unknown fixed efficiency', { ...spec(problem, [{ name: 'of', range: [2, 3] }]), efficiencies: { isp: 0.9 } }, 'efficiencies.isp', /unknown efficiency \(use "cstar" or "cf"\)/],
    ['efficiency fixed and varied', { ...spec(problem, [{ name: 'eta:cf', range: [0.9, 1] }]), efficiencies: { cf: 0.95 } }, 'efficiencies.cf', /eta:cf is also an input/],
    ['efficiencies of a test function', { method: 'sobol', model: 'ishigami', efficiencies: { cf: 0.95 } }, 'efficiencies', /belong to model "rocket" only/],
    ['unknown efficiency', spec(problem, [{ name: 'eta:isp', range: [0.9, 1] }]), 'inputs[0].name', /unknown rocket input "eta:isp" \(use .*blend:<reactant>, eta:cstar, eta:cf\)/],
  ];
  for (const [what, raw, field, message] of cases) {
    it(`refuses ${what}`, () => {
      const r = resolveAnalysisSpec(raw);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(message);
    });
  }
});
