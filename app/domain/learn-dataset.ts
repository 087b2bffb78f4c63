// A Learn dataset kept with its experiment: a 'dataset' study in the experiment document (spec and
// row count, for lists and share links) pointing at a record in the results store whose `meta` is
// a self-describing document (type, version, name, reactants, how the rows were made, test ids)
// and whose `columns` hold the rows (SI, names carry units). Simulated data keeps its sampling
// spec and every sampled point with the engine's output; measured data keeps the file name, the
// column mapping and units, and each parsed firing with its paired ideal. A value the engine could
// not compute, or the file did not give, is NaN. Every read goes through restoreDataset, which
// names the field and the value it refuses and never throws.
//
// Version history
//   1  first version.
import { newId, type Experiment, type Study, type UnitSystem } from './experiment.ts';
import { cleanJson, isRecord, unknownFields, type JsonValue } from './json-clean.ts';
import { validateDims, type SampleDim } from './lhs.ts';
import type { ReactantSpec } from './problem.ts';
import { TESTFIRE_FIELDS, type TestFireField, type TestFireRow } from './testfire-csv.ts';
import { toCsv, type CsvColumn } from './csv.ts';
import type { Quantity } from './units.ts';
import type { StoredResult } from './stored-records.ts';
import { err, ok, type KernelError, type Result } from './result.ts';
import { SEA_LEVEL_PA, type TrainingAmbient } from './ml-model.ts';

export const DATASET_TYPE = 'rfo-learn-dataset';
export const DATASET_VERSION = 1;

export type DatasetSource = 'measured' | 'simulated';

/** How measured rows were read: enough to read the same file the same way again. */
export interface MeasuredSpec {
  source: 'measured';
  fileName: string;
  /** The file's header line. */
  headers: string[];
  /** Field → column index (0-based) in the file. */
  mapping: Partial<Record<TestFireField, number>>;
  /** Field → unit name the columns were read in. */
  units: Partial<Record<TestFireField, string>>;
  decimal: '.' | ',';
  /** Area ratio given to firings without an area-ratio column. */
  defaultAreaRatio: number;
}

/** How simulated rows were made: enough to sample and run them again. */
export interface SimulatedSpec {
  source: 'simulated';
  /** The sampled box (SI: pc in Pa), Latin hypercube. */
  bounds: SampleDim[];
  /** Points sampled (every one is a row; a point the engine could not solve has a NaN output). */
  count: number;
  seed: number;
}

export type DatasetColumn = 'of' | 'pc_Pa' | 'areaRatio' | 'pamb_Pa' | 'thrust_N' | 'mdot_kg_s' | 'cstar_m_s' | 'isp_m_s' | 'idealIsp_m_s' | 'ispVac_m_s';

interface ColumnDef {
  label: string;
  quantity: Quantity;
  /** SI unit, for messages. */
  unit: string;
  /** Smallest allowed value and whether it is allowed itself. */
  min: { value: number; inclusive: boolean };
  /** NaN means "not measured" or "not computed" rather than a bad value. */
  optional: boolean;
}

const POSITIVE = { value: 0, inclusive: false };

export const DATASET_COLUMNS: Record<DatasetColumn, ColumnDef> = {
  of: { label: 'O/F', quantity: 'dimensionless', unit: '', min: POSITIVE, optional: false },
  pc_Pa: { label: 'Chamber pressure', quantity: 'pressure', unit: 'Pa', min: POSITIVE, optional: false },
  areaRatio: { label: 'Area ratio', quantity: 'dimensionless', unit: '', min: { value: 1, inclusive: true }, optional: false },
  pamb_Pa: { label: 'Ambient pressure', quantity: 'pressure', unit: 'Pa', min: { value: 0, inclusive: true }, optional: true },
  thrust_N: { label: 'Thrust', quantity: 'force', unit: 'N', min: POSITIVE, optional: true },
  mdot_kg_s: { label: 'Mass flow', quantity: 'massFlow', unit: 'kg/s', min: POSITIVE, optional: true },
  cstar_m_s: { label: 'c*', quantity: 'velocity', unit: 'm/s', min: POSITIVE, optional: true },
  isp_m_s: { label: 'Isp measured', quantity: 'specificImpulse', unit: 'm/s', min: POSITIVE, optional: true },
  idealIsp_m_s: { label: 'Isp ideal (engine)', quantity: 'specificImpulse', unit: 'm/s', min: POSITIVE, optional: true },
  ispVac_m_s: { label: 'Isp vacuum (engine)', quantity: 'specificImpulse', unit: 'm/s', min: POSITIVE, optional: true },
};

