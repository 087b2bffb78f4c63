// Transport properties at the edges: units (published conversion factors), the design report and
// CSV rows/columns (only when the result has them), the CEA deck's `output transport`, and
// experiments keeping the flag.
import { describe, expect, it } from 'vitest';
import { toDisplay, fromDisplay, unitLabel } from '../../app/domain/units.ts';
import { designReport } from '../../app/domain/report.ts';
import { parseCsv, rocketResultCsv } from '../../app/domain/csv.ts';
import { parseCeaDeck, toCeaDeck } from '../../app/domain/cea-deck.ts';
import { createExperiment } from '../../app/domain/experiment.ts';
import type { RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';

const st = (T: number, extra: Partial<Station> = {}): Station => ({
  T, p: 1e6, rho: 1, h: 0, u: 0, g: 0, s: 0, M: 20, MW: 20, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1000,
  mach: 1, areaRatio: 1, cstar: 1800, cf: 1.8, ispVac: 3000, isp: 2900, moleFractions: {}, ...extra,
});
const tr = { viscosity: 1.0818e-4, conductivity: 1.42967, conductivityFrozen: 0.35309, cpFrozen: 2065.6, prandtl: 0.4667, prandtlFrozen: 0.6329 };
const problem: RocketProblem = { problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }], of: 2.4, pc: 3.5e6, exits: [{ areaRatio: 15 }], transport: true };
const withTr: RocketResult = { ok: true, chamber: st(3528, tr), throat: st(3345, tr), exits: [st(1800, tr)], warnings: [] };
const without: RocketResult = { ok: true, chamber: st(3528), throat: st(3345), exits: [st(1800)], warnings: [] };

describe('transport units', () => {
  // NIST SP 811 (2008) appendix B: 1 BTU_IT/(h·ft·°F) = 1.730735 W/(m·K); 1 lbm/(ft·h) = 4.133789e-4 Pa·s.
  it('convert with the published factors and back', () => {
    expect(toDisplay('thermalConductivity', 1.730735, 'US')).toBeCloseTo(1, 6);
    expect(toDisplay('viscosity', 4.133789e-4, 'US')).toBeCloseTo(1, 6);
    expect(toDisplay('viscosity', 1.0818e-4, 'SI')).toBeCloseTo(108.18, 9);
    expect(unitLabel('viscosity', 'SI')).toBe('µPa·s');
    expect(unitLabel('thermalConductivity', 'US')).toBe('BTU/(h·ft·°R)');
    for (const q of ['viscosity', 'thermalConductivity'] as const) for (const s of ['SI', 'US'] as const) expect(fromDisplay(q, toDisplay(q, 0.123, s), s)).toBeCloseTo(0.123, 12);
  });
});

describe('transport in the report and the CSV', () => {
  it('adds the transport rows to the report only when the result has them', () => {
    const r = designReport('Booster', problem, withTr, 'SI', '2026-12-01');
    const row = (label: string) => r.table.rows.find((x) => x[0] === label);
    expect(row('Viscosity')).toEqual(['Viscosity', '108.18', '108.18', '108.18', 'µPa·s']);
    expect(row('Conductivity (frozen)')?.[1]).toBe('0.35309');
    expect(row('Prandtl (equilibrium)')?.[1]).toBe('0.46670');
    expect(designReport('Booster', problem, without, 'SI', '2026-12-01').table.rows.find((x) => x[0] === 'Viscosity')).toBeUndefined();
  });

  it('leaves a transport cell blank where a station has no value (frozen problems have no equilibrium conductivity)', () => {
    const frozen: RocketResult = { ...withTr, chamber: st(3528, { ...tr, conductivity: undefined, prandtl: undefined }) };
    const r = designReport('Booster', problem, frozen, 'US', '2026-12-01');
    expect(r.table.rows.find((x) => x[0] === 'Conductivity (equilibrium)')?.[1]).toBe('');
    expect(r.table.rows.find((x) => x[0] === 'Conductivity (equilibrium)')?.at(-1)).toBe('BTU/(h·ft·°R)');
  });

  it('adds transport columns with units to the CSV only when the result has them', () => {
    const rows = parseCsv(rocketResultCsv(withTr, 'US'));
    const head = rows[0];
    const k = head.indexOf('viscosity [lbm/(ft·h)]');
    expect(k).toBeGreaterThan(0);
    expect(Number(rows[1][k])).toBeCloseTo(1.0818e-4 / 4.133789e-4, 5);
    expect(head).toContain('Prandtl (frozen)');
    expect(parseCsv(rocketResultCsv(without, 'SI'))[0].some((h) => h.startsWith('viscosity'))).toBe(false);
  });
});

describe('transport in CEA decks and experiments', () => {
  it('writes and reads "output transport"', () => {
    const deck = toCeaDeck(problem);
    expect(deck).toMatch(/^output\s+siunits\s+transport$/m);
    const back = parseCeaDeck(deck);
    expect(back.ok && back.value.problem.transport).toBe(true);
    expect(toCeaDeck({ ...problem, transport: undefined })).not.toMatch(/transport/);
  });

  it('keeps transport: true in an experiment', () => {
    const e = createExperiment({ name: 'x', problem }, { now: () => '2026-12-01T00:00:00.000Z', newId: () => 'id' });
    expect(e.inputs.problem.transport).toBe(true);
  });
});
