// Typed wrapper of the ideal-rocket kernel (wasm-core/assembly/ideal/ideal-rocket.ts).
import type { Core } from './index.ts';
import { KernelStatus } from './index.ts';
import type { IdealRocketResult } from '../app/domain/ideal-rocket.ts';

interface IdealExports {
  idealRocket(gamma: number, molarMass_kg_kmol: number, Tc_K: number, pc_Pa: number, areaRatio: number, pcOverPe: number, pamb_Pa: number): number;
  idealOutPtr(): number;
  areaRatioAtMach(gamma: number, mach: number): number;
  supersonicMachFromAreaRatio(gamma: number, eps: number): number;
}

// Order of the output slots, as in ideal-rocket.ts (IDEAL_EXIT_MACH = 0, …).
const FIELDS: (keyof IdealRocketResult)[] = [
  'exitMach', 'pe_Pa', 'Te_K', 'cstar_m_s', 'cfVac', 'cfAmb', 'ispVac_m_s', 'ispAmb_m_s',
  'ispVac_s', 'ispAmb_s', 'areaRatio', 'pcOverPe', 'exitVelocity_m_s', 'cfVacLimit',
];

export function idealKernels(core: Core) {
  const x = core.exports as unknown as IdealExports;
  return {
    /** Ideal rocket (constant γ); nozzle by areaRatio or pcOverPe (0 for the other); SI units. */
    idealRocket(gamma: number, M: number, Tc_K: number, pc_Pa: number, areaRatio: number, pcOverPe: number, pamb_Pa: number): { status: number; out: IdealRocketResult | null } {
      const status = x.idealRocket(gamma, M, Tc_K, pc_Pa, areaRatio, pcOverPe, pamb_Pa);
      if (status !== KernelStatus.OK) return { status, out: null };
      const v = core.f64View(x.idealOutPtr(), FIELDS.length);
      const out = {} as IdealRocketResult;
      FIELDS.forEach((k, i) => { out[k] = v[i]; });
      return { status, out };
    },
    areaRatioAtMach: (gamma: number, mach: number) => x.areaRatioAtMach(gamma, mach),
    supersonicMachFromAreaRatio: (gamma: number, eps: number) => x.supersonicMachFromAreaRatio(gamma, eps),
  };
}
