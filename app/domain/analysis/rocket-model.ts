// The rocket as a model for sensitivity analysis: which inputs of a `solve`-format rocket problem
// can vary (O/F, chamber pressure, nozzle area ratio or exit pressure, ambient pressure, reactant
// temperatures, blend fractions, c* and thrust-coefficient efficiencies), how a base problem takes
// their values, and which outputs are read from the engine's answer (delivered values when
// efficiencies are given). SI units: Isp and c* in m/s, pressures in Pa, temperatures in K, density-Isp in
// N·s/m³. The engine itself is called by workers/ (this module stays pure).
import { ENGINE_LIMITS, type RocketResult, type Station } from '../problem.ts';
import { bulkDensity, findPropellantBySpecies } from '../propellants.ts';
import { err, ok, type KernelError, type Result } from '../result.ts';

export const ROCKET_OUTPUTS = ['ispVac', 'ispAmb', 'cstar', 'Tc', 'densityIsp', 'cf', 'Te', 'pe', 'mach'] as const;
export type RocketOutput = (typeof ROCKET_OUTPUTS)[number];

export const ROCKET_OUTPUT_INFO: Record<RocketOutput, { label: string; unit: string }> = {
  ispVac: { label: 'vacuum Isp', unit: 'm/s' },
  ispAmb: { label: 'Isp at ambient pressure', unit: 'm/s' },
  cstar: { label: 'c*', unit: 'm/s' },
  Tc: { label: 'chamber temperature', unit: 'K' },
  densityIsp: { label: 'density-Isp', unit: 'N·s/m³' },
  cf: { label: 'thrust coefficient', unit: '' },
  Te: { label: 'exit temperature', unit: 'K' },
  pe: { label: 'exit pressure', unit: 'Pa' },
  mach: { label: 'exit Mach number', unit: '' },
};

type InputKey = 'of' | 'pc' | 'areaRatio' | 'pe' | 'pamb' | 'T' | 'blend' | 'eta';
/** An input's allowed values: above `gt` (or from `ge`), up to `le` (or below `lt`). */
interface InputInfo { label: string; unit: string; gt: number; ge?: number; le: number; lt?: boolean }

/** The input names for messages: the fixed ones and the patterns. */
export const ROCKET_INPUT_NAMES = ['of', 'pc', 'areaRatio', 'pe', 'pamb', 'T:<reactant>', 'blend:<reactant>', 'eta:cstar', 'eta:cf'] as const;

/** The efficiency inputs: c* (combustion) efficiency and thrust-coefficient (nozzle) efficiency. */
export const ETA_INPUTS = ['eta:cstar', 'eta:cf'] as const;
export type EtaInput = (typeof ETA_INPUTS)[number];

export const ROCKET_INPUT_INFO: Record<InputKey, InputInfo> = {
  of: { label: 'O/F', unit: '', gt: ENGINE_LIMITS.of.gt, le: ENGINE_LIMITS.of.le },
  pc: { label: 'chamber pressure', unit: 'Pa', gt: ENGINE_LIMITS.pc_Pa.gt, le: ENGINE_LIMITS.pc_Pa.le },
  areaRatio: { label: 'nozzle area ratio', unit: '', gt: 1, ge: ENGINE_LIMITS.areaRatio.ge, le: ENGINE_LIMITS.areaRatio.le },
  pe: { label: 'exit pressure', unit: 'Pa', gt: 0, le: ENGINE_LIMITS.pc_Pa.le },
  pamb: { label: 'ambient pressure', unit: 'Pa', gt: 0, ge: ENGINE_LIMITS.pamb_Pa.ge, le: ENGINE_LIMITS.pamb_Pa.le },
  T: { label: 'reactant temperature', unit: 'K', gt: ENGINE_LIMITS.T_K.gt, le: ENGINE_LIMITS.T_K.le },
  blend: { label: 'blend mass fraction', unit: '', gt: 0, le: 1, lt: true },
  eta: { label: 'efficiency', unit: '', gt: 0, le: 1 },
};

const PREFIXED: InputKey[] = ['T', 'blend', 'eta'];

/**
 * The kind of a rocket input name ("of", "pc", …, "T:<reactant>" for a reactant's temperature,
 * "blend:<reactant>" for its mass fraction within its role, "eta:cstar" or "eta:cf"); null when unknown.
 */
export function rocketInputKey(name: string): InputKey | null {
  if (name.startsWith('T:') && name.length > 2) return 'T';
  if (name.startsWith('blend:') && name.length > 6) return 'blend';
  if ((ETA_INPUTS as readonly string[]).includes(name)) return 'eta';
  return name in ROCKET_INPUT_INFO && !PREFIXED.includes(name as InputKey) ? (name as InputKey) : null;
}

