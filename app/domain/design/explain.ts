// Explanations from the numbers of a thrust-chamber design (issue 16, item 1): what sets its size —
// the mass flow from the thrust and the delivered Isp, the throat from c* and the stagnation
// pressure, the exit and chamber from their area ratios — and where the wall heat flux peaks and
// how much. Every claim is computed from the DesignResult and carries its figures, SI.
import type { UnitSystem } from '../experiment.ts';
import type { DesignResult } from './design.ts';
import { num, pct, show, showIsp, type Claim } from '../explain.ts';
import { formatSig } from '../number-text.ts';

export type DesignClaimId = 'mass-flow' | 'throat' | 'exit-chamber' | 'heat-flux';

/** A length in the units engineers draw in: mm, or inches in US units. */
const lengthText = (m: number, system: UnitSystem) => (system === 'US' ? `${formatSig(m / 0.0254, 4)} in` : `${formatSig(m * 1000, 4)} mm`);
// heat flux in MW/m² in both systems, as the Design page and its chart show it
const fluxText = (q: number) => `${formatSig(q / 1e6, 4)} MW/m²`;

/** The explanations of a sized thrust chamber. */
export function explainDesign(d: DesignResult, system: UnitSystem = 'SI'): Claim<DesignClaimId>[] {
  const claims: Claim<DesignClaimId>[] = [];
  const At = (Math.PI * d.throatDiameter ** 2) / 4;
  // the nozzle's stagnation pressure, as the sizing used it: ṁ = p0·At/(η·c*)
  const p0 = (d.massFlow * d.cstarDelivered) / At;
  claims.push({
    id: 'mass-flow',
    text: `To give ${show('force', d.thrust, system)} of thrust at a delivered Isp of ${showIsp(d.ispDelivered, system)} (c* ${show('velocity', d.cstarDelivered, system)} × Cf ${num(d.cfDelivered)}), ` +
      `the chamber must burn ṁ = F / Isp = ${show('massFlow', d.massFlow, system)}.`,
    figures: { thrust_N: d.thrust, ispDelivered_m_s: d.ispDelivered, cstarDelivered_m_s: d.cstarDelivered, cfDelivered: d.cfDelivered, massFlow_kg_s: d.massFlow },
  });
  claims.push({
    id: 'throat',
    text: `The throat passes that flow at the nozzle's stagnation pressure ${show('pressure', p0, system)}: At = ṁ·c*/p0 = ${formatSig(At * 1e4, 4)} cm², a throat diameter of ${lengthText(d.throatDiameter, system)}. ` +
      `The c* used is ${pct(d.cstarDelivered / d.cstar, 3)} of the ideal ${show('velocity', d.cstar, system)} (the c* efficiency); a higher pressure would shrink the throat in proportion.`,
    figures: { throatArea_m2: At, throatDiameter_m: d.throatDiameter, p0_Pa: p0, cstar_m_s: d.cstar, cstarDelivered_m_s: d.cstarDelivered, massFlow_kg_s: d.massFlow },
  });
  claims.push({
    id: 'exit-chamber',
    text: `The rest follows from area ratios: the exit, Ae/At = ${num(d.areaRatio)}, is ${lengthText(d.exitDiameter, system)} across (Dt·√ε); the chamber, Ac/At = ${num(d.contractionRatio)}, is ${lengthText(d.chamberDiameter, system)} ` +
      `and ${lengthText(d.chamberLength, system)} long, so that its volume gives L* = Vc/At = ${show('length', d.lStar, system)}.`,
    figures: { areaRatio: d.areaRatio, exitDiameter_m: d.exitDiameter, contractionRatio: d.contractionRatio, chamberDiameter_m: d.chamberDiameter, chamberLength_m: d.chamberLength, lStar_m: d.lStar },
  });
  // Where the heat flux peaks: Bartz's h grows with the mass flux ρu, highest at the throat.
  const rows = d.heatFlux;
  if (rows.length) {
    let k = 0;
    rows.forEach((r, i) => { if (r.q > rows[k].q) k = i; });
    const peak = rows[k];
    const first = rows[0];
    const last = rows[rows.length - 1];
    const where = Math.abs(peak.x) <= 0.02 * d.throatDiameter ? 'at the throat'
      : `${lengthText(Math.abs(peak.x), system)} ${peak.x < 0 ? 'upstream' : 'downstream'} of the throat (area ratio ${num(peak.areaRatio, 3)}, Mach ${num(peak.mach, 3)})`;
    claims.push({
      id: 'heat-flux',
      text: `The wall heat flux peaks ${where} at ${fluxText(peak.q)}, against ${fluxText(first.q)} in the chamber and ${fluxText(last.q)} at the exit: ` +
        `Bartz's coefficient grows with the mass flux per unit area, which is highest where the passage is narrowest. The whole wall takes ${formatSig(d.heatLoad / 1e6, 4)} MW ` +
        `(${pct(d.heatLoadChamber / d.heatLoad, 3)} of it upstream of the throat).`,
      figures: { qMax_W_m2: peak.q, xPeak_m: peak.x, areaRatioPeak: peak.areaRatio, machPeak: peak.mach, qChamber_W_m2: first.q, qExit_W_m2: last.q, heatLoad_W: d.heatLoad, heatLoadChamber_W: d.heatLoadChamber },
    });
  }
  return claims;
}