/** The columns a dataset of each source holds, in file order. */
export const SOURCE_COLUMNS: Record<DatasetSource, DatasetColumn[]> = {
  measured: ['of', 'pc_Pa', 'areaRatio', 'pamb_Pa', 'thrust_N', 'mdot_kg_s', 'cstar_m_s', 'isp_m_s', 'idealIsp_m_s'],
  simulated: ['of', 'pc_Pa', 'areaRatio', 'ispVac_m_s'],
};

export interface LearnDataset {
  type: typeof DATASET_TYPE;
  version: typeof DATASET_VERSION;
  name: string;
  reactants: ReactantSpec[];
  spec: MeasuredSpec | SimulatedSpec;
  /** Measured: each firing's test id, one per row; simulated: empty. */
  testIds: string[];
  /** One array per column of SOURCE_COLUMNS[spec.source], all of the same length. */
  columns: Partial<Record<DatasetColumn, Float64Array>>;
  /** Fields this version does not know, kept for newer readers. */
  [extra: string]: unknown;
}

/** A column of a restored dataset (every column of its source is there). */
export function column(ds: LearnDataset, c: DatasetColumn): Float64Array {
  const a = ds.columns[c];
  if (!a) throw new Error(`dataset “${ds.name}” has no ${c} column`); // restoreDataset and the builders make them all
  return a;
}

export const rowCount = (ds: LearnDataset): number => column(ds, 'of').length;

const num = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

/** Measured firings, each with the engine's ideal Isp for its conditions (null where the engine failed). */
export function measuredDataset(init: { name: string; reactants: ReactantSpec[]; spec: Omit<MeasuredSpec, 'source'> }, rows: TestFireRow[], idealIsp: (number | null)[]): LearnDataset {
  const of = (f: (r: TestFireRow, i: number) => number | null | undefined) => Float64Array.from(rows, (r, i) => num(f(r, i)));
  return {
    type: DATASET_TYPE,
    version: DATASET_VERSION,
    name: init.name,
    reactants: structuredClone(init.reactants),
    spec: { source: 'measured', ...structuredClone(init.spec) },
    testIds: rows.map((r) => r.testId),
    columns: {
      of: of((r) => r.of),
      pc_Pa: of((r) => r.pc),
      areaRatio: of((r) => r.eps ?? init.spec.defaultAreaRatio),
      pamb_Pa: of((r) => r.pamb),
      thrust_N: of((r) => r.thrust),
      mdot_kg_s: of((r) => r.mdot),
      cstar_m_s: of((r) => r.cstar),
      isp_m_s: of((r) => r.isp),
      idealIsp_m_s: of((_, i) => idealIsp[i]),
    },
  };
}

/** Sampled points (O/F, pc in Pa, area ratio) with the engine's vacuum Isp (null where it failed). */
export function simulatedDataset(init: { name: string; reactants: ReactantSpec[]; spec: Omit<SimulatedSpec, 'source'> }, points: number[][], ispVac: (number | null)[]): LearnDataset {
  const of = (j: number) => Float64Array.from(points, (p) => p[j]);
  return {
    type: DATASET_TYPE,
    version: DATASET_VERSION,
    name: init.name,
    reactants: structuredClone(init.reactants),
    spec: { source: 'simulated', ...structuredClone(init.spec) },
    testIds: [],
    columns: { of: of(0), pc_Pa: of(1), areaRatio: of(2), ispVac_m_s: Float64Array.from(ispVac, num) },
  };
}

