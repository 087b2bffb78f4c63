// Sweeps: grids of one to three inputs over a base rocket problem. Pure functions: the grid,
// the problem at a point, and the result columns that sweeps store.
import type { RocketProblem, Station } from './problem.ts';
import { checkNumber, formatValue, type Failure } from './validate.ts';
import { err } from './result.ts';
import { seriesCsv } from './csv.ts';
import type { Quantity } from './units.ts';
import type { Experiment, Study, UnitSystem } from './experiment.ts';
import type { StoredResult } from './stored-records.ts';

export type SweepVariable = 'of' | 'pc' | 'areaRatio' | 'pe' | 'pamb' | 'blend';

export interface SweepAxis {
  variable: SweepVariable;
  from: number;
  to: number;
  count: number;
  spacing: 'linear' | 'log';
  /** For 'blend': the reactant (by index in the problem) whose mass fraction within its role varies;
   * the other reactant of the same role takes the remainder (a two-component blend). */
  reactant?: number;
}

export interface SweepSpec {
  base: RocketProblem;
  axes: SweepAxis[];
}

export const MAX_SWEEP_POINTS = 100_000;

/** Output columns stored for every point (SI). Taken at the first exit, or at the chamber (Tc). */
export const SWEEP_COLUMNS = ['ispVac', 'isp', 'ispAmb', 'cstar', 'cf', 'Tc', 'gammaS', 'M', 'pe', 'Te', 'areaRatio'] as const;
export type SweepColumn = (typeof SWEEP_COLUMNS)[number];

export const VARIABLE_INFO: Record<SweepVariable, { label: string; unit: string; min: number; max: number }> = {
  of: { label: 'O/F', unit: '–', min: 1e-3, max: 100 },
  pc: { label: 'chamber pressure', unit: 'Pa', min: 1e3, max: 1e9 },
  areaRatio: { label: 'area ratio Ae/At', unit: '–', min: 1, max: 1e4 },
  pe: { label: 'exit pressure', unit: 'Pa', min: 1, max: 1e9 },
  pamb: { label: 'ambient pressure', unit: 'Pa', min: 0, max: 1e8 },
  blend: { label: 'blend mass fraction', unit: '–', min: 0, max: 1 },
};

/** Checks a sweep spec; the error names the axis field and value. */
export function validateSweep(spec: SweepSpec): Failure | null {
  if (!Array.isArray(spec.axes) || spec.axes.length < 1 || spec.axes.length > 3) {
    return err('bad-input', `a sweep has one to three axes (got ${Array.isArray(spec.axes) ? spec.axes.length : formatValue(spec.axes)})`, 'axes');
  }
  const seen = new Set<string>();
  let total = 1;
  for (const [i, a] of spec.axes.entries()) {
    const f = `axes.${i}`;
    const info = VARIABLE_INFO[a.variable];
    if (!info) return err('bad-input', `axis ${i + 1}: unknown variable ${formatValue(a.variable)}`, `${f}.variable`);
    if (seen.has(a.variable) && a.variable !== 'blend') return err('bad-input', `axis ${i + 1}: ${info.label} is swept twice`, `${f}.variable`);
    seen.add(a.variable);
    const bounds = { label: `axis ${i + 1} (${info.label})`, unit: info.unit === '–' ? undefined : info.unit, ge: info.min, le: info.max };
    const bad =
      checkNumber(a.from, { ...bounds, field: `${f}.from`, label: `${bounds.label} start` }) ??
      checkNumber(a.to, { ...bounds, field: `${f}.to`, label: `${bounds.label} end` }) ??
      checkNumber(a.count, { field: `${f}.count`, label: `axis ${i + 1} point count`, ge: 1, le: MAX_SWEEP_POINTS });
    if (bad) return bad;
    if (!Number.isInteger(a.count)) return err('bad-input', `axis ${i + 1} point count must be a whole number (got ${a.count})`, `${f}.count`);
    if (a.spacing === 'log' && !(a.from > 0 && a.to > 0)) return err('bad-input', `axis ${i + 1}: log spacing needs positive bounds (got ${a.from} to ${a.to})`, `${f}.from`);
    if (a.spacing !== 'log' && a.spacing !== 'linear') return err('bad-input', `axis ${i + 1}: spacing must be "linear" or "log" (got ${formatValue(a.spacing)})`, `${f}.spacing`);
    if (a.variable === 'of' && !spec.base.reactants?.some((r) => r.role)) {
      return err('bad-input', `axis ${i + 1}: O/F needs fuel and oxidizer roles (this propellant is one mixture)`, `${f}.variable`);
    }
    if (a.variable === 'blend') {
      const r = spec.base.reactants[a.reactant ?? -1];
      const partners = r ? spec.base.reactants.filter((x) => x !== r && x.role === r.role) : [];
      if (!r || partners.length !== 1) return err('bad-input', `axis ${i + 1}: a blend axis needs a reactant whose role has exactly two components (got reactant ${formatValue(a.reactant)})`, `${f}.reactant`);
    }
    total *= a.count;
  }
  if (total > MAX_SWEEP_POINTS) return err('bad-input', `a sweep has at most ${MAX_SWEEP_POINTS} points (got ${total})`, 'axes');
  return null;
}

