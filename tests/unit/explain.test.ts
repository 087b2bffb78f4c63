// Explanations from the numbers (app/domain/explain.ts) on a dozen designs across propellant
// systems, solved by the engine in node: every figure a claim carries equals the number of the
// result (or the O/F search) it explains, the text states it, and the physics the sentence asserts
// holds for those numbers (the Isp peak is a maximum, a fuel-rich peak has the lighter gas, …).
// Independent references: radical enthalpies of formation from NIST-JANAF (Chase 1998, 4th ed.),
// Schmucker's separation fit pe/pa = (1.88·Me − 1)^−0.64 (Sutton & Biblarz ch. 3), ideal mixing
// of densities ρ = 1 / Σ(wᵢ/ρᵢ).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi, type EngineApi } from '../../workers/engine-api.ts';
import { findOptimumOfProblem } from '../../workers/optimize-api.ts';
import { optimizeKernels, type OptimizeKernels } from '../../wasm-core/optimize.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants, reactantDensities } from '../../app/domain/propellants.ts';
import { explainResult, type Claim, type ExplainInput } from '../../app/domain/explain.ts';
import { formatSig } from '../../app/domain/number-text.ts';

let engine: EngineApi;
let k: OptimizeKernels;
beforeAll(async () => {
  const core = await loadCoreNode();
  engine = makeEngineApi(core, JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument);
  k = optimizeKernels(core);
});

const lib = (id: string) => BUILT_IN_PROPELLANTS.find((p) => p.id === id)!;
const biprop = (fuel: string, ox: string, of: number, pc: number, exits: RocketProblem['exits'], pamb: number, extra: Partial<RocketProblem> = {}): RocketProblem => ({
  problem: 'rocket', reactants: [...propellantReactants(lib(fuel), 1, 'fuel'), ...propellantReactants(lib(ox), 1, 'oxidizer')], of, pc, exits, pamb, chemistry: 'equilibrium', ...extra,
});
const tpl = (id: string) => structuredClone(TEMPLATES.find((t) => t.id === id)!.problem);

const DESIGNS: { name: string; problem: RocketProblem; expect: string[]; not?: string[] }[] = [
  { name: 'LOX/LH2 upper stage (vacuum)', problem: tpl('lox-lh2-upper-stage'), expect: ['optimum', 'why-peak', 'dissociation', 'frozen-shifting', 'expansion', 'density-isp'], not: ['separation', 'condensed'] },
  { name: 'LOX/RP-1 booster (sea level, matched exit)', problem: tpl('lox-rp1-booster'), expect: ['optimum', 'why-peak', 'dissociation', 'frozen-shifting', 'expansion', 'density-isp'], not: ['condensed'] },
  { name: 'LOX/CH4 at 250 bar', problem: tpl('lox-ch4'), expect: ['optimum', 'why-peak', 'dissociation', 'expansion', 'density-isp'] },
  { name: 'N2O4/MMH thruster (vacuum)', problem: tpl('n2o4-mmh-hypergolic'), expect: ['optimum', 'dissociation', 'expansion', 'density-isp'] },
  { name: '90 % H2O2 / RP-1', problem: tpl('h2o2-rp1'), expect: ['optimum', 'expansion', 'density-isp'] },
  { name: 'N2O/HTPB hybrid', problem: tpl('n2o-htpb-hybrid'), expect: ['optimum', 'dissociation', 'expansion', 'density-isp'] },
  { name: 'AP/HTPB/Al solid', problem: { ...tpl('ap-htpb-al-solid'), pamb: 101325 }, expect: ['dissociation', 'condensed', 'expansion'], not: ['optimum', 'density-isp'] },
  { name: 'KNO3/sucrose candy', problem: { ...tpl('kno3-sucrose-candy'), pamb: 101325 }, expect: ['condensed', 'expansion'], not: ['optimum', 'dissociation'] },
  { name: 'hydrazine monopropellant', problem: tpl('n2h4-monoprop'), expect: ['expansion'], not: ['dissociation', 'condensed', 'optimum'] },
  { name: 'LOX/ethanol, 15 bar, ε 8 at sea level (over-expanded)', problem: biprop('ethanol', 'lox', 1.3, 15e5, [{ areaRatio: 8 }], 101325), expect: ['optimum', 'expansion', 'separation', 'density-isp'] },
  { name: 'N2O4/UDMH, 68 bar, ε 10 at sea level', problem: biprop('udmh', 'n2o4', 2.6, 68e5, [{ areaRatio: 10 }], 101325), expect: ['optimum', 'dissociation', 'expansion', 'separation', 'density-isp'] },
  { name: 'LOX/RP-1 finite chamber Ac/At 1.5', problem: biprop('rp1', 'lox', 2.5, 70e5, [{ areaRatio: 20 }], 0, { combustor: { contractionRatio: 1.5 } }), expect: ['finite-chamber', 'optimum'] },
];

