// Gaussian-process regression for Bayesian optimisation (Rasmussen & Williams 2006, "Gaussian
// Processes for Machine Learning", ch. 2 and 5): a Matérn 5/2 kernel with one length scale per input
// (automatic relevance determination), a constant mean estimated by generalised least squares, the
// signal variance profiled out of the likelihood, and the length scales and a small nugget chosen by
// maximising the log marginal likelihood with Nelder–Mead from several starts. Inputs are in the
// unit cube; outputs are standardised internally.
import { createRng } from '../ml-random.ts';
import { nelderMead } from './nelder-mead.ts';

const SQRT5 = Math.sqrt(5);
/** Matérn ν = 5/2 correlation at scaled distance r. */
export const matern52 = (r: number): number => (1 + SQRT5 * r + (5 / 3) * r * r) * Math.exp(-SQRT5 * r);

// Search box of the hyperparameters, in log10: length scales (unit-cube inputs) and the nugget.
const LOG_LENGTH: [number, number] = [-2, 1];
const LOG_NUGGET: [number, number] = [-9, -2];

/**
 * Lower Cholesky factor of the n×n symmetric matrix k (row-major), retrying with a growing jitter
 * on the diagonal (0, then 1e-10 … 1e-4 of the mean diagonal) when it is not numerically positive
 * definite; null when even the largest jitter fails.
 */
export function cholesky(k: Float64Array, n: number): { l: Float64Array; jitter: number } | null {
  let diag = 0;
  for (let i = 0; i < n; i++) diag += k[i * n + i];
  diag = n > 0 ? diag / n : 1;
  const l = new Float64Array(n * n);
  for (const rel of [0, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4]) {
    const jitter = rel * diag;
    let good = true;
    l.fill(0);
    for (let j = 0; j < n && good; j++) {
      let s = k[j * n + j] + jitter;
      for (let p = 0; p < j; p++) s -= l[j * n + p] * l[j * n + p];
      if (!(s > 0)) {
        good = false;
        break;
      }
      const ljj = Math.sqrt(s);
      l[j * n + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        let t = k[i * n + j];
        for (let p = 0; p < j; p++) t -= l[i * n + p] * l[j * n + p];
        l[i * n + j] = t / ljj;
      }
    }
    if (good) return { l, jitter };
  }
  return null;
}

/** Solves L z = b (L lower triangular) in place of a copy. */
function forward(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const z = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = z[i];
    for (let p = 0; p < i; p++) s -= l[i * n + p] * z[p];
    z[i] = s / l[i * n + i];
  }
  return z;
}

/** Solves Lᵀ z = b. */
function backward(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const z = Float64Array.from(b);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let p = i + 1; p < n; p++) s -= l[p * n + i] * z[p];
    z[i] = s / l[i * n + i];
  }
  return z;
}

function correlationMatrix(x: number[][], inv: number[], nugget: number): Float64Array {
  const n = x.length;
  const d = inv.length;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    k[i * n + i] = 1 + nugget;
    for (let j = 0; j < i; j++) {
      let r2 = 0;
      for (let m = 0; m < d; m++) r2 += ((x[i][m] - x[j][m]) * inv[m]) ** 2;
      const c = matern52(Math.sqrt(r2));
      k[i * n + j] = c;
      k[j * n + i] = c;
    }
  }
  return k;
}

export interface GpFit {
  /** Length scale of each input, in unit-cube units. */
  lengthScales: number[];
  /** Nugget (noise variance over signal variance). */
  nugget: number;
  /** Jitter the Cholesky factorisation needed on top of the nugget. */
  jitter: number;
  /** Log marginal likelihood of the standardised outputs at the optimum (up to a constant). */
  logLikelihood: number;
  /** Log10 hyperparameters, to warm-start the next fit. */
  theta: number[];
}

export interface Gp {
  fit: GpFit;
  /** Posterior mean and standard deviation of the latent function at unit-cube point u (outputs' units). */
  predict(u: ArrayLike<number>): { mean: number; sd: number };
}

interface Factored {
  l: Float64Array;
  jitter: number;
  mu: number;
  sigma2: number;
  alpha: Float64Array;
  nll: number;
}

