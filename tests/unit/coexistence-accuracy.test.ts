// Two-phase coexistence points against NASA CEA2 (public coexistence reference cases, copied into
// tests/fixtures/cea-reference-coexistence.json with provenance): rocket cases whose chamber,
// throat or exits sit at a condensed species' transition temperature with both phases present
// (Al2O3 2327 K, K2CO3 1173/693 K, BeO 2851/2373 K, MgO 3100 K), and a Be/LOX chamber and throat
// on a three-phase univariant point where CEA's derivative matrix is singular. Every station of
// every case at the tolerances of thermo-accuracy.test.ts: T, p, ρ, M, MW, γs, a, c*, Cf, Isp,
// Ivac within 0.05 % or CEA's print rounding; cp and derivatives within 0.5 %; mole fractions above
// 1e-3 within 1e-4.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver } from '../../wasm-core/thermo.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { Station } from '../../app/domain/problem.ts';
import { compareStation, summarise, type Deviation, type RefStation } from './thermo-compare.ts';

interface CoexCase {
  id: string;
  problem: Record<string, unknown>;
  chamber: RefStation;
  throat: RefStation;
  exits: RefStation[];
  coexistence: { station: string; T_K: number; species: string[] }[];
  derivativeFallback: string[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-coexistence.json', import.meta.url), 'utf8')) as { rocket: CoexCase[] };
const db = makeSpeciesDb(JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')));
const solver = makeThermoSolver(await loadCoreNode(), db);

function report(devs: Deviation[]): string {
  const bad = devs.filter((d) => !d.ok);
  return `${bad.length} of ${devs.length} figures out of tolerance\n` +
    bad.slice(0, 60).map((d) => `${d.where} ${d.field}: ref ${d.ref} got ${+d.got.toPrecision(7)} (${d.rel.toExponential(2)})`).join('\n') +
    `\nworst per field:\n${summarise(devs)}`;
}

type Solved = { chamber: Station; throat: Station; exits: (Station | { ok: false })[] };

function solve(c: CoexCase): Solved | null {
  const r = solver.solve({ ...c.problem, pamb: 101325 } as Parameters<typeof solver.solve>[0]);
  return r.ok && 'chamber' in r ? (r as unknown as Solved) : null;
}

function stationOf(r: Solved, name: string): Station {
  if (name === 'chamber') return r.chamber;
  if (name === 'throat') return r.throat;
  const k = Number(/^exits\[(\d+)\]$/.exec(name)?.[1]);
  return r.exits[k] as Station;
}

describe('CEA reference: two-phase coexistence', () => {
  it('reproduces every station of every public coexistence case', () => {
    const devs: Deviation[] = [];
    for (const c of fixture.rocket) {
      const r = solve(c);
      if (!r) { devs.push({ where: c.id, field: 'solve', ref: 0, got: NaN, rel: Infinity, ok: false }); continue; }
      compareStation(`${c.id} chamber`, c.chamber, r.chamber, devs);
      compareStation(`${c.id} throat`, c.throat, r.throat, devs);
      c.exits.forEach((e, k) => {
        const got = r.exits[k];
        if ('ok' in got) { devs.push({ where: `${c.id} exit ${k}`, field: 'missing', ref: 0, got: 1, rel: Infinity, ok: false }); return; }
        compareStation(`${c.id} exit ${k}`, e, got, devs);
      });
    }
    console.log(`coexistence: ${devs.length} figures; worst per field\n${summarise(devs)}`);
    expect(devs.filter((d) => !d.ok), report(devs)).toEqual([]);
  });

  it('reports the cp → ∞ limit at each coexistence point: both phases present, T at the transition, Cp = 0, (∂lnV/∂lnT)p = 0, γs = −1/(∂lnV/∂lnP)T', () => {
    for (const c of fixture.rocket) {
      const r = solve(c);
      expect(r, c.id).not.toBeNull();
      for (const k of c.coexistence) {
        const s = stationOf(r!, k.station);
        const where = `${c.id} ${k.station}`;
        expect(Math.abs(s.T - k.T_K), `${where} T`).toBeLessThan(5e-3); // half of CEA's printed 0.01 K: the two fits' G cross within it
        for (const sp of k.species) expect(s.moleFractions[sp] ?? 0, `${where} ${sp}`).toBeGreaterThan(0);
        expect(s.cp, where).toBe(0);
        expect(s.dlnVdlnT, where).toBe(0);
        expect(Math.abs(s.gammaS + 1 / s.dlnVdlnP), where).toBeLessThan(1e-12);
      }
    }
  });

  it('puts a Be/LOX chamber with Be(L) and BeO(L) on their univariant temperature at any O/F, fuel-rich ones included', () => {
    // Two elements, two condensed phases and a gas: T is fixed by p alone (CEA: 3840.71 K at 50 bar
    // for O/F 0.9, the be_lox case's chamber, and 1.0 alike), whatever the mixture.
    const be = fixture.rocket.find((c) => c.id.startsWith('be_lox'))!;
    const T50 = be.chamber.T_K as number;
    for (const of of [0.55, 0.65, 0.8, 1.0]) {
      const r = solver.solve({ problem: 'hp', p: be.problem.pc as number, of, reactants: be.problem.reactants as never });
      expect(r.ok && 'state' in r, `O/F ${of}: ${JSON.stringify(r).slice(0, 200)}`).toBe(true);
      if (!r.ok || !('state' in r)) continue;
      expect(Math.abs(r.state.T - T50), `O/F ${of} T`).toBeLessThan(5e-3);
      expect(r.state.moleFractions['Be(L)'], `O/F ${of} Be(L)`).toBeGreaterThan(0.01);
      expect(r.state.moleFractions['BeO(L)'], `O/F ${of} BeO(L)`).toBeGreaterThan(0.01);
      expect(r.state.dlnVdlnP, `O/F ${of} frozen derivatives`).toBe(-1);
    }
  });

  it('falls back to frozen derivatives where the derivative matrix is singular (Be(L), BeO(L) and a Be/O gas), as CEA does', () => {
    const cases = fixture.rocket.filter((c) => c.derivativeFallback.length > 0);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const r = solve(c);
      expect(r, c.id).not.toBeNull();
      for (const name of c.derivativeFallback) {
        const s = stationOf(r!, name);
        const where = `${c.id} ${name}`;
        expect(s.dlnVdlnP, where).toBe(-1);
        expect(s.dlnVdlnT, where).toBe(1);
        // frozen γs = cp/(cp − nR), n = 1/M the gas moles per kg
        const nR = 8314.51 / s.M;
        expect(Math.abs(s.gammaS - s.cp / (s.cp - nR)), where).toBeLessThan(1e-12);
      }
    }
  });
});