const solve = (p: RocketProblem): RocketResult => {
  const r = engine.solveRocket(p);
  if (!r.ok) throw new Error(`${JSON.stringify(r.error)}`);
  return r.value;
};
const exitOf = (r: RocketResult) => r.exits[0] as Station;

async function explainDesign(problem: RocketProblem, system: 'SI' | 'US' = 'SI') {
  const result = solve(problem);
  const input: ExplainInput = { problem, result, system, densities: reactantDensities(problem.reactants) };
  if (problem.of !== undefined && problem.reactants.some((r) => r.role)) {
    const range: [number, number] = [problem.of / 2.2, problem.of * 2.2];
    const o = await findOptimumOfProblem(k, { problem, of: range }, (p) => engine.solveRocket(p));
    expect(o.ok).toBe(true);
    if (!o.ok) throw new Error('no optimum');
    input.optimum = { of: o.value.of, value: o.value.value, quantity: 'ispVac', result: solve({ ...problem, of: o.value.of }) };
    let hot = { of: NaN, T: -Infinity };
    await k.maximize1d((of) => {
      const r = engine.solveRocket({ ...problem, of });
      const T = r.ok ? r.value.chamber.T : NaN;
      if (T > hot.T) hot = { of, T };
      return T;
    }, range[0], range[1], { relTol: 1e-4, scanPoints: 9 });
    input.hottest = { of: hot.of, result: solve({ ...problem, of: hot.of }) };
    if (input.densities) {
      const d = await findOptimumOfProblem(k, { problem, of: range, quantity: 'densityIsp', densities: input.densities }, (p) => engine.solveRocket(p));
      if (d.ok) input.densityOptimum = { of: d.value.of, value: d.value.value, quantity: 'densityIsp' };
    }
  }
  if (!problem.combustor) input.frozen = solve({ ...problem, chemistry: 'frozen', freezeAt: 'chamber' });
  return { input, claims: explainResult(input) };
}

const byId = (cs: Claim[], id: string) => cs.find((c) => c.id === id);
const G0 = 9.80665;
// NIST-JANAF ΔfH°(298.15 K), kJ/mol (Chase 1998)
const JANAF_KJ: Record<string, number> = { H: 217.999, O: 249.173, OH: 38.987, N: 472.683, NO: 90.291, CL: 121.302, F: 79.38 };

