// An optimisation run kept with its experiment: the spec and seed go into the document (so a share
// link, which carries inputs and seeds, reruns it to the same front), the Pareto set goes to the
// results store as named SI columns (fuel and oxidizer as indices into the lists in meta).
import type { Experiment, Study } from './experiment.ts';
import { LIMITS, newId } from './experiment.ts';
import type { StoredResult } from './stored-records.ts';
import type { JsonValue } from './json-clean.ts';
import type { EvaluatedDesign, OptimizeSpec } from './optimize-spec.ts';
import { resolveOptimizeSpec } from './optimize-spec.ts';

const NUMERIC = ['of', 'pc', 'areaRatio', 'fuelBlend', 'oxidizerBlend', 'ispVac', 'ispAmb', 'densityIsp', 'cstar', 'Tc', 'costPerImpulse', 'pe', 'peOverPamb', 'machExit', 'bulkDensity'] as const;

export interface SaveOptimisation {
  spec: OptimizeSpec;
  pareto: EvaluatedDesign[];
  hypervolume: number | null;
  evaluations: number;
  /** ISO 8601 */
  now: string;
  id?: () => string;
}

/** The experiment with the run added as a study (done), and the Pareto set to store with it. */
export function addOptimisationStudy(e: Experiment, o: SaveOptimisation): { experiment: Experiment; results: StoredResult[] } {
  const studyId = `opt-${(o.id ?? newId)()}`;
  const resultsRef = `${e.id}:${studyId}`;
  const fuels = [...new Set(o.pareto.map((d) => d.fuel))];
  const oxidizers = [...new Set(o.pareto.map((d) => d.oxidizer))];
  const columns: StoredResult['columns'] = {
    fuel: Int32Array.from(o.pareto, (d) => fuels.indexOf(d.fuel)),
    oxidizer: Int32Array.from(o.pareto, (d) => oxidizers.indexOf(d.oxidizer)),
  };
  for (const k of NUMERIC) columns[k] = Float64Array.from(o.pareto, (d) => d[k] ?? Number.NaN);
  // whether the nozzle flow separates at pamb: 1/0, NaN when the design did not say (older runs)
  columns.separated = Float64Array.from(o.pareto, (d) => (d.separated === undefined ? Number.NaN : d.separated ? 1 : 0));
  const summary: Record<string, number> = { paretoSize: o.pareto.length, evaluations: o.evaluations };
  if (o.hypervolume !== null && Number.isFinite(o.hypervolume)) summary.hypervolume = o.hypervolume;
  if (o.pareto.length) summary.ispVacMax_m_s = Math.max(...o.pareto.map((d) => d.ispVac));
  const study: Study = {
    id: studyId,
    kind: 'optimisation',
    spec: structuredClone(o.spec) as unknown as Record<string, JsonValue>,
    seed: o.spec.seed,
    status: 'done',
    resultsRef,
    summary,
    updatedAt: o.now,
  };
  // The newest run first; a document holds at most LIMITS.studies studies.
  const studies = [study, ...e.studies].slice(0, LIMITS.studies);
  return {
    experiment: { ...e, studies },
    results: [{ id: resultsRef, experimentId: e.id, studyId, createdAt: o.now, columns, meta: { fuels, oxidizers } }],
  };
}

/** The spec to rerun an optimisation study (its seed is the study's), or null if it no longer validates. */
export function studyOptimizeSpec(s: Study): OptimizeSpec | null {
  if (s.kind !== 'optimisation') return null;
  const spec = { ...structuredClone(s.spec), seed: s.seed };
  const r = resolveOptimizeSpec(spec);
  return r.ok ? r.value.spec : null;
}

/** The stored Pareto set back as designs (null when the result does not belong to an optimisation). */
export function paretoOfResult(r: StoredResult): EvaluatedDesign[] | null {
  const fuels = r.meta.fuels;
  const oxidizers = r.meta.oxidizers;
  const fi = r.columns.fuel;
  if (!Array.isArray(fuels) || !Array.isArray(oxidizers) || !fi) return null;
  return Array.from(fi, (f, i) => {
    const d: Record<string, unknown> = { fuel: String(fuels[f]), oxidizer: String(oxidizers[r.columns.oxidizer?.[i] ?? 0]) };
    for (const k of NUMERIC) {
      const v = r.columns[k]?.[i];
      if (v !== undefined && !Number.isNaN(v)) d[k] = v;
    }
    const sep = r.columns.separated?.[i];
    if (sep !== undefined && !Number.isNaN(sep)) d.separated = sep === 1;
    return d as unknown as EvaluatedDesign;
  });
}
