// NSGA-II, hypervolume and the 1-D maximiser (wasm-core/assembly/optimize) on problems with known
// answers. Everything is seeded; no clock.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { KernelStatus } from '../../wasm-core/index.ts';
import { optimizeKernels, type OptimizeKernels, type TestProblemName } from '../../wasm-core/optimize.ts';

let k: OptimizeKernels;
beforeAll(async () => {
  k = optimizeKernels(await loadCoreNode());
});

const REF2 = [1.1, 1.1];
const REF3 = [1.1, 1.1, 1.1];

// Exact hypervolume by coordinate compression (the union of boxes [p, ref] cut into grid cells):
// O(n^(m+1)), only for small sets, but obviously right.
function hvBrute(points: number[][], ref: number[]): number {
  const m = ref.length;
  const pts = points.filter((p) => p.every((v, j) => v < ref[j]));
  const axes = ref.map((r, j) => [...new Set([...pts.map((p) => p[j]), r])].sort((a, b) => a - b));
  let vol = 0;
  const walk = (j: number, lo: number[], cellVol: number) => {
    if (j === m) {
      if (pts.some((p) => p.every((v, t) => v <= lo[t]))) vol += cellVol;
      return;
    }
    for (let i = 0; i + 1 < axes[j].length; i++) walk(j + 1, [...lo, axes[j][i]], cellVol * (axes[j][i + 1] - axes[j][i]));
  };
  walk(0, [], 1);
  return vol;
}

// Same-seed generator for test data (mulberry32), so the random sets are fixed.
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hypervolume (special values)', () => {
  it('is the box volume for one point, and 0 outside the reference', () => {
    expect(k.hypervolume([0.1, 0.6], 2, REF2)).toBeCloseTo(1.0 * 0.5, 14);
    expect(k.hypervolume([0, 0, 0], 3, [2, 3, 4])).toBeCloseTo(24, 12);
    expect(k.hypervolume([1.2, 0], 2, REF2)).toBe(0);
    expect(k.hypervolume([1.1, 0, 0], 3, REF3)).toBe(0); // on the reference plane: no volume
    expect(k.hypervolume([], 2, REF2)).toBe(0);
  });
  it('adds staircases by hand in 2-D', () => {
    // (0,1), (0.5,0.5), (1,0) with ref (2,2): boxes 2×1 + 1.5×0.5 + 1×0.5 = 3.25 above y=…, by sweep:
    // x ∈ [0,0.5): height 2−1 = 1 → 0.5; [0.5,1): 2−0.5 = 1.5 → 0.75; [1,2): 2 → 2. Total 3.25.
    expect(k.hypervolume([0, 1, 0.5, 0.5, 1, 0], 2, [2, 2])).toBeCloseTo(3.25, 14);
    // A dominated point and a duplicate change nothing.
    expect(k.hypervolume([0, 1, 0.5, 0.5, 1, 0, 0.7, 0.7, 0.5, 0.5], 2, [2, 2])).toBeCloseTo(3.25, 14);
  });
  it('adds boxes by hand in 3-D', () => {
    // Unit-corner points e1, e2, e3 with ref (2,2,2): each box is 1×2×2 = 4 minus overlaps;
    // pairwise overlaps 1×1×2 = 2 each (three), triple overlap 1×1×1 = 1: 12 − 6 + 1 = 7.
    expect(k.hypervolume([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, [2, 2, 2])).toBeCloseTo(7, 12);
  });
  it('3-D sweep equals the integral of 2-D slices on a large set', () => {
    // HV3 = Σ over z-slices of the 2-D hypervolume of the points at or below the slice.
    const rnd = mulberry32(3);
    const n = 1500;
    const pts = Array.from({ length: n }, () => {
      const [a, b] = [(rnd() * Math.PI) / 2, (rnd() * Math.PI) / 2];
      return [Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)];
    }).sort((p, q) => p[2] - q[2]);
    let slices = 0;
    for (let j = 0; j < n; j++) {
      const dz = (j + 1 < n ? pts[j + 1][2] : 1.1) - pts[j][2];
      slices += dz * k.hypervolume(pts.slice(0, j + 1).flatMap((p) => [p[0], p[1]]), 2, REF2);
    }
    expect(k.hypervolume(pts.flat(), 3, REF3)).toBeCloseTo(slices, 10);
  });
  it('matches a brute-force union of boxes on random sets (2-D and 3-D)', () => {
    const rnd = mulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      for (const m of [2, 3]) {
        const n = 1 + Math.floor(rnd() * 12);
        const pts = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.round(rnd() * 12) / 10));
        const ref = m === 2 ? REF2 : REF3;
        expect(k.hypervolume(pts.flat(), m, ref)).toBeCloseTo(hvBrute(pts, ref), 12);
      }
    }
  });
});

