// The trace settling holds a species far below the trace size at an upper bound of its amount
// instead of evaluating it (equilibrium.ts, settleTrace), from a lower bound of its μ°/RT = H/RT − S/R
// over a narrow bin of ln T (buildMuBounds: μ°/RT is concave in 1/T within one fit, since
// d²(μ°/RT)/d(1/T)² = −T² Cp/R, so its least value over a bin lies at an end or at a fit boundary).
// 1. The bound is one: μ°/RT ≥ bound for every gas species of NASA's data over several element sets,
//    at random temperatures across each species' range and at every fit boundary, from both sides.
//    It must also be useful (close to the value), or the settling would evaluate every species.
// 2. Holding species at their bound changes no answer: rockets and hp points of several systems,
//    cold and warm, agree with the settling that evaluates every species within 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeThermoSolver, thermoKernels } from '../../wasm-core/thermo.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import { ENGINE_SYSTEMS, LOX, logUniform } from './support/random-problems.ts';

const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
const db = makeSpeciesDb(thermo);
const core = await loadCoreNode();
const x = core.exports as unknown as {
  thermoMu(j: number, T: number): number;
  thermoMuBound(j: number, T: number): number;
  thermoTraceBounds(on: number): void;
};

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const ELEMENT_SETS: [string[], boolean][] = [
  [['C', 'H', 'O'], false],
  [['C', 'H', 'O', 'N'], true],
  [['Al', 'C', 'Cl', 'H', 'N', 'O'], false],
  [['B', 'Be', 'F', 'H', 'Li', 'Mg', 'O'], false],
  [['C', 'H', 'K', 'N', 'Na', 'O', 'S'], false],
  [['C', 'F', 'H', 'N', 'O', 'Si', 'Ti'], false],
];

describe('the bound of μ°/RT the trace settling uses', () => {
  it('lies below μ°/RT for every gas species at random temperatures and at every fit boundary, and close to it', () => {
    const k = thermoKernels(core, db.species);
    const byName = new Map(db.species.map((s) => [s.name, s]));
    const r = rng(20261204);
    let checked = 0, bounded = 0, tight = 0, species = 0;
    for (const [elements, ions] of ELEMENT_SETS) {
      const sys = k.useSystem(elements, ions);
      for (let j = 0; j < sys.gas; j++) {
        const sp = byName.get(sys.names[j])!;
        species++;
        const lo = sp.intervals[0].Tlo_K, hi = sp.intervals[sp.intervals.length - 1].Thi_K;
        const Ts: number[] = [];
        for (let n = 0; n < 40; n++) Ts.push(logUniform(r, lo, hi));
        for (const iv of sp.intervals) for (const T of [iv.Tlo_K, iv.Thi_K]) Ts.push(T, T * (1 + 1e-12), T * (1 - 1e-12), T * 1.0001, T * 0.9999);
        for (const T of Ts) {
          if (T < lo || T > hi) continue;
          const mu = x.thermoMu(j, T), b = x.thermoMuBound(j, T);
          expect(Number.isFinite(mu), `${sp.name} at ${T} K`).toBe(true);
          expect(b, `${sp.name}: bound at ${T} K`).toBeLessThanOrEqual(mu);
          checked++;
          if (b > -Infinity) {
            bounded++;
            if (mu - b < 3) tight++;
          }
        }
      }
    }
    expect(species).toBeGreaterThan(600);
    expect(checked).toBeGreaterThan(30000);
    // bins reaching past a species' data hold no bound; the rest are close (bins of 2 % in T)
    expect(bounded / checked).toBeGreaterThan(0.8);
    expect(tight / bounded).toBeGreaterThan(0.95);
  });
});

// the command-line sequences' systems, and LOX/CH4
const SYSTEMS = [...ENGINE_SYSTEMS, { reactants: [{ name: 'CH4(L)', role: 'fuel', massFraction: 1, T: 111.643 }, LOX], of: [1.5, 4.5] as [number, number] }];

function problems(n: number, seed: number): unknown[] {
  const r = rng(seed);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const s = SYSTEMS[i % SYSTEMS.length];
    const of = s.of ? { of: s.of[0] + (s.of[1] - s.of[0]) * r() } : {};
    if (r() < 0.2) { out.push({ problem: 'hp', reactants: s.reactants, ...of, p: logUniform(r, 1e5, 2e7) }); continue; }
    out.push({
      problem: 'rocket', reactants: s.reactants, ...of, pc: logUniform(r, 2e5, 2.5e7),
      exits: [{ pcOverPe: logUniform(r, 3, 5000) }, { areaRatio: logUniform(r, 1.5, 30) }, { areaRatio: logUniform(r, 30, 400) }],
    });
  }
  return out;
}

function worstDeviation(a: unknown, b: unknown, path: string, w: { d: number; at: string }): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), /moleFractions/.test(path) ? 1e-3 : 0);
    if (!(d <= w.d)) { w.d = d; w.at = path; }
    return;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    if (a !== b) { w.d = Infinity; w.at = `${path}: ${String(a)} vs ${String(b)}`; }
    return;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) worstDeviation((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, w);
}

describe('holding far-trace species at their bound', () => {
  it('gives the answers of the settling that evaluates every species (cold and warm, five systems)', () => {
    const solver = makeThermoSolver(core, db);
    const ps = problems(150, 4242);
    const run = (bounds: boolean, warm: boolean) => {
      x.thermoTraceBounds(bounds ? 1 : 0);
      solver.kernels.forget();
      try { return ps.map((p) => solver.solve(p, warm)); } finally { x.thermoTraceBounds(1); }
    };
    for (const warm of [false, true]) {
      const exact = run(false, warm), bounded = run(true, warm);
      expect(exact.filter((e) => e.ok).length).toBeGreaterThan(135);
      const w = { d: 0, at: '' };
      exact.forEach((e, i) => worstDeviation(e, bounded[i], `#${i}`, w));
      expect(w.d, `${warm ? 'warm' : 'cold'}: ${w.at}`).toBeLessThan(1e-9);
    }
  });
});