/** What the ML worker trains on: rows with every value it needs (the rest are left out). */
export interface TrainingRows {
  x: number[][];
  y: number[][];
  /** Measured data: the paired ideal Isp per row (the model learns measured/ideal). */
  ideal?: number[][];
  /** Measured data: 'ambient' when a firing gave an ambient pressure, so its ideal is at ambient. */
  idealBasis?: 'vacuum' | 'ambient';
  /** Measured data: the ambient pressure of the firings (their median), or sea level assumed when none gives one. */
  ambient?: TrainingAmbient;
}

/** The median of the finite values, or null without one. */
function median(values: number[]): number | null {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function trainingRows(ds: LearnDataset): TrainingRows {
  const [of, pc, eps] = [column(ds, 'of'), column(ds, 'pc_Pa'), column(ds, 'areaRatio')];
  const x: number[][] = [];
  const y: number[][] = [];
  if (ds.spec.source === 'simulated') {
    const isp = column(ds, 'ispVac_m_s');
    for (let i = 0; i < of.length; i++) {
      if (!Number.isFinite(isp[i])) continue;
      x.push([of[i], pc[i], eps[i]]);
      y.push([isp[i]]);
    }
    return { x, y };
  }
  const [isp, ideal, pamb] = [column(ds, 'isp_m_s'), column(ds, 'idealIsp_m_s'), column(ds, 'pamb_Pa')];
  const paired: number[][] = [];
  let ambient = false;
  const pambs: number[] = [];
  for (let i = 0; i < of.length; i++) {
    if (!Number.isFinite(isp[i]) || !Number.isFinite(ideal[i])) continue;
    x.push([of[i], pc[i], eps[i]]);
    y.push([isp[i]]);
    paired.push([ideal[i]]);
    pambs.push(pamb[i]);
    if (pamb[i] > 0) ambient = true; // the ideal of a firing with an ambient pressure is Isp at that pressure
  }
  const pa = median(pambs);
  return { x, y, ideal: paired, idealBasis: ambient ? 'ambient' : 'vacuum', ambient: pa === null ? { pamb_Pa: SEA_LEVEL_PA, assumed: true } : { pamb_Pa: pa, assumed: false } };
}

// ---- storage: the study, the result record and the way back ----

/** The dataset's spec as its study keeps it (no rows: those live in the results store). */
function studySpec(ds: LearnDataset): Record<string, JsonValue> {
  return cleanJson({ name: ds.name, reactants: ds.reactants, ...ds.spec }) as Record<string, JsonValue>;
}

/** The results-store record of `ds`: every column, and the document without its rows in `meta`. */
export function datasetResult(ds: LearnDataset, keys: { id: string; experimentId: string; studyId: string }, createdAt: string): StoredResult {
  const { columns: _columns, ...doc } = ds;
  const copy: Record<string, Float64Array> = {};
  for (const c of SOURCE_COLUMNS[ds.spec.source]) copy[c] = Float64Array.from(column(ds, c));
  return { ...keys, createdAt, columns: copy, meta: cleanJson(doc) as Record<string, JsonValue> };
}

/** The study for `ds`, stored under `resultId`: spec, seed and row counts. */
export function datasetStudy(ds: LearnDataset, resultId: string, now: string, id: string = newId()): Study {
  const info = datasetInfo(ds);
  return {
    id, kind: 'dataset', spec: studySpec(ds), seed: ds.spec.source === 'simulated' ? ds.spec.seed : 0, status: 'done',
    resultsRef: resultId, summary: { rows: info.rows, usableRows: info.usableRows }, updatedAt: now,
  };
}

/** The experiment with a dataset study added first, the record to store beside it, and the study's id. */
export function withDataset(e: Experiment, ds: LearnDataset, now: string, makeId: () => string = newId): { experiment: Experiment; result: StoredResult; studyId: string } {
  const studyId = makeId();
  const resultId = `res-${studyId}`;
  return {
    experiment: { ...e, studies: [datasetStudy(ds, resultId, now, studyId), ...e.studies] },
    result: datasetResult(ds, { id: resultId, experimentId: e.id, studyId }, now),
    studyId,
  };
}

/** Whether a stored result holds a Learn dataset (other results are sweeps, points, fronts…). */
export const isDatasetResult = (r: { meta?: unknown }): boolean => isRecord(r.meta) && r.meta.type === DATASET_TYPE;

/** A bad value as a message shows it: numbers as written (NaN too), the rest as JSON, cut short. */
function shown(v: unknown): string {
  const t = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

type Refuse = (field: string, message: string) => { ok: false; error: KernelError };

function restoreSpec(s: Record<string, unknown>, refuse: Refuse): Result<MeasuredSpec | SimulatedSpec> {
  const bad = (field: string, what: string, value: unknown) => refuse(field, `${what} (got ${shown(value)})`);
  if (s.source === 'simulated') {
    const b = s.bounds;
    if (!Array.isArray(b) || b.length !== 3 || !b.every((d) => isRecord(d) && typeof d.name === 'string' && isFiniteNum(d.min) && isFiniteNum(d.max))) {
      return bad('meta.spec.bounds', 'bounds must be 3 named ranges with a finite min and max', b);
    }
    const dims = b.map((d) => ({ name: d.name as string, min: d.min as number, max: d.max as number, ...(d.log === true ? { log: true } : {}) }));
    const v = validateDims(dims);
    if (!v.ok) return refuse(`meta.spec.bounds.${v.error.field?.split('.')[1] ?? 0}`, `bounds: ${v.error.message}`);
    if (!Number.isInteger(s.count) || (s.count as number) < 1) return bad('meta.spec.count', 'count must be a whole number ≥ 1', s.count);
    if (!isFiniteNum(s.seed)) return bad('meta.spec.seed', 'seed must be a number', s.seed);
    return ok({ source: 'simulated', bounds: v.value, count: s.count as number, seed: s.seed });
  }
  if (s.source !== 'measured') return bad('meta.spec.source', 'source must be "measured" or "simulated"', s.source);
  if (typeof s.fileName !== 'string') return bad('meta.spec.fileName', 'fileName must be text', s.fileName);
  if (!Array.isArray(s.headers) || !s.headers.every((h) => typeof h === 'string')) return bad('meta.spec.headers', 'headers must be a list of column names', s.headers);
  const headers = s.headers as string[];
  if (!isRecord(s.mapping)) return bad('meta.spec.mapping', 'mapping must map fields to columns', s.mapping);
  const mapping: MeasuredSpec['mapping'] = {};
  for (const [k, c] of Object.entries(s.mapping)) {
    if (!Object.hasOwn(TESTFIRE_FIELDS, k)) return bad(`meta.spec.mapping.${k}`, `mapping: unknown field (fields are ${Object.keys(TESTFIRE_FIELDS).join(', ')})`, k);
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= headers.length) return bad(`meta.spec.mapping.${k}`, `mapping.${k} must be a column of the file (0 to ${headers.length - 1})`, c);
    mapping[k as TestFireField] = c as number;
  }
  const units: MeasuredSpec['units'] = {};
  for (const [k, u] of Object.entries(isRecord(s.units) ? s.units : {})) {
    const def = TESTFIRE_FIELDS[k as TestFireField];
    if (!def) return bad(`meta.spec.units.${k}`, 'units: unknown field', k);
    if (typeof u !== 'string' || (k !== 'testId' && !(u in def.units))) return bad(`meta.spec.units.${k}`, `units.${k} must be one of ${Object.keys(def.units).join(', ')}`, u);
    units[k as TestFireField] = u;
  }
  if (s.decimal !== '.' && s.decimal !== ',') return bad('meta.spec.decimal', 'decimal must be "." or ","', s.decimal);
  if (!isFiniteNum(s.defaultAreaRatio) || s.defaultAreaRatio < 1) return bad('meta.spec.defaultAreaRatio', 'defaultAreaRatio must be a number ≥ 1', s.defaultAreaRatio);
  return ok({ source: 'measured', fileName: s.fileName, headers, mapping, units, decimal: s.decimal, defaultAreaRatio: s.defaultAreaRatio });
}

/**
 * Reads a dataset from its results-store record (or a backup's decoded one): checks the document,
 * then every value of every column. An error names the dataset, the row (and test id), the field
 * as a dotted path in the record, and the value.
 */
export function restoreDataset(raw: unknown): Result<LearnDataset> {
  if (!isRecord(raw) || !isRecord(raw.meta)) return err('bad-dataset', `a stored dataset must be a record with a meta document (got ${shown(raw)})`, 'meta');
  const m = raw.meta;
  const label = typeof m.name === 'string' ? `dataset “${m.name}”` : 'the dataset';
  const refuse: Refuse = (field, message) => err('bad-dataset', `${label}: ${message} (field ${field})`, field);
  const bad = (field: string, what: string, value: unknown) => refuse(field, `${what} (got ${shown(value)})`);
  if (m.type !== DATASET_TYPE) return bad('meta.type', `not a Learn dataset (type must be "${DATASET_TYPE}")`, m.type);
  if (!Number.isInteger(m.version) || (m.version as number) < 1) return bad('meta.version', 'version must be a whole number ≥ 1', m.version);
  if ((m.version as number) > DATASET_VERSION) return bad('meta.version', `saved by a newer version of the app (this app reads dataset format up to ${DATASET_VERSION}); update the app to open it`, m.version);
  if (typeof m.name !== 'string') return bad('meta.name', 'name must be text', m.name);
  if (!Array.isArray(m.reactants) || !m.reactants.length || !m.reactants.every((r) => isRecord(r) && typeof r.name === 'string' && r.name !== '')) {
    return bad('meta.reactants', 'reactants must be a list of named reactants', m.reactants);
  }
  if (!isRecord(m.spec)) return bad('meta.spec', 'spec must be an object', m.spec);
  const spec = restoreSpec(m.spec, refuse);
  if (!spec.ok) return spec;
  if (!isRecord(raw.columns)) return bad('columns', 'columns must be an object of number arrays', raw.columns);
  const names = SOURCE_COLUMNS[spec.value.source];
  const cols: Partial<Record<DatasetColumn, Float64Array>> = {};
  const isArray = (a: unknown): a is ArrayLike<unknown> => Array.isArray(a) || (ArrayBuffer.isView(a) && !(a instanceof DataView));
  const first = raw.columns[names[0]];
  if (!isArray(first)) return bad(`columns.${names[0]}`, `the ${DATASET_COLUMNS[names[0]].label} column (${names[0]}) is missing`, first);
  const n = first.length;
  const testIds = spec.value.source === 'measured' ? m.testIds : [];
  if (spec.value.source === 'measured' && !(Array.isArray(testIds) && testIds.length === n && testIds.every((t) => typeof t === 'string'))) {
    if (!Array.isArray(testIds)) return bad('meta.testIds', `testIds must be a list of ${n} texts, one per row`, testIds);
    const i = testIds.findIndex((t) => typeof t !== 'string');
    return i >= 0 ? bad(`meta.testIds.${i}`, 'a test id must be text', testIds[i]) : refuse('meta.testIds', `testIds must hold ${n} texts, one per row (got ${testIds.length})`);
  }
  const ids = testIds as string[];
  for (const c of names) {
    const def = DATASET_COLUMNS[c];
    const values = raw.columns[c];
    if (!isArray(values)) return bad(`columns.${c}`, `the ${def.label} column (${c}) is missing`, values);
    if (values.length !== n) return refuse(`columns.${c}`, `${c} must hold ${n} values like ${names[0]}, one per row (got ${values.length})`);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v) && def.optional) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || (def.min.inclusive ? v < def.min.value : v <= def.min.value)) {
        const row = `row ${i + 1}${ids[i] ? ` (test ${ids[i]})` : ''}`;
        const range = `${def.min.inclusive ? '≥' : '>'} ${def.min.value}${def.unit ? ` ${def.unit}` : ''}`;
        return bad(`columns.${c}.${i}`, `${row}: ${def.label} must be a finite number ${range}${def.optional ? ' (or NaN when not known)' : ''}`, v);
      }
    }
    cols[c] = Float64Array.from(values as ArrayLike<number>);
  }
  const { type: _t, version: _v, name, reactants, spec: _s, testIds: _i, ...rest } = m;
  return ok({
    ...unknownFields(rest, []),
    type: DATASET_TYPE,
    version: DATASET_VERSION,
    name: name as string,
    reactants: cleanJson(reactants) as unknown as ReactantSpec[],
    spec: spec.value,
    testIds: ids,
    columns: cols,
  });
}

