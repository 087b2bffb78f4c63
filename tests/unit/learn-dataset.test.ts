// Learn datasets kept with an experiment: built from firings or samples, the rows a model trains
// on, the study and results record they are stored as, the CSV download (units in the headers),
// and restoreDataset, which names the field and the value of anything it refuses. Expected values
// are worked by hand from the rows below.
import { describe, it, expect } from 'vitest';
import {
  DATASET_TYPE, DATASET_VERSION, datasetCsv, datasetInfo, datasetResult, datasetsIn, describeDataset, isDatasetResult, measuredDataset,
  restoreDataset, simulatedDataset, studyDatasetInfo, trainingRows, withDataset,
} from '../../app/domain/learn-dataset.ts';
import type { TestFireRow } from '../../app/domain/testfire-csv.ts';
import { restoreExperiment } from '../../app/domain/experiment.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import { parseCsv } from '../../app/domain/csv.ts';
import type { StoredResult } from '../../app/domain/backup.ts';

const AT = '2025-04-01T08:00:00.000Z';
const REACTANTS = [
  { name: 'RP-1', role: 'fuel' as const, massFraction: 1, T: 298.15 },
  { name: 'O2(L)', role: 'oxidizer' as const, massFraction: 1, T: 90.17 },
];
const SPEC = {
  fileName: 'stand.csv', headers: ['Test ID', 'O/F', 'Pc (bar)', 'Isp (m/s)', 'Pamb (bar)'],
  mapping: { testId: 0, of: 1, pc: 2, isp: 3, pamb: 4 }, units: { pc: 'bar', isp: 'm/s', pamb: 'bar' }, decimal: '.' as const, defaultAreaRatio: 40,
};

/** Three firings: the first with every value, the second without area ratio or ambient, the third without Isp. */
function firings(): TestFireRow[] {
  return [
    { line: 2, testId: 'T-1', of: 2.4, pc: 7e6, eps: 16, pamb: 1e5, thrust: 1000, mdot: 0.4, isp: 2500 },
    { line: 3, testId: 'T-2', of: 2.6, pc: 7.2e6, isp: 2450 },
    { line: 4, testId: 'T-3', of: 2.8, pc: 6.8e6, cstar: 1750 },
  ];
}

const measured = (ideal: (number | null)[] = [2600, 2550, 2650]) => measuredDataset({ name: 'Test firings stand.csv', reactants: REACTANTS, spec: SPEC }, firings(), ideal);
const simulated = () => simulatedDataset(
  { name: 'LOX/RP-1 simulated, 1 samples (seed 4)', reactants: REACTANTS, spec: { bounds: [{ name: 'O/F', min: 1.5, max: 3.5 }, { name: 'pc', min: 1e5, max: 2.5e7, log: true }, { name: 'eps', min: 5, max: 150, log: true }], count: 2, seed: 4 } },
  [[2, 1e6, 10], [3, 7e6, 100]],
  [3000, null],
);