/** The values along one axis. */
export function axisValues(a: SweepAxis): Float64Array {
  const v = new Float64Array(a.count);
  if (a.count === 1) {
    v[0] = a.from;
    return v;
  }
  for (let i = 0; i < a.count; i++) {
    const t = i / (a.count - 1);
    v[i] = a.spacing === 'log' ? Math.exp(Math.log(a.from) + t * (Math.log(a.to) - Math.log(a.from))) : a.from + t * (a.to - a.from);
  }
  // Exact end points despite rounding.
  v[0] = a.from;
  v[a.count - 1] = a.to;
  return v;
}

export function pointCount(spec: SweepSpec): number {
  return spec.axes.reduce((n, a) => n * a.count, 1);
}

/** Axis indices of point `i`; the first axis varies fastest (neighbouring points are close, for warm starts). */
export function pointIndices(spec: SweepSpec, i: number): number[] {
  const idx: number[] = [];
  for (const a of spec.axes) {
    idx.push(i % a.count);
    i = Math.floor(i / a.count);
  }
  return idx;
}

/** Index `i` of an axis of `count` values is kept with stride `k`: every k-th value, and always the last. */
export const onStride = (i: number, k: number, count: number): boolean => i % k === 0 || i === count - 1;

/** The grid points on every axis's stride (`strides[k]` for axis k; 1 keeps all), in point order. */
export function stridedPoints(axes: SweepAxis[], strides: number[]): number[] {
  let points = [0];
  let step = 1;
  axes.forEach((a, k) => {
    const kept = Array.from({ length: a.count }, (_, i) => i).filter((i) => onStride(i, strides[k] ?? 1, a.count));
    const s = step;
    points = points.flatMap((p) => kept.map((i) => p + i * s));
    step *= a.count;
  });
  return points.sort((a, b) => a - b);
}

/**
 * A deep copy of plain data (objects, arrays, primitives), keys made as own properties. The sweep's
 * base problem is copied for every point: structuredClone took ~2 serialisations a point, a third
 * of a 10,000-point sweep's worker time in a Chromium trace.
 */
function copyPlain<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyPlain) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyPlain(x)])) as T;
}

/** The rocket problem at point `i` of the sweep. */
export function problemAt(spec: SweepSpec, i: number, values = spec.axes.map(axisValues)): RocketProblem {
  const idx = pointIndices(spec, i);
  const p: RocketProblem = copyPlain(spec.base);
  let exit = p.exits?.[0] ?? { areaRatio: 10 };
  spec.axes.forEach((a, k) => {
    const v = values[k][idx[k]];
    switch (a.variable) {
      case 'of': p.of = v; delete p.phi; break;
      case 'pc': p.pc = v; break;
      case 'pamb': p.pamb = v; break;
      case 'areaRatio': exit = { areaRatio: v }; break;
      case 'pe': exit = { pcOverPe: Number.NaN, pe: v } as never; break;
      case 'blend': {
        const r = p.reactants[a.reactant!];
        const other = p.reactants.find((x) => x !== r && x.role === r.role)!;
        r.massFraction = v;
        other.massFraction = 1 - v;
        break;
      }
    }
  });
  // pe is turned into pc/pe once pc is known (pc may be swept too).
  const pe = (exit as { pe?: number }).pe;
  p.exits = [pe !== undefined ? { pcOverPe: p.pc / pe } : exit];
  return p;
}

