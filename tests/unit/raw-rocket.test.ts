// The command line writes a solved rocket point straight from the kernel's station records
// (ThermoSolver.solveRaw, JsonBytes.rawRocket) instead of building the result's objects and walking
// them. Its bytes must be the generic writer's bytes of solve's result, for every kind of problem and
// outcome: seeded random sequences (warm, as the command solves them) over several propellant
// systems, with failing exits, ambient pressure, frozen chemistry, ions, condensed products, finite
// combustors and transport (which take the generic path), other problem kinds and bad input; at 12
// and 17 digits, with and without mole fractions. Two engines, one per writer, see the same sequence.
// At 12 digits most points are written by the kernel itself (wasm-core/assembly/thermo/json-out.ts);
// its numbers are also checked alone against JavaScript's own toPrecision below.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateCore } from '../../wasm-core/index.ts';
import { makeThermoSolver, thermoKernels, type ThermoSolver } from '../../wasm-core/thermo.ts';
import { makeTransportDb } from '../../wasm-core/transport.ts';
import { makeSpeciesDb } from '../../app/domain/thermo-problem.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { TransDocument } from '../../app/domain/trans-inp.ts';
import { JsonBytes } from '../../scripts/cli-json.ts';
import { writeResult } from '../../scripts/solve-job.ts';
import { ENGINE_SYSTEMS, logUniform } from './support/random-problems.ts';

const SYSTEMS = ENGINE_SYSTEMS;

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
      let byKernel = 0;
      for (let i = 0; i < list.length; i++) {
        const r = fast.solveRaw(list[i], i > 0);
        if ('rawRocket' in r) {
          raw++;
          failedExits += r.exitErrors.filter((e) => e !== null).length;
          const json = r.json;
          r.json = (c, texts) => {
            const b = json(c, texts);
            if (b) byKernel++;
            return b;
          };
        }
        const a = new TextDecoder().decode(writeResult(new JsonBytes(digits), r, compact).take());
        const b = new TextDecoder().decode(new JsonBytes(digits).value(plain.solve(list[i], i > 0), compact).take());
        expect(a, `problem ${i}: ${JSON.stringify(list[i])}`).toBe(b);
      }
      // the fast path was taken, failing exits among its points
      expect(raw).toBeGreaterThan(90);
      expect(failedExits).toBeGreaterThan(5);
      // at 12 digits the kernel writes the points whose exits were all solved (json-out.ts)
      if (digits === 12) expect(byKernel).toBeGreaterThan(60);
      else expect(byKernel).toBe(0);
    });
  }

  // The solver reuses the kernel pairs of the exits when a problem's exits are those of the one
  // before (a grid); a change of a value or of a kind alone, the count staying, must still reach the
  // kernel. Checked by the definitions: an exit given by Ae/At has that area ratio, one given by
  // pc/pe that pressure ratio.
  it('a run whose exits change in a value or a kind only solves each problem at its own exits, by both paths', () => {
    const rp1 = [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }];
    const lists: ({ areaRatio: number } | { pcOverPe: number })[][] = [
      [{ areaRatio: 10 }, { areaRatio: 40 }], [{ areaRatio: 10 }, { areaRatio: 40 }], [{ areaRatio: 10 }, { areaRatio: 41 }],
      [{ areaRatio: 10 }, { pcOverPe: 41 }], [{ pcOverPe: 10 }, { pcOverPe: 41 }], [{ pcOverPe: 10 }, { pcOverPe: 41 }], [{ areaRatio: 10 }, { areaRatio: 40 }],
    ];
    const exitsOf = (r: unknown) => (r as { exits: { areaRatio: number; p: number }[] }).exits;
    for (let i = 0; i < lists.length; i++) {
      const p = { problem: 'rocket', reactants: rp1, of: 2.2 + 0.1 * i, pc: 7e6, exits: lists[i] };
      const viaRaw = JSON.parse(new TextDecoder().decode(writeResult(new JsonBytes(17), fast.solveRaw(p, i > 0), false).take())) as unknown;
      const viaSolve = plain.solve(p, i > 0);
      for (const got of [exitsOf(viaRaw), exitsOf(viaSolve)]) {
        expect(got).toHaveLength(2);
        lists[i].forEach((e, k) => {
          if ('areaRatio' in e) expect(Math.abs(got[k].areaRatio / e.areaRatio - 1), `problem ${i}, exit ${k}`).toBeLessThan(1e-9);
          else expect(Math.abs(p.pc / got[k].p / e.pcOverPe - 1), `problem ${i}, exit ${k}`).toBeLessThan(1e-9);
        });
      }
    }
  });
});

