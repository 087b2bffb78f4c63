// Flow separation in an over-expanded nozzle: when the exit pressure falls far enough below the
// ambient pressure, the boundary layer separates from the wall and the nozzle no longer flows full,
// so the "Isp at ambient" of a full-flowing nozzle (ispVac − pamb·Ae/ṁ) no longer describes it; at
// a low enough pe/pa that formula even turns negative.
//
// Criterion: Schmucker's (R. H. Schmucker, "Strömungsvorgänge beim Betrieb überexpandierter
// Düsen chemischer Raketentriebwerke", TU München report TB-7/-10/-14, 1973; quoted in G. P. Sutton &
// O. Biblarz, Rocket Propulsion Elements, ch. 3, "Nozzle separation"):
//   the flow separates when pe/pa < (1.88·Me − 1)^−0.64, Me the exit Mach number.
// It is a fit to test data of conical and bell nozzles (scatter about ±20 %); Summerfield's older
// rule (Summerfield, Foster & Swan 1954, pe/pa < ~0.25–0.4) is the same idea with a fixed ratio.
// Pure: runs in node, used by Explore and Optimize alike.

export const SEPARATION_CRITERION = "Schmucker's criterion";
export const SEPARATION_CRITERION_FORMULA = 'pe/pa < (1.88·Me − 1)^−0.64';
export const SEPARATION_SOURCE = 'Schmucker 1973, in Sutton & Biblarz, Rocket Propulsion Elements, ch. 3';

/**
 * The exit-to-ambient pressure ratio below which the flow separates, for exit Mach number Me.
 * Defined for a supersonic exit (Me > 1); null otherwise (no diverging nozzle to separate from).
 */
export function separationPressureRatio(mach: number): number | null {
  if (!Number.isFinite(mach) || mach <= 1) return null;
  return (1.88 * mach - 1) ** -0.64;
}

export interface SeparationCheck {
  /** pe/pa of the exit. */
  peOverPamb: number;
  /** The pe/pa below which the flow separates (Schmucker). */
  limit: number;
  separated: boolean;
}

/**
 * Whether a full-flowing nozzle with exit pressure pe_Pa and exit Mach number would separate at
 * ambient pressure pamb_Pa; null in vacuum (pamb ≤ 0), for a subsonic or sonic exit, or bad input.
 */
export function checkSeparation(pe_Pa: number, mach: number, pamb_Pa: number): SeparationCheck | null {
  if (!(pamb_Pa > 0) || !Number.isFinite(pamb_Pa) || !(pe_Pa >= 0) || !Number.isFinite(pe_Pa)) return null;
  const limit = separationPressureRatio(mach);
  if (limit === null) return null;
  const peOverPamb = pe_Pa / pamb_Pa;
  return { peOverPamb, limit, separated: peOverPamb < limit };
}

/** What the ambient Isp of an exit means at pamb: a number, or why there is none to show. */
export type AmbientIsp =
  | { kind: 'ok'; isp_m_s: number }
  /** The flow would separate: a full-flowing nozzle's ambient Isp does not apply. */
  | { kind: 'separated'; check: SeparationCheck; mach: number }
  /** No separation predicted, yet ispVac − pa·Ae/ṁ ≤ 0: the nozzle gives no thrust at this pressure. */
  | { kind: 'no-thrust'; isp_m_s: number };

/** The verdict on an exit's ambient Isp (m/s) at pamb_Pa, given its exit pressure and Mach number. */
export function ambientIsp(exit: { p: number; mach: number; ispAmb?: number; isp: number }, pamb_Pa: number): AmbientIsp {
  const check = checkSeparation(exit.p, exit.mach, pamb_Pa);
  if (check?.separated) return { kind: 'separated', check, mach: exit.mach };
  const isp = exit.ispAmb ?? exit.isp;
  return isp > 0 ? { kind: 'ok', isp_m_s: isp } : { kind: 'no-thrust', isp_m_s: isp };
}
