// Standard multi-objective test problems evaluated inside wasm, for tests and benchmarks of the
// optimiser without crossing the JS boundary per evaluation:
// ZDT1–3 (Zitzler, Deb & Thiele 2000; x ∈ [0,1]^n) and DTLZ2 (Deb, Thiele, Laumanns & Zitzler 2002;
// 3 objectives, x ∈ [0,1]^n). CONSTR (Deb 2001, §14.1) adds two inequality constraints.
import { OK, ERR_BAD_INPUT } from '../common';
import {
  nsgaConfigure, nsgaStart, nsgaAsk, nsgaTell, nsgaAskXPtr, nsgaTellFPtr, nsgaTellGPtr,
  nsgaLowerPtr, nsgaUpperPtr, nsgaPopulationSize,
} from './nsga2';

export const PROBLEM_ZDT1: i32 = 1;
export const PROBLEM_ZDT2: i32 = 2;
export const PROBLEM_ZDT3: i32 = 3;
export const PROBLEM_DTLZ2: i32 = 4;
export const PROBLEM_CONSTR: i32 = 5;

let problem: i32 = 0;
let nVar: i32 = 0;

/** Objectives of `problemId` (2 for ZDT and CONSTR, 3 for DTLZ2). */
export function testProblemObjectives(problemId: i32): i32 {
  return problemId == PROBLEM_DTLZ2 ? 3 : 2;
}

// Objectives of the vector at x (nVar values) into f; constraint values (> 0 violated) into g.
function evaluateOne(x: usize, f: usize, g: usize): void {
  const x0 = load<f64>(x);
  if (problem == PROBLEM_CONSTR) {
    const x1 = load<f64>(x, 8);
    store<f64>(f, x0);
    store<f64>(f, (1.0 + x1) / x0, 8);
    store<f64>(g, 6.0 - (x1 + 9.0 * x0)); // x2 + 9 x1 ≥ 6
    store<f64>(g, 1.0 - (9.0 * x0 - x1), 8); // −x2 + 9 x1 ≥ 1
    return;
  }
  if (problem == PROBLEM_DTLZ2) {
    // k = n − M + 1 distance variables; g = Σ (xi − ½)².
    let s: f64 = 0.0;
    for (let i = 2; i < nVar; i++) {
      const d = load<f64>(x + (<usize>i << 3)) - 0.5;
      s += d * d;
    }
    const r = 1.0 + s;
    const a = x0 * Math.PI * 0.5;
    const b = load<f64>(x, 8) * Math.PI * 0.5;
    store<f64>(f, r * Math.cos(a) * Math.cos(b));
    store<f64>(f, r * Math.cos(a) * Math.sin(b), 8);
    store<f64>(f, r * Math.sin(a), 16);
    return;
  }
  let s: f64 = 0.0;
  for (let i = 1; i < nVar; i++) s += load<f64>(x + (<usize>i << 3));
  const gz = 1.0 + 9.0 * s / <f64>(nVar - 1);
  const q = x0 / gz;
  let h: f64;
  if (problem == PROBLEM_ZDT1) h = 1.0 - Math.sqrt(q);
  else if (problem == PROBLEM_ZDT2) h = 1.0 - q * q;
  else h = 1.0 - Math.sqrt(q) - q * Math.sin(10.0 * Math.PI * x0);
  store<f64>(f, x0);
  store<f64>(f, gz * h, 8);
}

/**
 * Configures the optimiser for a test problem with nVariables variables (bounds [0,1]; CONSTR:
 * x1 ∈ [0.1,1], x2 ∈ [0,5]), population N, and starts it with `seed` and the usual operator
 * settings (pc = 0.9, ηc = 15, pm = 1/n, ηm = 20).
 */
export function testProblemSetup(problemId: i32, nVariables: i32, N: i32, seed: f64, archiveCapacity: i32): i32 {
  if (problemId < PROBLEM_ZDT1 || problemId > PROBLEM_CONSTR) return ERR_BAD_INPUT;
  if (problemId == PROBLEM_CONSTR ? nVariables != 2 : nVariables < 3) return ERR_BAD_INPUT;
  problem = problemId;
  nVar = nVariables;
  const st = nsgaConfigure(nVariables, testProblemObjectives(problemId), problemId == PROBLEM_CONSTR ? 2 : 0, N, archiveCapacity);
  if (st != OK) return st;
  const lo = nsgaLowerPtr();
  const hi = nsgaUpperPtr();
  for (let i = 0; i < nVariables; i++) {
    store<f64>(lo + (<usize>i << 3), 0.0);
    store<f64>(hi + (<usize>i << 3), 1.0);
  }
  if (problemId == PROBLEM_CONSTR) {
    store<f64>(lo, 0.1);
    store<f64>(hi, 5.0, 8);
  }
  return nsgaStart(seed, 0.9, 15.0, 0.0, 20.0);
}

/** Evaluates the vectors of the last nsgaAsk on the configured test problem. */
export function testProblemEvaluate(): void {
  const N = nsgaPopulationSize();
  const nObj = testProblemObjectives(problem);
  const nCon = problem == PROBLEM_CONSTR ? 2 : 0;
  const xs = nsgaAskXPtr();
  const fs = nsgaTellFPtr();
  const gs = nsgaTellGPtr();
  for (let i = 0; i < N; i++) {
    evaluateOne(xs + (<usize>(i * nVar) << 3), fs + (<usize>(i * nObj) << 3), gs + (<usize>(i * nCon) << 3));
  }
}

/** Runs `generations` ask/evaluate/tell cycles on the configured test problem; returns the generation reached. */
export function testProblemRun(generations: i32): i32 {
  let gen = -1;
  for (let i = 0; i < generations; i++) {
    if (nsgaAsk() < 0) return -1;
    testProblemEvaluate();
    gen = nsgaTell();
  }
  return gen;
}
