// Rocket design optimisation: spec validation (errors name the field and value), the design →
// objectives mapping, a small seeded NSGA-II run through the real engine, and the optimum-O/F
// search against a dense sweep.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi, type EngineApi } from '../../workers/engine-api.ts';
import { runNsga2, startNsga2, findOptimumOf, type Nsga2Progress } from '../../workers/optimize-api.ts';
import {
  resolveOptimizeSpec, decodeDesign, designProblem, designMetrics, constraintValues, minimisedObjectives,
} from '../../app/domain/optimize-spec.ts';
import type { Core } from '../../wasm-core/index.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';

const SPEC = {
  fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
  variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  constraints: [{ quantity: 'Tc', max: 3600 }],
  population: 20, generations: 8, seed: 1,
  separation: 'mark', // the large-Ae/At, low-pc corner separates at sea level; kept, marked
};

let core: Core;
let engine: EngineApi;
beforeAll(async () => {
  core = await loadCoreNode();
  const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
  engine = makeEngineApi(core, thermo);
});

describe('optimisation spec validation', () => {
  const bad = (patch: Record<string, unknown>) => resolveOptimizeSpec({ ...SPEC, ...patch });
  it('accepts the issue example and lays out O/F, pc, ε and the fuel choice', () => {
    const r = resolveOptimizeSpec(SPEC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.variables.map((v) => [v.name, v.kind])).toEqual([['of', 'real'], ['pc', 'real'], ['areaRatio', 'real'], ['fuel', 'categorical']]);
    expect(r.value.variables[3].upper).toBe(2);
    expect(r.value.sense).toEqual([-1, -1]);
    expect(r.value.pamb).toBe(101325);
  });
  it('names the field and the value', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ fuels: ['RP-1', 'unobtainium'] }, 'fuels[1]', /unobtainium/],
      [{ oxidizers: [] }, 'oxidizers', /non-empty/],
      [{ variables: { of: [8, 1.5], pc: 7e6, areaRatio: 40 } }, 'variables.of', /8 is above upper bound 1.5/],
      [{ variables: { of: [1, 8], pc: [-5, 7e6], areaRatio: 40 } }, 'variables.pc[0]', /> 0 Pa \(got -5\)/],
      [{ variables: { of: [1, 8], pc: 7e6, areaRatio: 0.5 } }, 'variables.areaRatio', /≥ 1 \(got 0.5\)/],
      [{ variables: { of: [1, 8], pc: 7e6 } }, 'variables.areaRatio', /required/],
      [{ variables: { of: [1, 8], pc: 7e6, areaRatio: 40, thrust: [1, 2] } }, 'variables.thrust', /not a design variable/],
      [{ variables: { of: [1, 8], pc: 7e6, areaRatio: 40, fuelBlend: [0, 1] } }, 'variables.fuelBlend', /exactly two fuels \(got 3\)/],
      [{ objectives: [{ maximize: 'thrust' }] }, 'objectives[0].maximize', /"thrust"/],
      [{ objectives: [{ maximize: 'ispVac', minimize: 'Tc' }] }, 'objectives[0]', /maximize/],
      [{ constraints: [{ quantity: 'Tc' }] }, 'constraints[0]', /min or a max/],
      [{ constraints: [{ quantity: 'Tc', max: 'hot' }] }, 'constraints[0].max', /"hot"/],
      [{ population: 7 }, 'population', /even whole number \(got 7\)/],
      [{ population: 2 }, 'population', /≥ 4 \(got 2\)/],
      [{ generations: 0 }, 'generations', /≥ 1 \(got 0\)/],
      [{ seed: 1.5 }, 'seed', /whole number \(got 1.5\)/],
      [{ pamb: -1 }, 'pamb', /≥ 0 Pa \(got -1\)/],
      [{ costs: { 'RP-1': -2 } }, 'costs.RP-1', /got -2/],
    ];
    for (const [patch, field, message] of cases) {
      const r = bad(patch);
      expect(r.ok, field).toBe(false);
      if (r.ok) continue;
      expect(r.error.field, JSON.stringify(patch)).toBe(field);
      expect(r.error.message, field).toMatch(message);
    }
  });
  it('finds propellants by species, id or name', () => {
    const r = resolveOptimizeSpec({ ...SPEC, fuels: ['rp1', 'Liquid methane (LCH4)'], oxidizers: ['lox'] });
    expect(r.ok && r.value.fuels.map((p) => p.id)).toEqual(['rp1', 'lch4']);
  });
});

