// Uncertainty propagation: input distributions pushed through a model by Latin hypercube or
// scrambled Sobol' sampling (McKay, Beckman & Conover 1979; Sobol' 1967), summarised as mean,
// standard deviation, percentiles and a histogram, with the inputs that drive the spread ranked by
// Spearman rank correlation (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", §1.2).
import { createRng, shuffleInPlace } from '../ml-random.ts';
import { sobolSequence } from './sobol-sequence.ts';

export type Sampling = 'lhs' | 'sobol';

/** n points in the unit cube: a seeded Latin hypercube, or the scrambled Sobol' sequence. */
export function unitSample(d: number, n: number, sampling: Sampling, seed: number): number[][] {
  if (sampling === 'sobol') return sobolSequence(n, d, seed);
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => new Array<number>(d));
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < d; j++) {
    shuffleInPlace(perm, rng);
    for (let i = 0; i < n; i++) rows[i][j] = (perm[i] + rng.next()) / n;
  }
  return rows;
}

export interface Histogram {
  /** Bin edges, bins + 1 of them. */
  edges: number[];
  counts: number[];
}

export interface Driver {
  /** Spearman rank correlation of the input with the output. */
  rankCorrelation: number;
  /** Share of the spread: ρ² over the sum of all inputs' ρ². */
  share: number;
}

export interface UncertaintySummary {
  mean: number;
  sd: number;
  percentiles: { '5': number; '50': number; '95': number };
  histogram: Histogram;
  drivers: Driver[];
}

/** Quantile q of sorted values, linear between order statistics (Hyndman & Fan type 7). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

// Ranks 1…n, ties sharing their mean rank.
function ranks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Summary of outputs y of the input rows x (x[k][i]: input i of run k); `bins` histogram bins. */
export function summarise(x: number[][], y: ArrayLike<number>, bins = 20): UncertaintySummary {
  const n = y.length;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += y[k];
  mean /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (y[k] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const sorted = Float64Array.from(y).sort();
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, b) => lo + b * width);
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < n; k++) counts[Math.min(bins - 1, Math.floor((y[k] - lo) / width))]++;
  const d = x[0]?.length ?? 0;
  const ry = ranks(y);
  const rho = Array.from({ length: d }, (_, i) => correlation(ranks(x.map((row) => row[i])), ry));
  const sum2 = rho.reduce((s, r) => s + r * r, 0);
  return {
    mean,
    sd,
    percentiles: { '5': percentile(sorted, 0.05), '50': percentile(sorted, 0.5), '95': percentile(sorted, 0.95) },
    histogram: { edges, counts },
    drivers: rho.map((r) => ({ rankCorrelation: r, share: sum2 > 0 ? (r * r) / sum2 : 0 })),
  };
}
