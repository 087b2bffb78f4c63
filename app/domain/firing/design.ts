// What a firing is compared with: the predicted chamber pressure and the throat area, read from
// an experiment (its problem's pc; the throat from `inputs.throatArea` m², `inputs.throatDiameter`
// m, or the Design section's `inputs.design.throatDiameter`) or from a plain object
// {"pc": Pa, "throatArea": m²} / {"throatDiameter": m}.
import { isRecord } from '../json-clean.ts';
import { EXPERIMENT_TYPE, restoreExperiment, type Experiment } from '../experiment.ts';
import { err, ok, type Result } from '../result.ts';
import type { FiringDesign } from './analyse.ts';

function positive(v: unknown, field: string, unit: string): Result<number | undefined> {
  if (v === undefined || v === null) return ok(undefined);
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    return err('bad-design', `${field} must be a number > 0 ${unit} (got ${JSON.stringify(v) ?? String(v)}).`, field);
  }
  return ok(v);
}

/** The design values of an experiment document or a plain design object; an error names the field. */
export function firingDesign(raw: unknown): Result<FiringDesign> {
  if (!isRecord(raw)) return err('bad-design', 'The design must be an experiment or an object such as {"pc": 2e6, "throatArea": 5e-4}.', 'design');
  let src: Record<string, unknown> = raw;
  let prefix = '';
  let pcValue: unknown = raw.pc;
  if (raw.type === EXPERIMENT_TYPE || isRecord(raw.inputs)) {
    const r = restoreExperiment(raw);
    if (!r.ok) return r;
    const inputs = r.value.inputs as Record<string, unknown>;
    src = isRecord(inputs.design) && inputs.throatArea === undefined && inputs.throatDiameter === undefined ? (inputs.design as Record<string, unknown>) : inputs;
    prefix = src === inputs ? 'inputs.' : 'inputs.design.';
    pcValue = r.value.inputs.problem.pc;
  }
  const pc = positive(pcValue, prefix ? 'inputs.problem.pc' : 'pc', 'Pa');
  if (!pc.ok) return pc;
  const area = positive(src.throatArea, `${prefix}throatArea`, 'm²');
  if (!area.ok) return area;
  const dia = positive(src.throatDiameter, `${prefix}throatDiameter`, 'm');
  if (!dia.ok) return dia;
  const out: FiringDesign = {};
  if (pc.value !== undefined) out.pc = pc.value;
  if (area.value !== undefined) out.throatArea = area.value;
  else if (dia.value !== undefined) out.throatArea = (Math.PI / 4) * dia.value * dia.value;
  return ok(out);
}

/** The expected line of a firing: chamber pressure Pa and thrust N as designed, and where the thrust comes from. */
export interface ExpectedFiring {
  pc?: number;
  thrust?: number;
  /** A sentence: how the expected thrust was found. */
  thrustBasis?: string;
}

/**
 * What the design of an experiment predicts for a firing: pc as designed; thrust = Cf·pc·At with
 * Cf = Isp/c* of the computed point (ambient Isp when the point has one, else its Isp) and the
 * experiment's throat, or else the Design section's thrust requirement (`inputs.design.thrust`, N).
 */
export function expectedFiring(e: Experiment, design: FiringDesign): ExpectedFiring {
  const out: ExpectedFiring = {};
  if (design.pc !== undefined) out.pc = design.pc;
  const s = e.studies.find((x) => x.kind === 'point' && x.status === 'done')?.summary;
  const isp = s?.ispAmb_m_s ?? s?.isp_m_s;
  const pos = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (design.pc !== undefined && design.throatArea !== undefined && pos(isp) && pos(s?.cstar_m_s)) {
    const cf = isp / s.cstar_m_s;
    out.thrust = cf * design.pc * design.throatArea;
    out.thrustBasis = `Cf·pc·At with Cf = ${cf.toPrecision(4)} (Isp/c* of the computed point) and At = ${(design.throatArea * 1e4).toPrecision(4)} cm²`;
    return out;
  }
  const d = e.inputs.design;
  if (isRecord(d) && pos(d.thrust)) {
    out.thrust = d.thrust;
    out.thrustBasis = "the Design section's thrust requirement";
  }
  return out;
}
