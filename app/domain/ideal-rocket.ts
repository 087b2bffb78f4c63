// The ideal-rocket problem (constant γ, frozen, perfect gas): input type, defaults and validation.
import { checkNumber, formatValue } from './validate.ts';
import { err, ok, type KernelError, type Result } from './result.ts';

export type NozzleSpec = { kind: 'areaRatio'; areaRatio: number } | { kind: 'pressureRatio'; pcOverPe: number };

export interface IdealRocketInput {
  gamma: number;
  molarMass_kg_kmol: number;
  Tc_K: number;
  pc_Pa: number;
  nozzle: NozzleSpec;
  pamb_Pa: number;
}

export interface IdealRocketResult {
  exitMach: number;
  pe_Pa: number;
  Te_K: number;
  cstar_m_s: number;
  cfVac: number;
  cfAmb: number;
  ispVac_m_s: number;
  ispAmb_m_s: number;
  ispVac_s: number;
  ispAmb_s: number;
  areaRatio: number;
  pcOverPe: number;
  exitVelocity_m_s: number;
  cfVacLimit: number;
}

/** A LOX/RP-1-like booster point: the calculator opens on it. */
export const DEFAULT_IDEAL_INPUT: IdealRocketInput = {
  gamma: 1.2,
  molarMass_kg_kmol: 22,
  Tc_K: 3500,
  pc_Pa: 7e6,
  nozzle: { kind: 'areaRatio', areaRatio: 16 },
  pamb_Pa: 101325,
};

/** Validates an ideal-rocket input from any source (form, worker call, link); names the bad field. */
export function validateIdealRocketInput(raw: unknown): Result<IdealRocketInput, KernelError> {
  if (typeof raw !== 'object' || raw === null) return err('bad-input', `input must be an object (got ${formatValue(raw)})`);
  const x = raw as Record<string, unknown>;
  const bad =
    checkNumber(x.gamma, { field: 'gamma', label: 'ratio of specific heats γ', gt: 1, lt: 3 }) ??
    checkNumber(x.molarMass_kg_kmol, { field: 'molarMass_kg_kmol', label: 'molar mass', unit: 'kg/kmol', gt: 0, le: 1000 }) ??
    checkNumber(x.Tc_K, { field: 'Tc_K', label: 'chamber temperature', unit: 'K', gt: 0, le: 20000 }) ??
    checkNumber(x.pc_Pa, { field: 'pc_Pa', label: 'chamber pressure', unit: 'Pa', gt: 0 }) ??
    checkNumber(x.pamb_Pa, { field: 'pamb_Pa', label: 'ambient pressure', unit: 'Pa', ge: 0 });
  if (bad) return bad;
  const n = x.nozzle as Record<string, unknown> | undefined;
  if (typeof n !== 'object' || n === null) return err('bad-input', `nozzle must be given by area ratio or pressure ratio (got ${formatValue(n)})`, 'nozzle');
  let nozzle: NozzleSpec;
  if (n.kind === 'areaRatio') {
    const e = checkNumber(n.areaRatio, { field: 'nozzle.areaRatio', label: 'area ratio Ae/At', ge: 1, le: 1e5 });
    if (e) return e;
    nozzle = { kind: 'areaRatio', areaRatio: n.areaRatio as number };
  } else if (n.kind === 'pressureRatio') {
    const e = checkNumber(n.pcOverPe, { field: 'nozzle.pcOverPe', label: 'pressure ratio pc/pe', ge: 1, le: 1e9 });
    if (e) return e;
    nozzle = { kind: 'pressureRatio', pcOverPe: n.pcOverPe as number };
  } else {
    return err('bad-input', `nozzle kind must be "areaRatio" or "pressureRatio" (got ${formatValue(n.kind)})`, 'nozzle.kind');
  }
  return ok({
    gamma: x.gamma as number,
    molarMass_kg_kmol: x.molarMass_kg_kmol as number,
    Tc_K: x.Tc_K as number,
    pc_Pa: x.pc_Pa as number,
    pamb_Pa: x.pamb_Pa as number,
    nozzle,
  });
}
