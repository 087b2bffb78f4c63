// The standard test functions of sensitivity analysis and Bayesian optimisation, on their standard
// domains, with the analytic figures tests compare against.
//  - Ishigami & Homma (1990), "An importance quantification technique in uncertainty analysis for
//    computer models", ISUMA '90: f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³.
//  - Sobol' g function (Sobol' 1993; Saltelli & Sobol' 1995): f = Π (|4 x_i − 2| + a_i)/(1 + a_i) on [0, 1]^n.
//  - Branin (Dixon & Szegő 1978; the form of Forrester, Sóbester & Keane 2008, "Engineering design
//    via surrogate modelling") on [−5, 10] × [0, 15], minimum 0.397887 at three points.
//  - Forrester et al. (2008): f = (6x − 2)² sin(12x − 4) on [0, 1], minimum −6.0207 at x ≈ 0.7572.

export type TestFunctionName = 'ishigami' | 'g' | 'branin' | 'forrester';
export const TEST_FUNCTIONS: readonly TestFunctionName[] = ['ishigami', 'g', 'branin', 'forrester'];

/** Ishigami's function (a = 7, b = 0.1 unless given). */
export function ishigami(x: ArrayLike<number>, a = 7, b = 0.1): number {
  return Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]);
}

/** Sobol's g function with coefficients a (one per input, each ≥ 0). */
export function gFunction(x: ArrayLike<number>, a: readonly number[]): number {
  let f = 1;
  for (let i = 0; i < a.length; i++) f *= (Math.abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
  return f;
}

/** Branin's function. */
export function branin(x: ArrayLike<number>): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x[1] - b * x[0] * x[0] + c * x[0] - 6) ** 2 + 10 * (1 - t) * Math.cos(x[0]) + 10;
}

/** Forrester's one-dimensional function. */
export function forrester(x: ArrayLike<number>): number {
  return (6 * x[0] - 2) ** 2 * Math.sin(12 * x[0] - 4);
}

/** Standard domain of a test function: one [lower, upper] per input. */
export function testDomain(name: TestFunctionName, coefficients: readonly number[] = []): [number, number][] {
  switch (name) {
    case 'ishigami':
      return [[-Math.PI, Math.PI], [-Math.PI, Math.PI], [-Math.PI, Math.PI]];
    case 'g':
      return coefficients.map(() => [0, 1] as [number, number]);
    case 'branin':
      return [[-5, 10], [0, 15]];
    case 'forrester':
      return [[0, 1]];
  }
}

/** The function itself, over inputs in its own units. */
export function testFunction(name: TestFunctionName, coefficients: readonly number[] = []): (x: ArrayLike<number>) => number {
  switch (name) {
    case 'ishigami':
      return (x) => ishigami(x);
    case 'g':
      return (x) => gFunction(x, coefficients);
    case 'branin':
      return branin;
    case 'forrester':
      return forrester;
  }
}

export interface AnalyticIndices {
  first: number[];
  total: number[];
  mean: number;
  variance: number;
}

/** Analytic Sobol' indices of Ishigami's function (Ishigami & Homma 1990; Saltelli et al. 2008, §4.8). */
export function ishigamiIndices(a = 7, b = 0.1): AnalyticIndices {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = ((b * b * pi8) / 18) - ((b * b * pi8) / 50);
  const variance = v1 + v2 + v13;
  return { first: [v1 / variance, v2 / variance, 0], total: [(v1 + v13) / variance, v2 / variance, v13 / variance], mean: a / 2, variance };
}

/** Analytic Sobol' indices of the g function: V_i = 1/(3(1 + a_i)²), V = Π(1 + V_i) − 1 (Sobol' 1993). */
export function gIndices(a: readonly number[]): AnalyticIndices {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = vi.reduce((p, v) => p * (1 + v), 1);
  const variance = prod - 1;
  return { first: vi.map((v) => v / variance), total: vi.map((v) => (v * prod) / (1 + v) / variance), mean: 1, variance };
}
