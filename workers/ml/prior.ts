// A response-surface prior for small data sets: a quadratic polynomial in the scaled inputs (with
// interactions), fitted by ridge regression. Delivered/ideal efficiencies vary gently over a design
// box, so from a few dozen noisy tests a quadratic captures most of the trend and extrapolates to
// the corners far more tamely than a network alone; the network then learns only what is left.
// Plain float64 JS: the fit is a (1 + n + n(n+1)/2)-square solve, far too small for a tensor.

/** Quadratic features of one scaled input row: 1, z_j, then z_j·z_k for j ≤ k. */
export function quadraticFeatures(z: ArrayLike<number>, nIn: number, out?: Float64Array): Float64Array {
  const f = out ?? new Float64Array(quadraticFeatureCount(nIn));
  let k = 0;
  f[k++] = 1;
  for (let j = 0; j < nIn; j++) f[k++] = z[j];
  for (let j = 0; j < nIn; j++) for (let m = j; m < nIn; m++) f[k++] = z[j] * z[m];
  return f;
}

export const quadraticFeatureCount = (nIn: number) => 1 + nIn + (nIn * (nIn + 1)) / 2;

/** Ridge penalties (per sample) on the linear terms, the squares and the interactions; the
 *  intercept is never penalised. */
export interface QuadraticPenalty {
  linear: number;
  square: number;
  interaction: number;
}

/** Which penalty group feature `a` (in quadraticFeatures order) belongs to. */
function penaltyOf(a: number, nIn: number, pen: QuadraticPenalty): number {
  if (a <= nIn) return pen.linear;
  // Second-order terms run j ≤ m per j; the first of each run is the square z_j².
  let k = nIn + 1;
  for (let j = 0; j < nIn; j++) {
    if (a === k) return pen.square;
    k += nIn - j;
    if (a < k) return pen.interaction;
  }
  return pen.interaction;
}

/**
 * Ridge fit of scaled outputs y (n × nOut, row-major) on quadratic features of scaled inputs x
 * (n × nIn). Returns coefficients, feature-major (features × nOut), and the leave-one-out mean
 * squared error (PRESS / n, averaged over outputs, exact for a linear smoother: e_i / (1 − h_ii)).
 */
export function fitQuadratic(x: Float32Array, y: Float32Array, nIn: number, nOut: number, pen: QuadraticPenalty): { coef: Float64Array; looMse: number } {
  const n = x.length / nIn;
  const p = quadraticFeatureCount(nIn);
  const F = new Float64Array(n * p);
  for (let i = 0; i < n; i++) quadraticFeatures(x.subarray(i * nIn, (i + 1) * nIn), nIn, F.subarray(i * p, (i + 1) * p));
  const A = new Float64Array(p * p);
  const B = new Float64Array(p * nOut);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const fa = F[i * p + a];
      for (let b = 0; b < p; b++) A[a * p + b] += fa * F[i * p + b];
      for (let k = 0; k < nOut; k++) B[a * nOut + k] += fa * y[i * nOut + k];
    }
  }
  for (let a = 1; a < p; a++) A[a * p + a] += penaltyOf(a, nIn, pen) * n;
  const L = cholesky(A, p);
  const coef = cholSolve(L, B, p, nOut);
  let press = 0;
  for (let i = 0; i < n; i++) {
    const fi = F.subarray(i * p, (i + 1) * p);
    const h = dot(fi, cholSolve(L, Float64Array.from(fi), p, 1));
    for (let k = 0; k < nOut; k++) {
      let yi = 0;
      for (let a = 0; a < p; a++) yi += fi[a] * coef[a * nOut + k];
      press += ((y[i * nOut + k] - yi) / Math.max(1e-9, 1 - h)) ** 2;
    }
  }
  return { coef, looMse: press / (n * nOut) };
}

const LINEAR_PENALTIES = [1e-4, 1e-2, 1e-1];
const SECOND_ORDER_PENALTIES = [1e-3, 1e-2, 1e-1, 0.3, 1, 3, 10, 100];

/**
 * The quadratic prior with its three penalties chosen by leave-one-out error over a small grid:
 * curvature and interactions are kept only as far as the data support them (effect hierarchy),
 * which is what stops 10 coefficients from chasing the noise of a few dozen tests.
 */
export function fitQuadraticPrior(x: Float32Array, y: Float32Array, nIn: number, nOut: number): { coef: Float64Array; penalty: QuadraticPenalty; looMse: number } {
  let best: { coef: Float64Array; penalty: QuadraticPenalty; looMse: number } | null = null;
  for (const linear of LINEAR_PENALTIES) {
    for (const square of SECOND_ORDER_PENALTIES) {
      for (const interaction of SECOND_ORDER_PENALTIES) {
        const penalty = { linear, square, interaction };
        const r = fitQuadratic(x, y, nIn, nOut, penalty);
        if (!best || r.looMse < best.looMse) best = { ...r, penalty };
      }
    }
  }
  return best!;
}

/** Adds the quadratic prior to scaled predictions `out` (n × nOut) at scaled inputs x (n × nIn). */
export function addQuadratic(coef: ArrayLike<number>, x: Float32Array, nIn: number, nOut: number, out: Float32Array): void {
  const n = x.length / nIn;
  const p = quadraticFeatureCount(nIn);
  const f = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    quadraticFeatures(x.subarray(i * nIn, (i + 1) * nIn), nIn, f);
    for (let k = 0; k < nOut; k++) {
      let s = 0;
      for (let a = 0; a < p; a++) s += f[a] * coef[a * nOut + k];
      out[i * nOut + k] += s;
    }
  }
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

/** Lower Cholesky factor of a symmetric positive definite p × p matrix. */
function cholesky(A: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      // A tiny floor keeps a rank-deficient design (fewer rows than features) solvable.
      L[i * p + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / L[j * p + j];
    }
  }
  return L;
}

/** Solves L Lᵀ X = B (B is p × m, row-major). */
function cholSolve(L: Float64Array, B: Float64Array, p: number, m: number): Float64Array {
  const X = new Float64Array(p * m);
  const z = new Float64Array(p);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < p; i++) {
      let s = B[i * m + c];
      for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
      z[i] = s / L[i * p + i];
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < p; k++) s -= L[k * p + i] * X[k * m + c];
      X[i * m + c] = s / L[i * p + i];
    }
  }
  return X;
}
