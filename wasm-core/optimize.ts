// Typed wrapper of the optimisation kernels (wasm-core/assembly/optimize/): NSGA-II by ask/tell,
// the in-wasm test problems, hypervolume and the 1-D maximiser. One Core holds one NSGA-II run
// and one 1-D search at a time (module state); callers that interleave runs need their own Core.
import type { Core } from './index.ts';
import { KernelStatus } from './index.ts';

interface OptimizeExports {
  nsgaConfigure(nVariables: number, nObjectives: number, nConstraints: number, N: number, archiveCapacity: number): number;
  nsgaLowerPtr(): number;
  nsgaUpperPtr(): number;
  nsgaKindPtr(): number;
  nsgaStart(seed: number, pc: number, etaC: number, pm: number, etaM: number): number;
  nsgaAsk(): number;
  nsgaAskXPtr(): number;
  nsgaTellFPtr(): number;
  nsgaTellGPtr(): number;
  nsgaTell(): number;
  nsgaGeneration(): number;
  nsgaPopulationSize(): number;
  nsgaPopXPtr(): number;
  nsgaPopFPtr(): number;
  nsgaPopCVPtr(): number;
  nsgaPopRankPtr(): number;
  nsgaPopCrowdingPtr(): number;
  nsgaArchiveSize(): number;
  nsgaArchiveXPtr(): number;
  nsgaArchiveFPtr(): number;
  testProblemObjectives(problem: number): number;
  testProblemSetup(problem: number, nVariables: number, N: number, seed: number, archiveCapacity: number): number;
  testProblemEvaluate(): void;
  testProblemRun(generations: number): number;
  hvReserve(n: number, m: number): number;
  hvCompute(n: number, m: number, r0: number, r1: number, r2: number): number;
  max1dStart(lo: number, hi: number, nScan: number, relTol: number): number;
  max1dNext(): number;
  max1dTell(f: number): void;
  max1dBestX(): number;
  max1dBestF(): number;
  max1dEvaluations(): number;
  max1dStatus(): number;
}

/** Kinds of decision variable (codes shared with nsga2.ts). */
export const VarKind = { real: 0, integer: 1, categorical: 2 } as const;
export type VarKindName = keyof typeof VarKind;

/** The test problems evaluated inside wasm (codes shared with test-problems.ts). */
export const TestProblem = { zdt1: 1, zdt2: 2, zdt3: 3, dtlz2: 4, constr: 5 } as const;
export type TestProblemName = keyof typeof TestProblem;

export interface VariableBounds {
  lower: number;
  upper: number;
  /** Default 'real'. Categorical variables take the values 0 … upper (lower must be 0). */
  kind?: VarKindName;
}

export interface Nsga2Config {
  variables: VariableBounds[];
  nObjectives: number;
  nConstraints?: number;
  /** Even, 4 … 2000. */
  population: number;
  /** Capacity of the archive of every feasible non-dominated point evaluated (it grows as needed up to it; thinned by crowding beyond); 0 = none. Default 2000. */
  archiveCapacity?: number;
  seed: number;
  crossoverProbability?: number;
  etaCrossover?: number;
  /** Per-variable mutation probability; default 1/(number of variables). */
  mutationProbability?: number;
  etaMutation?: number;
}

export interface Nsga2Population {
  /** N × nVariables decision vectors, row-major. */
  x: Float64Array;
  /** N × nObjectives objectives in minimised form. */
  f: Float64Array;
  /** Total constraint violation (0 = feasible). */
  cv: Float64Array;
  /** Front index under constrained domination (0 = non-dominated). */
  rank: Int32Array;
  crowding: Float64Array;
}

export interface Nsga2Archive {
  x: Float64Array;
  f: Float64Array;
  size: number;
}

export interface Max1dResult {
  status: number;
  x: number;
  f: number;
  evaluations: number;
}

/** Options of the 1-D maximiser: bracketing scan points (≥ 3, default 9) and relative tolerance on x (default 1e-4). */
export interface Max1dOptions {
  scanPoints?: number;
  relTol?: number;
}