/** Label of an input or output for sentences and charts ("O/F", "T of RP-1", "mass fraction of RP-1", "c* efficiency"). */
export function rocketInputLabel(name: string): string {
  const key = rocketInputKey(name);
  if (key === 'T') return `T of ${name.slice(2)}`;
  if (key === 'blend') return `mass fraction of ${name.slice(6)}`;
  if (key === 'eta') return name === 'eta:cstar' ? 'c* efficiency' : 'Cf efficiency';
  return key ? ROCKET_INPUT_INFO[key].label : name;
}

/** The unit quantity of an input shown with a unit (pressures, reactant temperatures); null for ratios, fractions and efficiencies. */
export function rocketInputQuantity(name: string): 'pressure' | 'temperature' | null {
  const key = rocketInputKey(name);
  return key === 'pc' || key === 'pe' || key === 'pamb' ? 'pressure' : key === 'T' ? 'temperature' : null;
}

/**
 * Delivered performance. A c* efficiency η_c* and a thrust-coefficient (nozzle) efficiency η_Cf
 * scale the ideal outputs: c* by η_c*; cf by η_Cf; ispVac, ispAmb and densityIsp by η_c*·η_Cf
 * (Isp = c*·Cf; for ispAmb η_Cf is the ratio of delivered to ideal Cf at that ambient pressure).
 * Tc, Te, pe and mach are states of the ideal flow and stay as computed. Absent: both 1.
 */
export interface Efficiencies { cstar: number; cf: number }

export const IDEAL: Efficiencies = { cstar: 1, cf: 1 };

/** A row of input values' efficiencies (`fixed`, ideal by default, for those not among the inputs). */
export function efficienciesAt(names: string[], fixed: Efficiencies = IDEAL): (values: number[]) => Efficiencies {
  const c = names.indexOf('eta:cstar');
  const f = names.indexOf('eta:cf');
  return (values) => ({ cstar: c >= 0 ? values[c] : fixed.cstar, cf: f >= 0 ? values[f] : fixed.cf });
}

/** The factor an output is multiplied by for delivered performance. */
export function efficiencyFactor(output: RocketOutput, eta: Efficiencies): number {
  switch (output) {
    case 'cstar':
      return eta.cstar;
    case 'cf':
      return eta.cf;
    case 'ispVac':
    case 'ispAmb':
    case 'densityIsp':
      return eta.cstar * eta.cf;
    default:
      return 1;
  }
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Checks that the named inputs fit the base problem (reactants named by T:… and blend:… exist) and
 * returns a function giving the problem at a row of input values.
 *
 * Blend rule: `blend:<reactant>` = f sets that reactant's mass fraction within its role (fuel,
 * oxidizer, or the whole propellant when no roles are given) to f, and rescales the role's other
 * reactants proportionally so the role sums to 1: m_j ← m_j·(1 − f)/Σ_{i≠k} m_i. It needs a role
 * of two or more reactants, the others with a positive total, and one blend input per role.
 */
export function rocketProblemMaker(base: Record<string, unknown>, names: string[]): Result<(values: number[]) => Record<string, unknown>> {
  const reactants = Array.isArray(base.reactants) ? (base.reactants as { name?: unknown }[]) : [];
  const setters: ((p: Record<string, unknown>, v: number, all: number[]) => void)[] = [];
  const pcAt = names.indexOf('pc');
  const blendedRoles = new Map<string, string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const key = rocketInputKey(name);
    if (key === 'blend') {
      const species = name.slice(6);
      const field = `inputs[${i}].name`;
      const at = reactants.flatMap((r, k) => (r?.name === species ? [k] : []));
      if (at.length !== 1) {
        const known = reactants.map((r) => JSON.stringify(r?.name)).join(', ');
        return err('bad-input', at.length
          ? `${name}: the problem lists reactant ${JSON.stringify(species)} ${at.length} times; a blend fraction needs it once`
          : `${name}: the problem has no reactant ${JSON.stringify(species)} (its reactants: ${known || 'none'})`, field);
      }
      const k = at[0];
      const role = (reactants[k] as { role?: unknown }).role;
      const roleName = typeof role === 'string' ? role : 'propellant';
      const group = reactants.flatMap((r, j) => ((r as { role?: unknown })?.role === role ? [j] : []));
      if (group.length < 2) {
        return err('bad-input', `${name}: ${JSON.stringify(species)} is the only reactant of its role (${roleName}); a blend fraction needs a role of two or more reactants`, field);
      }
      const before = blendedRoles.get(roleName);
      if (before) return err('bad-input', `${name}: the ${roleName} already varies by ${before}; give one blend input per role`, field);
      blendedRoles.set(roleName, name);
      const others = group.filter((j) => j !== k);
      const fractions = others.map((j) => (reactants[j] as { massFraction?: unknown }).massFraction);
      const rest = fractions.reduce<number>((s, m) => s + (typeof m === 'number' ? m : Number.NaN), 0);
      if (!(rest > 0) || !Number.isFinite(rest)) {
        return err('bad-input', `${name}: the other reactants of the ${roleName} have no positive mass fractions to rescale (they sum to ${rest})`, field);
      }
      setters.push((p, v) => {
        const rs = p.reactants as Record<string, unknown>[];
        rs[k].massFraction = v;
        for (let o = 0; o < others.length; o++) rs[others[o]].massFraction = ((fractions[o] as number) * (1 - v)) / rest;
      });
    } else if (key === 'eta') {
      setters.push(() => undefined); // applied to the outputs (efficienciesAt), not to the problem
    } else if (key === 'T') {
      const species = name.slice(2);
      const at = reactants.flatMap((r, k) => (r?.name === species ? [k] : []));
      if (!at.length) {
        const known = reactants.map((r) => JSON.stringify(r?.name)).join(', ');
        return err('bad-input', `${name}: the problem has no reactant ${JSON.stringify(species)} (its reactants: ${known || 'none'})`, `inputs[${i}].name`);
      }
      setters.push((p, v) => {
        for (const k of at) (p.reactants as Record<string, unknown>[])[k].T = v;
      });
    } else if (key === 'of') {
      setters.push((p, v) => {
        delete p.phi;
        p.of = v;
      });
    } else if (key === 'areaRatio') {
      setters.push((p, v) => {
        p.exits = [{ areaRatio: v }];
      });
    } else if (key === 'pe') {
      // the ratio needs the chamber pressure of the same row (an input, or the problem's)
      setters.push((p, v, all) => {
        p.exits = [{ pcOverPe: (pcAt >= 0 ? all[pcAt] : (p.pc as number)) / v }];
      });
    } else if (key === 'pc' || key === 'pamb') {
      setters.push((p, v) => {
        p[key] = v;
      });
    }
  }
  const template = clone(base);
  return ok((values: number[]) => {
    const p = clone(template);
    for (let i = 0; i < setters.length; i++) setters[i](p, values[i], values);
    return p;
  });
}