// True hypervolumes with reference point 1.1 in each objective (all minimised):
// ZDT1: front f2 = 1 − √f1, f1 ∈ [0,1]: 1.1·1.1 − ∫₀¹ (1 − √x) dx = 1.21 − 1/3.
// ZDT2: front f2 = 1 − f1²: 1.21 − ∫₀¹ (1 − x²) dx = 1.21 − 2/3.
// ZDT3: the front is the non-dominated part of h(x) = 1 − √x − x sin(10πx), x ∈ [0,1]; a point
//   (f1, y) is dominated iff y ≥ min_{x ≤ f1} h(x), so HV = ∫₀^1.1 (1.1 − running-min h) df1,
//   integrated on a dense grid below (2·10⁶ intervals; error ≪ 10⁻⁵).
// DTLZ2: the front is the unit sphere's positive octant; q ≥ 0 is dominated iff |q| ≥ 1, so the
//   dominated part of the box [0,1.1]³ is the box minus the ball's octant: 1.1³ − π/6.
function zdt3TrueHv(): number {
  const n = 2_000_000;
  let run = Infinity;
  let area = 0;
  let prev = 0;
  for (let i = 0; i <= n; i++) {
    const x = i / n;
    const h = 1 - Math.sqrt(x) - x * Math.sin(10 * Math.PI * x);
    run = Math.min(run, h);
    const v = 1.1 - run;
    if (i > 0) area += (0.5 * (prev + v)) / n;
    prev = v;
  }
  return area + 0.1 * (1.1 - run);
}

const TRUE_HV: Record<string, () => number> = {
  zdt1: () => 1.21 - 1 / 3,
  zdt2: () => 1.21 - 2 / 3,
  zdt3: zdt3TrueHv,
  dtlz2: () => 1.1 ** 3 - Math.PI / 6,
};

// Effectively uncapped: the archive grows as needed, and 25 000 evaluations cannot fill it.
const UNCAPPED = 1_000_000;

function solve(p: TestProblemName, nVar: number, seed: number, archive = UNCAPPED, generations = 250) {
  expect(k.testProblem.setup(p, nVar, 100, seed, archive)).toBe(KernelStatus.OK);
  expect(k.testProblem.run(generations)).toBe(generations);
  const m = k.testProblem.objectives(p);
  const ref = m === 2 ? REF2 : REF3;
  const pop = k.nsga2.population();
  const arc = k.nsga2.archive();
  return { pop, arc, popHv: k.hypervolume(pop.f, m, ref), archiveHv: k.hypervolume(arc.f, m, ref) };
}

