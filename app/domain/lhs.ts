// Space-filling samples of a box of inputs: seeded Latin hypercube and Sobol sequences.
import { createRng, shuffleInPlace } from './ml-random.ts';
import { err, ok, type Result, type KernelError } from './result.ts';

export interface SampleDim {
  name: string;
  min: number;
  max: number;
  /** Sample uniformly in log(value) (pressures, area ratios spanning decades); needs min > 0. */
  log?: boolean;
}

/** Checks a box of inputs: finite bounds, min < max, positive bounds on log axes. */
export function validateDims(dims: SampleDim[]): Result<SampleDim[], KernelError> {
  if (!dims.length) return err('bad-input', 'choose at least one input to sample', 'dims');
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    const f = `dims.${i}`;
    if (!Number.isFinite(d.min) || !Number.isFinite(d.max)) return err('bad-input', `${d.name}: bounds must be numbers (got ${d.min} to ${d.max})`, f);
    if (!(d.min < d.max)) return err('bad-input', `${d.name}: minimum must be below maximum (got ${d.min} to ${d.max})`, f);
    if (d.log && d.min <= 0) return err('bad-input', `${d.name}: a log axis needs a minimum > 0 (got ${d.min})`, f);
  }
  return ok(dims);
}

/** Maps u in [0,1] to the dimension's range (linear or logarithmic). */
export function fromUnit(d: SampleDim, u: number): number {
  if (d.log) return Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)));
  return d.min + u * (d.max - d.min);
}

/** Maps a value in the dimension's range to [0,1] (inverse of fromUnit). */
export function toUnit(d: SampleDim, x: number): number {
  if (d.log) return (Math.log(x) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min));
  return (x - d.min) / (d.max - d.min);
}

/**
 * Latin hypercube: n points, each dimension cut into n equal strata (in unit space) with exactly
 * one point per stratum; the point sits at a random place inside its stratum (or its centre when
 * `centred`). Rows are points, columns follow `dims`.
 */
export function latinHypercube(dims: SampleDim[], n: number, seed: number, centred = false): number[][] {
  const rng = createRng(seed);
  const rows: number[][] = Array.from({ length: n }, () => new Array<number>(dims.length));
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let j = 0; j < dims.length; j++) {
    shuffleInPlace(perm, rng);
    for (let i = 0; i < n; i++) {
      const u = (perm[i] + (centred ? 0.5 : rng.next())) / n;
      rows[i][j] = fromUnit(dims[j], u);
    }
  }
  return rows;
}

// Joe–Kuo direction numbers (new-joe-kuo-6.21201), dimensions 2..8: [degree s, a, m1..ms].
const SOBOL_PARAMS: [number, number, number[]][] = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
  [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]],
  [5, 2, [1, 1, 5, 5, 17]],
];
const SOBOL_BITS = 30;

function sobolDirections(dim: number): Uint32Array {
  const v = new Uint32Array(SOBOL_BITS + 1);
  if (dim === 0) {
    for (let k = 1; k <= SOBOL_BITS; k++) v[k] = 1 << (32 - k) >>> 0;
    return v;
  }
  const [s, a, m] = SOBOL_PARAMS[dim - 1];
  for (let k = 1; k <= Math.min(s, SOBOL_BITS); k++) v[k] = (m[k - 1] << (32 - k)) >>> 0;
  for (let k = s + 1; k <= SOBOL_BITS; k++) {
    let x = (v[k - s] ^ (v[k - s] >>> s)) >>> 0;
    for (let l = 1; l <= s - 1; l++) if ((a >>> (s - 1 - l)) & 1) x = (x ^ v[k - l]) >>> 0;
    v[k] = x;
  }
  return v;
}

/** Dimensions Sobol supports here (Joe–Kuo numbers carried for this many). */
export const SOBOL_MAX_DIMS = SOBOL_PARAMS.length + 1;

/**
 * Sobol low-discrepancy points (Gray-code order, first point 0 skipped), optionally with a seeded
 * random digital shift so repeated designs differ; n ≤ 2^30, dims ≤ SOBOL_MAX_DIMS.
 */
export function sobol(dims: SampleDim[], n: number, seed?: number): number[][] {
  if (dims.length > SOBOL_MAX_DIMS) throw new RangeError(`sobol supports up to ${SOBOL_MAX_DIMS} dimensions (got ${dims.length})`);
  const dirs = dims.map((_, j) => sobolDirections(j));
  const rng = seed === undefined ? null : createRng(seed);
  const shift = dims.map(() => (rng ? Math.floor(rng.next() * 2 ** 32) >>> 0 : 0));
  const x = new Uint32Array(dims.length);
  const rows: number[][] = [];
  for (let i = 1; i <= n; i++) {
    // Gray code: the bit that changes between i-1 and i is the lowest zero bit of i-1.
    let c = 1;
    let k = i - 1;
    while (k & 1) {
      k >>>= 1;
      c++;
    }
    const row = new Array<number>(dims.length);
    for (let j = 0; j < dims.length; j++) {
      x[j] = (x[j] ^ dirs[j][c]) >>> 0;
      row[j] = fromUnit(dims[j], ((x[j] ^ shift[j]) >>> 0) / 2 ** 32);
    }
    rows.push(row);
  }
  return rows;
}