/** Most O/F curves of a sweep whose optimum is searched (each search is some 30 engine solves). */
export const MAX_OPTIMUM_CURVES = 24;

/** One curve along the O/F axis: the other axes at fixed values. */
export interface OfCurve {
  /** The other axes' values on this curve (SI), in axis order. */
  at: { axis: number; value: number }[];
  /** Index of the curve's point at the first O/F value. */
  point: number;
  /** The problem at that point (a search varies its O/F). */
  problem: RocketProblem;
}

/**
 * The curves along a sweep's O/F axis, one per combination of the other axes' values (the first
 * of them varying fastest), the first `max` of `total`; null without an O/F axis spanning a range.
 */
export function ofCurves(spec: SweepSpec, max = MAX_OPTIMUM_CURVES): { ofAxis: number; range: [number, number]; curves: OfCurve[]; total: number } | null {
  const ofAxis = spec.axes.findIndex((a) => a.variable === 'of');
  const a = spec.axes[ofAxis];
  if (!a || a.count < 2 || a.from === a.to) return null;
  const values = spec.axes.map(axisValues);
  const total = pointCount(spec) / a.count;
  const curves: OfCurve[] = [];
  for (let c = 0; c < Math.min(total, max); c++) {
    const at: OfCurve['at'] = [];
    let rest = c;
    let point = 0;
    let stride = 1;
    spec.axes.forEach((x, k) => {
      if (k !== ofAxis) {
        const i = rest % x.count;
        rest = Math.floor(rest / x.count);
        point += i * stride;
        at.push({ axis: k, value: values[k][i] });
      }
      stride *= x.count;
    });
    curves.push({ at, point, problem: problemAt(spec, point, values) });
  }
  return { ofAxis, range: [Math.min(a.from, a.to), Math.max(a.from, a.to)], curves, total };
}

/** The stored columns of one solved point. */
export function sweepRow(chamber: Station, exit: Station): Record<SweepColumn, number> {
  return {
    ispVac: exit.ispVac, isp: exit.isp, ispAmb: exit.ispAmb ?? exit.isp, cstar: exit.cstar, cf: exit.cf,
    Tc: chamber.T, gammaS: chamber.gammaS, M: chamber.M, pe: exit.p, Te: exit.T, areaRatio: exit.areaRatio,
  };
}

export const VARIABLE_QUANTITY: Record<SweepVariable, Quantity> = {
  of: 'dimensionless', pc: 'pressure', areaRatio: 'dimensionless', pe: 'pressure', pamb: 'pressure', blend: 'dimensionless',
};
export const COLUMN_INFO: Record<SweepColumn, { label: string; quantity: Quantity }> = {
  ispVac: { label: 'Isp vacuum', quantity: 'specificImpulse' },
  isp: { label: 'Isp (pamb = pe)', quantity: 'specificImpulse' },
  ispAmb: { label: 'Isp at ambient', quantity: 'specificImpulse' },
  cstar: { label: 'c*', quantity: 'velocity' },
  cf: { label: 'Cf', quantity: 'dimensionless' },
  Tc: { label: 'Chamber temperature', quantity: 'temperature' },
  gammaS: { label: 'gamma_s (chamber)', quantity: 'dimensionless' },
  M: { label: 'M (chamber)', quantity: 'molarMass' },
  pe: { label: 'Exit pressure', quantity: 'pressure' },
  Te: { label: 'Exit temperature', quantity: 'temperature' },
  areaRatio: { label: 'Ae/At', quantity: 'dimensionless' },
};

