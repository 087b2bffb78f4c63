// The engine never answers "ok" with numbers it cannot stand behind, and every failure names its
// field or station (issue 11, "Nothing lost, nothing silently changed": engine).
// The temperature limits are CEA2's (cea2.f, EQLBRM): a state is kept only within 0.8 × the lowest
// and 1.1 × the highest common temperature of the thermo data — 160 K and 22000 K for NASA's
// thermo.inp, whose common intervals run 200–1000–6000–20000 K (the file's header line). Frozen at
// the throat, CEA omits exits whose pressure ratio is below the throat's (ROCKET, "FROZEN
// PERFORMANCE CALCULATIONS WERE OMITTED WHERE THE ASSIGNED PRESSURE RATIOS WERE LESS THAN THE VALUE
// AT POINT nfz").
import { describe, expect, it } from 'vitest';
import { loadNodeEngine } from './support/engine-node.ts';
import { nonFinitePath } from './support/outcome.ts';

const { engine } = await loadNodeEngine();

const h2o2Gas = [{ name: 'H2', role: 'fuel', massFraction: 1 }, { name: 'O2', role: 'oxidizer', massFraction: 1 }];
const cryo = [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }];
const rp1Lox = [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }];

describe('tp and hp states outside the thermo data', () => {
  it('tp at 60 K is a named error on T (it was ok with a negative cp)', () => {
    const r = engine.solveProblem({ problem: 'tp', reactants: h2o2Gas, of: 8, p: 1e5, T: 60 });
    expect(r).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'T' } });
    if (!r.ok) expect(r.error.message).toMatch(/60 K.*160/);
  });
  it('tp just inside CEA’s tolerance (170 K) is solved, with a warning that it extrapolates; just outside (159 K) is refused', () => {
    const r = engine.solveProblem({ problem: 'tp', reactants: h2o2Gas, of: 8, p: 1e5, T: 170 });
    if (!r.ok || !('state' in r)) throw new Error(JSON.stringify(r));
    expect(r.state.T).toBe(170);
    expect(r.state.cp).toBeGreaterThan(0);
    expect(r.warnings.join(' ')).toMatch(/extrapolated/);
    expect(engine.solveProblem({ problem: 'tp', reactants: h2o2Gas, of: 8, p: 1e5, T: 159 })).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'T' } });
    // inside the data: no warning
    const warm = engine.solveProblem({ problem: 'tp', reactants: h2o2Gas, of: 8, p: 1e5, T: 1500 });
    expect(warm.ok && warm.warnings).toEqual([]);
  });
  it('hp whose flame falls below the data is a named error on the state (it was ok at 35 K)', () => {
    const r = engine.solveProblem({ problem: 'hp', reactants: cryo, of: 0.01, p: 1e5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'state' } });
  });
  it('a sweep of T reports the points below the data with that status, the others solved', () => {
    const r = engine.runSweep({ problem: { problem: 'tp', reactants: h2o2Gas, of: 8, p: 1e5, T: 1000 }, points: [{ T: 60 }, { T: 1000 }] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status[0]).not.toBe(0);
    expect(engine.sweepStatusError(r.value.status[0]).code).toBe('below-data-range');
    expect(r.value.status[1]).toBe(0);
  });
});

describe('rocket failures name their station', () => {
  const rocket = (of: number) => ({ problem: 'rocket', reactants: cryo, of, pc: 1e6, exits: [{ areaRatio: 10 }] });
  it('a chamber below the data (LH2/LOX at O/F 0.05: no reaction to speak of) names the chamber', () => {
    expect(engine.solveProblem(rocket(0.05))).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'chamber' } });
  });
  it('a throat below the data (O/F 0.2: chamber ≈ 200 K) names the throat', () => {
    expect(engine.solveProblem(rocket(0.2))).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'throat' } });
  });
  it('a failed exit names its exit', () => {
    const r = engine.solveProblem(rocket(0.3));
    if (!r.ok || !('exits' in r)) throw new Error(JSON.stringify(r));
    expect(r.exits[0]).toMatchObject({ ok: false, error: { code: 'below-data-range', field: 'exits[0]' } });
  });
});

describe('exits next to the chamber pressure', () => {
  const base = { problem: 'rocket', reactants: rp1Lox, of: 2.6, pc: 6.805e6 };
  it('frozen at the throat, pc/pe 1.0001 (upstream of the throat) is a named error on that exit, not null', () => {
    const r = engine.solveProblem({ ...base, chemistry: 'frozen', freezeAt: 'throat', exits: [{ pcOverPe: 1.0001 }, { pcOverPe: 100 }] });
    if (!r.ok || !('exits' in r)) throw new Error(JSON.stringify(r));
    expect(nonFinitePath(r)).toBeNull();
    expect(r.exits[0]).toMatchObject({ ok: false, error: { code: 'frozen-upstream', field: 'exits[0].pcOverPe' } });
    if ('ok' in r.exits[0]) expect(r.exits[0].error.message).toMatch(/1\.0001.*throat/);
    // the supersonic exit is computed: pe = pc/100
    expect('ok' in r.exits[1] ? null : r.exits[1].p).toBeCloseTo(6.805e4, 6);
  });
  it('frozen at the chamber, pc/pe 1.0001 gives finite numbers: a slow subsonic flow (M ≈ 0.013) through a wide section', () => {
    const r = engine.solveProblem({ ...base, chemistry: 'frozen', freezeAt: 'chamber', exits: [{ pcOverPe: 1.0001 }] });
    if (!r.ok || !('exits' in r)) throw new Error(JSON.stringify(r));
    expect(nonFinitePath(r)).toBeNull();
    const e = r.exits[0];
    if ('ok' in e) throw new Error(e.error.message);
    // Low-Mach isentropic flow: p/pc = 1 − γM²/2 to first order, so M = √(2·(1 − 1/1.0001)/γ).
    if (!('chamber' in r)) throw new Error('expected an infinite-area combustor result');
    const M = Math.sqrt((2 * (1 - 1 / 1.0001)) / r.chamber.gammaS);
    expect(e.mach / M - 1).toBeLessThan(2e-3);
    expect(e.mach / M - 1).toBeGreaterThan(-2e-3);
  });
  it('a pressure ratio so near 1 that the flow has no velocity is a named error on that exit, not null', () => {
    const r = engine.solveProblem({ ...base, exits: [{ pcOverPe: 1.00000001 }, { areaRatio: 10 }] });
    if (!r.ok || !('exits' in r)) throw new Error(JSON.stringify(r));
    expect(nonFinitePath(r)).toBeNull();
    expect(r.exits[0]).toMatchObject({ ok: false, error: { code: 'no-flow', field: 'exits[0].pcOverPe' } });
    expect('ok' in r.exits[1]).toBe(false);
    expect(JSON.stringify(r)).not.toContain('null');
  });
});