describe('building a dataset', () => {
  it('keeps every firing, SI, with NaN where the file or the engine gave nothing, and the default area ratio', () => {
    const ds = measured([2600, 2550, null]);
    expect(ds.type).toBe(DATASET_TYPE);
    expect(ds.version).toBe(DATASET_VERSION);
    expect(ds.testIds).toEqual(['T-1', 'T-2', 'T-3']);
    expect(ds.spec).toEqual({ source: 'measured', ...SPEC });
    expect(Array.from(ds.columns.areaRatio!)).toEqual([16, 40, 40]);
    expect(Array.from(ds.columns.pamb_Pa!)).toEqual([1e5, NaN, NaN]);
    expect(Array.from(ds.columns.isp_m_s!)).toEqual([2500, 2450, NaN]);
    expect(Array.from(ds.columns.idealIsp_m_s!)).toEqual([2600, 2550, NaN]);
    expect(Array.from(ds.columns.cstar_m_s!)).toEqual([NaN, NaN, 1750]);
  });

  it('trains on the rows with a measured Isp and its ideal; a firing with an ambient pressure makes the basis ambient', () => {
    const t = trainingRows(measured());
    expect(t).toEqual({ x: [[2.4, 7e6, 16], [2.6, 7.2e6, 40]], y: [[2500], [2450]], ideal: [[2600], [2550]], idealBasis: 'ambient', ambient: { pamb_Pa: 1e5, assumed: false } });
    // without T-1 (the only firing with an ambient pressure) the ideal is the vacuum one, and sea level is assumed
    const t2 = trainingRows(measured([null, 2550, 2650]));
    expect(t2).toEqual({ x: [[2.6, 7.2e6, 40]], y: [[2450]], ideal: [[2550]], idealBasis: 'vacuum', ambient: { pamb_Pa: 101325, assumed: true } });
  });

  it('records the firings’ ambient pressure as their median', () => {
    const rows: TestFireRow[] = [0.9e5, 1.01325e5, 1.01325e5, 0.8e5].map((pamb, i) => ({ line: i + 2, testId: `T-${i}`, of: 2.5, pc: 7e6, pamb, isp: 2500 }));
    const ds = measuredDataset({ name: 'n', reactants: REACTANTS, spec: SPEC }, rows, [2600, 2600, 2600, 2600]);
    expect(trainingRows(ds).ambient).toEqual({ pamb_Pa: (0.9e5 + 1.01325e5) / 2, assumed: false }); // median of 0.8, 0.9, 1.01325, 1.01325 bar
    // vacuum-chamber firings (ambient 0 given) are at 0 Pa, not assumed at sea level
    const vac = measuredDataset({ name: 'v', reactants: REACTANTS, spec: SPEC }, rows.map((r) => ({ ...r, pamb: 0 })), [2600, 2600, 2600, 2600]);
    expect(trainingRows(vac)).toMatchObject({ idealBasis: 'vacuum', ambient: { pamb_Pa: 0, assumed: false } });
  });

  it('keeps every sampled point; a point the engine could not solve stays out of training', () => {
    const ds = simulated();
    expect(ds.testIds).toEqual([]);
    expect(Array.from(ds.columns.ispVac_m_s!)).toEqual([3000, NaN]);
    expect(trainingRows(ds)).toEqual({ x: [[2, 1e6, 10]], y: [[3000]] });
    expect(describeDataset(datasetInfo(ds))).toBe('2 rows (1 usable), simulated (Latin hypercube, seed 4)');
    expect(describeDataset(datasetInfo(measured()))).toBe('3 rows (2 usable), test firings (stand.csv)');
    expect(describeDataset(datasetInfo(measured([1, 2, 3])))).toBe('3 rows (2 usable), test firings (stand.csv)');
  });
});

describe('stored with an experiment', () => {
  it('adds a dataset study first, its rows in a results record, and reads back the same', () => {
    const e = experimentFromTemplate(TEMPLATES[1], 'SI', { now: () => AT, newId: () => 'e1' });
    const ds = measured();
    const { experiment, result, studyId } = withDataset(e, ds, AT, () => 'd1');
    expect(studyId).toBe('d1');
    expect(experiment.studies.map((s) => [s.id, s.kind, s.resultsRef])).toEqual([['d1', 'dataset', 'res-d1'], ...e.studies.map((s) => [s.id, s.kind, s.resultsRef])]);
    const st = experiment.studies[0];
    expect(st.summary).toEqual({ rows: 3, usableRows: 2 });
    expect(st.spec).toMatchObject({ name: 'Test firings stand.csv', source: 'measured', fileName: 'stand.csv', mapping: SPEC.mapping, defaultAreaRatio: 40 });
    expect([result.id, result.experimentId, result.studyId, result.createdAt]).toEqual(['res-d1', 'e1', 'd1', AT]);
    expect(result.columns.of).toBeInstanceOf(Float64Array);
    expect(Object.keys(result.columns)).toEqual(['of', 'pc_Pa', 'areaRatio', 'pamb_Pa', 'thrust_N', 'mdot_kg_s', 'cstar_m_s', 'isp_m_s', 'idealIsp_m_s']);
    expect(result.meta.columns).toBeUndefined();
    expect(isDatasetResult(result)).toBe(true);
    expect(isDatasetResult({ meta: { kind: 'sweep' } })).toBe(false);
    // the stored document is JSON and its study survives a restore of the experiment
    const back = restoreExperiment(JSON.parse(JSON.stringify(experiment)));
    if (!back.ok) throw new Error(back.error.message);
    expect(studyDatasetInfo(back.value.studies[0])).toEqual({ name: 'Test firings stand.csv', source: 'measured', rows: 3, usableRows: 2, origin: 'test firings (stand.csv)' });
    expect(datasetsIn([back.value])).toEqual([{ experimentId: 'e1', experimentName: e.name, studyId: 'd1', info: datasetInfo(ds) }]);
    const r = restoreDataset(structuredClone(result));
    expect(r.ok && r.value).toEqual(ds);
    const s = restoreDataset(datasetResult(simulated(), { id: 'r', experimentId: 'e', studyId: 's' }, AT));
    expect(s.ok && s.value).toEqual(simulated());
  });
});

