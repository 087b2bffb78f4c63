// The Pareto set's columns and CSV: SI or US customary by the workspace setting, with a blend
// fraction column after each blended role. Expected values are the exact unit definitions worked
// by hand (ft = 0.3048 m, lbm = 0.45359237 kg, g0 = 9.80665 m/s², °R = 1.8 K).
import { describe, it, expect } from 'vitest';
import { paretoColumns, paretoCsv, displayRow } from '../../app/domain/pareto-table.ts';
import { parseCsv } from '../../app/domain/csv.ts';
import type { EvaluatedDesign, OptimizeSpec } from '../../app/domain/optimize-spec.ts';

const CHOICE: Pick<OptimizeSpec, 'fuels' | 'oxidizers' | 'variables'> = {
  fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'], variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: 40 },
};
const BLEND: typeof CHOICE = {
  fuels: ['RP-1', 'CH4(L)'], oxidizers: ['O2(L)', 'N2O4'], variables: { of: [1.5, 8], pc: 7e6, areaRatio: 40, fuelBlend: [0.2, 0.8], oxidizerBlend: [0, 1] },
};
const LBF_N = 0.45359237 * 9.80665; // 4.4482216152605 N
const PSI_Pa = LBF_N / 0.0254 ** 2; // 6894.757293168 Pa

// Round numbers in US units: 1000 psia, 300 s, 6000 ft/s, 6300 °R.
const DESIGN: EvaluatedDesign = {
  fuel: 'RP-1 + CH4(L)', oxidizer: 'O2(L) + N2O4', fuelBlend: 0.25, oxidizerBlend: 0.5,
  of: 2.5, pc: 1000 * PSI_Pa, areaRatio: 40, ispVac: 300 * 9.80665, ispAmb: 250 * 9.80665, densityIsp: 3e6, cstar: 6000 * 0.3048, Tc: 3500,
  costPerImpulse: 1e-4, pe: 101325, peOverPamb: 1, bulkDensity: 1000,
};