/** The sweep as CSV: one row per point, the swept inputs first, units in the headers. */
export function sweepCsv(spec: SweepSpec, axes: Float64Array[], columns: Record<SweepColumn, Float64Array>, system: UnitSystem): string {
  return seriesCsv([
    { label: 'point', values: Float64Array.from({ length: columns.ispVac.length }, (_, i) => i + 1) },
    ...spec.axes.map((a, k) => ({ label: VARIABLE_INFO[a.variable].label, quantity: VARIABLE_QUANTITY[a.variable], values: axes[k] })),
    ...SWEEP_COLUMNS.map((c) => ({ label: COLUMN_INFO[c].label, quantity: COLUMN_INFO[c].quantity, values: columns[c] })),
  ], system);
}

/** Id of the study that keeps the results of sweep job `jobId` in an experiment. */
export const sweepStudyId = (jobId: string) => `sweep-${jobId}`;

/**
 * The experiment with a sweep study for a finished sweep job (spec, status, headline figures), and
 * the results to store beside it (every column, SI, names carry units). The spec is stored whole, so
 * the sweep can be run again; results stay out of the document (they can be large).
 */
export function withSweepResult(
  e: Experiment,
  job: { id: string; spec: SweepSpec; failureCount: number },
  axes: Float64Array[],
  columns: Record<SweepColumn, Float64Array>,
  when: string,
): { experiment: Experiment; result: StoredResult } {
  const studyId = sweepStudyId(job.id);
  const resultId = `res-${studyId}`;
  let best = -Infinity;
  let bestAt = -1;
  columns.ispVac.forEach((v, i) => { if (v > best) { best = v; bestAt = i; } });
  const summary: Record<string, number> = { points: columns.ispVac.length, failedPoints: job.failureCount };
  if (bestAt >= 0) {
    summary.maxIspVac_m_s = best;
    job.spec.axes.forEach((a, k) => { summary[`${a.variable}AtMaxIspVac`] = axes[k][bestAt]; });
  }
  const study: Study = {
    id: studyId, kind: 'sweep', spec: JSON.parse(JSON.stringify(job.spec)) as Study['spec'], seed: 0, status: 'done',
    resultsRef: resultId, summary, updatedAt: when,
  };
  const studies = [...e.studies.filter((s) => s.id !== studyId), study];
  const named: Record<string, Float64Array> = {};
  job.spec.axes.forEach((a, k) => { named[`axis${k}_${a.variable}`] = axes[k]; });
  for (const c of SWEEP_COLUMNS) named[c] = columns[c];
  return {
    experiment: { ...e, studies },
    result: { id: resultId, experimentId: e.id, studyId, createdAt: when, columns: named, meta: { kind: 'sweep', units: 'SI' } },
  };
}

/** A sweep job's stored chunk (jobs/sweep-runner.ts writes it): the result columns of points start…start+n−1. */
export interface SweepChunkData {
  start: number;
  columns: Record<SweepColumn, Float64Array>;
}

/** Empty result columns (NaN) and the axis value of every point of a sweep. */
export function emptySweepTable(spec: SweepSpec): { axes: Float64Array[]; columns: Record<SweepColumn, Float64Array> } {
  const n = pointCount(spec);
  const columns = Object.fromEntries(SWEEP_COLUMNS.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<SweepColumn, Float64Array>;
  // Axis a's value index at point i is ⌊i / stride⌋ mod count (the first axis varies fastest, as in
  // pointIndices), computed in place: an index array per point kept the main thread busy at Run.
  let stride = 1;
  const axes = spec.axes.map((a) => {
    const values = axisValues(a);
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = values[Math.floor(i / stride) % a.count];
    stride *= a.count;
    return col;
  });
  return { axes, columns };
}

/** Writes one stored chunk into the table's columns. */
export function mergeSweepChunk(columns: Record<SweepColumn, Float64Array>, data: unknown): number {
  const d = data as SweepChunkData;
  for (const c of SWEEP_COLUMNS) columns[c].set(d.columns[c], d.start);
  return d.columns.ispVac.length;
}