describe('CSV download', () => {
  it('writes one row per firing with units in the headers, blanks where nothing is known (SI)', () => {
    const rows = parseCsv(datasetCsv(measured(), 'SI'));
    expect(rows[0]).toEqual(['Test id', 'O/F', 'Chamber pressure [bar]', 'Area ratio', 'Ambient pressure [bar]', 'Thrust [N]', 'Mass flow [kg/s]', 'c* [m/s]', 'Isp measured [m/s]', 'Isp ideal (engine) [m/s]']);
    expect(rows[1]).toEqual(['T-1', '2.4', '70', '16', '1', '1000', '0.4', '', '2500', '2600']);
    expect(rows[3]).toEqual(['T-3', '2.8', '68', '40', '', '', '', '1750', '', '2650']);
    expect(rows).toHaveLength(4);
  });

  it('converts to US customary units', () => {
    const rows = parseCsv(datasetCsv(measured(), 'US'));
    expect(rows[0].slice(2, 10)).toEqual(['Chamber pressure [psia]', 'Area ratio', 'Ambient pressure [psia]', 'Thrust [lbf]', 'Mass flow [lbm/s]', 'c* [ft/s]', 'Isp measured [lbf·s/lbm]', 'Isp ideal (engine) [lbf·s/lbm]']);
    const v = rows[1].map(Number);
    // 1 psi = 0.45359237 kg × 9.80665 m/s² / (0.0254 m)² = 6894.757293168 Pa
    expect(v[2]).toBeCloseTo(7e6 / 6894.757293168, 8); // 1015.264…
    expect(v[5]).toBeCloseTo(1000 / 4.4482216152605, 9); // 224.809 lbf
    expect(v[6]).toBeCloseTo(0.4 / 0.45359237, 12); // 0.881849 lbm/s
    expect(v[8]).toBeCloseTo(2500 / 9.80665, 9); // 254.93 s
    expect(Number(parseCsv(datasetCsv(measured(), 'US'))[3][7])).toBeCloseTo(1750 / 0.3048, 9);
  });

  it('numbers simulated samples and gives the engine output', () => {
    const rows = parseCsv(datasetCsv(simulated(), 'SI'));
    expect(rows).toEqual([['Sample', 'O/F', 'Chamber pressure [bar]', 'Area ratio', 'Isp vacuum (engine) [m/s]'], ['1', '2', '10', '10', '3000'], ['2', '3', '70', '100', '']]);
  });
});

