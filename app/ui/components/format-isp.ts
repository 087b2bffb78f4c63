// The Isp headline's text, shared by Explore's summary and the model prediction under it.
import type { UnitSystem } from '../../domain/experiment.ts';
import { formatSig } from '../../domain/number-text.ts';
import { ispScale, type IspUnit } from '../../domain/units.ts';

export type { IspUnit };

/** An Isp (m/s) in the headline's unit, with the unit: "330.24 s" or "3238.5 m/s" (5 significant digits by default). */
export function formatIsp(isp_m_s: number, unit: IspUnit, system: UnitSystem, digits = 5): string {
  const k = ispScale(unit, system);
  return `${formatSig(isp_m_s * k.perMs, digits)} ${k.unit}`;
}
