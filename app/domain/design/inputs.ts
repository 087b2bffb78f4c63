// The Design section's inputs as the page edits and stores them (a self-describing, versioned
// document), and the design spec they make with the propellants of a rocket problem.
import type { RocketProblem } from '../problem.ts';

export type ChamberNozzle = 'bell' | 'conical' | 'moc';

export interface ChamberInputs {
  type: 'chamberDesign';
  version: 1;
  /** N. */
  thrust: number;
  /** Pa (0: vacuum). */
  pamb: number;
  /** How the nozzle exit is given: by its area ratio, or by the exit pressure it expands to. */
  exitBy: 'areaRatio' | 'pe';
  areaRatio: number;
  /** Exit pressure, Pa (with exitBy 'pe'). */
  pe: number;
  nozzle: ChamberNozzle;
  /** Bell length, fraction of the 15° cone. */
  lengthFraction: number;
  /** Cone half-angle, degrees. */
  halfAngle: number;
  contractionRatio: number;
  /** m. */
  lStar: number;
  /** K. */
  wallTemperature: number;
  cstarEfficiency: number;
  /** Wall thickness of the STL shell, m. */
  wallThickness: number;
  /** Where the propellants come from: Explore's design, or a template id. */
  source: string;
}

export const DEFAULT_CHAMBER_INPUTS: ChamberInputs = {
  type: 'chamberDesign', version: 1,
  thrust: 50000, pamb: 101325, exitBy: 'areaRatio', areaRatio: 15, pe: 101325, nozzle: 'bell', lengthFraction: 0.8, halfAngle: 15,
  contractionRatio: 3, lStar: 1.1, wallTemperature: 800, cstarEfficiency: 0.97, wallThickness: 0.003,
  source: 'explore',
};

/** Reads stored or shared inputs: numbers kept where they are finite, defaults elsewhere; never throws. */
export function restoreChamberInputs(raw: unknown): ChamberInputs {
  const out: ChamberInputs = { ...DEFAULT_CHAMBER_INPUTS };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (r.type !== 'chamberDesign') return out;
  for (const k of ['thrust', 'pamb', 'areaRatio', 'pe', 'lengthFraction', 'halfAngle', 'contractionRatio', 'lStar', 'wallTemperature', 'cstarEfficiency', 'wallThickness'] as const) {
    const v = r[k];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  if (r.nozzle === 'bell' || r.nozzle === 'conical' || r.nozzle === 'moc') out.nozzle = r.nozzle;
  if (r.exitBy === 'areaRatio' || r.exitBy === 'pe') out.exitBy = r.exitBy;
  if (typeof r.source === 'string') out.source = r.source;
  return out;
}

/** The `design` spec of these inputs for a rocket problem (its exits and pamb are the design's). */
export function chamberSpec(problem: RocketProblem, i: ChamberInputs): Record<string, unknown> {
  const { exits: _exits, pamb: _pamb, ...rest } = problem;
  const nozzle = i.nozzle === 'bell' ? { type: 'bell', lengthFraction: i.lengthFraction }
    : i.nozzle === 'conical' ? { type: 'conical', halfAngle: i.halfAngle } : { type: 'moc', planar: false };
  return {
    problem: rest,
    thrust: i.thrust, pamb: i.pamb, ...(i.exitBy === 'pe' ? { pe: i.pe } : { areaRatio: i.areaRatio }), nozzle,
    chamber: { contractionRatio: i.contractionRatio, lStar: i.lStar },
    wallTemperature: i.wallTemperature, cstarEfficiency: i.cstarEfficiency,
  };
}
