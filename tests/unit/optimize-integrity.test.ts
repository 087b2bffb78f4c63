// An optimisation spec is refused by name when it cannot give an answer in reasonable time or asks
// for designs the engine refuses; a run answers ok only with something to show; its Pareto set
// reports the designs as given (issue 11, "Nothing lost, nothing silently changed": optimize).
import { describe, expect, it } from 'vitest';
import { loadNodeEngine } from './support/engine-node.ts';
import { nonFinitePath } from './support/outcome.ts';
import { runNsga2, startNsga2 } from '../../workers/optimize-api.ts';
import { MAX_EVALUATIONS, decodeDesign, designProblem, resolveOptimizeSpec } from '../../app/domain/optimize-spec.ts';
import { prepareProblem, makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import { ENGINE_LIMITS } from '../../app/domain/problem.ts';
import { readFileSync } from 'node:fs';

const e = await loadNodeEngine();
const evaluate = (ps: unknown[]) => ps.map((p) => e.engine.solveRocket(p));
const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));

const SPEC = {
  fuels: ['RP-1'], oxidizers: ['O2(L)'],
  variables: { of: [2, 3], pc: 7e6, areaRatio: 100 },
  objectives: [{ maximize: 'ispVac' }, { minimize: 'Tc' }],
  population: 8, generations: 2, seed: 1,
  separation: 'mark', // Ae/At 100 at 70 bar separates at sea level; these tests are about other things
};

describe('the evaluation budget', () => {
  it('2,000 × 100,000 (about a day of engine time) is refused, naming population, generations and the totals', () => {
    const r = resolveOptimizeSpec({ ...SPEC, population: 2000, generations: 100000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-input', field: 'generations' } });
    if (!r.ok) {
      expect(r.error.message).toContain('2,000 × 100,000 = 200,000,000');
      expect(r.error.message).toContain('200,000');
      expect(r.error.message).toMatch(/population.*generations/);
    }
  });
  it('the budget itself is allowed, one generation more is not', () => {
    expect(MAX_EVALUATIONS).toBe(200_000);
    expect(resolveOptimizeSpec({ ...SPEC, population: 2000, generations: 100 }).ok).toBe(true);
    expect(resolveOptimizeSpec({ ...SPEC, population: 2000, generations: 101 }).ok).toBe(false);
    expect(resolveOptimizeSpec({ ...SPEC, population: 4, generations: 50000 }).ok).toBe(true);
    expect(resolveOptimizeSpec({ ...SPEC, population: 4, generations: 50001 }).ok).toBe(false);
  });
});

describe('variable ranges against the engine’s own limits', () => {
  it('names the variable and the value beyond what the engine accepts', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ pc: [1e6, 2e10] }, 'variables.pc[1]', /chamber pressure must be ≤ 10000000000 Pa \(got 20000000000\)/],
      [{ areaRatio: [10, 1e6] }, 'variables.areaRatio[1]', /area ratio must be ≤ 100000 \(got 1000000\)/],
      [{ of: [1, 2e4] }, 'variables.of[1]', /O\/F must be ≤ 10000 \(got 20000\)/],
      [{ of: 0 }, 'variables.of', /O\/F must be > 0 \(got 0\)/],
      [{ areaRatio: [0.5, 10] }, 'variables.areaRatio[0]', /≥ 1 \(got 0.5\)/],
    ];
    for (const [vars, field, message] of cases) {
      const r = resolveOptimizeSpec({ ...SPEC, variables: { ...SPEC.variables, ...vars } });
      expect(r.ok, field).toBe(false);
      if (r.ok) continue;
      expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(message);
    }
    expect(resolveOptimizeSpec({ ...SPEC, pamb: 2e10 })).toMatchObject({ ok: false, error: { field: 'pamb' } });
  });
  it('a design at every edge of the accepted ranges is a problem the engine accepts', () => {
    const edges = { of: [1e-9, ENGINE_LIMITS.of.le], pc: [1e-9, ENGINE_LIMITS.pc_Pa.le], areaRatio: [ENGINE_LIMITS.areaRatio.ge, ENGINE_LIMITS.areaRatio.le] };
    const r = resolveOptimizeSpec({ ...SPEC, variables: edges, pamb: ENGINE_LIMITS.pamb_Pa.le });
    if (!r.ok) throw new Error(r.error.message);
    for (const x of [[1e-9, 1e-9, 1], [1e4, 1e10, 1e5], [1e-9, 1e10, 1], [1e4, 1e-9, 1e5]]) {
      const p = prepareProblem(designProblem(r.value, decodeDesign(r.value, x)), db);
      expect(p.ok, JSON.stringify(x)).toBe(true);
    }
  });
});