describe('Pareto table columns', () => {
  it('without blends: fuel and oxidizer chosen, SI headers in the units Explore shows (bar, s)', () => {
    const cols = paretoColumns(CHOICE, 'SI');
    expect(cols.filter((c) => !c.csvOnly).map((c) => c.label)).toEqual(
      ['Fuel', 'Oxidizer', 'O/F', 'pc (bar)', 'Ae/At', 'Isp vac (s)', 'Isp amb (s)', 'ρ·Isp (kg·s/m³)', 'c* (m/s)', 'Tc (K)', 'cost (USD/kN·s)']);
    expect(cols.filter((c) => c.csvOnly).map((c) => c.label)).toEqual(['pe (bar)', 'bulk density (kg/m³)']);
  });

  it('US headers: psia, s, lbf·s/ft³, ft/s, °R', () => {
    expect(paretoColumns(CHOICE, 'US').map((c) => c.label)).toEqual(
      ['Fuel', 'Oxidizer', 'O/F', 'pc (psia)', 'Ae/At', 'Isp vac (s)', 'Isp amb (s)', 'ρ·Isp (lbf·s/ft³)', 'c* (ft/s)', 'Tc (°R)', 'cost (USD/klbf·s)', 'pe (psia)', 'bulk density (lbm/ft³)']);
  });

  it('a blend fraction column after each blended role, named for the second propellant', () => {
    const labels = paretoColumns(BLEND, 'US').map((c) => c.label);
    expect(labels.slice(0, 4)).toEqual(['Fuel', 'CH4(L) in fuel (mass fraction)', 'Oxidizer', 'N2O4 in oxidizer (mass fraction)']);
    const row = displayRow(DESIGN, paretoColumns(BLEND, 'US'));
    expect(row.fuelBlend).toBe(0.25);
    expect(row.oxidizerBlend).toBe(0.5);
  });

  it('converts every dimensional column to US customary units', () => {
    const row = displayRow(DESIGN, paretoColumns(BLEND, 'US'));
    expect(row.pc).toBeCloseTo(1000, 9);
    expect(row.ispVac).toBeCloseTo(300, 9); // lbf·s/lbm: m/s over g0
    expect(row.ispAmb).toBeCloseTo(250, 9);
    expect(row.cstar).toBeCloseTo(6000, 9);
    expect(row.Tc).toBeCloseTo(6300, 9);
    // 3e6 N·s/m³ × 0.3048³ m³/ft³ / 4.4482216 N/lbf = 19097.6 lbf·s/ft³
    expect(row.densityIsp).toBeCloseTo(19097.64, 1);
    // 1e-4 USD/(N·s) × 4.4482216 N/lbf × 1000 = 0.44482 USD/(klbf·s)
    expect(row.costPerImpulse).toBeCloseTo(0.444822, 6);
    expect(row.pe).toBeCloseTo(14.69595, 5); // one atmosphere
    expect(row.bulkDensity).toBeCloseTo(62.42796, 5); // water
    expect(row.of).toBe(2.5);
    expect(row.areaRatio).toBe(40);
  });

  it('writes the CSV in the columns’ units with full precision, SI or US', () => {
    const si = parseCsv(paretoCsv([DESIGN], paretoColumns(BLEND, 'SI')));
    const us = parseCsv(paretoCsv([DESIGN], paretoColumns(BLEND, 'US')));
    const get = (t: string[][], label: string) => t[1][t[0].indexOf(label)];
    expect(get(si, 'CH4(L) in fuel (mass fraction)')).toBe('0.25');
    expect(get(si, 'Fuel')).toBe('RP-1 + CH4(L)');
    expect(Number(get(si, 'pc (bar)'))).toBeCloseTo(68.94757293168, 10); // 1000 psi × 6894.757 Pa/psi / 1e5 Pa/bar
    expect(Number(get(si, 'Isp vac (s)'))).toBeCloseTo(300, 9);
    expect(Number(get(si, 'Tc (K)'))).toBe(3500);
    expect(Number(get(si, 'ρ·Isp (kg·s/m³)'))).toBeCloseTo(305914.864, 2); // 3e6 N·s/m³ / 9.80665 m/s²
    expect(Number(get(si, 'pe (bar)'))).toBeCloseTo(1.01325, 12);
    expect(Number(get(us, 'pc (psia)'))).toBeCloseTo(1000, 9);
    expect(Number(get(us, 'Isp vac (s)'))).toBeCloseTo(300, 9);
    expect(Number(get(us, 'Tc (°R)'))).toBeCloseTo(6300, 9);
    expect(Number(get(us, 'c* (ft/s)'))).toBeCloseTo(6000, 9);
    expect(Number(get(us, 'bulk density (lbm/ft³)'))).toBeCloseTo(62.42796, 5);
    expect(get(us, 'N2O4 in oxidizer (mass fraction)')).toBe('0.5');
  });

  it('a design whose nozzle flow separates shows no ambient Isp in the chart or the CSV, and says why', () => {
    // marked separated: the full-flowing formula gives a negative ambient Isp (e.g. −2,788.7 m/s, issue 12)
    const sep: EvaluatedDesign = { ...DESIGN, ispAmb: -2788.7, peOverPamb: 0.05, separated: true };
    const row = displayRow(sep, paretoColumns(BLEND, 'SI'));
    expect(row.ispAmb).toBeNull();
    expect(row.flow).toBe('separates at ambient');
    expect(row.ispVac).toBeCloseTo(300, 9); // Isp in s, as Explore shows it (issue 12 item 8)
    expect(displayRow({ ...DESIGN, separated: false }, paretoColumns(BLEND, 'SI')).flow).toBe('full');
    const csv = parseCsv(paretoCsv([sep, DESIGN], paretoColumns(BLEND, 'SI')));
    const col = csv[0].indexOf('Isp amb (s)');
    expect(col).toBeGreaterThan(-1);
    expect(csv[1][col]).toBe('n/a: flow separates');
    expect(Number(csv[2][col])).toBeCloseTo(250, 9);
    expect(csv.flat().some((c) => c.includes('-2788'))).toBe(false);
  });
});