// ---- lists and export ----

/** What a dataset study tells a list without reading its rows. */
export interface DatasetInfo {
  name: string;
  source: DatasetSource;
  rows: number;
  /** Rows with every value a model needs. */
  usableRows: number;
  /** "test firings (firings.csv)", "simulated (Latin hypercube, seed 1)". */
  origin: string;
}

const origin = (source: DatasetSource, fileName: unknown, seed: unknown) =>
  source === 'measured' ? `test firings (${typeof fileName === 'string' ? fileName : 'CSV'})` : `simulated (Latin hypercube, seed ${String(seed)})`;

/** The list entry of a dataset. */
export function datasetInfo(ds: LearnDataset): DatasetInfo {
  const sp = ds.spec;
  return {
    name: ds.name, source: sp.source, rows: rowCount(ds), usableRows: trainingRows(ds).x.length,
    origin: origin(sp.source, sp.source === 'measured' ? sp.fileName : undefined, sp.source === 'simulated' ? sp.seed : undefined),
  };
}

/** The list entry of a dataset study, or null when it is not one (or its spec is unreadable). */
export function studyDatasetInfo(s: Study): DatasetInfo | null {
  if (s.kind !== 'dataset') return null;
  const sp = s.spec;
  if (typeof sp.name !== 'string' || (sp.source !== 'measured' && sp.source !== 'simulated')) return null;
  const rows = s.summary?.rows ?? 0;
  return { name: sp.name, source: sp.source, rows, usableRows: s.summary?.usableRows ?? rows, origin: origin(sp.source, sp.fileName, s.seed) };
}

