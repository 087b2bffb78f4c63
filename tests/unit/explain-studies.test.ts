// Explanations of a sweep, a Pareto front and a thrust-chamber design (app/domain/explain-sweep.ts,
// explain-pareto.ts, design/explain.ts), each computed by the engine in node: every figure a claim
// carries equals the number of the result it explains (the stated optimum is the optimum search's
// row, the grid's best is the table's largest Isp, the Pareto ends are the front's extreme points,
// the design's mass flow × Isp is its thrust), the text states it in the user's units, and the
// physics the sentence asserts holds for those numbers. Independent references: the optimum O/F of
// LOX/RP-1 rises with chamber pressure (less dissociation; Sutton & Biblarz, 9th ed., fig. 5-1 and
// the CEA tables behind it); vacuum Isp rises with chamber pressure and with area ratio; ṁ = F/Isp,
// At = ṁ·c*/p0 (Sutton & Biblarz eqs. 2-5, 3-32); the heat flux peaks at the throat (Bartz 1957).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import type { Core } from '../../wasm-core/index.ts';
import { makeEngineApi, type EngineApi } from '../../workers/engine-api.ts';
import { runNsga2 } from '../../workers/optimize-api.ts';
import { runDesign } from '../../workers/design-api.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { RocketProblem, Station } from '../../app/domain/problem.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants } from '../../app/domain/propellants.ts';
import { pointIndices, type SweepSpec } from '../../app/domain/sweep.ts';
import { explainSweep } from '../../app/domain/explain-sweep.ts';
import { runSweepNode, searchOptimaNode } from './support/sweep-node.ts';
import { explainPareto } from '../../app/domain/explain-pareto.ts';
import { explainDesign } from '../../app/domain/design/explain.ts';
import type { Claim } from '../../app/domain/explain.ts';
import type { EvaluatedDesign, OptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { formatSig } from '../../app/domain/number-text.ts';

const G0 = 9.80665;
let core: Core;
let engine: EngineApi;
beforeAll(async () => {
  core = await loadCoreNode();
  engine = makeEngineApi(core, JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument);
});

const lib = (id: string) => BUILT_IN_PROPELLANTS.find((p) => p.id === id)!;
const loxRp1: RocketProblem = {
  problem: 'rocket', reactants: [...propellantReactants(lib('rp1'), 1, 'fuel'), ...propellantReactants(lib('lox'), 1, 'oxidizer')],
  of: 2.5, pc: 7e6, exits: [{ areaRatio: 40 }], pamb: 0, chemistry: 'equilibrium',
};
const byId = <I extends string>(cs: Claim<I>[], id: I) => cs.find((c) => c.id === id);
const finite = (cs: Claim<string>[]) => {
  for (const c of cs) {
    for (const [k, v] of Object.entries(c.figures)) expect(Number.isFinite(v), `${c.id}.${k}`).toBe(true);
    expect(c.text).not.toMatch(/NaN|undefined|—|Infinity/);
  }
};

const runSweep = (spec: SweepSpec) => runSweepNode({ core, engine }, spec);
const searchOptima = (spec: SweepSpec) => searchOptimaNode({ core, engine }, spec);

describe('sweep explanations', () => {
  const spec: SweepSpec = { base: loxRp1, axes: [{ variable: 'of', from: 1.8, to: 3.4, count: 9, spacing: 'linear' }, { variable: 'pc', from: 1e6, to: 2e7, count: 3, spacing: 'log' }] };

  it('the grid’s best point is the table’s largest vacuum Isp; the optimum on each line is the search’s row, and it moves to higher O/F with pressure', async () => {
    const t = runSweep(spec);
    const optima = await searchOptima(spec);
    const claims = explainSweep(t, optima, 'SI');
    if (process.env.SHOW_CLAIMS) for (const c of claims) console.log(`${c.id}: ${c.text}`);
    finite(claims);
    expect(claims.map((c) => c.id)).toEqual(['grid-best', 'grid-why', 'axis-effect', 'optimum-of', 'optimum-shift']);

    const best = byId(claims, 'grid-best')!;
    const isp = [...t.columns.ispVac];
    const k = isp.indexOf(Math.max(...isp));
    expect(best.figures.point).toBe(k + 1);
    expect(best.figures.ispVacBest_m_s).toBe(isp[k]);
    expect(best.figures.of0).toBe(t.axes[0][k]);
    expect(best.figures.pc1).toBe(t.axes[1][k]);
    expect(best.text).toContain(`${formatSig(isp[k] / G0, 4)} s (${formatSig(isp[k], 4)} m/s)`);
    // vacuum Isp rises with pc: the best point is at the top pressure, an edge the text names
    expect(best.figures.pc1).toBe(2e7);
    expect(best.text).toContain('highest chamber pressure');

    // why: the hottest point of the best point's O/F line, from the table
    const why = byId(claims, 'grid-why')!;
    const line = Array.from({ length: 9 }, (_, j) => j + 9 * pointIndices(spec, k)[1]);
    const hot = line.reduce((a, b) => (t.columns.Tc[b] > t.columns.Tc[a] ? b : a));
    expect(why.figures.ofHottest).toBe(t.axes[0][hot]);
    expect(why.figures.TcHottest_K).toBe(t.columns.Tc[hot]);
    expect(why.figures.TcBest_K).toBeLessThanOrEqual(why.figures.TcHottest_K);
    expect(why.text).toContain(why.figures.ofBest < why.figures.ofHottest ? 'fuel-rich' : 'oxidizer-rich');

    // the pressure axis around the best point: its two ends' Isp, the rise stated
    const eff = byId(claims, 'axis-effect')!;
    const ofIdx = pointIndices(spec, k)[0];
    expect(eff.figures.ispFrom_m_s).toBe(t.columns.ispVac[ofIdx]);
    expect(eff.figures.ispTo_m_s).toBe(t.columns.ispVac[ofIdx + 18]);
    expect(eff.figures.change_m_s).toBeGreaterThan(0);
    expect(eff.text).toContain('at chamber pressure 10.00 bar to');
    expect(eff.text).toContain('at 200.0 bar');

    // the optimum of each line is the search's answer, and a maximum of the engine's Isp
    const opt = byId(claims, 'optimum-of')!;
    expect(opt.figures.lines).toBe(3);
    optima.rows.forEach((r, j) => {
      if (!r.result?.ok) throw new Error('search failed');
      expect(opt.figures[`of${j}`]).toBe(r.result.value.of);
      expect(opt.figures[`value${j}`]).toBe(r.result.value.value);
      expect(opt.text).toContain(`O/F ${formatSig(r.result.value.of, 4)}`);
      const at = (of: number) => { const x = engine.solveRocket({ ...spec.base, pc: r.at[0].value, of }); return x.ok ? (x.value.exits[0] as Station).ispVac : NaN; };
      for (const f of [0.97, 1.03]) expect(at(r.result.value.of * f)).toBeLessThan(r.result.value.value);
    });

    // the published trend: the optimum O/F rises with chamber pressure, and the hottest point gets hotter
    const shift = byId(claims, 'optimum-shift')!;
    const ofs = optima.rows.map((r) => (r.result?.ok ? r.result.value.of : NaN));
    expect(shift.figures.ofFrom).toBe(ofs[0]);
    expect(shift.figures.ofTo).toBe(ofs[2]);
    expect(ofs[2]).toBeGreaterThan(ofs[0]);
    expect(shift.text).toContain('rises');
    expect(shift.figures.TcHottestTo_K).toBeGreaterThan(shift.figures.TcHottestFrom_K);
    expect(shift.text).toContain('dissociation');
  }, 60_000);

  it('without searches it names the best grid O/F of each line; in US units the text changes, the figures do not', () => {
    const t = runSweep(spec);
    const si = explainSweep(t, null, 'SI');
    const us = explainSweep(t, null, 'US');
    const opt = byId(si, 'optimum-of')!;
    expect(opt.text).toContain('best grid O/F');
    for (let j = 0; j < 3; j++) {
      const line = Array.from({ length: 9 }, (_, i) => i + 9 * j);
      const b = line.reduce((a, c) => (t.columns.ispVac[c] > t.columns.ispVac[a] ? c : a));
      expect(opt.figures[`of${j}`]).toBe(t.axes[0][b]);
    }
    expect(us.map((c) => c.figures)).toEqual(si.map((c) => c.figures));
    expect(byId(us, 'axis-effect')!.text).toMatch(/ft\/s/);
    expect(byId(us, 'axis-effect')!.text).toContain(`${formatSig(2e7 / 6894.757293168361, 4)} psia`);
  }, 60_000);

  it('a sweep of area ratio alone: vacuum Isp rises with it, the best at the largest, no O/F claims', () => {
    const t = runSweep({ base: loxRp1, axes: [{ variable: 'areaRatio', from: 5, to: 80, count: 4, spacing: 'log' }] });
    const claims = explainSweep(t, null, 'SI');
    finite(claims);
    expect(claims.map((c) => c.id)).toEqual(['grid-best', 'axis-effect']);
    expect(byId(claims, 'grid-best')!.figures.areaRatio0).toBe(80);
    expect(byId(claims, 'axis-effect')!.figures.change_m_s).toBe(t.columns.ispVac[3] - t.columns.ispVac[0]);
    expect(byId(claims, 'axis-effect')!.figures.change_m_s).toBeGreaterThan(0);
  });
});

describe('Pareto front explanations', () => {
  const SPEC = {
    fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
    variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
    objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
    constraints: [{ quantity: 'Tc', max: 3600 }],
    population: 24, generations: 16, seed: 1,
  } as OptimizeSpec;

  it('the ends are the front’s extreme points and the trade is their difference (an NSGA-II run of the engine)', async () => {
    const r = await runNsga2(core, SPEC, { evaluate: (ps) => ps.map((p) => engine.solveRocket(p)) });
    if (!r.ok) throw new Error(r.error.message);
    const front = r.value.pareto as EvaluatedDesign[];
    const claims = explainPareto(SPEC, front, 'SI');
    if (process.env.SHOW_CLAIMS) for (const c of claims) console.log(`${c.id}: ${c.text}`);
    finite(claims);
    const ends = byId(claims, 'front-ends')!;
    const maxIsp = Math.max(...front.map((d) => d.ispVac));
    const maxDens = Math.max(...front.map((d) => d.densityIsp));
    expect(ends.figures.designs).toBe(front.length);
    expect(ends.figures.end0_ispVac).toBe(maxIsp);
    expect(ends.figures.end1_densityIsp).toBe(maxDens);
    expect(front[ends.figures.end0].ispVac).toBe(maxIsp);
    expect(ends.text).toContain(`${formatSig(maxIsp / G0, 4)} s`);
    expect(ends.text).toContain(`${formatSig(maxDens / G0, 4)} kg·s/m³`);
    // the physics of this trade: hydrogen wins Isp, a dense hydrocarbon wins density-Isp
    expect(front[ends.figures.end0].fuel).toBe('H2(L)');
    expect(front[ends.figures.end1].fuel).not.toBe('H2(L)');

    const trade = byId(claims, 'front-trade')!;
    const [a, b] = [front[ends.figures.end0], front[ends.figures.end1]];
    expect(trade.figures.change0).toBeCloseTo(b.ispVac - a.ispVac, 9);
    expect(trade.figures.change1).toBeCloseTo(b.densityIsp - a.densityIsp, 9);
    expect(trade.figures.change0).toBeLessThan(0);
    expect(trade.figures.change1).toBeGreaterThan(0);
    expect(trade.text).toContain(`${formatSig((a.ispVac - b.ispVac) / G0, 4)} s`);

    const inputs = byId(claims, 'front-inputs')!;
    for (const k of ['of', 'pc', 'areaRatio'] as const) {
      expect(inputs.figures[`${k}Min`]).toBe(Math.min(...front.map((d) => d[k])));
      expect(inputs.figures[`${k}Max`]).toBe(Math.max(...front.map((d) => d[k])));
      expect(inputs.figures[`${k}AtEnd0`]).toBe(a[k]);
    }
    const choices = byId(claims, 'front-choices')!;
    expect(Object.entries(choices.figures).filter(([k2]) => k2.startsWith('fuel:')).reduce((s, [, v]) => s + v, 0)).toBe(front.length);
  }, 60_000);

  it('a minimised objective’s end is its least value; an input at a bound all along the front is named pinned', () => {
    const d = (over: Partial<EvaluatedDesign>): EvaluatedDesign => ({
      fuel: 'RP-1', oxidizer: 'O2(L)', of: 2.5, pc: 2e7, areaRatio: 40, ispVac: 3300, ispAmb: 3000, densityIsp: 3.3e6, cstar: 1780, Tc: 3600, costPerImpulse: 1e-4, pe: 1e4, bulkDensity: 1000, ...over,
    });
    // three designs by hand: Isp up, cost up; pc at the top of its range in all
    const front = [d({ ispVac: 3200, costPerImpulse: 1e-4, of: 2.0 }), d({ ispVac: 3300, costPerImpulse: 2e-4, of: 2.5 }), d({ ispVac: 3400, costPerImpulse: 4e-4, of: 3.0 })];
    const spec = { objectives: [{ maximize: 'ispVac' }, { minimize: 'costPerImpulse' }], variables: { of: [1.5, 4], pc: [2e6, 2e7], areaRatio: 40 } } as Pick<OptimizeSpec, 'objectives' | 'variables'>;
    const claims = explainPareto(spec, front, 'SI');
    const ends = byId(claims, 'front-ends')!;
    expect(ends.figures.end0).toBe(2);
    expect(ends.figures.end1).toBe(0);
    expect(ends.text).toContain('lowest propellant cost');
    expect(ends.text).toContain('0.1000 USD/kN·s');
    const trade = byId(claims, 'front-trade')!;
    expect(trade.figures.change0).toBe(-200);
    expect(trade.figures.change1).toBeCloseTo(-3e-4, 12);
    const inputs = byId(claims, 'front-inputs')!;
    expect(inputs.text).toContain('chamber pressure stays at the top of its range (200.0 bar)');
    expect(inputs.text).toContain('O/F goes from 3.000 to 2.000');
    expect(inputs.text).not.toContain('area ratio'); // fixed in the spec
    expect(byId(claims, 'front-choices')).toBeUndefined(); // one fuel, one oxidizer
  });
});

describe('design explanations', () => {
  it('mass flow = F/Isp, At = ṁ·c*/p0 at the given pc, Dt, De and Dc from the area ratios, the heat flux peak is the table’s largest, near the throat', () => {
    const gas = { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 };
    const r = runDesign(null, { gas, thrust: 50000, pamb: 101325, areaRatio: 10, nozzle: { type: 'bell', lengthFraction: 0.8 }, chamber: { contractionRatio: 3, lStar: 1.1 }, wallTemperature: 800, cstarEfficiency: 0.95 });
    if (!r.ok) throw new Error(r.error.message);
    const d = r.value;
    const claims = explainDesign(d, 'SI');
    if (process.env.SHOW_CLAIMS) for (const c of claims) console.log(`${c.id}: ${c.text}`);
    finite(claims);
    const mf = byId(claims, 'mass-flow')!;
    expect(mf.figures.massFlow_kg_s).toBe(d.massFlow);
    expect(Math.abs(mf.figures.massFlow_kg_s * mf.figures.ispDelivered_m_s / 50000 - 1)).toBeLessThan(1e-12);
    expect(mf.text).toContain('50000 N');
    expect(mf.text).toContain(`${formatSig(d.massFlow, 4)} kg/s`);
    expect(mf.text).toContain(`${formatSig(d.ispDelivered / G0, 4)} s`);
    const th = byId(claims, 'throat')!;
    // the sizing's p0 is the given chamber pressure (infinite-area chamber): 70 bar
    expect(th.figures.p0_Pa).toBeCloseTo(7e6, 3);
    expect(th.text).toContain('70.00 bar');
    // hand: c* = 1774.5 m/s (ideal gas, see design.test.ts); At = ṁ·0.95·c*/pc
    expect(th.figures.cstar_m_s).toBeCloseTo(1774.5, 0);
    expect(th.figures.throatArea_m2).toBeCloseTo((d.massFlow * 0.95 * 1774.5) / 7e6, 6);
    expect(th.text).toContain(`${formatSig(d.throatDiameter * 1000, 4)} mm`);
    expect(th.text).toContain('95.0 %');
    const ec = byId(claims, 'exit-chamber')!;
    expect(ec.figures.exitDiameter_m).toBeCloseTo(d.throatDiameter * Math.sqrt(10), 6);
    expect(ec.figures.chamberDiameter_m).toBeCloseTo(d.throatDiameter * Math.sqrt(3), 9);
    const hf = byId(claims, 'heat-flux')!;
    expect(hf.figures.qMax_W_m2).toBe(d.maxHeatFlux);
    expect(hf.figures.qMax_W_m2).toBe(Math.max(...d.heatFlux.map((x) => x.q)));
    // Bartz peaks at (or just upstream of) the throat: within one throat diameter of it
    expect(Math.abs(hf.figures.xPeak_m)).toBeLessThan(d.throatDiameter);
    expect(hf.figures.qMax_W_m2).toBeGreaterThan(hf.figures.qChamber_W_m2);
    expect(hf.figures.qMax_W_m2).toBeGreaterThan(hf.figures.qExit_W_m2);
    expect(hf.text).toContain(`${formatSig(d.maxHeatFlux / 1e6, 4)} MW/m²`);
    const us = explainDesign(d, 'US');
    expect(byId(us, 'mass-flow')!.text).toContain(`${formatSig(d.massFlow / 0.45359237, 4)} lbm/s`);
    expect(byId(us, 'throat')!.text).toContain(`${formatSig(d.throatDiameter / 0.0254, 4)} in`);
  });
});

describe('explanations of degenerate results say nothing false and never NaN', () => {
  it('a sweep whose points all failed, a one-point sweep, a front of one design, a three-objective front', () => {
    const spec: SweepSpec = { base: loxRp1, axes: [{ variable: 'of', from: 2, to: 3, count: 3, spacing: 'linear' }] };
    const nan = () => new Float64Array(3).fill(NaN);
    const cols = { ispVac: nan(), isp: nan(), ispAmb: nan(), cstar: nan(), cf: nan(), Tc: nan(), gammaS: nan(), M: nan(), pe: nan(), Te: nan(), areaRatio: nan() };
    expect(explainSweep({ spec, axes: [Float64Array.of(2, 2.5, 3)], columns: cols }, null)).toEqual([]);
    const one = runSweep({ base: loxRp1, axes: [{ variable: 'pc', from: 7e6, to: 7e6, count: 1, spacing: 'linear' }] });
    const c1 = explainSweep(one, null);
    expect(c1.map((c) => c.id)).toEqual(['grid-best']);
    expect(c1[0].text).toContain('inside the grid');
    finite(c1);

    const d = (over: Partial<EvaluatedDesign>): EvaluatedDesign => ({
      fuel: 'RP-1', oxidizer: 'O2(L)', of: 2.5, pc: 1e7, areaRatio: 40, ispVac: 3300, ispAmb: 3000, densityIsp: 3.3e6, cstar: 1780, Tc: 3600, costPerImpulse: 1e-4, pe: 1e4, bulkDensity: 1000, ...over,
    });
    const spec2 = { objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }], variables: { of: [1.5, 4], pc: [2e6, 2e7], areaRatio: [5, 100] } } as Pick<OptimizeSpec, 'objectives' | 'variables'>;
    expect(explainPareto(spec2, [])).toEqual([]);
    const single = explainPareto(spec2, [d({})]);
    expect(single.map((c) => c.id)).toEqual(['front-ends', 'front-inputs']); // no trade between one design and itself
    finite(single);
    // three objectives: one end per objective, each the front's extreme of it; a separated design never wins ambient Isp
    const spec3 = { objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }, { maximize: 'ispAmb' }], variables: spec2.variables } as Pick<OptimizeSpec, 'objectives' | 'variables'>;
    const front = [d({ ispVac: 3400, densityIsp: 3.0e6, ispAmb: 2900 }), d({ ispVac: 3200, densityIsp: 3.5e6, ispAmb: 2800 }), d({ ispVac: 3300, densityIsp: 3.2e6, ispAmb: 3500, separated: true }), d({ ispVac: 3250, densityIsp: 3.1e6, ispAmb: 3100 })];
    const ends = byId(explainPareto(spec3, front), 'front-ends')!;
    expect([ends.figures.end0, ends.figures.end1, ends.figures.end2]).toEqual([0, 1, 3]);
  });
});