// Bulk density of the problem's reactants at its O/F, kg/m³, from the propellant library; null
// when a reactant is not in the library (density-Isp then cannot be given).
export function reactantsBulkDensity(problem: Record<string, unknown>): number | null {
  const reactants = Array.isArray(problem.reactants) ? (problem.reactants as { name: string; role?: string; massFraction: number }[]) : [];
  const of = typeof problem.of === 'number' ? problem.of : null;
  const parts: { massFraction: number; density_kg_m3: number }[] = [];
  for (const r of reactants) {
    const p = findPropellantBySpecies(r.name);
    if (!p) return null;
    const share = r.role === 'fuel' && of !== null ? 1 / (1 + of) : r.role === 'oxidizer' && of !== null ? of / (1 + of) : 1;
    parts.push({ massFraction: r.massFraction * share, density_kg_m3: p.density_kg_m3 });
  }
  return parts.length ? bulkDensity(parts) : null;
}

/**
 * The analysed output of an engine answer for `problem`, delivered with the efficiencies `eta`
 * (ideal when absent); an error when the engine failed or the output is not defined.
 */
export function rocketOutput(problem: Record<string, unknown>, result: Result<RocketResult, KernelError>, output: RocketOutput, eta: Efficiencies = IDEAL): Result<number> {
  const v = idealOutput(problem, result, output);
  if (!v.ok) return v;
  const factor = efficiencyFactor(output, eta);
  return factor === 1 ? v : ok(v.value * factor);
}

function idealOutput(problem: Record<string, unknown>, result: Result<RocketResult, KernelError>, output: RocketOutput): Result<number> {
  if (!result.ok) return result;
  if (output === 'Tc') return ok(result.value.chamber.T);
  const exit = result.value.exits[0] as Station | { ok: false; error: KernelError } | undefined;
  if (!exit) return err('bad-input', `${output} needs a nozzle exit: give the problem "exits", or vary areaRatio or pe`, 'output');
  if ('ok' in exit) return { ok: false, error: exit.error };
  switch (output) {
    case 'ispVac':
      return ok(exit.ispVac);
    case 'ispAmb': {
      const pamb = typeof problem.pamb === 'number' ? problem.pamb : null;
      if (exit.ispAmb !== undefined) return ok(exit.ispAmb);
      if (pamb === null) return err('bad-input', 'ispAmb needs an ambient pressure: give the problem "pamb" (Pa) or vary pamb', 'output');
      return ok(exit.ispVac - (pamb * exit.areaRatio * exit.cstar) / (problem.pc as number));
    }
    case 'cstar':
      return ok(exit.cstar);
    case 'cf':
      return ok(exit.cf);
    case 'Te':
      return ok(exit.T);
    case 'pe':
      return ok(exit.p);
    case 'mach':
      return ok(exit.mach);
    case 'densityIsp': {
      const rho = reactantsBulkDensity(problem);
      if (rho === null) return err('bad-input', 'densityIsp needs every reactant in the propellant library (for its density)', 'output');
      return ok(exit.ispVac * rho);
    }
  }
}