// Factorisation, GLS mean, profiled variance and negative log likelihood at hyperparameters theta.
function factor(x: number[][], z: number[], theta: number[]): Factored | null {
  const n = x.length;
  const d = theta.length - 1;
  const inv = theta.slice(0, d).map((t) => 10 ** -t);
  const c = cholesky(correlationMatrix(x, inv, 10 ** theta[d]), n);
  if (!c) return null;
  const ones = new Array<number>(n).fill(1);
  const a1 = forward(c.l, n, ones);
  const ay = forward(c.l, n, z);
  let s11 = 0;
  let s1y = 0;
  for (let i = 0; i < n; i++) {
    s11 += a1[i] * a1[i];
    s1y += a1[i] * ay[i];
  }
  const mu = s1y / s11;
  const w = forward(c.l, n, z.map((v) => v - mu));
  let q = 0;
  for (let i = 0; i < n; i++) q += w[i] * w[i];
  const sigma2 = Math.max(q / n, 1e-300);
  let logDet = 0;
  for (let i = 0; i < n; i++) logDet += Math.log(c.l[i * n + i]);
  return { l: c.l, jitter: c.jitter, mu, sigma2, alpha: backward(c.l, n, w), nll: 0.5 * n * Math.log(sigma2) + logDet };
}

const clampTheta = (t: number[]) => t.map((v, i) => (i < t.length - 1 ? Math.min(LOG_LENGTH[1], Math.max(LOG_LENGTH[0], v)) : Math.min(LOG_NUGGET[1], Math.max(LOG_NUGGET[0], v))));

export interface GpOptions {
  seed?: number;
  /** Random starts of the likelihood search besides the default one and `theta0` (default 3). */
  starts?: number;
  /** Log10 hyperparameters to start from as well (a previous fit's `theta`). */
  theta0?: number[];
  /** Fixed hyperparameters: no search (the kriging believer's refits). */
  fixedTheta?: number[];
}

/** Fits a GP to outputs y at unit-cube points x (at least 2 points); null when no factorisation succeeds. */
export function fitGp(x: number[][], y: ArrayLike<number>, opts: GpOptions = {}): Gp | null {
  const n = x.length;
  const d = x[0].length;
  let m = 0;
  for (let i = 0; i < n; i++) m += y[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (y[i] - m) ** 2;
  const scale = Math.sqrt(s / n) || 1;
  const z = Array.from({ length: n }, (_, i) => (y[i] - m) / scale);
  const nll = (t: number[]) => factor(x, z, clampTheta(t))?.nll ?? Infinity;
  let best: number[];
  if (opts.fixedTheta) {
    best = opts.fixedTheta;
  } else {
    const rng = createRng(opts.seed ?? 0);
    const starts: number[][] = [[...new Array<number>(d).fill(-0.5), -6]];
    if (opts.theta0) starts.push(opts.theta0);
    for (let k = 0; k < (opts.starts ?? 3); k++) {
      starts.push([...Array.from({ length: d }, () => LOG_LENGTH[0] + 0.2 + rng.next() * 1.5), -8 + rng.next() * 4]);
    }
    best = starts[0];
    let bestF = Infinity;
    for (const t0 of starts) {
      const r = nelderMead(nll, t0, t0.map(() => 0.3), 60 * (d + 1), 1e-6);
      if (r.f < bestF) {
        bestF = r.f;
        best = clampTheta(r.x);
      }
    }
  }
  const f = factor(x, z, best);
  if (!f) return null;
  const inv = best.slice(0, d).map((t) => 10 ** -t);
  return {
    fit: { lengthScales: best.slice(0, d).map((t) => 10 ** t), nugget: 10 ** best[d], jitter: f.jitter, logLikelihood: -f.nll, theta: best },
    predict(u) {
      const k = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let r2 = 0;
        for (let j = 0; j < d; j++) r2 += ((u[j] - x[i][j]) * inv[j]) ** 2;
        k[i] = matern52(Math.sqrt(r2));
      }
      let mean = f.mu;
      for (let i = 0; i < n; i++) mean += k[i] * f.alpha[i];
      const v = forward(f.l, n, k);
      let vv = 0;
      for (let i = 0; i < n; i++) vv += v[i] * v[i];
      const variance = Math.max(0, f.sigma2 * (1 - vv));
      return { mean: m + scale * mean, sd: scale * Math.sqrt(variance) };
    },
  };
}
