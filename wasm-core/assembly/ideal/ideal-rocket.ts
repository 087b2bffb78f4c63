// Ideal rocket: constant γ, frozen composition, perfect gas, isentropic 1-D nozzle flow.
// Relations from any propulsion text (e.g. Sutton & Biblarz ch. 3).
import { F, R_J_molK, G0_m_s2, OK, ERR_BAD_INPUT, ERR_NO_CONVERGENCE } from '../common';

// Output slots of idealRocket, read by the loader from the exported buffer.
export const IDEAL_EXIT_MACH: i32 = 0;
export const IDEAL_PE_PA: i32 = 1;
export const IDEAL_TE_K: i32 = 2;
export const IDEAL_CSTAR_M_S: i32 = 3;
export const IDEAL_CF_VAC: i32 = 4;
export const IDEAL_CF_AMB: i32 = 5;
export const IDEAL_ISP_VAC_M_S: i32 = 6;
export const IDEAL_ISP_AMB_M_S: i32 = 7;
export const IDEAL_ISP_VAC_S: i32 = 8;
export const IDEAL_ISP_AMB_S: i32 = 9;
export const IDEAL_AREA_RATIO: i32 = 10;
export const IDEAL_PC_OVER_PE: i32 = 11;
export const IDEAL_EXIT_VELOCITY_M_S: i32 = 12;
export const IDEAL_CF_VAC_LIMIT: i32 = 13;
export const IDEAL_OUT_LEN: i32 = 14;

const out = new StaticArray<F>(IDEAL_OUT_LEN);

/** Pointer to the idealRocket output slots (f64 × IDEAL_OUT_LEN). */
export function idealOutPtr(): usize {
  return changetype<usize>(out);
}

/** Area ratio A/A* at Mach M for ratio of specific heats γ (dimensionless). */
export function areaRatioAtMach(gamma: F, mach: F): F {
  const gm1 = gamma - 1.0;
  const gp1 = gamma + 1.0;
  const t = (2.0 / gp1) * (1.0 + 0.5 * gm1 * mach * mach);
  return Math.pow(t, gp1 / (2.0 * gm1)) / mach;
}

/** Supersonic Mach number with A/A* = eps (eps ≥ 1); returns NaN when eps < 1 or no convergence. */
export function supersonicMachFromAreaRatio(gamma: F, eps: F): F {
  if (!(eps >= 1.0)) return NaN;
  if (eps == 1.0) return 1.0;
  // Bracket: A/A* grows monotonically with M on the supersonic branch.
  let lo: F = 1.0;
  let hi: F = 2.0;
  while (areaRatioAtMach(gamma, hi) < eps) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e6) return NaN;
  }
  // Newton on ln(A/A*) with bisection fallback; d ln(A/A*)/dM = (M² − 1) / (M (1 + (γ−1)/2 M²)).
  const lnEps = Math.log(eps);
  let m: F = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = Math.log(areaRatioAtMach(gamma, m)) - lnEps;
    if (f > 0) hi = m; else lo = m;
    const d = (m * m - 1.0) / (m * (1.0 + 0.5 * (gamma - 1.0) * m * m));
    let next = m - f / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - m) <= 1e-14 * m) return next;
    m = next;
  }
  return hi - lo < 1e-12 * m ? m : NaN;
}

/**
 * Ideal rocket performance. gamma (–), molarMass in kg/kmol, Tc in K, pc and pamb in Pa;
 * give the nozzle by areaRatio (Ae/At ≥ 1) or by pcOverPe (> 1), the other ≤ 0.
 * Returns a status code; results are in the buffer at idealOutPtr().
 */
export function idealRocket(gamma: F, molarMass_kg_kmol: F, Tc_K: F, pc_Pa: F, areaRatio: F, pcOverPe: F, pamb_Pa: F): i32 {
  if (!(gamma > 1.0) || !(gamma < 3.0)) return ERR_BAD_INPUT;
  if (!(molarMass_kg_kmol > 0.0) || !(Tc_K > 0.0) || !(pc_Pa > 0.0) || !(pamb_Pa >= 0.0)) return ERR_BAD_INPUT;
  const byArea = areaRatio > 0.0;
  if (byArea == (pcOverPe > 0.0)) return ERR_BAD_INPUT;
  if (byArea && !(areaRatio >= 1.0)) return ERR_BAD_INPUT;
  if (!byArea && !(pcOverPe >= 1.0)) return ERR_BAD_INPUT;

  const gm1 = gamma - 1.0;
  const gp1 = gamma + 1.0;
  let mach: F;
  if (byArea) {
    mach = supersonicMachFromAreaRatio(gamma, areaRatio);
    if (isNaN(mach)) return ERR_NO_CONVERGENCE;
  } else {
    // pc/pe = (1 + (γ−1)/2 M²)^(γ/(γ−1))
    mach = Math.sqrt((Math.pow(pcOverPe, gm1 / gamma) - 1.0) * 2.0 / gm1);
  }
  const stag = 1.0 + 0.5 * gm1 * mach * mach;
  const peOverPc = Math.pow(stag, -gamma / gm1);
  const eps = byArea ? areaRatio : areaRatioAtMach(gamma, mach);
  const rGas = R_J_molK * 1000.0 / molarMass_kg_kmol; // J/(kg·K)
  // Vandenkerckhove function Γ(γ)
  const bigGamma = Math.sqrt(gamma) * Math.pow(2.0 / gp1, gp1 / (2.0 * gm1));
  const cstar = Math.sqrt(rGas * Tc_K) / bigGamma;
  const expansion = 1.0 - Math.pow(peOverPc, gm1 / gamma);
  const cfMomentum = bigGamma * Math.sqrt(2.0 * gamma / gm1 * expansion);
  const cfVac = cfMomentum + peOverPc * eps;
  const cfAmb = cfVac - (pamb_Pa / pc_Pa) * eps;

  unchecked(out[IDEAL_EXIT_MACH] = mach);
  unchecked(out[IDEAL_PE_PA] = peOverPc * pc_Pa);
  unchecked(out[IDEAL_TE_K] = Tc_K / stag);
  unchecked(out[IDEAL_CSTAR_M_S] = cstar);
  unchecked(out[IDEAL_CF_VAC] = cfVac);
  unchecked(out[IDEAL_CF_AMB] = cfAmb);
  unchecked(out[IDEAL_ISP_VAC_M_S] = cstar * cfVac);
  unchecked(out[IDEAL_ISP_AMB_M_S] = cstar * cfAmb);
  unchecked(out[IDEAL_ISP_VAC_S] = cstar * cfVac / G0_m_s2);
  unchecked(out[IDEAL_ISP_AMB_S] = cstar * cfAmb / G0_m_s2);
  unchecked(out[IDEAL_AREA_RATIO] = eps);
  unchecked(out[IDEAL_PC_OVER_PE] = 1.0 / peOverPc);
  unchecked(out[IDEAL_EXIT_VELOCITY_M_S] = cstar * cfMomentum);
  unchecked(out[IDEAL_CF_VAC_LIMIT] = bigGamma * Math.sqrt(2.0 * gamma / gm1));
  return OK;
}
