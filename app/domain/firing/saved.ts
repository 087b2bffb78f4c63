// A test-stand firing kept with an experiment, and what it gives Learn. The experiment document
// holds a 'firing' study (name, source, time, the design it was compared with, the flags, and the
// burn figures as its summary, for lists and the campaign table); the results store holds the raw
// trace, compressed (trace-codec.ts), with the whole analysis in a self-describing `meta`
// (`type`, `version`). "Add to Learn" turns the figures into one row of a measured Learn dataset
// ("Stand firings") kept with the same experiment, so the efficiency model trains on it like on
// rows read from a test-fire CSV.
import { newId, type Experiment, type Study, type UnitSystem } from '../experiment.ts';
import { toDisplay, unitLabel, type Quantity } from '../units.ts';
import { cleanJson, isRecord, type JsonValue } from '../json-clean.ts';
import { err, ok, type Result } from '../result.ts';
import type { StoredResult } from '../stored-records.ts';
import { column, datasetResult, datasetStudy, measuredDataset, rowCount, type LearnDataset } from '../learn-dataset.ts';
import type { TestFireRow } from '../testfire-csv.ts';
import { parseHeader } from './protocol.ts';
import { decodeTrace, encodeTrace, TRACE_ENCODING } from './trace-codec.ts';
import { type FiringAnalysis, type FiringDesign, type FiringFlag } from './analyse.ts';

export const FIRING_TRACE_TYPE = 'rfo-firing-trace';
export const FIRING_TRACE_VERSION = 1;
/** The file name a Learn dataset of stand firings gives as its source. */
export const STAND_DATASET_FILE = 'test stand';
export const STAND_DATASET_NAME = 'Stand firings';

/** A finished firing as the stand has it. */
export interface FiringToSave {
  name: string;
  /** Where the samples came from (a URL, a file name, "serial port"). */
  source: string;
  /** ISO 8601 */
  startedAt: string;
  headerLine: string;
  /** SI columns in header order. */
  columns: Float64Array[];
  analysis: FiringAnalysis;
  design: FiringDesign;
}

/** The burn figures a firing study keeps as its summary (SI, names carry units). */
export function firingSummary(a: FiringAnalysis): Record<string, number> {
  const s: Record<string, number> = {
    burnTime_s: a.burnTime, totalImpulse_Ns: a.totalImpulse, averageThrust_N: a.averageThrust, peakThrust_N: a.peakThrust, flags: a.flags.length,
  };
  if (a.cstar !== undefined) s.cstar_m_s = a.cstar;
  if (a.isp !== undefined) s.isp_m_s = a.isp;
  if (a.pcSteady !== undefined) s.pcSteady_Pa = a.pcSteady;
  if (a.propellantMass !== undefined) s.propellantMass_kg = a.propellantMass;
  for (const k of Object.keys(s)) if (!Number.isFinite(s[k])) delete s[k];
  return s;
}

const flagJson = (f: FiringFlag) => cleanJson({ kind: f.kind, time: f.time, ...(f.frequency !== undefined ? { frequency: f.frequency } : {}), message: f.message });

/**
 * The experiment with the firing added as a study (newest first), and the record of its trace to
 * store beside it in the same write.
 */
export async function withFiring(e: Experiment, f: FiringToSave, now: string, makeId: () => string = newId): Promise<{ experiment: Experiment; result: StoredResult; studyId: string }> {
  const studyId = `firing-${makeId()}`;
  const resultId = `res-${studyId}`;
  const samples = f.columns[0]?.length ?? 0;
  const study: Study = {
    id: studyId, kind: 'firing', seed: 0, status: 'done', resultsRef: resultId, updatedAt: now,
    spec: cleanJson({ name: f.name, source: f.source, startedAt: f.startedAt, headerLine: f.headerLine, samples, design: f.design, flags: f.analysis.flags.map(flagJson) }) as Record<string, JsonValue>,
    summary: firingSummary(f.analysis),
  };
  const trace = await encodeTrace(f.columns);
  const result: StoredResult = {
    id: resultId, experimentId: e.id, studyId, createdAt: now,
    columns: { trace },
    meta: cleanJson({
      type: FIRING_TRACE_TYPE, version: FIRING_TRACE_VERSION, encoding: TRACE_ENCODING,
      headerLine: f.headerLine, width: f.columns.length, samples, analysis: f.analysis,
    }) as Record<string, JsonValue>,
  };
  return { experiment: { ...e, studies: [study, ...e.studies] }, result, studyId };
}

/** A firing study as lists and the campaign table show it. */
export interface FiringEntry {
  studyId: string;
  name: string;
  startedAt: string;
  source: string;
  resultsRef: string | null;
  summary: Record<string, number>;
  flags: { kind: string; time: number; frequency?: number; message: string }[];
}