describe('design → objectives', () => {
  it('computes density-Isp from the library densities and relative constraint values', () => {
    const r = resolveOptimizeSpec(SPEC);
    if (!r.ok) throw new Error(r.error.message);
    const d = decodeDesign(r.value, [2.5, 7e6, 40, 0]);
    expect(d).toEqual({ fuel: 'RP-1', oxidizer: 'O2(L)', of: 2.5, pc: 7e6, areaRatio: 40 });
    const p = designProblem(r.value, d);
    expect(p.reactants.map((x) => [x.name, x.role, x.T])).toEqual([['RP-1', 'fuel', 298.15], ['O2(L)', 'oxidizer', 90.17]]);
    const m = designMetrics(r.value, d, engine.solveRocket(p));
    if (!m.ok) throw new Error(m.error.message);
    // Bulk density by volume addition: (1 + 2.5) / (2.5/1141 + 1/810) kg/m³ (library densities of LOX, RP-1).
    const rho = 3.5 / (2.5 / 1141 + 1 / 810);
    expect(m.value.bulkDensity).toBeCloseTo(rho, 9);
    expect(m.value.densityIsp).toBeCloseTo(m.value.ispVac * rho, 6);
    // RP-1/LOX at O/F 2.5, 7 MPa: Tc ≈ 3650 K (CEA 3670 K), vacuum Isp ≈ 3490 m/s at ε = 40.
    expect(m.value.Tc).toBeGreaterThan(3500);
    expect(m.value.ispVac / 9.80665).toBeGreaterThan(340);
    // Tc above 3600 K: violated by (Tc − 3600)/3600.
    expect(constraintValues(r.value, m.value)[0]).toBeCloseTo((m.value.Tc - 3600) / 3600, 12);
    expect(minimisedObjectives(r.value, m.value)).toEqual([-m.value.ispVac, -m.value.densityIsp]);
    expect(minimisedObjectives(r.value, null).every(Number.isNaN)).toBe(true);
  });
});

