// Space-filling samples of a box of inputs: the seeded Latin hypercube (the Sobol' sequence is app/domain/analysis/sobol-sequence.ts).
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