// The kernel's numbers against the language's definition: String(Number(x.toPrecision(12))) is
// ECMA-262's exact rounding to 12 significant digits (ties away from zero) in Number::toString's layout.
describe("the kernel's number text", () => {
  let jsonNumber: (x: number) => string | null;
  beforeAll(async () => {
    const kernels = thermoKernels(await instantiateCore(readFileSync(new URL('../../wasm-core/build/core.wasm', import.meta.url))), []);
    jsonNumber = (v) => kernels.jsonNumber(v);
  });
  const js = (x: number) => String(Number(x.toPrecision(12)));

  it('random doubles from 1e-32 to 1e55, both signs, are written as JavaScript writes them', () => {
    const r = rng(2027);
    for (let i = 0; i < 100_000; i++) {
      const x = (r() < 0.5 ? -1 : 1) * 10 ** (-32 + 87 * r()) * (1 + r());
      expect(jsonNumber(x), `${x}`).toBe(js(x));
    }
  });

  it('numbers at a half of the 12th digit, exactly and one ulp either side, round as toPrecision does', () => {
    const r = rng(99);
    let ties = 0;
    for (let i = 0; i < 20_000; i++) {
      // 13 significant digits ending in 5: the decimal half between two 12-digit numbers
      const digits = String(1e12 + Math.floor(r() * 9e12)).slice(0, 12) + '5';
      const e = Math.floor(-30 + 80 * r());
      const x = Number(`${digits[0]}.${digits.slice(1)}e${e}`);
      for (const y of [x, nextUp(x), nextDown(x)]) {
        expect(jsonNumber(y), `${y}`).toBe(js(y));
      }
      // exact binary halves (k + ½ for integers k below 1e12 scaled by a power of two) are exact ties
      const t = (Math.floor(r() * 1e12) + 0.5) / 2 ** Math.floor(r() * 8);
      if (Number.isFinite(t)) { ties++; expect(jsonNumber(t), `${t}`).toBe(js(t)); }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('the layout switches where Number::toString switches (1e21, 1e-7), integers and zero', () => {
    for (const x of [0, -0, 1, -1, 7, 100, 123456789012, 999999999999, 999999999999.5, 1e12, 1e15, 123456789012345, 1e20, 9.99999999999e20, 1e21, 1.5e21, 1e-6, 1e-7, 1.23456789012e-7, 0.000001, 0.1, 0.5, 2.5, 1 / 3, 2 / 3, Math.PI, 6.02214076e23, 101325, 1e-5, 0.00001000000000049]) {
      expect(jsonNumber(x), `${x}`).toBe(js(x));
    }
  });

  it('leaves what it does not handle to its caller: non-finite numbers and magnitudes out of its range', () => {
    expect(jsonNumber(NaN)).toBeNull();
    expect(jsonNumber(Infinity)).toBeNull();
    expect(jsonNumber(1e200)).toBeNull();
    expect(jsonNumber(5e-324)).toBeNull();
  });
});

function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  u[0] += x >= 0 ? 1n : -1n;
  return b[0];
}

function nextDown(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigInt64Array(b.buffer);
  u[0] -= x >= 0 ? 1n : -1n;
  return b[0];
}
