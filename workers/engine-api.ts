// The engine's operations over an instantiated wasm core: validation in, Result out.
// Shared by engine.worker.ts (browser) and the node command line, tests and benchmarks.
import type { Core } from '../wasm-core/index.ts';
import { KernelStatus } from '../wasm-core/index.ts';
import { idealKernels } from '../wasm-core/ideal.ts';
import { validateIdealRocketInput, type IdealRocketResult } from '../app/domain/ideal-rocket.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import { makeThermoSolver, statusError, type BatchPoint, type BatchResult, type ThermoSolver } from '../wasm-core/thermo.ts';
import { makeSpeciesDb, prepareProblem } from '../app/domain/thermo-problem.ts';
import type { PackedThermo, ThermoDocument } from '../app/domain/thermo-inp.ts';
import type { TransDocument } from '../app/domain/trans-inp.ts';
import { makeTransportDb } from '../wasm-core/transport.ts';
import type { ProblemResult, RocketResult, StateResult } from '../app/domain/problem.ts';

/** Cancellation flag checked between points of long calls (AbortSignal fits). */
export interface Cancel { readonly aborted: boolean }

/** A sweep: a base problem of the `solve` format and the points that vary of, pc, p or T. */
export interface SweepInput { problem: unknown; points: BatchPoint[]; warm?: boolean }

/** `trans`: the transport data, or a function that reads them (called only when a problem asks for transport properties). */
export function makeEngineApi(core: Core, thermo?: ThermoDocument | PackedThermo, trans?: TransDocument | (() => TransDocument)) {
  const ideal = idealKernels(core);
  // The equilibrium engine needs the species data; built on first use.
  let solver: ThermoSolver | null = null;
  const getSolver = (): ThermoSolver | null => {
    if (!solver && thermo) solver = makeThermoSolver(core, makeSpeciesDbCached(), trans && (typeof trans === 'function' ? () => makeTransportDb(trans()) : makeTransportDb(trans)));
    return solver;
  };
  let dbCached: ReturnType<typeof makeSpeciesDb> | null = null;
  const makeSpeciesDbCached = () => (dbCached ??= makeSpeciesDb(thermo!));
  const noData = () => err('no-thermo-data', 'the engine was started without thermo data');
  const asResult = <T extends RocketResult | StateResult>(r: ProblemResult): Result<T, KernelError> =>
    (r.ok ? ok(r as T) : { ok: false, error: r.error });
  return {
    /**
     * Rocket performance (chamber, throat, exits) for one problem of the `solve` format; SI units.
     * With a finite-area combustor the chamber is the injector station, and combustorEnd and pInf
     * come along.
     */
    solveRocket(raw: unknown, cancel?: Cancel): Result<RocketResult, KernelError> {
      const s = getSolver();
      if (!s) return noData();
      if (cancel?.aborted) return err('aborted', 'cancelled');
      if (typeof raw === 'object' && raw !== null && (raw as { problem?: unknown }).problem !== 'rocket') {
        return err('bad-input', `solveRocket needs problem "rocket" (got ${JSON.stringify((raw as { problem?: unknown }).problem)})`, 'problem');
      }
      const r = s.solve(raw);
      if (r.ok && 'injector' in r) {
        const { injector, ...rest } = r;
        return ok({ ...rest, chamber: injector });
      }
      return asResult<RocketResult>(r);
    },
    /** Equilibrium state of an hp (adiabatic flame) or tp problem of the `solve` format. */
    solveEquilibrium(raw: unknown, cancel?: Cancel): Result<StateResult, KernelError> {
      const s = getSolver();
      if (!s) return noData();
      if (cancel?.aborted) return err('aborted', 'cancelled');
      const kind = typeof raw === 'object' && raw !== null ? (raw as { problem?: unknown }).problem : undefined;
      if (kind !== 'hp' && kind !== 'tp') return err('bad-input', `solveEquilibrium needs problem "hp" or "tp" (got ${JSON.stringify(kind)})`, 'problem');
      return asResult<StateResult>(s.solve(raw));
    },
    /**
     * Any problem of the `solve` format (rocket, hp, tp), as the command line prints it. `warm`:
     * start from the previous problem's solution when it has the same propellant system (the
     * answer is the one solved alone within 1e-9, tests/unit/warm-start.test.ts; only faster).
     */
    solveProblem(raw: unknown, warm = false): ProblemResult {
      const s = getSolver();
      if (!s) return { ok: false, error: { code: 'no-thermo-data', message: 'the engine was started without thermo data' } };
      return s.solve(raw, warm);
    },
    /** A sweep of many points in one call, warm-started from the neighbour; typed-array results. */
    runSweep(input: SweepInput, cancel?: Cancel, progress?: (done: number, total: number) => void): Result<BatchResult, KernelError> {
      const s = getSolver();
      if (!s) return noData();
      if (typeof input !== 'object' || input === null || !Array.isArray(input.points)) return err('bad-input', 'a sweep needs {problem, points: [...]}', 'points');
      const base = prepareProblem(input.problem, makeSpeciesDbCached());
      if (!base.ok) return { ok: false, error: { ...base.error, field: base.error.field ? `problem.${base.error.field}` : 'problem' } };
      for (let i = 0; i < input.points.length; i++) {
        const pt = input.points[i] as Record<string, unknown>;
        for (const key of ['of', 'pc', 'p', 'T'] as const) {
          const v = pt?.[key];
          if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
            return err('bad-input', `points[${i}].${key} must be a positive number (got ${JSON.stringify(v)})`, `points[${i}].${key}`);
          }
        }
        if (pt?.of !== undefined && base.value.mix.of === null) return err('bad-input', 'of needs fuel and oxidizer roles', `points[${i}].of`);
      }
      const r = s.batch(base.value, input.points, input.warm !== false, cancel, progress);
      if (cancel?.aborted && r.points < input.points.length) return err('aborted', `cancelled after ${r.points} of ${input.points.length} points`);
      return ok(r);
    },
    /** Error value for a kernel status of a sweep (status[] of runSweep). */
    sweepStatusError: (status: number) => statusError(status),
    /** Ideal (constant-γ) rocket performance for one design point. */
    idealRocket(raw: unknown): Result<IdealRocketResult, KernelError> {
      const v = validateIdealRocketInput(raw);
      if (!v.ok) return v;
      const x = v.value;
      const eps = x.nozzle.kind === 'areaRatio' ? x.nozzle.areaRatio : 0;
      const pcpe = x.nozzle.kind === 'pressureRatio' ? x.nozzle.pcOverPe : 0;
      const r = ideal.idealRocket(x.gamma, x.molarMass_kg_kmol, x.Tc_K, x.pc_Pa, eps, pcpe, x.pamb_Pa);
      if (r.status === KernelStatus.NO_CONVERGENCE || !r.out) {
        return err('no-convergence', `the area–Mach relation did not converge for Ae/At = ${eps}`, 'nozzle.areaRatio');
      }
      return ok(r.out);
    },
  };
}

export type EngineApi = ReturnType<typeof makeEngineApi>;
