// Nelder–Mead simplex minimisation (Nelder & Mead 1965; the standard coefficients 1, 2, ½, ½), for
// the few smooth, low-dimensional searches of the Gaussian process (hyperparameters, expected
// improvement). Bounds are the caller's: it clamps inside its objective.

export interface NelderMeadResult {
  x: number[];
  f: number;
  evaluations: number;
}

/** Minimises f from x0 with initial steps `step` (one per coordinate), in at most maxEvaluations calls. */
export function nelderMead(f: (x: number[]) => number, x0: number[], step: number[], maxEvaluations = 200, tolerance = 1e-8): NelderMeadResult {
  const n = x0.length;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: { x: number[]; f: number }[] = [{ x: x0.slice(), f: value(x0) }];
  for (let i = 0; i < n; i++) {
    const x = x0.slice();
    x[i] += step[i];
    simplex.push({ x, f: value(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.f - b.f);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.f - best.f) <= tolerance * (Math.abs(best.f) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] += simplex[k].x[i] / n;
    const xr = combine(centroid, worst.x, -1);
    const fr = value(xr);
    if (fr < best.f) {
      const xe = combine(centroid, worst.x, -2);
      const fe = value(xe);
      simplex[n] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[n - 1].f) {
      simplex[n] = { x: xr, f: fr };
    } else {
      const outside = fr < worst.f;
      const xc = combine(centroid, outside ? xr : worst.x, 0.5);
      const fc = value(xc);
      if (fc < (outside ? fr : worst.f)) {
        simplex[n] = { x: xc, f: fc };
      } else {
        for (let k = 1; k <= n; k++) {
          const x = combine(best.x, simplex[k].x, 0.5);
          simplex[k] = { x, f: value(x) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return { x: simplex[0].x, f: simplex[0].f, evaluations };
}