// Population 100 × 250 generations (25 000 evaluations), seed 1. The final population is 100
// points, and 100 points cannot carry the whole continuous front's hypervolume: evenly spaced in f1
// they reach 0.9940 (ZDT1) and 0.9908 (ZDT2) of it, and 91 Das–Dennis points on the DTLZ2 sphere
// 0.92. So the run's answer is its non-dominated archive (every feasible non-dominated point
// evaluated, uncapped), and the population is held to what it reaches. Measured (seed 1): archive
// ZDT1 0.9971, ZDT2 0.9953, ZDT3 0.9986, DTLZ2 0.9907 (13 352 points; seeds 2, 3: 0.9908, 0.9908);
// population 0.9912, 0.9856, 0.9967, 0.9238.
// DTLZ2 is the hard one: the archive must cover a 2-D front with converged points. Two things got
// it over 0.99 (see nsga2.ts): niches keep their most converged member (PBI score, θ = 0.1), so
// the population is on the sphere by generation ~100 instead of ~170 and more of the run's
// evaluations land on the front; and a crossover index of 1 from generation 100 spreads children
// between the lattice directions. Each alone: 0.9878 and 0.9890 (from 0.9865).
// Tried and measured worse or no better (seed 1, archive, before those two): reference directions
// resampled uniformly every generation 0.9764 (convergence lost), every 40 generations 0.9868 but
// population 0.859; lattice jittered each generation 0.987 (population 0.88–0.90); interior
// directions only 0.986; 3× or 10× more directions than the population 0.985 / 0.983; parents
// from the archive (best along random directions, or bracketing the largest hole) 0.978–0.982;
// mating with one of the 3–6 nearest population members 0.972–0.985; a larger late mutation
// spread 0.982; crossover on every variable 0.988; ηc 30 or 60 throughout 0.9835.
describe('NSGA-II on ZDT and DTLZ2 (seed 1, 100 × 250)', () => {
  const cases: [TestProblemName, number, number, number][] = [
    // problem, variables, population HV ratio ≥, archive HV ratio ≥
    ['zdt1', 30, 0.99, 0.99],
    ['zdt2', 30, 0.98, 0.99],
    ['zdt3', 30, 0.99, 0.99],
    ['dtlz2', 12, 0.92, 0.99],
  ];
  for (const [p, n, popMin, archiveMin] of cases) {
    it(`${p}: population ≥ ${popMin}, archive ≥ ${archiveMin} of the true hypervolume`, () => {
      const r = solve(p, n, 1);
      const t = TRUE_HV[p]();
      expect(r.popHv / t).toBeGreaterThanOrEqual(popMin);
      expect(r.archiveHv / t).toBeGreaterThanOrEqual(archiveMin);
      expect(r.archiveHv / t).toBeLessThanOrEqual(1 + 1e-9);
      expect(Array.from(r.pop.rank).every((x) => x === 0)).toBe(true);
    });
  }
  it('DTLZ2 (3 objectives, reference-point niching): the population converges onto the sphere', () => {
    // Crowding distance alone left points up to 0.031 off the unit sphere (median 0.006).
    const { pop } = solve('dtlz2', 12, 1, 0);
    for (let i = 0; i < 100; i++) {
      expect(Math.hypot(pop.f[3 * i], pop.f[3 * i + 1], pop.f[3 * i + 2]) - 1).toBeLessThan(0.01);
    }
  });
  it('the archive is mutually non-dominated and beats a capped one', () => {
    const full = solve('dtlz2', 12, 1);
    const capped = solve('dtlz2', 12, 1, 2000);
    expect(capped.arc.size).toBeLessThanOrEqual(2000);
    expect(full.arc.size).toBeGreaterThan(2000);
    expect(full.archiveHv).toBeGreaterThan(capped.archiveHv);
    const f = full.arc.f;
    const n = full.arc.size;
    let dominated = 0;
    for (let a = 0; a < n; a += 7) {
      for (let b = 0; b < n; b++) {
        if (a !== b && f[3 * b] <= f[3 * a] && f[3 * b + 1] <= f[3 * a + 1] && f[3 * b + 2] <= f[3 * a + 2]) dominated++;
      }
    }
    expect(dominated).toBe(0);
  });
  it('ZDT3 true hypervolume from the dense grid is stable', () => {
    expect(zdt3TrueHv()).toBeCloseTo(1.331763, 5);
  });
});

describe('NSGA-II determinism', () => {
  it('gives the identical front for the same seed and a different one for another seed', () => {
    const a = solve('zdt1', 30, 42, 0, 60);
    const b = solve('zdt1', 30, 42, 0, 60);
    const c = solve('zdt1', 30, 43, 0, 60);
    expect(Array.from(a.pop.x)).toEqual(Array.from(b.pop.x));
    expect(Array.from(a.pop.f)).toEqual(Array.from(b.pop.f));
    expect(Array.from(a.pop.f)).not.toEqual(Array.from(c.pop.f));
  });
  it('is the same through ask/tell from JS as inside wasm', () => {
    const inWasm = solve('zdt1', 30, 5, 0, 60).pop.f;
    expect(k.nsga2.init({ variables: Array.from({ length: 30 }, () => ({ lower: 0, upper: 1 })), nObjectives: 2, population: 100, seed: 5, archiveCapacity: 0 })).toBe(KernelStatus.OK);
    for (let g = 0; g < 60; g++) {
      const x = k.nsga2.ask();
      const f = new Float64Array(200);
      for (let i = 0; i < 100; i++) {
        let s = 0;
        for (let j = 1; j < 30; j++) s += x[i * 30 + j];
        const gz = 1 + (9 * s) / 29;
        f[2 * i] = x[i * 30];
        f[2 * i + 1] = gz * (1 - Math.sqrt(x[i * 30] / gz));
      }
      k.nsga2.tell(f);
    }
    // Same arithmetic (IEEE sqrt) on both sides, so bit-identical.
    expect(Array.from(k.nsga2.population().f)).toEqual(Array.from(inWasm));
  });
});