describe('restoreDataset refuses bad records, naming the field and the value', () => {
  const stored = () => datasetResult(measured(), { id: 'res-d1', experimentId: 'e1', studyId: 'd1' }, AT);
  const refused = (r: unknown) => {
    const x = restoreDataset(r);
    if (x.ok) throw new Error('the record was accepted');
    return x.error;
  };
  const NAME = 'dataset “Test firings stand.csv”';

  it('a bad value in a column', () => {
    const a = stored();
    a.columns.pc_Pa[1] = -5;
    expect(refused(a)).toEqual({ code: 'bad-dataset', message: `${NAME}: row 2 (test T-2): Chamber pressure must be a finite number > 0 Pa (got -5) (field columns.pc_Pa.1)`, field: 'columns.pc_Pa.1' });
    const b = stored();
    b.columns.of[2] = NaN;
    expect(refused(b).message).toBe(`${NAME}: row 3 (test T-3): O/F must be a finite number > 0 (got NaN) (field columns.of.2)`);
    const c = stored();
    c.columns.isp_m_s[0] = -1;
    expect(refused(c).message).toBe(`${NAME}: row 1 (test T-1): Isp measured must be a finite number > 0 m/s (or NaN when not known) (got -1) (field columns.isp_m_s.0)`);
    const d = stored();
    d.columns.areaRatio[0] = 0.5;
    expect(refused(d).message).toBe(`${NAME}: row 1 (test T-1): Area ratio must be a finite number ≥ 1 (got 0.5) (field columns.areaRatio.0)`);
    const e = stored() as unknown as { columns: Record<string, unknown> };
    e.columns.thrust_N = [1000, '2,5', 3];
    expect(refused(e).message).toBe(`${NAME}: row 2 (test T-2): Thrust must be a finite number > 0 N (or NaN when not known) (got "2,5") (field columns.thrust_N.1)`);
  });

  it('a missing or short column, or test ids that do not match the rows', () => {
    const a = stored();
    delete (a.columns as Partial<StoredResult['columns']>).idealIsp_m_s;
    expect(refused(a)).toEqual({ code: 'bad-dataset', message: `${NAME}: the Isp ideal (engine) column (idealIsp_m_s) is missing (got undefined) (field columns.idealIsp_m_s)`, field: 'columns.idealIsp_m_s' });
    const b = stored();
    b.columns.cstar_m_s = new Float64Array(2);
    expect(refused(b).message).toBe(`${NAME}: cstar_m_s must hold 3 values like of, one per row (got 2) (field columns.cstar_m_s)`);
    const c = stored();
    (c.meta.testIds as string[]).pop();
    expect(refused(c).message).toBe(`${NAME}: testIds must hold 3 texts, one per row (got 2) (field meta.testIds)`);
    const d = stored();
    (d.meta.testIds as unknown[])[1] = 7;
    expect(refused(d).message).toBe(`${NAME}: a test id must be text (got 7) (field meta.testIds.1)`);
  });

  it('a bad document', () => {
    const edit = (f: (m: Record<string, unknown>) => void) => {
      const r = stored();
      f(r.meta as Record<string, unknown>);
      return refused(r);
    };
    expect(edit((m) => (m.type = 'rfo-ml-model')).message).toBe(`${NAME}: not a Learn dataset (type must be "rfo-learn-dataset") (got "rfo-ml-model") (field meta.type)`);
    expect(edit((m) => (m.version = 2)).message).toBe(`${NAME}: saved by a newer version of the app (this app reads dataset format up to 1); update the app to open it (got 2) (field meta.version)`);
    expect(edit((m) => (m.reactants = [])).field).toBe('meta.reactants');
    expect(edit((m) => ((m.spec as Record<string, unknown>).source = 'guessed')).message).toBe(`${NAME}: source must be "measured" or "simulated" (got "guessed") (field meta.spec.source)`);
    expect(edit((m) => ((m.spec as { mapping: Record<string, number> }).mapping.pc = 9)).message).toBe(`${NAME}: mapping.pc must be a column of the file (0 to 4) (got 9) (field meta.spec.mapping.pc)`);
    expect(edit((m) => ((m.spec as { units: Record<string, string> }).units.pc = 'furlong')).message).toBe(`${NAME}: units.pc must be one of bar, Pa, kPa, MPa, psia, atm (got "furlong") (field meta.spec.units.pc)`);
    expect(edit((m) => ((m.spec as Record<string, unknown>).defaultAreaRatio = 0)).message).toBe(`${NAME}: defaultAreaRatio must be a number ≥ 1 (got 0) (field meta.spec.defaultAreaRatio)`);
    const sim = datasetResult(simulated(), { id: 'r', experimentId: 'e', studyId: 's' }, AT);
    (sim.meta.spec as { bounds: { min: number; max: number }[] }).bounds[1].min = 1e8;
    expect(refused(sim)).toEqual({
      code: 'bad-dataset',
      message: 'dataset “LOX/RP-1 simulated, 1 samples (seed 4)”: bounds: pc: minimum must be below maximum (got 100000000 to 25000000) (field meta.spec.bounds.1)',
      field: 'meta.spec.bounds.1',
    });
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [null, 42, 'text', [], { meta: null }, { meta: { type: DATASET_TYPE, version: 1, name: 'x' } }, { meta: { ...stored().meta }, columns: 5 }, { meta: { ...stored().meta, spec: null }, columns: {} }];
    for (const r of odd) expect(restoreDataset(r).ok).toBe(false);
    expect(refused(null).message).toBe('a stored dataset must be a record with a meta document (got null)');
  });
});
