// The rocket as a model for sensitivity analysis: which inputs of a `solve`-format rocket problem
// can vary (O/F, chamber pressure, nozzle area ratio or exit pressure, ambient pressure, reactant
// temperatures), how a base problem takes their values, and which outputs are read from the
// engine's answer. SI units: Isp and c* in m/s, pressures in Pa, temperatures in K, density-Isp in
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

type InputKey = 'of' | 'pc' | 'areaRatio' | 'pe' | 'pamb' | 'T';
interface InputInfo { label: string; unit: string; gt: number; ge?: number; le: number }

export const ROCKET_INPUT_INFO: Record<InputKey, InputInfo> = {
  of: { label: 'O/F', unit: '', gt: ENGINE_LIMITS.of.gt, le: ENGINE_LIMITS.of.le },
  pc: { label: 'chamber pressure', unit: 'Pa', gt: ENGINE_LIMITS.pc_Pa.gt, le: ENGINE_LIMITS.pc_Pa.le },
  areaRatio: { label: 'nozzle area ratio', unit: '', gt: 1, ge: ENGINE_LIMITS.areaRatio.ge, le: ENGINE_LIMITS.areaRatio.le },
  pe: { label: 'exit pressure', unit: 'Pa', gt: 0, le: ENGINE_LIMITS.pc_Pa.le },
  pamb: { label: 'ambient pressure', unit: 'Pa', gt: 0, ge: ENGINE_LIMITS.pamb_Pa.ge, le: ENGINE_LIMITS.pamb_Pa.le },
  T: { label: 'reactant temperature', unit: 'K', gt: ENGINE_LIMITS.T_K.gt, le: ENGINE_LIMITS.T_K.le },
};

/** The kind of a rocket input name ("of", "pc", …, or "T:<reactant>" for a reactant's temperature); null when unknown. */
export function rocketInputKey(name: string): InputKey | null {
  if (name.startsWith('T:') && name.length > 2) return 'T';
  return name in ROCKET_INPUT_INFO && name !== 'T' ? (name as InputKey) : null;
}

/** Label of an input or output for sentences and charts ("O/F", "T of RP-1"). */
export function rocketInputLabel(name: string): string {
  const key = rocketInputKey(name);
  if (key === 'T') return `T of ${name.slice(2)}`;
  return key ? ROCKET_INPUT_INFO[key].label : name;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Checks that the named inputs fit the base problem (reactants named by T:… exist) and returns a
 * function giving the problem at a row of input values.
 */
export function rocketProblemMaker(base: Record<string, unknown>, names: string[]): Result<(values: number[]) => Record<string, unknown>> {
  const reactants = Array.isArray(base.reactants) ? (base.reactants as { name?: unknown }[]) : [];
  const setters: ((p: Record<string, unknown>, v: number, all: number[]) => void)[] = [];
  const pcAt = names.indexOf('pc');
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const key = rocketInputKey(name);
    if (key === 'T') {
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

/** The analysed output of an engine answer for `problem`; an error when the engine failed or the output is not defined. */
export function rocketOutput(problem: Record<string, unknown>, result: Result<RocketResult, KernelError>, output: RocketOutput): Result<number> {
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
