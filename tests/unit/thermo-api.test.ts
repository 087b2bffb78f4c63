// Engine API of the equilibrium engine (shared by the worker and node): single solves and sweeps.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';

const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8'));
const api = makeEngineApi(await loadCoreNode(), thermo);
const problem = {
  problem: 'rocket',
  reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
  of: 2.6, pc: 68.05e5, exits: [{ pcOverPe: 67.16 }, { areaRatio: 40 }],
};

describe('engine API: thermo', () => {
  it('solveRocket and solveEquilibrium return Results', () => {
    const r = api.solveRocket(problem);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.exits).toHaveLength(2);
    const e = api.solveEquilibrium({ ...problem, problem: 'hp', p: 1e6 });
    expect(e.ok).toBe(true);
    expect(api.solveEquilibrium(problem)).toMatchObject({ ok: false, error: { field: 'problem' } });
    expect(api.solveRocket({ ...problem, pc: -1 })).toMatchObject({ ok: false, error: { field: 'pc' } });
  });

  it('a warm-started sweep gives the single-point answers in typed arrays', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ of: 1.8 + 0.15 * i, pc: 68.05e5 * (1 - 0.03 * i) }));
    const r = api.runSweep({ problem, points, warm: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { values, status, fields, stations } = r.value;
    expect(values).toBeInstanceOf(Float64Array);
    expect(status).toBeInstanceOf(Int32Array);
    expect(stations).toBe(4);
    expect([...status].every((s) => s === 0)).toBe(true);
    const nf = fields.length;
    const iIsp = fields.indexOf('ispVac'), iT = fields.indexOf('T');
    for (const k of [0, 5, 11]) {
      const one = api.solveRocket({ ...problem, of: points[k].of, pc: points[k].pc });
      if (!one.ok) throw new Error(one.error.message);
      const at = (st: number, f: number) => values[(k * stations + st) * nf + f];
      expect(at(0, iT)).toBeCloseTo(one.value.chamber.T, 3);
      expect(Math.abs(at(3, iIsp) / (one.value.exits[1] as { ispVac: number }).ispVac - 1)).toBeLessThan(2e-6);
    }
  });

  it('a sweep on other exits, between two problems, leaves each its own exits (the exit list is written once per sweep)', () => {
    // Area ratio 40 against 10: at the same chamber the larger exit has the higher vacuum Isp.
    const a = api.solveRocket({ ...problem, exits: [{ areaRatio: 40 }] });
    const sw = api.runSweep({ problem: { ...problem, exits: [{ areaRatio: 10 }] }, points: [{ of: 2.6 }], warm: true });
    const b = api.solveRocket({ ...problem, exits: [{ areaRatio: 40 }] });
    const sw2 = api.runSweep({ problem: { ...problem, exits: [{ areaRatio: 10 }] }, points: [{ of: 2.6 }], warm: true });
    if (!a.ok || !b.ok || !sw.ok || !sw2.ok) throw new Error('not solved');
    const ar = (e: unknown) => (e as { areaRatio: number }).areaRatio;
    expect(ar(a.value.exits[0])).toBeCloseTo(40, 3);
    expect(ar(b.value.exits[0])).toBeCloseTo(40, 3);
    const nf = sw.value.fields.length;
    for (const r of [sw.value, sw2.value]) expect(r.values[2 * nf + r.fields.indexOf('areaRatio')]).toBeCloseTo(10, 3);
    expect(nf).toBeGreaterThan(0);
  });

  it('a sweep leaves the mole fractions out of its work only: a solve after it, and one after a sweep stopped by a bad point, has them all', () => {
    const before = api.solveRocket(problem);
    api.runSweep({ problem, points: [{ of: 2.2 }, { of: 2.4 }], warm: true });
    const after = api.solveRocket(problem);
    expect(api.runSweep({ problem, points: [{ of: 2.2 }, { of: -1 }], warm: true }).ok).toBe(false);
    const afterBad = api.solveRocket(problem);
    if (!before.ok || !after.ok || !afterBad.ok) throw new Error('not solved');
    // the fractions of LOX/RP-1 at O/F 2.6, 68 bar: CO2, CO, H2O, H2, OH, H, O, O2 above 1e-5, summing to ~1
    const x = before.value.chamber.moleFractions;
    expect(Object.keys(x).length).toBeGreaterThanOrEqual(8);
    expect(Object.values(x).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
    for (const r of [after, afterBad]) {
      for (const st of [r.value.chamber, r.value.throat, r.value.exits[0] as typeof r.value.chamber]) {
        expect(Object.keys(st.moleFractions).length).toBeGreaterThanOrEqual(8);
      }
      expect(r.value.chamber.moleFractions).toEqual(x);
    }
  });

  it('with ions: true the charge balances and no ions without it', () => {
    const hot = { problem: 'tp', reactants: [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }], phi: 1, p: 1e5, T: 8000 };
    const r = api.solveEquilibrium({ ...hot, ions: true });
    if (!r.ok) throw new Error(r.error.message);
    const x = r.value.state.moleFractions;
    expect(x['e-']).toBeGreaterThan(1e-4);
    const positive = Object.entries(x).filter(([k]) => k.endsWith('+')).reduce((s, [, v]) => s + v, 0);
    expect(Math.abs(x['e-'] - positive) / x['e-']).toBeLessThan(1e-3);
    const plain = api.solveEquilibrium(hot);
    expect(plain.ok && Object.keys(plain.value.state.moleFractions).some((k) => /[+-]$/.test(k))).toBe(false);
  });

  it('names bad sweep points and honours cancellation', () => {
    expect(api.runSweep({ problem, points: [{ of: 2 }, { of: -1 }] })).toMatchObject({ ok: false, error: { field: 'points[1].of' } });
    expect(api.runSweep({ problem, points: [{ of: 2 }] }, { aborted: true })).toMatchObject({ ok: false, error: { code: 'aborted' } });
  });
});
