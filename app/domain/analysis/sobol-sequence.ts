// Scrambled Sobol' low-discrepancy points in the unit cube (Sobol' 1967; Joe & Kuo 2008 direction
// numbers), for Saltelli sampling and uncertainty propagation. Scrambling is Matoušek's random linear
// matrix scrambling followed by a random digital shift (as in SciPy's qmc.Sobol), both drawn from the
// seed, so a seed gives the same points on every platform and the net properties of the first 2^m
// points are kept (their one-dimensional projections stay stratified).
import { createRng, type Rng } from '../ml-random.ts';

// Joe & Kuo, "Constructing Sobol sequences with better two-dimensional projections" (SIAM J. Sci.
// Comput. 30, 2008), file new-joe-kuo-6.21201, dimensions 2…40: [degree s, coefficients a, m_1…m_s].
const JOE_KUO: readonly [number, number, readonly number[]][] = [
  [1, 0, [1]],
  [2, 1, [1, 3]],
  [3, 1, [1, 3, 1]],
  [3, 2, [1, 1, 1]],
  [4, 1, [1, 1, 3, 3]],
  [4, 4, [1, 3, 5, 13]],
  [5, 2, [1, 1, 5, 5, 17]],
  [5, 4, [1, 1, 5, 5, 5]],
  [5, 7, [1, 1, 7, 11, 19]],
  [5, 11, [1, 1, 5, 1, 1]],
  [5, 13, [1, 1, 1, 3, 11]],
  [5, 14, [1, 3, 5, 5, 31]],
  [6, 1, [1, 3, 3, 9, 7, 49]],
  [6, 13, [1, 1, 1, 15, 21, 21]],
  [6, 16, [1, 3, 1, 13, 27, 49]],
  [6, 19, [1, 1, 1, 15, 7, 5]],
  [6, 22, [1, 3, 1, 15, 13, 25]],
  [6, 25, [1, 1, 5, 5, 19, 61]],
  [7, 1, [1, 3, 7, 11, 23, 15, 103]],
  [7, 4, [1, 3, 7, 13, 13, 15, 69]],
  [7, 7, [1, 1, 3, 13, 7, 35, 63]],
  [7, 8, [1, 3, 5, 9, 1, 25, 53]],
  [7, 14, [1, 3, 1, 13, 9, 35, 107]],
  [7, 19, [1, 3, 1, 5, 27, 61, 31]],
  [7, 21, [1, 1, 5, 11, 19, 41, 61]],
  [7, 28, [1, 3, 5, 3, 3, 13, 69]],
  [7, 31, [1, 1, 7, 13, 1, 19, 1]],
  [7, 32, [1, 3, 7, 5, 13, 19, 59]],
  [7, 37, [1, 1, 3, 9, 25, 29, 41]],
  [7, 41, [1, 3, 5, 13, 23, 1, 55]],
  [7, 42, [1, 3, 7, 3, 13, 59, 17]],
  [7, 50, [1, 3, 1, 3, 5, 53, 69]],
  [7, 55, [1, 1, 5, 5, 23, 33, 13]],
  [7, 56, [1, 1, 7, 7, 1, 61, 123]],
  [7, 59, [1, 1, 7, 9, 13, 61, 49]],
  [7, 62, [1, 3, 3, 5, 3, 55, 33]],
  [8, 14, [1, 3, 1, 15, 31, 13, 49, 245]],
  [8, 21, [1, 3, 5, 15, 31, 59, 63, 97]],
  [8, 22, [1, 3, 1, 11, 11, 11, 77, 249]],
];

const BITS = 32;

/** Dimensions the Sobol' sequence supports here (the first plus the Joe–Kuo rows carried). */
export const SOBOL_SEQUENCE_MAX_DIMS = JOE_KUO.length + 1;

// Direction numbers v_1…v_32 of dimension j (0-based), as 32-bit integers with the first binary digit highest.
function directions(j: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (j === 0) {
    for (let k = 0; k < BITS; k++) v[k] = (1 << (31 - k)) >>> 0;
    return v;
  }
  const [s, a, m] = JOE_KUO[j - 1];
  for (let k = 0; k < Math.min(s, BITS); k++) v[k] = (m[k] << (31 - k)) >>> 0;
  for (let k = s; k < BITS; k++) {
    let x = (v[k - s] ^ (v[k - s] >>> s)) >>> 0;
    for (let l = 1; l <= s - 1; l++) if ((a >>> (s - 1 - l)) & 1) x = (x ^ v[k - l]) >>> 0;
    v[k] = x;
  }
  return v;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

const rand32 = (rng: Rng) => Math.floor(rng.next() * 4294967296) >>> 0;

// Linear matrix scrambling: v' = L v over GF(2) with L random lower-triangular with unit diagonal
// (digit i of the result mixes digits 0…i of the input, most significant first).
function scramble(v: Uint32Array, rng: Rng): void {
  const rows = new Uint32Array(BITS);
  for (let i = 0; i < BITS; i++) {
    const below = i === 0 ? 0 : (rand32(rng) >>> (32 - i)) << (32 - i); // random digits 0…i−1
    rows[i] = (below | (1 << (31 - i))) >>> 0;
  }
  for (let k = 0; k < BITS; k++) {
    let out = 0;
    for (let i = 0; i < BITS; i++) if (parity((v[k] & rows[i]) >>> 0)) out |= 1 << (31 - i);
    v[k] = out >>> 0;
  }
}

/**
 * n points of the d-dimensional Sobol' sequence in [0,1)^d, rows as points, scrambled from `seed`
 * (or plain, starting at the origin, when seed is null). Each value is the centre of its 2^−32 cell,
 * so it is never exactly 0 or 1 (inverse CDFs stay finite). Balance is best when n is a power of 2.
 */
export function sobolSequence(n: number, d: number, seed: number | null): number[][] {
  if (!Number.isInteger(d) || d < 1 || d > SOBOL_SEQUENCE_MAX_DIMS) {
    throw new RangeError(`the Sobol' sequence supports 1 to ${SOBOL_SEQUENCE_MAX_DIMS} dimensions (got ${d})`);
  }
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32) throw new RangeError(`number of Sobol' points must be 0 … 2^32 (got ${n})`);
  const rng = seed === null ? null : createRng(seed);
  const dirs: Uint32Array[] = [];
  const shift = new Uint32Array(d);
  for (let j = 0; j < d; j++) {
    const v = directions(j);
    if (rng) {
      scramble(v, rng);
      shift[j] = rand32(rng);
    }
    dirs.push(v);
  }
  const x = Uint32Array.from(shift);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // Gray-code order: point i differs from point i−1 by the direction of the lowest zero bit of i−1.
      let c = 0;
      let k = i - 1;
      while (k & 1) {
        k = Math.floor(k / 2);
        c++;
      }
      for (let j = 0; j < d; j++) x[j] = (x[j] ^ dirs[j][c]) >>> 0;
    }
    const row = new Array<number>(d);
    for (let j = 0; j < d; j++) row[j] = (x[j] + 0.5) / 4294967296;
    rows.push(row);
  }
  return rows;
}