describe('rocket NSGA-II run (engine in-process)', () => {
  it('gives a feasible, non-dominated, reproducible front with the fuel choice varying along it', async () => {
    const progress: Nsga2Progress[] = [];
    const evaluate = (ps: Parameters<EngineApi['solveRocket']>[0][]) => ps.map((p) => engine.solveRocket(p));
    const a = await runNsga2(core, SPEC, { evaluate, onProgress: (p) => progress.push(p) });
    if (!a.ok) throw new Error(a.error.message);
    const front = a.value.pareto;
    expect(a.value.evaluations).toBe(160);
    expect(progress.map((p) => p.generation)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(front.length).toBeGreaterThan(2);
    for (const d of front) {
      expect(d.Tc).toBeLessThanOrEqual(3600);
      expect(d.of).toBeGreaterThanOrEqual(1.5);
      expect(d.of).toBeLessThanOrEqual(8);
      for (const e of front) {
        const dominates = e.ispVac >= d.ispVac && e.densityIsp >= d.densityIsp && (e.ispVac > d.ispVac || e.densityIsp > d.densityIsp);
        expect(dominates).toBe(false);
      }
    }
    // Hydrogen gives the highest Isp, the denser fuels the highest density-Isp.
    expect(new Set(front.map((d) => d.fuel)).size).toBeGreaterThan(1);
    expect(front[0].fuel).toBe('H2(L)');
    expect(a.value.hypervolume).toBeGreaterThan(0);
    const b = await runNsga2(core, SPEC, { evaluate });
    expect(b.ok && b.value.pareto).toEqual(front);
  });
  it('returns bad specs as values and stops when cancelled', async () => {
    const r = await runNsga2(core, { ...SPEC, fuels: ['RP-1', 'nope'] }, { evaluate: () => [] });
    expect(!r.ok && r.error.field).toBe('fuels[1]');
    const cancel = { aborted: false };
    const c = await runNsga2(core, SPEC, {
      evaluate: (ps) => ps.map((p) => engine.solveRocket(p)),
      cancel,
      onProgress: (p) => { if (p.generation === 2) cancel.aborted = true; },
    });
    expect(!c.ok && c.error.code).toBe('aborted');
  });
  it('asked and told in halves (as the app does over the pool), gives the same front as in one piece, and survives malformed answers', async () => {
    const s = startNsga2(core, SPEC, () => []);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const session = s.value;
    const early = session.tell([]); // nothing asked yet
    expect(!early.ok && early.error.field).toBe('results');
    let last: Nsga2Progress | null = null;
    while (!session.done) {
      const asked = session.ask();
      if (!asked.ok) throw new Error(asked.error.message);
      const again = session.ask(); // asking again gives the same designs
      expect(again.ok && again.value).toEqual(asked.value);
      const told = session.tell(asked.value.map((p) => engine.solveRocket(p)));
      if (!told.ok) throw new Error(told.error.message);
      last = told.value;
    }
    const whole = await runNsga2(core, SPEC, { evaluate: (ps) => ps.map((p) => engine.solveRocket(p)) });
    expect(whole.ok && whole.value.pareto).toEqual(last!.front);
    // Wrong length is refused by name; garbage answers count as failed evaluations.
    const g = startNsga2(core, { ...SPEC, generations: 1 }, () => []);
    if (!g.ok) throw new Error(g.error.message);
    const asked = g.value.ask();
    if (!asked.ok) throw new Error(asked.error.message);
    const short = g.value.tell([]);
    expect(!short.ok && short.error).toMatchObject({ field: 'results' });
    // (every answer junk: the one-generation run solved nothing, which is an error saying so)
    const junk = g.value.tell(asked.value.map((_, i) => (i % 2 ? null : { ok: true, value: {} })) as never);
    expect(!junk.ok && junk.error.code).toBe('all-failed');
    expect(g.value.result().failedEvaluations).toBe(asked.value.length);
    expect(g.value.result().pareto).toEqual([]);
  });
});

describe('optimum O/F (bracketing + Brent through the engine)', () => {
  it('agrees with a dense sweep for LOX/CH4 vacuum Isp', async () => {
    const base = { fuel: 'CH4(L)', oxidizer: 'O2(L)', pc: 7e6, areaRatio: 40 };
    const r = await findOptimumOf(core, { ...base, of: [2, 5] }, (p) => engine.solveRocket(p));
    if (!r.ok) throw new Error(r.error.message);
    // Dense sweep: 301 points over [2, 5], then a finer one (Δ = 1e-4) around the best.
    const isp = (of: number) => {
      const s = engine.solveRocket({ problem: 'rocket', reactants: [{ name: 'CH4(L)', role: 'fuel', massFraction: 1, T: 111.643 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of, pc: 7e6, exits: [{ areaRatio: 40 }], pamb: 101325 });
      return s.ok && 'ispVac' in s.value.exits[0] ? s.value.exits[0].ispVac : -Infinity;
    };
    let best = 2;
    for (let i = 0; i <= 300; i++) if (isp(2 + i * 0.01) > isp(best)) best = 2 + i * 0.01;
    let fine = best;
    for (let x = best - 0.01; x <= best + 0.01; x += 1e-4) if (isp(x) > isp(fine)) fine = x;
    expect(Math.abs(r.value.of - fine) / fine).toBeLessThan(1e-4); // sweep step 1e-4 at O/F ≈ 3.3: 3e-5 relative
    expect(r.value.design.ispVac).toBeGreaterThanOrEqual(isp(fine) - 1e-6 * isp(fine));
    expect(r.value.evaluations).toBeLessThan(60);
  });
  it('names the field of bad input', async () => {
    const r = await findOptimumOf(core, { fuel: 'CH4(L)', oxidizer: 'O2(L)', pc: 7e6, areaRatio: 40, of: [5, 2] }, (p) => engine.solveRocket(p));
    expect(!r.ok && r.error.field).toBe('of');
  });
});
