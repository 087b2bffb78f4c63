// The design-point report's content: inputs and the station table in the chosen units.
import { describe, it, expect } from 'vitest';
import { designReport } from '../../app/domain/report.ts';
import type { RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';

const st = (T: number, p: number, ispVac: number): Station => ({
  T, p, rho: 1, h: 0, u: 0, g: 0, s: 0, M: 20, MW: 20, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1000,
  mach: 0, areaRatio: 1, cstar: 1800, cf: 1.8, ispVac, isp: ispVac - 100, moleFractions: {},
});
const problem: RocketProblem = { problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of: 2.6, pc: 6.894757e6, pamb: 101325 };
const result: RocketResult = { ok: true, chamber: st(3600, 6.894757e6, 0), throat: st(3400, 4e6, 2000), exits: [st(1800, 1e5, 3200), { ok: false, error: { code: 'frozen-low-temperature', message: 'frozen expansion stopped' } }], warnings: [] };

describe('design report', () => {
  it('lists inputs and stations in SI, leaving nozzle figures blank in the chamber', () => {
    const r = designReport('Booster', problem, result, 'SI', '2026-11-25');
    expect(r.inputs).toContainEqual(['Chamber pressure', '68.948 bar']);
    expect(r.inputs).toContainEqual(['oxidizer: O2(L)', '100.0 % by mass, 90.170 K']);
    expect(r.table.head).toEqual(['Property', 'Chamber', 'Throat', 'Exit 1', 'Unit']);
    const isp = r.table.rows.find((x) => x[0] === 'Isp vacuum')!;
    expect(isp).toEqual(['Isp vacuum', '', '2000.0', '3200.0', 'm/s']);
    expect(r.notes).toEqual(['Exit 2 not computed: frozen expansion stopped']);
  });
  it('converts to US customary units (1000 psia; Isp in lbf·s/lbm = m/s ÷ 9.80665; T in °R)', () => {
    const r = designReport('Booster', problem, result, 'US', '2026-11-25');
    expect(r.inputs).toContainEqual(['Chamber pressure', '1000.0 psia']);
    const isp = r.table.rows.find((x) => x[0] === 'Isp vacuum')!;
    expect(isp[3]).toBe('326.31'); // 3200 / 9.80665
    expect(r.table.rows.find((x) => x[0] === 'Temperature')![1]).toBe('6480.0'); // 3600 K × 1.8
  });
});

describe('formatSig', () => {
  it('keeps the count of significant figures when rounding crosses a power of ten', async () => {
    const { formatSig } = await import('../../app/domain/number-text.ts');
    expect(formatSig(999.99996, 5)).toBe('1000.0');
    expect(formatSig(9.99996, 5)).toBe('10.000');
    expect(formatSig(3520.44, 5)).toBe('3520.4');
    expect(formatSig(-0.012345, 3)).toBe('-0.0123');
    expect(formatSig(Number.NaN)).toBe('—');
    expect(formatSig(2.5e7, 3)).toBe('2.50e+7');
  });
});