export function optimizeKernels(core: Core) {
  const x = core.exports as unknown as OptimizeExports;
  let nVar = 0;
  let nObj = 0;
  let nCon = 0;
  let popN = 0;

  const copyF64 = (ptr: number, n: number) => core.f64View(ptr, n).slice();

  const nsga2 = {
    /** Allocates and starts a run; returns a KernelStatus (BAD_INPUT for bad sizes, bounds or settings). */
    init(c: Nsga2Config): number {
      const st = x.nsgaConfigure(c.variables.length, c.nObjectives, c.nConstraints ?? 0, c.population, c.archiveCapacity ?? 2000);
      if (st !== KernelStatus.OK) return st;
      nVar = c.variables.length;
      nObj = c.nObjectives;
      nCon = c.nConstraints ?? 0;
      popN = c.population;
      const lo = core.f64View(x.nsgaLowerPtr(), nVar);
      const hi = core.f64View(x.nsgaUpperPtr(), nVar);
      const kind = core.i32View(x.nsgaKindPtr(), nVar);
      c.variables.forEach((v, i) => {
        lo[i] = v.lower;
        hi[i] = v.upper;
        kind[i] = VarKind[v.kind ?? 'real'];
      });
      return x.nsgaStart(c.seed, c.crossoverProbability ?? 0.9, c.etaCrossover ?? 15, c.mutationProbability ?? 0, c.etaMutation ?? 20);
    },
    /** The next N decision vectors to evaluate (a copy, N × nVariables). */
    ask(): Float64Array {
      const n = x.nsgaAsk();
      if (n < 0) throw new Error('nsga2.ask before init');
      return copyF64(x.nsgaAskXPtr(), n * nVar);
    },
    /** Gives the objectives (N × nObjectives, minimised) and constraint values (N × nConstraints, > 0 violated) of the asked vectors; returns the generation reached. */
    tell(f: ArrayLike<number>, g?: ArrayLike<number>): number {
      if (f.length !== popN * nObj) throw new Error(`nsga2.tell: expected ${popN * nObj} objective values, got ${f.length}`);
      core.f64View(x.nsgaTellFPtr(), popN * nObj).set(f);
      if (nCon > 0) {
        if (!g || g.length !== popN * nCon) throw new Error(`nsga2.tell: expected ${popN * nCon} constraint values, got ${g?.length ?? 0}`);
        core.f64View(x.nsgaTellGPtr(), popN * nCon).set(g);
      }
      const gen = x.nsgaTell();
      if (gen < 0) throw new Error('nsga2.tell without a matching ask');
      return gen;
    },
    generation: () => x.nsgaGeneration(),
    /** The current parents (copies). */
    population(): Nsga2Population {
      return {
        x: copyF64(x.nsgaPopXPtr(), popN * nVar),
        f: copyF64(x.nsgaPopFPtr(), popN * nObj),
        cv: copyF64(x.nsgaPopCVPtr(), popN),
        rank: core.i32View(x.nsgaPopRankPtr(), popN).slice(),
        crowding: copyF64(x.nsgaPopCrowdingPtr(), popN),
      };
    },
    /** Every feasible non-dominated point evaluated so far (thinned by crowding when over capacity). */
    archive(): Nsga2Archive {
      const size = x.nsgaArchiveSize();
      return { size, x: copyF64(x.nsgaArchiveXPtr(), size * nVar), f: copyF64(x.nsgaArchiveFPtr(), size * nObj) };
    },
  };

  const testProblem = {
    objectives: (p: TestProblemName) => x.testProblemObjectives(TestProblem[p]),
    /** Configures NSGA-II on a test problem (pc 0.9, ηc 15, pm 1/n, ηm 20); afterwards nsga2.population/archive read it. */
    setup(p: TestProblemName, nVariables: number, population: number, seed: number, archiveCapacity = 2000): number {
      const st = x.testProblemSetup(TestProblem[p], nVariables, population, seed, archiveCapacity);
      if (st === KernelStatus.OK) {
        nVar = nVariables;
        nObj = x.testProblemObjectives(TestProblem[p]);
        nCon = p === 'constr' ? 2 : 0;
        popN = population;
      }
      return st;
    },
    /** Runs that many ask/evaluate/tell cycles inside wasm. */
    run: (generations: number) => x.testProblemRun(generations),
  };

  /** Exact hypervolume of points (minimised; n × m, m = 2 or 3) against ref. */
  function hypervolume(points: ArrayLike<number>, m: number, ref: readonly number[]): number {
    if (m !== 2 && m !== 3) throw new Error(`hypervolume: 2 or 3 objectives supported (got ${m})`);
    const n = Math.floor(points.length / m);
    const ptr = x.hvReserve(n, m);
    core.f64View(ptr, n * m).set(Array.prototype.slice.call(points, 0, n * m) as number[]);
    return x.hvCompute(n, m, ref[0], ref[1], m === 3 ? ref[2] : 0);
  }

  const max1d = {
    start: (lo: number, hi: number, o: Max1dOptions = {}) => x.max1dStart(lo, hi, o.scanPoints ?? 9, o.relTol ?? 1e-4),
    /** Next x to evaluate, or NaN when finished. */
    next: () => x.max1dNext(),
    tell: (f: number) => x.max1dTell(f),
    result: (): Max1dResult => ({ status: x.max1dStatus(), x: x.max1dBestX(), f: x.max1dBestF(), evaluations: x.max1dEvaluations() }),
  };

  /** Maximises f on [lo, hi] (f may be async: the search waits for each value). */
  async function maximize1d(f: (x: number) => number | Promise<number>, lo: number, hi: number, o: Max1dOptions = {}): Promise<Max1dResult> {
    if (max1d.start(lo, hi, o) !== KernelStatus.OK) return max1d.result();
    for (let xi = max1d.next(); !Number.isNaN(xi); xi = max1d.next()) max1d.tell(await f(xi));
    return max1d.result();
  }

  return { nsga2, testProblem, hypervolume, max1d, maximize1d };
}

export type OptimizeKernels = ReturnType<typeof optimizeKernels>;
