// One design point's result turned into what an experiment stores: a point study with headline
// figures in the document and the full result stored apart (app/state/point.ts computes it).
import type { RocketResult, Station } from './problem.ts';
import type { Experiment, Study } from './experiment.ts';
import type { StoredResult } from './backup.ts';
import type { JsonValue } from './json-clean.ts';
import { newId } from './experiment.ts';

export const isStation = (e: RocketResult['exits'][number]): e is Station => !('ok' in e);

/** Headline figures (SI) of a result: those of the first computed exit, and the chamber. */
export function summarise(r: RocketResult): Record<string, number> {
  const exit = r.exits.find(isStation);
  const s: Record<string, number> = { Tc_K: r.chamber.T, cstar_m_s: r.throat.cstar };
  if (exit) {
    s.ispVac_m_s = exit.ispVac;
    s.isp_m_s = exit.isp;
    s.areaRatio = exit.areaRatio;
    if (exit.ispAmb !== undefined) s.ispAmb_m_s = exit.ispAmb;
    // what tells whether the flow separates at ambient (then the ambient Isp above does not apply)
    if (Number.isFinite(exit.p)) s.pe_Pa = exit.p;
    if (Number.isFinite(exit.mach)) s.machExit = exit.mach;
  }
  return s;
}

/** The experiment with its point study updated to this result, and the result to store beside it. */
export function withPointResult(e: Experiment, r: RocketResult): { experiment: Experiment; result: StoredResult } {
  const when = new Date().toISOString();
  const resultId = `res-${newId()}`;
  const existing = e.studies.find((s) => s.kind === 'point');
  const study: Study = {
    ...(existing ?? { id: `point-${newId().slice(0, 8)}`, kind: 'point', spec: {}, seed: 1 }),
    status: 'done',
    resultsRef: resultId,
    summary: summarise(r),
    updatedAt: when,
  } as Study;
  const studies = existing ? e.studies.map((s) => (s === existing ? study : s)) : [...e.studies, study];
  return {
    experiment: { ...e, studies },
    result: { id: resultId, experimentId: e.id, studyId: study.id, createdAt: when, columns: {}, meta: { rocket: JSON.parse(JSON.stringify(r)) as JsonValue } },
  };
}
