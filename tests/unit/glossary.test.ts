// The glossary's data: every term explained, with units that agree with what the app shows, and
// formulas checked numerically against NASA CEA2 output (tests/fixtures/cea-reference-trimmed.json
// and cea-reference-transport-trimmed.json, CEA's printed figures) and hand calculations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, STATION_TERMS, glossaryHref, glossaryTerm, termQuestion } from '../../app/domain/glossary.ts';
import { toDisplay, unitLabel, type Quantity } from '../../app/domain/units.ts';
import { SEPARATION_CRITERION_FORMULA } from '../../app/domain/separation.ts';

const G0 = 9.80665; // m/s², standard gravity (CGPM 1901)
const R = 8314.46; // J/(kmol·K)

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
interface CeaStation { T_K: number; p_Pa: number; rho_kg_m3: number; h_J_kg: number; M_kg_kmol: number; gamma_s: number; sonic_velocity_m_s: number; mach: number; Ae_At?: number; cstar_m_s?: number; Cf?: number; Isp_vac_m_s?: number; Isp_m_s?: number; Isp_amb_1atm_m_s?: number }
// LOX/LH2, O/F 3, pc 10 bar, shifting equilibrium; exits at pc/pe = 9.87 (sea-level matched) and Ae/At 10, 40, 100
const lh2 = (fixture('cea-reference-trimmed.json').rocket as { id: string; chamber: CeaStation; throat: CeaStation; exits: CeaStation[] }[])
  .find((c) => c.id === 'lox_lh2-eq-of3-pc10')!;
const pc = 1e6;

const formula = (id: string) => glossaryTerm(id)?.formula ?? '';
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the glossary entries', () => {
  it('has unique ids, and every entry a name, a symbol and a short explanation in sentences', () => {
    expect(new Set(GLOSSARY.map((t) => t.id)).size).toBe(GLOSSARY.length);
    for (const t of GLOSSARY) {
      expect(t.name.length, t.id).toBeGreaterThan(2);
      expect(t.symbol.length, t.id).toBeGreaterThan(0);
      expect(t.short.length, t.id).toBeGreaterThan(40);
      expect(t.short.length, `${t.id}: short enough for a tooltip`).toBeLessThan(360);
      expect(t.short, t.id).toMatch(/[.)]$/);
    }
  });

  it('lists the terms the issue names and the quantities the app shows', () => {
    const need = ['gammaS', 'cstar', 'cf', 'densityIsp', 'of', 'areaRatio', 'frozen', 'shifting', 'ispAmb', 'ispVac',
      'pc', 'tc', 'molarMass', 'cp', 'mach', 'pressureRatio', 'throat', 'conductivity', 'viscosity', 'prandtl',
      'moleFraction', 'separation', 'paretoFront', 'nsga', 'hypervolume', 'surrogate'];
    for (const id of need) expect(glossaryTerm(id), id).toBeDefined();
    for (const id of Object.values(STATION_TERMS)) expect(glossaryTerm(id), id).toBeDefined();
  });

  it('gives every quantity both units and, but for plain state variables, a formula', () => {
    const noFormula = new Set(['pamb', 'temperature', 'pressure']);
    for (const t of GLOSSARY) {
      // a quantity has units in both systems; an idea (a method, a model, a flow regime) in neither
      expect(t.si === null, t.id).toBe(t.us === null);
      if (t.si !== null && !noFormula.has(t.id)) expect(t.formula, t.id).toBeTruthy();
    }
    // the ideas with a defining rule carry it too
    for (const id of ['frozen', 'shifting', 'separation', 'paretoFront', 'hypervolume']) expect(formula(id), id).toBeTruthy();
  });

  it('states the units the app shows for each quantity, in SI and in US customary units', () => {
    const shownAs: [string, Quantity][] = [
      ['cstar', 'velocity'], ['soundSpeed', 'velocity'], ['pc', 'pressure'], ['pamb', 'pressure'], ['pe', 'pressure'],
      ['tc', 'temperature'], ['molarMass', 'molarMass'], ['cp', 'specificHeat'], ['entropy', 'specificHeat'],
      ['enthalpy', 'specificEnthalpy'], ['density', 'density'], ['bulkDensity', 'density'], ['densityIsp', 'densityImpulse'],
      ['viscosity', 'viscosity'], ['conductivity', 'thermalConductivity'], ['cf', 'dimensionless'], ['gammaS', 'dimensionless'],
      ['mach', 'dimensionless'], ['areaRatio', 'dimensionless'], ['prandtl', 'dimensionless'],
    ];
    for (const [id, q] of shownAs) {
      const t = glossaryTerm(id)!;
      expect(t.si, id).toBe(unitLabel(q, 'SI'));
      expect(t.us, id).toBe(unitLabel(q, 'US'));
    }
    // Isp: seconds in both systems (lbf·s/lbm is numerically the second), m/s as exhaust velocity
    for (const id of ['isp', 'ispVac', 'ispAmb', 'ispMatched']) {
      expect(glossaryTerm(id)!.si, id).toMatch(/^s\b.*m\/s/);
      expect(glossaryTerm(id)!.us, id).toMatch(/^lbf·s\/lbm/);
    }
  });

  it('asks "What is c*?" and never repeats a form field\'s label (the field keeps its name to itself)', () => {
    expect(termQuestion(glossaryTerm('cstar')!)).toBe('What is c*?');
    expect(termQuestion(glossaryTerm('gammaS')!)).toBe('What is γs?');
    expect(termQuestion(glossaryTerm('of')!)).toBe('What is O/F?');
    const labels = ['chamber pressure', 'injector pressure', 'ambient pressure', 'exit pressure', 'chamber temperature', 'area ratio', 'mixture ratio', 'contraction ratio', 'mass flux', 'chemistry', ' to', 'from'];
    for (const t of GLOSSARY) for (const l of labels) expect(termQuestion(t).toLowerCase(), t.id).not.toContain(l);
  });

  it('links each term to its place on the glossary page', () => {
    expect(glossaryHref('cstar')).toBe('#/glossary?term=cstar');
  });
});

