// Inflection (θn) and exit (θe) wall angles of Rao's thrust-optimised parabolic bell, as charted
// against the area ratio for bells of 60, 70, 80, 90 and 100 % of the 15° cone's length.
//
// The chart: G. V. R. Rao, "Exhaust nozzle contour for optimum thrust", Jet Propulsion 28(6), 1958,
// 377–382, and "Approximation of optimum thrust nozzle contour", ARS Journal 30(6), 1960, 561; as
// reproduced in D. K. Huzel & D. H. Huang, "Modern Engineering for Design of Liquid-Propellant Rocket
// Engines" (AIAA 1992), Fig. 4-16, and in AspireSpace's note "The thrust optimised parabolic nozzle"
// (aspirespace.org.uk). The printed charts could not be read here; the table is built from published
// tabulations of them, compared with each other (the comparison is in tests/unit/design-geometry):
//   [A] cuspaceflight/bamboo, bamboo/rao.py: the 80 % curves of AspireSpace's chart digitised point
//       by point with a graph reader (ε 3.7–55, θe to 47.5).
//   [B] ravi4ram/Bell-Nozzle, bell_nozzle.py (find_wall_angles): 60, 80, 90 % at ε 4, 5, 10, 20, 30,
//       40, 50, 100, read off AspireSpace's chart to 0.5° (the 60 % θn and θe lists are swapped there,
//       and its 60 % θn at ε 50, "35.0", breaks the sequence: a slip, left out).
//   [C] emcoffin1/Random-Math, NozzleFlow/NozzleDesign.py (get_angles): all five curves at ε 3.5, 4, 5,
//       10, 20, 30, 40, 50, 100, to 0.25–0.5° (its 60 % θn coincides with [B] at most nodes).
//   [D] Davide-sd/pygasflow, pygasflow/nozzles/plot-4-16-data: Huzel & Huang Fig. 4-16 digitised by
//       hand, all five curves, ε 5–50. Its θe agree with [A]–[C] within 1.5° at ε ≥ 10, but its θn lie
//       1–4° above them on every curve, and the book's own worked example [E] sides with [A]–[C]; so
//       [D] serves only as a check on θe.
//   [E] Huzel & Huang's worked contour for the A-1 chamber (p. 83; quoted on the arocket list,
//       "Parabolic Nozzle Approximation Function", 2 Dec 2016): an 80 % bell with θn 27.4°, θe 9.8°,
//       whose exit radius 46.7 in on a 12.46 in throat radius makes ε = 14.05. This table gives
//       27.6°/9.6° there; [D] gives 30.3°/9.8°.
// Rows, with their sources and the uncertainty of the chart they stand for:
//   80 %: [A] to ε 50 (θe at 50 and both angles at 70 and 100: the mean of [B] and [C]); [A], [B], [C]
//         and [E] agree within 0.8°. ±0.5° to ε 50, ±1° beyond.
//   60 %, 90 %: the mean of [B] and [C] at the nodes (each interpolated linearly in ln ε); they agree
//         within 0.5° on θn and within 1.5° on θe. ±1° (60 % θe at ε ≤ 5 and 90 % θe: ±1.5°). Both read
//         the 90 % θe curve flat at 6° beyond ε 50.
//   70 %, 100 %: [C] alone (no second tabulation of these curves from the same chart was found); [D]'s
//         θe lie within 0.8° (70 %) and 1.5° (100 %) of it at ε ≥ 10. ±1.5°.
// The values of Sutton & Biblarz's Table 3-4 (60/80/100 % bells at ε 10, 25, 50) were not found in a
// citable reproduction, so no row rests on them.
// Between nodes the angles are linear in ln ε (the chart's abscissa is logarithmic) and in the
// length fraction, so they are continuous across every node.

/** Area ratios of the table's nodes (the charts span about 4 to 100). */
const EPS = [4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 70, 100];
const LN_EPS = EPS.map(Math.log);