describe('NSGA-II constraint handling', () => {
  it('ranks by constrained domination: feasible by Pareto order, then by violation, failures last', () => {
    expect(k.nsga2.init({ variables: [{ lower: 0, upper: 1 }], nObjectives: 2, nConstraints: 2, population: 6, seed: 1 })).toBe(KernelStatus.OK);
    k.nsga2.ask();
    // Objectives (minimised) and constraint values (> 0 violated) of six individuals.
    const f = [5, 5, 0.25, 1, 1, 0.25, -3, -3, -9, -9, Number.NaN, 0];
    const g = [0, 0, 0, -1, -2, 0, 0.5, 0, 0.2, 0.4, 0, 0];
    k.nsga2.tell(f, g);
    const pop = k.nsga2.population();
    // Survivors are written in rank order; map them back by their first objective.
    const rankOf = new Map<number, number>();
    for (let i = 0; i < 6; i++) rankOf.set(pop.f[2 * i], pop.rank[i]);
    expect(rankOf.get(0.25)).toBe(0); // feasible (0.25,1) and (1,0.25): mutually non-dominated
    expect(rankOf.get(1)).toBe(0);
    expect(rankOf.get(5)).toBe(1); // feasible (5,5): dominated by both
    expect(rankOf.get(-3)).toBe(2); // violation 0.5: behind every feasible point despite better objectives
    expect(rankOf.get(-9)).toBe(3); // violation 0.6
    const failed = Array.from(pop.cv).findIndex((v) => v >= 1e300);
    expect(pop.rank[failed]).toBe(4); // NaN objective: a failed evaluation
  });
  it('finds only feasible points on CONSTR (Deb 2001), on its known front', () => {
    expect(k.testProblem.setup('constr', 2, 100, 3, 0)).toBe(KernelStatus.OK);
    k.testProblem.run(250);
    const pop = k.nsga2.population();
    let worst = 0;
    for (let i = 0; i < 100; i++) {
      const [x1, x2] = [pop.x[2 * i], pop.x[2 * i + 1]];
      expect(pop.cv[i]).toBe(0);
      expect(x2 + 9 * x1).toBeGreaterThanOrEqual(6 - 1e-12);
      expect(9 * x1 - x2).toBeGreaterThanOrEqual(1 - 1e-12);
      // Pareto set: x2 = max(0, 6 − 9 x1) with x1 ∈ [7/18, 1] (minimal x2 for each x1, since
      // f2 = (1 + x2)/x1). Measured in x2 (range 0 … 5), as f2 is steep near x1 = 7/18.
      expect(x1).toBeGreaterThanOrEqual(7 / 18 - 1e-9);
      worst = Math.max(worst, x2 - Math.max(0, 6 - 9 * x1));
    }
    expect(worst).toBeLessThan(0.1);
  });
  it('rejects bad bounds, sizes and settings', () => {
    const v = [{ lower: 0, upper: 1 }];
    expect(k.nsga2.init({ variables: v, nObjectives: 2, population: 7, seed: 1 })).toBe(KernelStatus.BAD_INPUT); // odd
    expect(k.nsga2.init({ variables: [{ lower: 1, upper: 0 }], nObjectives: 2, population: 8, seed: 1 })).toBe(KernelStatus.BAD_INPUT);
    expect(k.nsga2.init({ variables: [{ lower: 0.5, upper: 3, kind: 'integer' }], nObjectives: 2, population: 8, seed: 1 })).toBe(KernelStatus.BAD_INPUT);
    expect(k.nsga2.init({ variables: [{ lower: 1, upper: 3, kind: 'categorical' }], nObjectives: 2, population: 8, seed: 1 })).toBe(KernelStatus.BAD_INPUT);
    expect(k.nsga2.init({ variables: v, nObjectives: 2, population: 8, seed: -1 })).toBe(KernelStatus.BAD_INPUT);
    expect(k.nsga2.init({ variables: v, nObjectives: 2, population: 8, seed: 1.5 })).toBe(KernelStatus.BAD_INPUT);
  });
});