describe('the formulas, checked against NASA CEA2 (LOX/LH2, O/F 3, pc 10 bar, shifting)', () => {
  const [e1] = lh2.exits;
  const t = lh2.throat;
  const stations = [lh2.chamber, t, ...lh2.exits];
  const nozzle = lh2.exits;

  it('Isp = Cf·c*/g0 (g0 = 9.80665 m/s²)', () => {
    expect(formula('isp')).toBe('Isp = F/(ṁ·g0) = Cf·c*/g0');
    // hand: 1.2581 × 2424.6 m/s / 9.80665 m/s² = 311.05 s; CEA Isp 3050.5 m/s / g0 = 311.06 s
    expect(e1.Cf! * e1.cstar_m_s! / G0).toBeCloseTo(311.05, 1);
    for (const e of nozzle) expect(rel(e.Cf! * e.cstar_m_s! / G0, e.Isp_m_s! / G0)).toBeLessThan(2e-4);
  });

  it('Cf = Isp·g0/c*', () => {
    expect(formula('cf')).toBe('Cf = F/(pc·At) = Isp·g0/c*');
    for (const e of nozzle) expect(rel(e.Isp_m_s! / e.cstar_m_s!, e.Cf!)).toBeLessThan(2e-4);
  });

  it('c* = pc·At/ṁ, with ṁ/At = ρ·a at the sonic throat', () => {
    expect(formula('cstar')).toBe('c* = pc·At/ṁ');
    // hand: 1e6 Pa / (0.24684 kg/m³ × 1670.8 m/s) = 2424.7 m/s; CEA 2424.6
    expect(rel(pc / (t.rho_kg_m3 * t.sonic_velocity_m_s), t.cstar_m_s!)).toBeLessThan(1e-4);
    expect(formula('pc')).toBe('pc = ṁ·c*/At');
  });

  it('ε = Ae/At, which mass conservation gives as (ρ·v) at the throat over (ρ·v) at the exit', () => {
    expect(formula('areaRatio')).toBe('ε = Ae/At');
    // exit velocity ve = Isp at pa = pe in m/s
    for (const e of nozzle) expect(rel((t.rho_kg_m3 * t.sonic_velocity_m_s) / (e.rho_kg_m3 * e.Isp_m_s!), e.Ae_At!)).toBeLessThan(2e-3);
  });

  it('Isp,vac = ve + pe·Ae/ṁ and Isp,amb = Isp,vac − pa·Ae/ṁ, with Ae/ṁ = ε·c*/pc', () => {
    expect(formula('ispVac')).toMatch(/^Isp,vac = ve \+ pe·Ae\/ṁ/);
    expect(formula('ispAmb')).toMatch(/^Isp,amb = Isp,vac − pa·Ae\/ṁ/);
    expect(formula('ispMatched')).toBe('Isp = ve/g0 when pa = pe');
    for (const e of nozzle) expect(rel(e.Isp_m_s! + e.p_Pa * e.Ae_At! * e.cstar_m_s! / pc, e.Isp_vac_m_s!)).toBeLessThan(3e-4);
    // hand: 3572 − 101325 × 2.1226 × 2424.6 / 1e6 = 3572 − 521.46 = 3050.54 m/s; CEA prints 3050.54 at 1 atm
    expect(e1.Isp_vac_m_s! - 101325 * e1.Ae_At! * e1.cstar_m_s! / pc).toBeCloseTo(e1.Isp_amb_1atm_m_s!, 0);
  });

  it('Ma = v/a at every exit', () => {
    expect(formula('mach')).toBe('Ma = v/a');
    for (const e of nozzle) expect(rel(e.Isp_m_s! / e.sonic_velocity_m_s, e.mach)).toBeLessThan(3e-3);
  });

  it('ρ = p·M/(R·T) and a = √(γs·p/ρ) at every station', () => {
    expect(formula('density')).toBe('ρ = p·M/(R·T)');
    expect(formula('soundSpeed')).toBe('a = √(γs·p/ρ)');
    expect(formula('gammaS')).toContain('a = √(γs·p/ρ)');
    // hand, chamber: 1e6 × 8.042 / (8314.46 × 2433.84) = 0.39742 kg/m³; √(1.2202 × 1e6 / 0.39742) = 1752.2 m/s
    for (const s of stations) {
      expect(rel(s.p_Pa * s.M_kg_kmol / (R * s.T_K), s.rho_kg_m3)).toBeLessThan(1e-3);
      expect(rel(Math.sqrt(s.gamma_s * s.p_Pa / s.rho_kg_m3), s.sonic_velocity_m_s)).toBeLessThan(5e-4);
    }
  });

  it('ve = √(2·(hc − he))', () => {
    expect(formula('enthalpy')).toContain('ve = √(2·(hc − he))');
    // hand: hc − he = −1421830 + 6074560 = 4652730 J/kg → √9305460 = 3050.5 m/s; CEA Isp 3050.5 m/s
    for (const e of nozzle) expect(rel(Math.sqrt(2 * (lh2.chamber.h_J_kg - e.h_J_kg)), e.Isp_m_s!)).toBeLessThan(3e-4);
  });

  it('the ideal rocket’s c* from the chamber’s γs, Tc and M comes within 1 % of the equilibrium c*', () => {
    expect(formula('idealRocket')).toBe('c* = √(R·Tc/(γ·M)) · ((γ+1)/2)^((γ+1)/(2(γ−1)))');
    const { gamma_s: g, T_K, M_kg_kmol } = lh2.chamber;
    // hand: √(8314.46 × 2433.84 / (1.2202 × 8.042)) = 1436.0; 1.1101^5.0414 = 1.6932; c* = 2431.5 m/s
    const cstar = Math.sqrt(R * T_K / (g * M_kg_kmol)) * ((g + 1) / 2) ** ((g + 1) / (2 * (g - 1)));
    expect(cstar).toBeCloseTo(2431.5, 0);
    expect(rel(cstar, t.cstar_m_s!)).toBeLessThan(0.01);
  });
});

