import { describe, it, expect } from 'vitest';
import { toCsv, parseCsv, rocketResultCsv, seriesCsv } from '../../app/domain/csv.ts';
import { exportWorkspace, importWorkspace, exportExperimentFile, WORKSPACE_VERSION, type StoredResult, type Workspace } from '../../app/domain/backup.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { validateCustomPropellant } from '../../app/domain/propellants.ts';
import type { RocketResult, Station } from '../../app/domain/problem.ts';

const station = (over: Partial<Station>): Station => ({
  T: 3000, p: 7e6, rho: 5, h: -1e5, u: -2e5, g: -3e7, s: 1e4, M: 22, MW: 22, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1100, mach: 0,
  areaRatio: NaN, cstar: NaN, cf: NaN, ispVac: NaN, isp: NaN, moleFractions: {}, ...over,
});

describe('CSV', () => {
  it('quotes, escapes and neutralises formula-like text', () => {
    const csv = toCsv([{ a: 'x,y', b: 'say "hi"', c: '=cmd|calc', d: 1.5, e: NaN }], [
      { label: 'a', get: (r) => r.a },
      { label: 'b', get: (r) => r.b },
      { label: 'c', get: (r) => r.c },
      { label: 'd', get: (r) => r.d },
      { label: 'e', get: (r) => r.e },
    ], 'SI');
    expect(csv).toBe('a,b,c,d,e\r\n"x,y","say ""hi""",\'=cmd|calc,1.5,\r\n');
    expect(parseCsv(csv)).toEqual([['a', 'b', 'c', 'd', 'e'], ['x,y', 'say "hi"', "'=cmd|calc", '1.5', '']]);
  });

  it('writes stations with units in the headers, converted to US units', () => {
    const result: RocketResult = {
      ok: true,
      chamber: station({}),
      throat: station({ p: 4e6, mach: 1, areaRatio: 1, cstar: 1800 }),
      exits: [station({ p: 101325, mach: 3, areaRatio: 10, cstar: 1800, cf: 1.6, ispVac: 9.80665 * 300, isp: 9.80665 * 280 }), { ok: false, error: { code: 'x', message: 'no' } }],
      warnings: [],
    };
    const rows = parseCsv(rocketResultCsv(result, 'US'));
    expect(rows[0]).toContain('p [psia]');
    expect(rows[0]).toContain('Isp vacuum [lbf·s/lbm]');
    expect(rows[0]).toContain('T [°R]');
    expect(rows.length).toBe(4); // header + chamber + throat + one computed exit
    const col = (name: string) => rows[0].indexOf(name);
    expect(Number(rows[3][col('Isp vacuum [lbf·s/lbm]')])).toBeCloseTo(300, 10);
    expect(Number(rows[3][col('p [psia]')])).toBeCloseTo(14.6959487755, 8);
    expect(Number(rows[1][col('T [°R]')])).toBeCloseTo(5400, 10);
    expect(rows[1][col('c* [m/s]')]).toBeUndefined(); // US headers only
    const si = parseCsv(rocketResultCsv(result, 'SI'));
    expect(Number(si[1][si[0].indexOf('p [bar]')])).toBe(70);
  });

  it('writes series column by column', () => {
    expect(seriesCsv([{ label: 'O/F', values: [1, 2] }, { label: 'Isp vacuum', quantity: 'specificImpulse', values: new Float64Array([3000, 3100]) }], 'SI')).toBe('O/F,Isp vacuum [m/s]\r\n1,3000\r\n2,3100\r\n');
  });
});

describe('JSON backup', () => {
  const now = { now: () => '2024-03-03T00:00:00.000Z' };
  const makeWorkspace = (): Workspace => {
    const a = experimentFromTemplate(TEMPLATES[0], 'SI', { ...now, newId: () => 'a' });
    const b = experimentFromTemplate(TEMPLATES[6], 'US', { ...now, newId: () => 'b' });
    b.studies.push({ id: 's1', kind: 'sweep', spec: { of: [1, 2] }, seed: 42, status: 'done', resultsRef: 'r1', updatedAt: '2024-03-03T00:00:00.000Z', summary: { ispVac_m_s: 2900 } });
    const r1: StoredResult = {
      id: 'r1', experimentId: 'b', studyId: 's1', createdAt: '2024-03-03T00:00:00.000Z',
      columns: { of: new Float64Array([1, 2, NaN, -0, 1e-300]), ispVac_m_s: new Float32Array([2900.5, 2950.25]), flags: new Uint8Array([0, 255]) },
      meta: { warnings: ['w'] },
    };
    const prop = validateCustomPropellant({ name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15 }, 'p1');
    if (!prop.ok) throw new Error();
    return { experiments: [a, b], results: [r1], models: [], propellants: [prop.value], settings: { units: 'US' } };
  };

  it('round-trips the whole workspace exactly, typed arrays bit for bit', () => {
    const ws = makeWorkspace();
    const text = exportWorkspace(ws, '2024-03-04T00:00:00.000Z');
    const r = importWorkspace(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.skipped).toEqual([]);
    expect(r.value.workspace).toEqual(ws);
    const of = r.value.workspace.results[0].columns.of as Float64Array;
    expect(of).toBeInstanceOf(Float64Array);
    expect(Object.is(of[3], -0)).toBe(true);
    expect(r.value.workspace.results[0].columns.ispVac_m_s).toBeInstanceOf(Float32Array);
    // and a second export is byte-identical
    expect(exportWorkspace(r.value.workspace, '2024-03-04T00:00:00.000Z')).toBe(text);
  });

  it('exports one experiment with its own results only', () => {
    const ws = makeWorkspace();
    const r = importWorkspace(exportExperimentFile(ws.experiments[0], ws.results, [], 'x'));
    expect(r.ok && r.value.workspace.experiments.map((e) => e.id)).toEqual(['a']);
    expect(r.ok && r.value.workspace.results).toEqual([]);
  });

  it('imports a bare experiment document and old versions', () => {
    const r = importWorkspace(JSON.stringify({ version: 1, name: 'old', inputs: { pc_bar: 10, reactants: [{ name: 'N2H4(L)', massFraction: 1 }] } }));
    expect(r.ok && r.value.workspace.experiments[0].inputs.problem.pc).toBe(1e6);
  });

  it('skips bad items with a reason and keeps the rest', () => {
    const ws = JSON.parse(exportWorkspace(makeWorkspace(), 'x'));
    ws.experiments.push({ type: 'rocket-fuel-optimizer/experiment', version: 99 });
    ws.results.push({ id: 'r2', experimentId: 'nobody', columns: {} });
    ws.results.push({ id: 'r3', experimentId: 'a', columns: { x: { dtype: 'float64', data: 'AAA' } } });
    ws.propellants.push({ id: 'p2', name: 'Bad', role: 'fuel', components: [{ formula: { Zz: 1 } }], density_kg_m3: 1, storageT_K: 1 });
    const r = importWorkspace(JSON.stringify(ws));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.workspace.experiments.length).toBe(2);
    expect(r.value.workspace.results.length).toBe(1);
    expect(r.value.workspace.propellants.length).toBe(1);
    expect(r.value.skipped.length).toBe(4);
    expect(r.value.skipped[0]).toContain('newer version');
  });

  it('rejects non-JSON and newer backup formats', () => {
    expect(importWorkspace('{').ok).toBe(false);
    const r = importWorkspace(JSON.stringify({ type: 'rocket-fuel-optimizer/workspace', version: WORKSPACE_VERSION + 1 }));
    expect(!r.ok && r.error.code).toBe('newer-version');
  });
});
