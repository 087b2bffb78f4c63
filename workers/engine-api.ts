// The engine's operations over an instantiated wasm core: validation in, Result out.
// Shared by engine.worker.ts (browser) and the node command line, tests and benchmarks.
import type { Core } from '../wasm-core/index.ts';
import { KernelStatus } from '../wasm-core/index.ts';
import { idealKernels } from '../wasm-core/ideal.ts';
import { validateIdealRocketInput, type IdealRocketResult } from '../app/domain/ideal-rocket.ts';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';

export function makeEngineApi(core: Core) {
  const ideal = idealKernels(core);
  return {
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
