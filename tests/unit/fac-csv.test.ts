// CSV of a finite-area-combustor result: injector and combustor-end rows in place of the chamber.
import { describe, it, expect } from 'vitest';
import { parseCsv, rocketResultCsv } from '../../app/domain/csv.ts';
import type { RocketResult, Station } from '../../app/domain/problem.ts';

const station = (over: Partial<Station>): Station => ({
  T: 3000, p: 7e6, rho: 5, h: -1e5, u: -2e5, g: -3e7, s: 1e4, M: 22, MW: 22, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1100, mach: 0,
  areaRatio: 0, cstar: 1800, cf: 0, ispVac: 0, isp: 0, moleFractions: {}, ...over,
});

describe('CSV: finite-area combustor', () => {
  it('names the stations injector, combustor end, throat, exits', () => {
    const result: RocketResult = {
      ok: true,
      chamber: station({}),
      combustorEnd: station({ p: 6.7e6, mach: 0.3, areaRatio: 2 }),
      pInf: 6.85e6,
      throat: station({ p: 4e6, mach: 1, areaRatio: 1 }),
      exits: [station({ p: 101325, mach: 3, areaRatio: 10 })],
      warnings: [],
    };
    const rows = parseCsv(rocketResultCsv(result, 'SI'));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['injector', 'combustor end', 'throat', 'exit 1']);
    expect(Number(rows[2][rows[0].indexOf('p [bar]')])).toBe(67);
  });
});

describe('design report: finite-area combustor', () => {
  it('names the injector pressure, the combustor and p∞, and shows injector and combustor-end columns', async () => {
    const { designReport } = await import('../../app/domain/report.ts');
    const problem = { problem: 'rocket' as const, reactants: [{ name: 'RP-1', role: 'fuel' as const, massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1 }], of: 2.6, pc: 7e6, combustor: { contractionRatio: 2 } };
    const result: RocketResult = {
      ok: true, chamber: station({}), combustorEnd: station({ p: 6.5e6, mach: 0.31, areaRatio: 2, ispVac: 5000, isp: 340 }), pInf: 6.8e6,
      throat: station({ p: 4e6, mach: 1, areaRatio: 1 }), exits: [], warnings: [],
    };
    const r = designReport('FAC', problem, result, 'SI', '2026-12-01');
    expect(r.inputs).toContainEqual(['Injector pressure', '70.000 bar']);
    expect(r.inputs).toContainEqual(['Combustor', 'finite area, Ac/At = 2.0000']);
    expect(r.inputs).toContainEqual(['Stagnation pressure p∞ (c*, Cf refer to it)', '68.000 bar']);
    expect(r.table.head).toEqual(['Property', 'Injector', 'Combustor end', 'Throat', 'Unit']);
    expect(r.table.rows.find((x) => x[0] === 'Mach')!.slice(1, 3)).toEqual(['', '0.31000']);
  });
});