/** "12 rows, test firings (firings.csv)" (and how many a model can use, when fewer). */
export function describeDataset(d: DatasetInfo): string {
  return `${d.rows} rows${d.usableRows !== d.rows ? ` (${d.usableRows} usable)` : ''}, ${d.origin}`;
}

/** Every dataset kept in `experiments`, for a picker. */
export function datasetsIn(experiments: Experiment[]): { experimentId: string; experimentName: string; studyId: string; info: DatasetInfo }[] {
  return experiments.flatMap((e) => e.studies.flatMap((s) => {
    const info = studyDatasetInfo(s);
    return info ? [{ experimentId: e.id, experimentName: e.name, studyId: s.id, info }] : [];
  }));
}

/** The dataset as CSV, one row per firing or sample, units in the headers (values in `system`). */
export function datasetCsv(ds: LearnDataset, system: UnitSystem): string {
  const cols: CsvColumn<number>[] = SOURCE_COLUMNS[ds.spec.source].map((c) => {
    const a = column(ds, c);
    const def = DATASET_COLUMNS[c];
    return { label: def.label, quantity: def.quantity, get: (i: number) => a[i] };
  });
  const lead: CsvColumn<number>[] = ds.spec.source === 'measured' ? [{ label: 'Test id', get: (i) => ds.testIds[i] }] : [{ label: 'Sample', get: (i) => i + 1 }];
  return toCsv(Array.from({ length: rowCount(ds) }, (_, i) => i), [...lead, ...cols], system);
}
