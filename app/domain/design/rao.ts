// Inflection (θn) and exit (θe) wall angles of Rao's thrust-optimised parabolic bell, as charted
// against the area ratio for bells of 60–100 % of the 15° cone's length.
//
// Sources: G. V. R. Rao, "Exhaust nozzle contour for optimum thrust", Jet Propulsion 28(6), 1958,
// and "Approximation of optimum thrust nozzle contour", ARS Journal 30(6), 1960, 561; the chart as
// reproduced in D. K. Huzel & D. H. Huang, "Modern Engineering for Design of Liquid-Propellant
// Rocket Engines" (AIAA 1992; NASA SP-125, 1967), Fig. 4-16, and in the AspireSpace note "The
// thrust optimised parabolic nozzle" (whose figure was digitised point by point with a graph reader;
// the 80 % row below is read from that digitisation at the listed area ratios).
// The 60, 70, 90 and 100 % rows are coarser: offsets from the 80 % curve that follow the chart's
// spacing to about ±2°; they are less certain than the 80 % row and are marked so in `model`.

/** Area ratios of the table (the charts span about 4 to 50). */
const EPS = [3.678, 5.094, 7.055, 10.235, 14.85, 20.565, 25.95, 29.836, 39.442, 47.508];
/** 80 % bell, degrees. */
const THETA_N_80 = [21.07, 22.99, 24.73, 26.44, 27.85, 28.82, 29.58, 30.04, 30.81, 31.39];
const THETA_E_80 = [14.36, 12.68, 11.39, 10.35, 9.55, 8.88, 8.5, 8.25, 7.85, 7.55];
/** Offsets of the other length fractions from the 80 % curves, degrees (approximate, see above). */
const ROWS: { fraction: number; dn: number; de: number }[] = [
  { fraction: 0.6, dn: 5.0, de: 6.5 },
  { fraction: 0.7, dn: 2.3, de: 3.0 },
  { fraction: 0.8, dn: 0, de: 0 },
  { fraction: 0.9, dn: -2.3, de: -2.3 },
  { fraction: 1.0, dn: -4.0, de: -3.8 },
];

export const RAO_EPS_MIN = EPS[0];
export const RAO_EPS_MAX = EPS[EPS.length - 1];
export const RAO_SOURCE = 'Rao (1958, 1960) optimum-thrust bell angles, Huzel & Huang Fig. 4-16 (80 % curve digitised; 60/70/90/100 % approximate offsets)';

function interpLogEps(eps: number, ys: readonly number[]): number {
  const x = Math.log(Math.min(RAO_EPS_MAX, Math.max(RAO_EPS_MIN, eps)));
  for (let i = 1; i < EPS.length; i++) {
    const x1 = Math.log(EPS[i]);
    if (x <= x1) {
      const x0 = Math.log(EPS[i - 1]);
      return ys[i - 1] + ((x - x0) / (x1 - x0)) * (ys[i] - ys[i - 1]);
    }
  }
  return ys[ys.length - 1];
}

/**
 * θn and θe in degrees for area ratio eps and length fraction f (0.6–1, of the 15° cone), linear in
 * ln ε and in f between the charted rows; `clamped` when eps lies outside the charts (held at the edge).
 */
export function raoAngles(eps: number, f: number): { thetaN: number; thetaE: number; clamped: boolean } {
  const n80 = interpLogEps(eps, THETA_N_80);
  const e80 = interpLogEps(eps, THETA_E_80);
  const ff = Math.min(1, Math.max(0.6, f));
  let i = 1;
  while (i < ROWS.length - 1 && ff > ROWS[i].fraction) i++;
  const a = ROWS[i - 1];
  const b = ROWS[i];
  const t = (ff - a.fraction) / (b.fraction - a.fraction);
  return {
    thetaN: n80 + a.dn + t * (b.dn - a.dn),
    thetaE: e80 + a.de + t * (b.de - a.de),
    clamped: eps < RAO_EPS_MIN || eps > RAO_EPS_MAX,
  };
}