describe('the other formulas', () => {
  it('Pr = μ·cp/k, against CEA2 transport output (LOX/RP-1, O/F 2.4, pc 35 bar)', () => {
    expect(formula('prandtl')).toBe('Pr = μ·cp/k');
    const c = (fixture('cea-reference-transport-trimmed.json').cases as { id: string; chamber: Record<string, number> }[])
      .find((x) => x.id === 'lox_rp1-tr-eq-of2.4-pc35')!.chamber;
    // hand: 1.0818e-4 Pa·s × 6168.3 J/(kg·K) / 1.42967 W/(m·K) = 0.46674; CEA 0.4667
    expect(c.viscosity_Pa_s * c.cp_eq_J_kgK / c.conductivity_eq_W_mK).toBeCloseTo(c.prandtl_eq, 3);
    expect(c.viscosity_Pa_s * c.cp_fr_J_kgK / c.conductivity_fr_W_mK).toBeCloseTo(c.prandtl_fr, 3);
  });

  it('density-Isp = ρbulk·Isp, ρbulk from volumes that add; the same figure in both unit systems', () => {
    expect(formula('bulkDensity')).toBe('ρbulk = (1 + O/F)/(O/F/ρox + 1/ρfuel)');
    expect(formula('densityIsp')).toBe('ρ·Isp = ρbulk·Isp (Isp in s)');
    // hand: O/F 2 with ρox 1200 and ρfuel 800 kg/m³: 2 kg of oxidizer fill 1/600 m³, 1 kg of fuel 1/800 m³,
    // 3 kg in 7/2400 m³ → 7200/7 = 1028.571 kg/m³; at Isp 300 s: 308 571.4 kg·s/m³
    const rhoBulk = 7200 / 7;
    const densityIsp = rhoBulk * 300;
    expect(densityIsp).toBeCloseTo(308571.43, 1);
    // the app keeps N·s/m³ (Isp in m/s × kg/m³) and shows kg·s/m³; in US units lbm/ft³ × s:
    // 1028.571 kg/m³ / 16.018463 (kg/m³ per lbm/ft³) = 64.2114 lbm/ft³ → 19 263.4 lbf·s/ft³
    expect(toDisplay('densityImpulse', densityIsp * G0, 'SI')).toBeCloseTo(308571.43, 1);
    expect(toDisplay('densityImpulse', densityIsp * G0, 'US')).toBeCloseTo(19263.4, 0);
  });

  it('O/F and the equivalence ratio: H2/O2 at half the stoichiometric O/F is φ = 2', () => {
    expect(formula('of')).toBe('O/F = ṁox/ṁfuel');
    expect(formula('phi')).toBe('φ = (O/F)st/(O/F)');
    // 2 H2 + O2: (O/F)st = 31.9988 / (2 × 2.01588) = 7.9369
    const st = 31.9988 / (2 * 2.01588);
    expect(st).toBeCloseTo(7.9369, 3);
    expect(st / (st / 2)).toBe(2);
  });

  it('separation: the criterion the app applies (Schmucker)', () => {
    expect(formula('separation')).toBe(`separates when ${SEPARATION_CRITERION_FORMULA}`);
    expect(formula('separation')).toBe('separates when pe/pa < (1.88·Me − 1)^−0.64');
  });
});