/** The firings kept with an experiment, oldest first (the order they were fired in). */
export function firingsOf(e: Experiment): FiringEntry[] {
  return e.studies
    .filter((s) => s.kind === 'firing')
    .map((s) => ({
      studyId: s.id,
      name: typeof s.spec.name === 'string' ? s.spec.name : s.id,
      startedAt: typeof s.spec.startedAt === 'string' ? s.spec.startedAt : s.updatedAt,
      source: typeof s.spec.source === 'string' ? s.spec.source : '',
      resultsRef: s.resultsRef,
      summary: s.summary ?? {},
      flags: (Array.isArray(s.spec.flags) ? s.spec.flags : []).flatMap((f: unknown) =>
        isRecord(f) && typeof f.kind === 'string' && typeof f.time === 'number'
          ? [{ kind: f.kind, time: f.time, ...(typeof f.frequency === 'number' ? { frequency: f.frequency } : {}), message: typeof f.message === 'string' ? f.message : '' }]
          : []),
    }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** The figures a saved firing shows in a list, in `units`: "3.14 s burn, 4,370 N·s, peak 1,502 N, 1 flag". */
export function firingFiguresText(f: Pick<FiringEntry, 'summary' | 'flags'>, units: UnitSystem): string {
  const { summary } = f;
  const flagCount = f.flags.length;
  const n = (v: number) => Number(v.toPrecision(4)).toLocaleString('en');
  const parts: string[] = [];
  const add = (q: Quantity, v: number | undefined, text: (shown: string, unit: string) => string) => {
    if (v !== undefined && Number.isFinite(v)) parts.push(text(n(toDisplay(q, v, units)), unitLabel(q, units)));
  };
  add('time', summary.burnTime_s, (v, u) => `${v} ${u} burn`);
  add('impulse', summary.totalImpulse_Ns, (v, u) => `${v} ${u}`);
  add('force', summary.peakThrust_N, (v, u) => `peak ${v} ${u}`);
  parts.push(`${flagCount} flag${flagCount === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** A saved trace read back: the header, the SI columns, the analysis as saved. */
export interface RestoredFiring {
  headerLine: string;
  columns: Float64Array[];
  /** Column indexes of time and thrust (and pc, −1 without). */
  time: number;
  thrust: number;
  pc: number;
  analysis: FiringAnalysis | null;
}

/** Reads a firing's stored record; an error names the field it refuses. Never throws. */
export async function restoreFiringTrace(raw: unknown): Promise<Result<RestoredFiring>> {
  if (!isRecord(raw) || !isRecord(raw.meta) || !isRecord(raw.columns)) return err('bad-trace', 'a stored firing must be a record with meta and columns', 'meta');
  const m = raw.meta;
  if (m.type !== FIRING_TRACE_TYPE) return err('bad-trace', `not a firing trace (type ${JSON.stringify(m.type) ?? 'missing'})`, 'meta.type');
  if (typeof m.version !== 'number' || m.version > FIRING_TRACE_VERSION) return err('bad-trace', `firing trace version ${JSON.stringify(m.version)} is not one this app reads (up to ${FIRING_TRACE_VERSION}); update the app`, 'meta.version');
  if (m.encoding !== TRACE_ENCODING) return err('bad-trace', `unknown trace encoding ${JSON.stringify(m.encoding)}`, 'meta.encoding');
  if (typeof m.headerLine !== 'string') return err('bad-trace', 'the trace has no header line', 'meta.headerLine');
  const h = parseHeader(m.headerLine);
  if (!h.ok) return err('bad-trace', h.error.message, 'meta.headerLine');
  const bytes = raw.columns.trace;
  if (!(bytes instanceof Uint8Array)) return err('bad-trace', 'the compressed trace is missing', 'columns.trace');
  if (m.width !== h.value.channels.length) return err('bad-trace', `the trace has ${String(m.width)} columns but its header names ${h.value.channels.length}`, 'meta.width');
  const cols = await decodeTrace(bytes, m.width, typeof m.samples === 'number' ? m.samples : -1);
  if (!cols.ok) return cols;
  const a = m.analysis;
  const analysis = isRecord(a) && typeof a.burnTime === 'number' && Array.isArray(a.flags) ? (a as unknown as FiringAnalysis) : null;
  return ok({ headerLine: m.headerLine, columns: cols.value, time: h.value.time, thrust: h.value.thrust, pc: h.value.pc, analysis });
}

// ---- Learn ----

/** One firing as a Learn test-firing row, and the point whose ideal Isp pairs with it. */
export interface FiringRow {
  row: TestFireRow;
  /** Where the engine gives the ideal Isp: O/F, pc Pa, area ratio, ambient Pa (absent: vacuum). */
  ideal: { of: number; pc: number; eps: number; pamb?: number };
}

/**
 * The firing's Learn row: O/F and area ratio as designed (the experiment's problem: its O/F, the
 * first exit given by area ratio), chamber pressure, thrust, mass flow, c* and Isp as measured
 * (steady pc; average thrust; propellant mass / burn time). An error names what is missing.
 */
export function firingLearnRow(a: FiringAnalysis, e: Experiment, testId: string): Result<FiringRow> {
  const p = e.inputs.problem;
  if (!(typeof p.of === 'number' && p.of > 0)) return err('no-of', `“${e.name}” gives no O/F (inputs.problem.of), which a Learn row needs`, 'inputs.problem.of');
  const exit = p.exits?.find((x) => 'areaRatio' in x && typeof x.areaRatio === 'number');
  // else the area ratio of the computed point (its first exit, given by pressure ratio)
  const computed = e.studies.find((s) => s.kind === 'point')?.summary?.areaRatio;
  const eps = exit && 'areaRatio' in exit ? exit.areaRatio : computed !== undefined && computed >= 1 ? computed : undefined;
  if (eps === undefined) return err('no-area-ratio', `“${e.name}” has no nozzle exit given by area ratio (inputs.problem.exits) and no computed point, and a Learn row needs the area ratio`, 'inputs.problem.exits');
  if (a.isp === undefined || !(a.isp > 0)) return err('no-isp', 'this firing has no delivered Isp: the trace needs a mass or flow channel', 'isp');
  if (a.pcSteady === undefined || !(a.pcSteady > 0)) return err('no-pc', 'this firing has no steady chamber pressure: the trace needs a pc channel', 'pc');
  const pamb = typeof p.pamb === 'number' && p.pamb > 0 ? p.pamb : undefined;
  const mdot = a.propellantMass !== undefined && a.burnTime > 0 ? a.propellantMass / a.burnTime : undefined;
  const row: TestFireRow = {
    line: 0, testId, of: p.of, pc: a.pcSteady, eps, thrust: a.averageThrust, isp: a.isp,
    ...(pamb !== undefined ? { pamb } : {}), ...(mdot !== undefined && mdot > 0 ? { mdot } : {}), ...(a.cstar !== undefined ? { cstar: a.cstar } : {}),
  };
  return ok({ row, ideal: { of: p.of, pc: a.pcSteady, eps, ...(pamb !== undefined ? { pamb } : {}) } });
}

/** The experiment's dataset of stand firings (its study), or null. */
export function standDatasetStudy(e: Experiment): Study | null {
  return e.studies.find((s) => s.kind === 'dataset' && s.spec.source === 'measured' && s.spec.fileName === STAND_DATASET_FILE) ?? null;
}

/** Rows of a restored measured dataset back as test-fire rows (NaN read as not measured). */
function rowsOf(ds: LearnDataset): { rows: TestFireRow[]; ideal: (number | null)[] } {
  const c = (k: Parameters<typeof column>[1]) => column(ds, k);
  const opt = (v: number) => (Number.isFinite(v) ? v : undefined);
  const rows: TestFireRow[] = [];
  const ideal: (number | null)[] = [];
  for (let i = 0; i < rowCount(ds); i++) {
    const r: TestFireRow = { line: i + 1, testId: ds.testIds[i] ?? '', of: c('of')[i], pc: c('pc_Pa')[i], eps: c('areaRatio')[i] };
    const extra = { pamb: opt(c('pamb_Pa')[i]), thrust: opt(c('thrust_N')[i]), mdot: opt(c('mdot_kg_s')[i]), cstar: opt(c('cstar_m_s')[i]), isp: opt(c('isp_m_s')[i]) };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) (r as unknown as Record<string, number>)[k] = v;
    rows.push(r);
    ideal.push(opt(c('idealIsp_m_s')[i]) ?? null);
  }
  return { rows, ideal };
}

/**
 * The experiment with `row` added to its stand-firings dataset (made when there is none; a row
 * of the same test id is replaced, so adding a firing twice does not count it twice), and the
 * dataset's record to store in the same write.
 */
export function withLearnRow(e: Experiment, kept: LearnDataset | null, r: FiringRow, idealIsp: number | null, now: string, makeId: () => string = newId): { experiment: Experiment; result: StoredResult; dataset: LearnDataset; studyId: string } {
  const prior = kept ? rowsOf(kept) : { rows: [], ideal: [] };
  const at = prior.rows.findIndex((x) => x.testId === r.row.testId);
  if (at >= 0) {
    prior.rows.splice(at, 1);
    prior.ideal.splice(at, 1);
  }
  const rows = [...prior.rows, r.row];
  const ideal = [...prior.ideal, idealIsp];
  const dataset = measuredDataset(
    { name: STAND_DATASET_NAME, reactants: e.inputs.problem.reactants, spec: { fileName: STAND_DATASET_FILE, headers: [], mapping: {}, units: {}, decimal: '.', defaultAreaRatio: r.ideal.eps } },
    rows, ideal,
  );
  const old = standDatasetStudy(e);
  const studyId = old?.id ?? makeId();
  const resultId = old?.resultsRef ?? `res-${studyId}`;
  const study = datasetStudy(dataset, resultId, now, studyId);
  const studies = old ? e.studies.map((s) => (s === old ? study : s)) : [study, ...e.studies];
  return { experiment: { ...e, studies }, result: datasetResult(dataset, { id: resultId, experimentId: e.id, studyId }, now), dataset, studyId };
}
