// Quasi-one-dimensional isentropic flow of a perfect gas with frozen γ (Anderson, Modern
// Compressible Flow, ch. 3, 5 and 4.14): area–Mach relation, stagnation ratios, Prandtl–Meyer angle.

/** A/A* at Mach M for ratio of specific heats g. */
export function areaRatioOfMach(M: number, g: number): number {
  const t = (2 / (g + 1)) * (1 + 0.5 * (g - 1) * M * M);
  return Math.pow(t, (g + 1) / (2 * (g - 1))) / M;
}

/**
 * Mach number of area ratio eps = A/A* ≥ 1 on the subsonic or supersonic branch (bisection on
 * ln M: the relation is monotonic on each branch, so it always converges).
 */
export function machOfAreaRatio(eps: number, g: number, supersonic: boolean): number {
  if (!(eps > 1)) return 1;
  let lo = supersonic ? 0 : Math.log(1e-8);
  let hi = supersonic ? Math.log(200) : 0;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    const a = areaRatioOfMach(Math.exp(mid), g);
    // supersonic: A/A* grows with M; subsonic: it falls with M
    if ((a > eps) === supersonic) hi = mid;
    else lo = mid;
    if (hi - lo < 1e-14) break;
  }
  return Math.exp(0.5 * (lo + hi));
}

/** T/T0 at Mach M. */
export const temperatureRatio = (M: number, g: number): number => 1 / (1 + 0.5 * (g - 1) * M * M);

/** p/p0 at Mach M. */
export const pressureRatio = (M: number, g: number): number => Math.pow(temperatureRatio(M, g), g / (g - 1));

/** Mach number at p/p0 = pr (0 < pr < 1). */
export function machOfPressureRatio(pr: number, g: number): number {
  return Math.sqrt((2 / (g - 1)) * (Math.pow(pr, -(g - 1) / g) - 1));
}

/** Prandtl–Meyer angle ν(M) in radians (M ≥ 1). */
export function prandtlMeyer(M: number, g: number): number {
  const k = Math.sqrt((g + 1) / (g - 1));
  const b = Math.sqrt(Math.max(0, M * M - 1));
  return k * Math.atan(b / k) - Math.atan(b);
}

/**
 * Mach number of Prandtl–Meyer angle nu (radians, 0 ≤ ν < ν_max): Newton from `guess` (dν/dM =
 * √(M²−1)/(M·(1+(γ−1)/2·M²))), kept inside a bracket that bisection shrinks when a step leaves it.
 */
export function machOfPrandtlMeyer(nu: number, g: number, guess?: number): number {
  if (!(nu > 0)) return 1;
  let lo = 1;
  let hi = 2;
  while (prandtlMeyer(hi, g) < nu && hi < 1e6) hi *= 2;
  let M = guess !== undefined && guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
  for (let i = 0; i < 100; i++) {
    const f = prandtlMeyer(M, g) - nu;
    if (f < 0) lo = M;
    else hi = M;
    const d = Math.sqrt(M * M - 1) / (M * (1 + 0.5 * (g - 1) * M * M));
    let next = M - f / d;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - M) < 1e-13 * M) return next;
    M = next;
  }
  return M;
}

/** Vandenkerckhove function Γ(γ) = √γ·(2/(γ+1))^((γ+1)/(2(γ−1))): c* = √(R·T0)/Γ. */
export const vandenkerckhove = (g: number): number => Math.sqrt(g) * Math.pow(2 / (g + 1), (g + 1) / (2 * (g - 1)));

/** Momentum thrust coefficient of the ideal nozzle expanding to pe/p0 (no pressure term). */
export function momentumThrustCoefficient(peOverP0: number, g: number): number {
  return vandenkerckhove(g) * Math.sqrt(((2 * g) / (g - 1)) * (1 - Math.pow(peOverP0, (g - 1) / g)));
}
