// Inflection (θn) and exit (θe) wall angles of Rao's thrust-optimised parabolic bell, as charted
// against the area ratio for bells of 60, 70, 80, 90 and 100 % of the 15° cone's length.
//
// Sources: G. V. R. Rao, "Exhaust nozzle contour for optimum thrust", Jet Propulsion 28(6), 1958,
// 377–382, and "Approximation of optimum thrust nozzle contour", ARS Journal 30(6), 1960, 561; the
// chart as reproduced in D. K. Huzel & D. H. Huang, "Modern Engineering for Design of
// Liquid-Propellant Rocket Engines" (AIAA 1992; NASA SP-125, 1967), Fig. 4-16, and summarised in
// G. P. Sutton & O. Biblarz, "Rocket Propulsion Elements", Fig. 3-14 and Table 3-4.
//
// How the table was read, and how far to trust it (the charts could not be scanned here):
// - 80 % row: a point-by-point digitisation of the chart (AspireSpace's reproduction of Rao's figure,
//   read with a graph reader) sampled at the nodes below, ±0.5°; above ε ≈ 50, where that
//   digitisation stops, extended along the chart's curve (θn +3.0°, θe −1.6° per unit of ln ε), ±1°.
// - 60, 70, 90, 100 % rows: read from the chart's spacing of the curves, approximate, ±1–2°. They
//   meet Sutton & Biblarz's Table 3-4 values for the 60 % bell (θn/θe about 32.5°/17° at ε = 10 and
//   36°/14° at ε = 25) within 0.5°.
// Between nodes the angles are linear in ln ε (the chart's abscissa is logarithmic) and in the
// length fraction, so they are continuous across every node.

/** Area ratios of the table's nodes (the charts span about 4 to 100). */
const EPS = [4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 70, 100];
const LN_EPS = EPS.map(Math.log);

/** Rows of the chart: length fraction of the 15° cone, θn and θe in degrees at the EPS nodes. */
const ROWS: readonly { fraction: number; thetaN: readonly number[]; thetaE: readonly number[] }[] = [
  {
    fraction: 0.6,
    thetaN: [27.1, 28.5, 29.6, 31.2, 32.4, 34.2, 35.2, 36.1, 36.8, 37.7, 38.6, 39.8, 41.0],
    thetaE: [21.4, 20.1, 19.1, 17.8, 17.0, 15.7, 14.8, 14.3, 13.8, 13.0, 12.5, 11.7, 10.8],
  },
  {
    fraction: 0.7,
    thetaN: [24.0, 25.4, 26.4, 28.0, 29.1, 30.7, 31.6, 32.4, 33.1, 33.9, 34.7, 35.8, 36.9],
    thetaE: [17.3, 16.1, 15.2, 14.1, 13.4, 12.3, 11.6, 11.1, 10.7, 10.2, 9.8, 9.1, 8.4],
  },
  {
    fraction: 0.8,
    thetaN: [21.6, 22.9, 23.9, 25.3, 26.3, 27.9, 28.7, 29.5, 30.1, 30.9, 31.6, 32.6, 33.6],
    thetaE: [13.9, 12.8, 12.0, 11.0, 10.4, 9.5, 8.9, 8.6, 8.2, 7.8, 7.5, 7.0, 6.5],
  },
  {
    fraction: 0.9,
    thetaN: [19.6, 20.9, 21.8, 23.2, 24.2, 25.6, 26.5, 27.1, 27.7, 28.4, 29.1, 30.1, 31.0],
    thetaE: [11.8, 10.7, 9.9, 9.0, 8.4, 7.6, 7.0, 6.7, 6.4, 6.0, 5.8, 5.3, 4.9],
  },
  {
    fraction: 1.0,
    thetaN: [17.9, 19.2, 20.1, 21.5, 22.4, 23.8, 24.6, 25.2, 25.8, 26.4, 27.1, 28.0, 28.9],
    thetaE: [10.0, 8.9, 8.2, 7.3, 6.8, 6.0, 5.5, 5.2, 4.9, 4.6, 4.4, 4.0, 3.5],
  },
];

export const RAO_EPS_MIN = EPS[0];
export const RAO_EPS_MAX = EPS[EPS.length - 1];
export const RAO_FRACTION_MIN = ROWS[0].fraction;
export const RAO_FRACTION_MAX = ROWS[ROWS.length - 1].fraction;
/** The charted area ratios and length fractions (for tests and documentation). */
export const RAO_NODES = { eps: EPS as readonly number[], fractions: ROWS.map((r) => r.fraction) };
export const RAO_SOURCE = 'Rao (1958, 1960) optimum-thrust bell angles read from Huzel & Huang Fig. 4-16 (80 % curve digitised, ±0.5°; 60/70/90/100 % curves approximate, ±1–2°), ε 4–100';

/** Index i and weight t of x between xs[i] and xs[i + 1] (x within the range). */
function bracket(xs: readonly number[], x: number): { i: number; t: number } {
  let i = 0;
  while (i < xs.length - 2 && x > xs[i + 1]) i++;
  return { i, t: (x - xs[i]) / (xs[i + 1] - xs[i]) };
}

/**
 * θn and θe in degrees for area ratio eps and length fraction f (0.6–1, of the 15° cone's length),
 * linear in ln ε and in f between the charted nodes; `clamped` when eps lies outside the charts
 * (ε 4–100: the angles are held at the chart's edge). A length fraction outside 0.6–1 is a caller's
 * bug (the spec and the form refuse it, naming nozzle.lengthFraction), so it throws.
 */
export function raoAngles(eps: number, f: number): { thetaN: number; thetaE: number; clamped: boolean } {
  if (!(f >= RAO_FRACTION_MIN && f <= RAO_FRACTION_MAX)) {
    throw new RangeError(`bell length fraction (nozzle.lengthFraction) must be between ${RAO_FRACTION_MIN} and ${RAO_FRACTION_MAX} (got ${f})`);
  }
  if (!(eps > 1)) throw new RangeError(`area ratio must be > 1 (got ${eps})`);
  const e = bracket(LN_EPS, Math.log(Math.min(RAO_EPS_MAX, Math.max(RAO_EPS_MIN, eps))));
  const r = bracket(RAO_NODES.fractions, f);
  const at = (ys: readonly number[]) => ys[e.i] + e.t * (ys[e.i + 1] - ys[e.i]);
  const lo = ROWS[r.i];
  const hi = ROWS[r.i + 1];
  return {
    thetaN: at(lo.thetaN) + r.t * (at(hi.thetaN) - at(lo.thetaN)),
    thetaE: at(lo.thetaE) + r.t * (at(hi.thetaE) - at(lo.thetaE)),
    clamped: eps < RAO_EPS_MIN || eps > RAO_EPS_MAX,
  };
}
