// Ionised species ("ions": true). The charge is an element of total zero (CEA's E); while every
// species carrying it lies below the trace size its Newton row is empty and its potential comes from
// the charge balance over the carriers' exact amounts; once one is active the trace carriers count
// in its row with their Newton corrections (equilibrium.ts: chargeFree, settleCharge, buildMatrix).
// Before, the potential of an empty row was held at 0: the carriers' amounts came out wrong by orders
// of magnitude, woke above the trace size and fell back, so where a solve stopped depended on its
// start. A throat then ended on a jump of its residual (Mach 0.9999998 or 1.0000002), and nearly
// every finite-area combustor with ions failed with fac-no-convergence (its p_inf loop could not
// reproduce its own residual below ~1e-5).
// Checks: the sonic condition u = a at the throat; the finite-area combustor's momentum balance;
// ions at trace level change no state (they are out of every sum); warm = cold within 1e-9 (issue 13).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { FacRocketResult, RocketResult, Station } from '../../app/domain/problem.ts';
import { ENGINE_SYSTEMS, LOX, logUniform } from './support/random-problems.ts';

const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const solver = makeThermoSolver(await loadCoreNode(), db);

// 90 % hydrogen peroxide and RP-1: a ~2,500 K chamber, every ion far below 1e-8 of the moles.
const H2O2_RP1 = [
  { name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 },
  { name: 'H2O2(L)', role: 'oxidizer', massFraction: 0.9, T: 298.15 },
  { name: 'H2O(L)', role: 'oxidizer', massFraction: 0.1, T: 298.15 },
];

// Park–Miller: deterministic, no clock
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

describe('ions', () => {
  it('a throat with trace ions is sonic (u = a within 1e-9) and is the state without ions', () => {
    for (const of of [3, 4, 5, 6, 7]) {
      for (const pc of [3e6, 8.44e6, 2e7]) {
        const p = { problem: 'rocket', reactants: H2O2_RP1, of, pc, exits: [{ areaRatio: 10 }] };
        const a = solver.solve({ ...p, ions: true }) as RocketResult;
        const b = solver.solve(p) as RocketResult;
        const tag = `O/F ${of}, pc ${pc}`;
        expect(a.ok, tag).toBe(true);
        expect(Math.abs(a.throat.mach - 1), tag).toBeLessThan(1e-9);
        // Below ~2,700 K and above 80 bar every ion stays below 1e-8 of the moles (hotter or at lower
        // pressure one can be active: then it counts, and it moves the state by ~1e-6 through its
        // large enthalpy of ionisation, as it should)
        if (of > 6 || pc < 8e6) continue;
        for (const st of ['chamber', 'throat'] as const) {
          expect(rel(a[st].p, b[st].p), `${tag} ${st} p`).toBeLessThan(1e-9);
          expect(rel(a[st].T, b[st].T), `${tag} ${st} T`).toBeLessThan(1e-9);
        }
        expect(rel((a.exits[0] as Station).isp, (b.exits[0] as Station).isp), tag).toBeLessThan(1e-9);
      }
    }
  });

  it('a finite-area combustor with ions converges and keeps its momentum balance', () => {
    let n = 0;
    for (const contractionRatio of [1.5, 2, 3, 4]) {
      for (const of of [4, 5.39, 7]) {
        for (const frozen of [false, true]) {
          const p: Record<string, unknown> = { problem: 'rocket', reactants: H2O2_RP1, of, pc: 8.44e6, combustor: { contractionRatio }, exits: [{ areaRatio: 10 }], ions: true };
          if (frozen) { p.chemistry = 'frozen'; p.freezeAt = 'throat'; }
          const tag = JSON.stringify({ ...p, reactants: undefined });
          const r = solver.solve(p) as FacRocketResult;
          expect(r.ok, `${tag}: ${JSON.stringify((r as { error?: unknown }).error)}`).toBe(true);
          const ce = r.combustorEnd;
          const u = ce.mach * ce.a;
          // p_inj = p + ρu² at the combustor's end (RP-1311 §6.4), and a sonic throat
          expect(Math.abs(ce.p + ce.rho * u * u - r.injector.p) / r.injector.p, tag).toBeLessThan(1e-7);
          expect(Math.abs(r.throat.mach - 1), tag).toBeLessThan(1e-9);
          const b = solver.solve({ ...p, ions: false }) as FacRocketResult;
          expect(rel(r.pInf, b.pInf), tag).toBeLessThan(1e-7);
          n++;
        }
      }
    }
    expect(n).toBe(24);
  });

  it('hot systems with ions above the trace size: random problems solve; warm (ions start cold) = cold within 1e-9', () => {
    const r = rng(20261204);
    const systems = [...ENGINE_SYSTEMS, { reactants: H2O2_RP1, of: [3, 9] as [number, number] }, { reactants: [{ name: 'CH4(L)', role: 'fuel', massFraction: 1, T: 111.64 }, LOX], of: [2.5, 4] as [number, number] }];
    const problems: Record<string, unknown>[] = [];
    for (let i = 0; i < 90; i++) {
      const s = systems[i % systems.length];
      const p: Record<string, unknown> = { problem: 'rocket', reactants: s.reactants, pc: logUniform(r, 1e5, 3e7), exits: [{ areaRatio: logUniform(r, 1.5, 100) }, { pcOverPe: logUniform(r, 10, 1000) }], ions: true };
      if (s.of) p.of = s.of[0] + (s.of[1] - s.of[0]) * r();
      if (r() < 0.4) p.combustor = { contractionRatio: 1.2 + 4 * r() };
      if (r() < 0.3) { p.chemistry = 'frozen'; p.freezeAt = 'throat'; }
      problems.push(p);
    }
    const cold = problems.map((p) => solver.solve(p, false));
    solver.kernels.forget();
    const warm = problems.map((p) => solver.solve(p, true));
    let worst = 0, at = '';
    for (const [i, p] of problems.entries()) {
      const tag = JSON.stringify({ ...p, reactants: undefined });
      const without = solver.solve({ ...p, ions: false }, false);
      // ions never make a problem fail that solves without them
      if (without.ok) expect(cold[i].ok, `${tag}: ${JSON.stringify((cold[i] as { error?: unknown }).error)}`).toBe(true);
      if (!cold[i].ok) continue;
      expect(warm[i].ok, tag).toBe(true);
      const c = cold[i] as RocketResult, w = warm[i] as RocketResult;
      for (const st of ['throat'] as const) {
        for (const k of ['p', 'T', 'rho', 'gammaS', 'a', 'cstar'] as const) {
          const d = rel(c[st][k], w[st][k]);
          if (d > worst) { worst = d; at = `${tag} ${st}.${k}`; }
        }
      }
      for (const [k, e] of c.exits.entries()) {
        if ('ok' in e) continue;
        const d = rel(e.isp, (w.exits[k] as typeof e).isp);
        if (d > worst) { worst = d; at = `${tag} exits[${k}].isp`; }
      }
      // ions hold a few ppm of the moles at most in these chambers: c* moves by less than 1e-4
      if (without.ok) expect(rel(c.throat.cstar, (without as RocketResult).throat.cstar), tag).toBeLessThan(1e-4);
    }
    expect(worst, at).toBeLessThan(1e-9);
  });
});
