// The command line writes a solved rocket point straight from the kernel's station records
// (ThermoSolver.solveRaw, JsonBytes.rawRocket) instead of building the result's objects and walking
// them. Its bytes must be the generic writer's bytes of solve's result, for every kind of problem and
// outcome: seeded random sequences (warm, as the command solves them) over several propellant
// systems, with failing exits, ambient pressure, frozen chemistry, ions, condensed products, finite
// combustors and transport (which take the generic path), other problem kinds and bad input; at 12
// and 17 digits, with and without mole fractions. Two engines, one per writer, see the same sequence.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateCore } from '../../wasm-core/index.ts';
import { makeThermoSolver, type ThermoSolver } from '../../wasm-core/thermo.ts';
import { makeTransportDb } from '../../wasm-core/transport.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { TransDocument } from '../../app/domain/trans-inp.ts';
import { JsonBytes } from '../../scripts/cli-json.ts';
import { writeResult } from '../../scripts/solve-job.ts';
import { logUniform } from './support/random-problems.ts';

const HTPB = { name: 'HTPB', T: 298.15, formula: { C: 7.3165, H: 10.336, O: 0.1063 }, enthalpy: 5020.8 };
const LOX = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
const SYSTEMS: { reactants: unknown[]; of?: [number, number] }[] = [
  { reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, LOX], of: [1.5, 3.6] },
  { reactants: [{ name: 'CH6N2(L)', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'N2O4(L)', role: 'oxidizer', massFraction: 1, T: 298.15 }], of: [1.2, 3.2] },
  { reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, LOX], of: [3, 8] },
  { reactants: [{ name: 'NH4CLO4(I)', massFraction: 0.68, T: 298.15 }, { name: 'AL(cr)', massFraction: 0.18, T: 298.15 }, { ...HTPB, massFraction: 0.14 }] },
];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function problems(n: number, seed: number): unknown[] {
  const r = rng(seed);
  const out: unknown[] = [];
  let sys = SYSTEMS[0];
  for (let i = 0; i < n; i++) {
    if (r() < 0.15) sys = SYSTEMS[Math.floor(r() * SYSTEMS.length)];
    const base: Record<string, unknown> = { reactants: sys.reactants };
    if (sys.of) base.of = sys.of[0] + (sys.of[1] - sys.of[0]) * r();
    const kind = r();
    if (kind < 0.05) { out.push({ problem: 'hp', ...base, p: logUniform(r, 1e5, 2e7) }); continue; }
    if (kind < 0.08) { out.push({ problem: 'rocket', ...base, pc: -1, exits: [] }); continue; } // bad input
    const exits: unknown[] = [];
    const ne = Math.floor(r() * 4);
    for (let k = 0; k < ne; k++) {
      const e = r();
      // pcOverPe 1.0000001: no flow at that exit; ε 1e5: beyond the data for cold products
      exits.push(e < 0.1 ? { pcOverPe: 1.0000001 } : e < 0.15 ? { areaRatio: 1e5 } : e < 0.5 ? { pcOverPe: logUniform(r, 2, 3000) } : { areaRatio: logUniform(r, 1.5, 300) });
    }
    const p: Record<string, unknown> = { problem: 'rocket', ...base, pc: logUniform(r, 3e5, 2.5e7), exits };
    if (r() < 0.3) p.pamb = 101325 * r();
    if (r() < 0.1) { p.chemistry = 'frozen'; p.freezeAt = r() < 0.5 ? 'chamber' : 'throat'; }
    if (r() < 0.08) p.ions = true;
    if (r() < 0.05) p.combustor = { contractionRatio: 2 + 3 * r() };
    if (r() < 0.05) p.transport = true;
    out.push(p);
  }
  return out;
}

let fast: ThermoSolver;
let plain: ThermoSolver;
beforeAll(async () => {
  const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
  const trans = JSON.parse(readFileSync(new URL('../../wasm-core/data/trans.json', import.meta.url), 'utf8')) as TransDocument;
  const wasm = readFileSync(new URL('../../wasm-core/build/core.wasm', import.meta.url));
  fast = makeThermoSolver(await instantiateCore(wasm), makeSpeciesDb(thermo), makeTransportDb(trans));
  plain = makeThermoSolver(await instantiateCore(wasm), makeSpeciesDb(thermo), makeTransportDb(trans));
});

describe('rocket points written from the station records', () => {
  for (const [digits, compact, seed] of [[12, false, 7], [12, true, 11], [17, false, 13]] as const) {
    it(`${digits} digits${compact ? ', compact' : ''}: 160 random problems give the generic writer's bytes`, () => {
      const list = problems(160, seed);
      let raw = 0;
      let failedExits = 0;
      for (let i = 0; i < list.length; i++) {
        const r = fast.solveRaw(list[i], i > 0);
        if ('rawRocket' in r) {
          raw++;
          failedExits += r.exitErrors.filter((e) => e !== null).length;
        }
        const a = new TextDecoder().decode(writeResult(new JsonBytes(digits), r, compact).take());
        const b = new TextDecoder().decode(new JsonBytes(digits).value(plain.solve(list[i], i > 0), compact).take());
        expect(a, `problem ${i}: ${JSON.stringify(list[i])}`).toBe(b);
      }
      // the fast path was taken, failing exits among its points
      expect(raw).toBeGreaterThan(90);
      expect(failedExits).toBeGreaterThan(5);
    });
  }
});