describe('explanations: each claim states the numbers of the result it explains', () => {
  for (const d of DESIGNS) {
    it(d.name, async () => {
      const { input, claims } = await explainDesign(d.problem);
      if (process.env.SHOW_CLAIMS) for (const c of claims) console.log(`[${d.name}] ${c.id}: ${c.text}`);
      const { result, problem } = input;
      const exit = exitOf(result);
      const ids = claims.map((c) => c.id);
      for (const id of d.expect) expect(ids, `${d.name}: ${ids.join(', ')}`).toContain(id);
      for (const id of d.not ?? []) expect(ids).not.toContain(id);
      for (const c of claims) {
        for (const [name, v] of Object.entries(c.figures)) expect(Number.isFinite(v), `${c.id}.${name}`).toBe(true);
        expect(c.text).not.toMatch(/NaN|undefined|—/);
      }

      const opt = byId(claims, 'optimum');
      if (opt) {
        const o = input.optimum!;
        expect(opt.figures.ofOptimum).toBe(o.of);
        expect(opt.figures.ispVacOptimum_m_s).toBe(o.value);
        expect(opt.figures.ispVacDesign_m_s).toBe(exit.ispVac);
        expect(opt.text).toContain(`O/F ${formatSig(o.of, 4)}`);
        expect(opt.text).toContain(`${formatSig(o.value / G0, 4)} s`);
        // the stated optimum is a maximum: 2 % either side the engine gives less
        for (const f of [0.98, 1.02]) expect(exitOf(solve({ ...problem, of: o.of * f })).ispVac).toBeLessThan(o.value);
      }
      const why = byId(claims, 'why-peak');
      if (why) {
        const hc = input.hottest!.result.chamber;
        const oc = input.optimum!.result!.chamber;
        expect(why.figures.TcHottest_K).toBe(hc.T);
        expect(why.figures.MOptimum_kg_kmol).toBe(oc.M);
        expect(why.figures.MHottest_kg_kmol).toBe(hc.M);
        expect(why.figures.TcOverMOptimum).toBeCloseTo(oc.T / oc.M, 10);
        expect(why.text).toContain(`${formatSig(hc.T, 4)} K`);
        expect(why.text).toContain(formatSig(oc.M, 4));
        // the claim's physics: the peak is no hotter than the hottest point, on the side the text names,
        // and "lighter" is said only when the peak's gas is lighter and its Tc/M higher
        expect(oc.T).toBeLessThanOrEqual(hc.T);
        expect(why.text).toContain(input.optimum!.of < input.hottest!.of ? 'fuel-rich' : 'oxidizer-rich');
        const lighter = oc.M < hc.M && oc.T / oc.M > hc.T / hc.M;
        expect(why.text.includes('lighter')).toBe(lighter);
        expect(why.text.includes('does not place the peak')).toBe(!lighter);
      }
      const dis = byId(claims, 'dissociation');
      if (dis) {
        const x = result.chamber.moleFractions;
        let e = 0;
        for (const [sp, h] of Object.entries(JANAF_KJ)) {
          if (x[sp]) e += x[sp] * h * 1e3;
          if (dis.figures[`x_${sp}`] !== undefined) expect(dis.figures[`x_${sp}`]).toBe(x[sp]);
        }
        expect(dis.figures.radicalEnergyChamber_J_kg).toBeCloseTo((e / result.chamber.MW) * 1e3, 6);
        expect(dis.figures.Tc_K).toBe(result.chamber.T);
        expect(dis.figures.exitKineticEnergy_J_kg).toBeCloseTo(0.5 * (exit.mach * exit.a) ** 2, 6);
        expect(dis.text).toContain(`${formatSig(result.chamber.T, 4)} K`);
        expect(dis.text).toContain(`${formatSig(dis.figures.radicalEnergyChamber_J_kg / 1e3, 4)} kJ/kg`);
        // shifting flow recombines: less energy in radicals at the exit than in the chamber
        expect(dis.figures.radicalEnergyExit_J_kg).toBeLessThan(dis.figures.radicalEnergyChamber_J_kg);
      }
      const fr = byId(claims, 'frozen-shifting');
      if (fr) {
        const fe = exitOf(input.frozen!);
        expect(fr.figures.ispVacFrozen_m_s).toBe(fe.ispVac);
        expect(fr.figures.ispVacShifting_m_s).toBe(exit.ispVac);
        expect(fr.text).toContain(`${formatSig(fe.ispVac / G0, 4)} s`);
        expect(fe.ispVac).toBeLessThan(exit.ispVac);
      }
      const ex = byId(claims, 'expansion');
      if (ex) {
        expect(ex.figures.pe_Pa).toBe(exit.p);
        expect(ex.figures.pamb_Pa).toBe(problem.pamb);
        expect(ex.text).toContain(`${formatSig(exit.p / 1e5, 4)} bar`);
        if (problem.pamb! > 0) {
          const word = exit.p / problem.pamb! > 1.02 ? 'under-expanded' : exit.p / problem.pamb! < 0.98 ? 'over-expanded' : 'matched';
          expect(ex.text).toContain(word);
        } else expect(ex.text).toContain('under-expanded');
      }
      const sep = byId(claims, 'separation');
      if (sep) {
        const limit = (1.88 * exit.mach - 1) ** -0.64;
        expect(sep.figures.separationLimit).toBeCloseTo(limit, 12);
        expect(sep.figures.peOverPamb).toBeCloseTo(exit.p / problem.pamb!, 12);
        expect(sep.figures.separated).toBe(exit.p / problem.pamb! < limit ? 1 : 0);
        expect(sep.text).toContain("Schmucker's criterion");
        expect(sep.text).toContain(formatSig(limit, 3));
      }
      const con = byId(claims, 'condensed');
      if (con) {
        // moles of condensed over all moles = 1 − MW/M (M per mole of gas, MW per mole of everything)
        expect(con.figures.condensedMoleFraction).toBeCloseTo(1 - exit.MW / exit.M, 6);
        for (const [k2, v] of Object.entries(con.figures)) if (k2.startsWith('x_')) expect(v).toBe(exit.moleFractions[k2.slice(2)]);
        expect(con.text).toContain(`${formatSig(100 * con.figures.condensedMoleFraction, 3)} %`);
      }
      const di = byId(claims, 'density-isp');
      if (di) {
        // ideal mixing over every reactant: share = fraction within its role × 1/(1+O/F) (fuel) or O/F/(1+O/F)
        const of = problem.of!;
        const roleSum = (role: string) => problem.reactants.filter((r) => r.role === role).reduce((a, r) => a + r.massFraction, 0);
        let vol = 0;
        problem.reactants.forEach((r, i) => {
          const share = (r.massFraction / roleSum(r.role!)) * (r.role === 'fuel' ? 1 / (1 + of) : of / (1 + of));
          vol += share / input.densities![i];
        });
        const rho = 1 / vol;
        expect(di.figures.bulkDensity_kg_m3).toBeCloseTo(rho, 9);
        expect(di.figures.densityIsp_N_s_m3).toBeCloseTo(rho * exit.ispVac, 6);
        expect(di.text).toContain(`${formatSig(rho, 4)} kg/m³`);
        expect(di.text).toContain(`${formatSig((rho * exit.ispVac) / G0, 4)} kg·s/m³`);
        if (di.figures.ofDensityOptimum !== undefined) expect(di.figures.ofDensityOptimum).toBe(input.densityOptimum!.of);
      }
      const fc = byId(claims, 'finite-chamber');
      if (fc) {
        expect(fc.figures.pInf_Pa).toBe(result.pInf);
        expect(fc.figures.stagnationLoss).toBeCloseTo(1 - result.pInf! / problem.pc, 12);
        expect(result.pInf!).toBeLessThan(problem.pc);
        expect(fc.text).toContain(`${formatSig(result.pInf! / 1e5, 4)} bar`);
      }
    }, 60_000);
  }

  it('speaks the user units: US customary text, the same SI figures', async () => {
    const p = tpl('lox-rp1-booster');
    const si = await explainDesign(p, 'SI');
    const us = await explainDesign(p, 'US');
    const a = byId(us.claims, 'expansion')!;
    expect(a.figures).toEqual(byId(si.claims, 'expansion')!.figures);
    const psi = (0.45359237 * 9.80665) / 0.0254 ** 2;
    expect(a.text).toContain(`${formatSig(a.figures.pe_Pa / psi, 4)} psia`);
    expect(byId(us.claims, 'dissociation')!.text).toContain(`${formatSig(si.input.result.chamber.T * 1.8, 4)} °R`);
  }, 60_000);
});