describe('NSGA-II integer and categorical variables', () => {
  it('keeps them integral and in range, and finds the best integer and label', () => {
    // f = (x, 1 − x) + penalty(k, c) with k ∈ {−3 … 7} best at 4 and c ∈ {0, 1, 2} best at 2:
    // the front needs k = 4 and c = 2 everywhere.
    const N = 40;
    expect(k.nsga2.init({
      variables: [{ lower: 0, upper: 1 }, { lower: -3, upper: 7, kind: 'integer' }, { lower: 0, upper: 2, kind: 'categorical' }],
      nObjectives: 2, population: N, seed: 11,
    })).toBe(KernelStatus.OK);
    const seenK = new Set<number>();
    const seenC = new Set<number>();
    for (let gen = 0; gen < 60; gen++) {
      const x = k.nsga2.ask();
      const f: number[] = [];
      for (let i = 0; i < N; i++) {
        const [r, kk, c] = [x[3 * i], x[3 * i + 1], x[3 * i + 2]];
        expect(Number.isInteger(kk) && kk >= -3 && kk <= 7).toBe(true);
        expect([0, 1, 2]).toContain(c);
        seenK.add(kk);
        seenC.add(c);
        const pen = (kk - 4) ** 2 + (c === 2 ? 0 : 1);
        f.push(r + pen, 1 - r + pen);
      }
      k.nsga2.tell(f);
    }
    expect(seenK.size).toBe(11); // every integer value was tried
    expect(seenC.size).toBe(3);
    const pop = k.nsga2.population();
    for (let i = 0; i < N; i++) {
      expect(pop.x[3 * i + 1]).toBe(4);
      expect(pop.x[3 * i + 2]).toBe(2);
    }
  });
});

describe('1-D maximiser (bracketing + Brent)', () => {
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  it('finds known maxima to 1e-4 relative', async () => {
    const cases: [string, (x: number) => number, number, number, number][] = [
      ['parabola', (x) => -((x - 2.345) ** 2), 0, 10, 2.345],
      ['sine', Math.sin, 0, 3, Math.PI / 2],
      ['x e^(−x/3): skewed like Isp against O/F', (x) => x * Math.exp(-x / 3), 0.5, 12, 3],
      ['quartic, flat top', (x) => -((x - 1.7) ** 4), 1, 9, 1.7],
      ['maximum at the upper bound', (x) => Math.log(x), 1, 4, 4],
      ['global of two peaks', (x) => Math.exp(-((x - 1) ** 2) * 20) + 1.2 * Math.exp(-((x - 6) ** 2) * 20), 0, 8, 6],
    ];
    for (const [name, f, lo, hi, xStar] of cases) {
      const r = await k.maximize1d(f, lo, hi, { scanPoints: 17 });
      expect(r.status, name).toBe(KernelStatus.OK);
      expect(rel(r.x, xStar), name).toBeLessThan(1e-4);
      expect(r.evaluations, name).toBeLessThan(80);
    }
  });
  it('agrees with a dense sweep of a smooth curve', async () => {
    // A ≈ Isp(O/F)-shaped curve: rises steeply, falls slowly; maximum found by a 10⁵-point sweep.
    const f = (of: number) => 3000 * Math.exp(-((Math.log(of / 2.6)) ** 2) / 0.5) + 50 * Math.log(of);
    let best = 1;
    for (let i = 0; i <= 100_000; i++) {
      const x = 1 + (7 * i) / 100_000;
      if (f(x) > f(best)) best = x;
    }
    const r = await k.maximize1d(f, 1, 8);
    expect(rel(r.x, best)).toBeLessThan(1e-4);
  });
  it('steers away from failed evaluations and reports bad input', async () => {
    const r = await k.maximize1d((x) => (x < 2 ? Number.NaN : -((x - 3) ** 2)), 0, 10);
    expect(rel(r.x, 3)).toBeLessThan(1e-4);
    expect((await k.maximize1d(() => Number.NaN, 0, 1)).status).toBe(KernelStatus.NO_CONVERGENCE);
    expect((await k.maximize1d(Math.sin, 2, 1)).status).toBe(KernelStatus.BAD_INPUT);
  });
});