describe('a run in which every evaluation failed', () => {
  // LH2/LOX at O/F 0.01–0.05 hardly reacts: the chamber stays below the thermo data (160 K).
  const hopeless = { ...SPEC, fuels: ['H2(L)'], variables: { of: [0.01, 0.05], pc: [2e6, 2e7], areaRatio: 100 }, generations: 3 };
  it('is ok:false saying why (the first engine error), not an empty success', async () => {
    const r = await runNsga2(e.core, hopeless, { evaluate });
    expect(r).toMatchObject({ ok: false, error: { code: 'all-failed' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/none of the 24 designs/);
      expect(r.error.message).toMatch(/chamber temperature lies below/);
      expect(r.error.field).toBe('variables');
    }
  });
  it('told in halves (as the app does over the pool), the last generation’s answer is that error', () => {
    const s = startNsga2(e.core, { ...hopeless, generations: 2 }, () => []);
    if (!s.ok) throw new Error(s.error.message);
    const first = s.value.ask();
    if (!first.ok) throw new Error(first.error.message);
    expect(s.value.tell(first.value.map((p) => e.engine.solveRocket(p))).ok).toBe(true); // not over yet
    const last = s.value.ask();
    if (!last.ok) throw new Error(last.error.message);
    expect(s.value.tell(last.value.map((p) => e.engine.solveRocket(p)))).toMatchObject({ ok: false, error: { code: 'all-failed' } });
  });
  it('a run with some failures and some designs is still ok, counting the failures', async () => {
    const mixed = { ...hopeless, variables: { of: [0.01, 3], pc: [2e6, 2e7], areaRatio: 100 }, generations: 2 };
    const r = await runNsga2(e.core, mixed, { evaluate });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.failedEvaluations).toBeGreaterThan(0);
    expect(r.value.failedEvaluations).toBeLessThan(r.value.evaluations);
    expect(r.value.pareto.length).toBeGreaterThan(0);
  });
});

describe('the Pareto set', () => {
  it('in vacuum (pamb 0) has no peOverPamb — absent, not null — and ispAmb equals ispVac', async () => {
    const r = await runNsga2(e.core, { ...SPEC, pamb: 0 }, { evaluate });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.pareto.length).toBeGreaterThan(0);
    for (const d of r.value.pareto) {
      expect('peOverPamb' in d).toBe(false);
      expect(d.ispAmb).toBe(d.ispVac);
    }
    const text = JSON.stringify({ ok: true, ...r.value });
    expect(text).not.toContain('null');
    expect(nonFinitePath(r.value.pareto)).toBeNull();
  });
  it('a peOverPamb constraint with pamb 0 is refused by name (it would divide by zero)', () => {
    const r = resolveOptimizeSpec({ ...SPEC, pamb: 0, constraints: [{ quantity: 'Tc', max: 4000 }, { quantity: 'peOverPamb', min: 0.4 }] });
    expect(r).toMatchObject({ ok: false, error: { field: 'constraints[1].quantity' } });
    if (!r.ok) expect(r.error.message).toMatch(/pamb = 0/);
  });
  it('at sea level keeps pe / pamb', async () => {
    const r = await runNsga2(e.core, SPEC, { evaluate });
    if (!r.ok) throw new Error(r.error.message);
    for (const d of r.value.pareto) expect(d.peOverPamb).toBeCloseTo(d.pe / 101325, 12);
  });
  it('reports the design’s inputs: area ratio 100 as given, not the engine’s converged 100.00x', async () => {
    const r = await runNsga2(e.core, SPEC, { evaluate });
    if (!r.ok) throw new Error(r.error.message);
    const rs = resolveOptimizeSpec(SPEC);
    if (!rs.ok) throw new Error(rs.error.message);
    // the engine meets an area ratio to its tolerance only: the exit it reports is not exactly 100
    const one = e.engine.solveRocket(designProblem(rs.value, r.value.pareto[0]));
    if (!one.ok || 'ok' in one.value.exits[0]) throw new Error('no exit');
    expect(one.value.exits[0].areaRatio).not.toBe(100);
    expect(Math.abs(one.value.exits[0].areaRatio / 100 - 1)).toBeLessThan(1e-3);
    for (const d of r.value.pareto) {
      expect(d.areaRatio).toBe(100);
      expect(d.pc).toBe(7e6);
    }
  });
  it('with a ranged area ratio, each design on the front carries the very value it was solved for', () => {
    const s = startNsga2(e.core, { ...SPEC, variables: { of: 2.5, pc: 7e6, areaRatio: [20, 80] }, generations: 3 }, () => []);
    if (!s.ok) throw new Error(s.error.message);
    const asked = new Set<number>();
    let front: { areaRatio: number }[] = [];
    while (!s.value.done) {
      const ps = s.value.ask();
      if (!ps.ok) throw new Error(ps.error.message);
      for (const p of ps.value) asked.add((p.exits![0] as { areaRatio: number }).areaRatio);
      const told = s.value.tell(ps.value.map((p) => e.engine.solveRocket(p)));
      if (!told.ok) throw new Error(told.error.message);
      front = told.value.front;
    }
    expect(front.length).toBeGreaterThan(0);
    for (const d of front) expect(asked.has(d.areaRatio), String(d.areaRatio)).toBe(true);
  });
});
