// Variance-based global sensitivity: Saltelli's sampling scheme and the first-order and total
// Sobol' indices with bootstrap confidence intervals.
//  - Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola (2010), "Variance based sensitivity
//    analysis of model output. Design and estimator for the total sensitivity index", Comput. Phys.
//    Commun. 181: the A, B, A_B^(i) design (their Table 1) and the first-order estimator
//    V_i ≈ (1/N) Σ f(B)_j (f(A_B^(i))_j − f(A)_j) (their Table 2, (b)).
//  - Jansen (1999), in the same paper's Table 2 (f): V_Ti ≈ (1/2N) Σ (f(A)_j − f(A_B^(i))_j)².
// N base points cost N(d + 2) model evaluations. The first-order estimator is applied to the output
// minus its sample mean: the same in expectation, but without a term in mean × Σ(f(A_B) − f(A)) that
// swamps the estimate when the output's mean is large beside its spread (Isp ≈ 3,300 ± 20 m/s).
import { createRng } from '../ml-random.ts';
import { sobolSequence, SOBOL_SEQUENCE_MAX_DIMS } from './sobol-sequence.ts';

/** Most inputs a Saltelli design can have: A and B together take 2d Sobol' dimensions. */
export const SALTELLI_MAX_INPUTS = Math.floor(SOBOL_SEQUENCE_MAX_DIMS / 2);

/**
 * The Saltelli design in the unit cube, point-major: for each base point j the rows A_j,
 * A_B^(1)_j … A_B^(d)_j, B_j (N(d + 2) rows). Neighbouring rows differ in one input, which suits
 * warm-started engine solves. A and B are the two halves of one 2d-dimensional scrambled Sobol' set.
 */
export function saltelliDesign(d: number, n: number, seed: number): number[][] {
  if (d < 1 || d > SALTELLI_MAX_INPUTS) throw new RangeError(`a Saltelli design takes 1 to ${SALTELLI_MAX_INPUTS} inputs (got ${d})`);
  const base = sobolSequence(n, 2 * d, seed);
  const rows: number[][] = [];
  for (const p of base) {
    const a = p.slice(0, d);
    const b = p.slice(d);
    rows.push(a);
    for (let i = 0; i < d; i++) {
      const ab = a.slice();
      ab[i] = b[i];
      rows.push(ab);
    }
    rows.push(b);
  }
  return rows;
}

export interface SobolIndex {
  first: number;
  total: number;
  /** Bootstrap percentile interval of the first-order index at the chosen confidence. */
  firstInterval: [number, number];
  totalInterval: [number, number];
}

export interface SobolIndicesOptions {
  /** Bootstrap resamples (default 500). */
  resamples?: number;
  /** Confidence of the intervals (default 0.95). */
  confidence?: number;
  /** Seed of the bootstrap resampling. */
  seed?: number;
}

// First-order and total indices of every input from the runs of the base points listed in `idx`.
function estimate(y: ArrayLike<number>, d: number, idx: ArrayLike<number>, first: Float64Array, total: Float64Array): void {
  const n = idx.length;
  const stride = d + 2;
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < n; k++) {
    const j = idx[k] * stride;
    const a = y[j];
    const b = y[j + d + 1];
    sum += a + b;
    sum2 += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const variance = sum2 / (2 * n) - mean * mean;
  for (let i = 0; i < d; i++) {
    let vi = 0;
    let vti = 0;
    for (let k = 0; k < n; k++) {
      const j = idx[k] * stride;
      const a = y[j];
      const ab = y[j + 1 + i];
      const b = y[j + d + 1];
      vi += (b - mean) * (ab - a);
      vti += (a - ab) * (a - ab);
    }
    first[i] = variance > 0 ? vi / n / variance : 0;
    total[i] = variance > 0 ? vti / (2 * n) / variance : 0;
  }
}

function quantileSorted(s: ArrayLike<number>, q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/**
 * Sobol' indices from the model outputs `y` of saltelliDesign(d, n, …) in its row order, with
 * bootstrap percentile intervals (base points resampled with replacement, seeded). A constant
 * output has no variance to share: every index is then 0.
 */
export function sobolIndices(y: ArrayLike<number>, d: number, opts: SobolIndicesOptions = {}): SobolIndex[] {
  const n = Math.floor(y.length / (d + 2));
  if (n * (d + 2) !== y.length || n < 2) throw new RangeError(`need N(d + 2) outputs with N ≥ 2 for ${d} inputs (got ${y.length})`);
  const resamples = opts.resamples ?? 500;
  const confidence = opts.confidence ?? 0.95;
  const first = new Float64Array(d);
  const total = new Float64Array(d);
  const all = Int32Array.from({ length: n }, (_, j) => j);
  estimate(y, d, all, first, total);
  const bootFirst = Array.from({ length: d }, () => new Float64Array(resamples));
  const bootTotal = Array.from({ length: d }, () => new Float64Array(resamples));
  const rng = createRng(opts.seed ?? 0);
  const idx = new Int32Array(n);
  const f = new Float64Array(d);
  const t = new Float64Array(d);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < n; k++) idx[k] = rng.int(n);
    estimate(y, d, idx, f, t);
    for (let i = 0; i < d; i++) {
      bootFirst[i][r] = f[i];
      bootTotal[i][r] = t[i];
    }
  }
  const tail = (1 - confidence) / 2;
  const interval = (s: Float64Array): [number, number] => {
    s.sort();
    return [quantileSorted(s, tail), quantileSorted(s, 1 - tail)];
  };
  return Array.from({ length: d }, (_, i) => ({
    first: first[i],
    total: total[i],
    firstInterval: interval(bootFirst[i]),
    totalInterval: interval(bootTotal[i]),
  }));
}