export interface RaoRow {
  /** Length fraction of the 15° cone. */
  fraction: number;
  /** θn and θe in degrees at the EPS nodes. */
  thetaN: readonly number[];
  thetaE: readonly number[];
  /** Where the row comes from (the letters of the list above). */
  source: string;
  /** Estimated uncertainty of the row against the chart, degrees (the larger where it varies). */
  uncertainty: number;
}

const ROWS: readonly RaoRow[] = [
  {
    fraction: 0.6,
    thetaN: [26.5, 28.0, 29.1, 30.7, 32.0, 33.8, 35.0, 35.7, 36.2, 37.3, 37.9, 39.0, 40.1],
    thetaE: [20.8, 19.8, 18.8, 17.2, 16.0, 15.1, 14.5, 14.2, 14.0, 13.5, 13.0, 12.3, 11.6],
    source: 'mean of ravi4ram/Bell-Nozzle and emcoffin1/Random-Math (AspireSpace chart)',
    uncertainty: 1.5,
  },
  {
    fraction: 0.7,
    thetaN: [24.0, 25.0, 25.9, 27.4, 28.5, 30.1, 31.3, 32.0, 32.6, 33.6, 34.5, 35.5, 36.5],
    thetaE: [17.0, 16.0, 15.2, 14.0, 13.0, 12.4, 12.0, 11.6, 11.2, 10.8, 10.5, 10.1, 9.8],
    source: 'emcoffin1/Random-Math (single tabulation; θe checked against pygasflow\'s Huzel & Huang Fig. 4-16)',
    uncertainty: 1.5,
  },
  {
    fraction: 0.8,
    thetaN: [21.5, 22.9, 23.9, 25.3, 26.3, 27.9, 28.7, 29.5, 30.1, 30.8, 31.6, 32.7, 33.6],
    thetaE: [13.9, 12.8, 12.0, 11.0, 10.4, 9.5, 8.9, 8.6, 8.2, 7.8, 7.6, 7.3, 7.0],
    source: 'cuspaceflight/bamboo digitisation to ε 50, mean of ravi4ram/Bell-Nozzle and emcoffin1/Random-Math beyond; Huzel & Huang p. 83',
    uncertainty: 0.5,
  },
  {
    fraction: 0.9,
    thetaN: [20.0, 21.0, 21.8, 23.1, 24.1, 25.8, 27.0, 27.8, 28.5, 29.4, 30.1, 31.1, 32.2],
    thetaE: [11.2, 10.2, 9.7, 8.7, 8.0, 7.4, 7.0, 6.7, 6.5, 6.1, 6.0, 6.0, 6.0],
    source: 'mean of ravi4ram/Bell-Nozzle and emcoffin1/Random-Math (AspireSpace chart)',
    uncertainty: 1.5,
  },
  {
    fraction: 1.0,
    thetaN: [19.0, 20.0, 20.7, 21.7, 22.5, 24.3, 25.5, 26.3, 27.0, 28.0, 29.0, 30.5, 32.0],
    thetaE: [9.0, 8.0, 7.5, 6.6, 6.0, 5.6, 5.2, 5.1, 4.9, 4.8, 4.5, 4.4, 4.2],
    source: 'emcoffin1/Random-Math (single tabulation; θe checked against pygasflow\'s Huzel & Huang Fig. 4-16)',
    uncertainty: 1.5,
  },
];

export const RAO_EPS_MIN = EPS[0];
export const RAO_EPS_MAX = EPS[EPS.length - 1];
export const RAO_FRACTION_MIN = ROWS[0].fraction;
export const RAO_FRACTION_MAX = ROWS[ROWS.length - 1].fraction;
/** The charted area ratios and length fractions (for tests and documentation). */
export const RAO_NODES = { eps: EPS as readonly number[], fractions: ROWS.map((r) => r.fraction) };
/** The rows with their sources and uncertainties (for tests and documentation). */
export const RAO_ROWS: readonly RaoRow[] = ROWS;
export const RAO_SOURCE = "Rao's (1958, 1960) optimum-thrust bell chart (Huzel & Huang Fig. 4-16) from published tabulations: 80 % curve digitised, ±0.5°; 60/90 % the mean of two tabulations, ±1–1.5°; 70/100 % one tabulation, ±1.5°; ε 4–100";

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
