// Rocket design optimisation: the spec (what varies, what to maximise or minimise, what must hold),
// its validation, and the pure mapping design vector → engine problem → objectives and constraints.
// SI units throughout (Isp and c* in m/s, pressures in Pa, T in K, density-Isp in N·s/m³, cost per
// impulse in USD/(N·s)). Used by the command line, the worker and the Optimize page.
import { ENGINE_LIMITS, type ReactantSpec, type RocketProblem, type RocketResult, type Station } from './problem.ts';
import { BUILT_IN_PROPELLANTS, bulkDensity, findPropellantBySpecies, propellantReactants, type Propellant } from './propellants.ts';
import { err, ok, type KernelError, type Result } from './result.ts';
import { checkNumber, formatValue, type Failure } from './validate.ts';
import { checkSeparation } from './separation.ts';

/** Quantities a design can be judged by. */
export const OBJECTIVE_QUANTITIES = ['ispVac', 'ispAmb', 'densityIsp', 'cstar', 'Tc', 'costPerImpulse', 'areaRatio'] as const;
export type ObjectiveQuantity = (typeof OBJECTIVE_QUANTITIES)[number];
/** Quantities a constraint can bound: the objectives, the inputs, and exit pressure (absolute or over pamb). */
export const CONSTRAINT_QUANTITIES = [...OBJECTIVE_QUANTITIES, 'of', 'pc', 'pe', 'peOverPamb'] as const;
export type ConstraintQuantity = (typeof CONSTRAINT_QUANTITIES)[number];

export const QUANTITY_INFO: Record<ConstraintQuantity, { label: string; unit: string }> = {
  ispVac: { label: 'vacuum Isp', unit: 'm/s' },
  ispAmb: { label: 'Isp at ambient pressure', unit: 'm/s' },
  densityIsp: { label: 'density-Isp (vacuum Isp × bulk density)', unit: 'N·s/m³' },
  cstar: { label: 'characteristic velocity c*', unit: 'm/s' },
  Tc: { label: 'chamber temperature', unit: 'K' },
  costPerImpulse: { label: 'propellant cost per unit vacuum impulse', unit: 'USD/(N·s)' },
  areaRatio: { label: 'nozzle area ratio Ae/At', unit: '' },
  of: { label: 'O/F mixture ratio', unit: '' },
  pc: { label: 'chamber pressure', unit: 'Pa' },
  pe: { label: 'exit pressure', unit: 'Pa' },
  peOverPamb: { label: 'exit pressure over ambient pressure', unit: '' },
};

export type Objective = { maximize: ObjectiveQuantity } | { minimize: ObjectiveQuantity };
export interface Constraint {
  quantity: ConstraintQuantity;
  min?: number;
  max?: number;
}
/** A range [lower, upper] to optimise over, or one fixed value. */
export type VariableRange = [number, number] | number;

export interface OptimizeSpec {
  /** Propellant names: thermo.inp species ("RP-1", "CH4(L)"), library ids ("rp1") or library names. */
  fuels: string[];
  oxidizers: string[];
  variables: {
    of: VariableRange;
    /** Chamber pressure, Pa. */
    pc: VariableRange;
    /** Nozzle exit-to-throat area ratio. */
    areaRatio: VariableRange;
    /** Mass fraction of fuels[1] in a blend with fuels[0] (exactly two fuels); replaces the choice. */
    fuelBlend?: VariableRange;
    /** Mass fraction of oxidizers[1] in a blend with oxidizers[0] (exactly two oxidizers). */
    oxidizerBlend?: VariableRange;
  };
  objectives: Objective[];
  constraints?: Constraint[];
  /** Ambient pressure for ispAmb and peOverPamb, Pa (default sea level, 101325). */
  pamb?: number;
  chemistry?: 'equilibrium' | 'frozen';
  /** Even, 4 … 2000; population × generations at most MAX_EVALUATIONS. */
  population: number;
  generations: number;
  /** Integer 0 … 2^53 − 1; the same seed gives the same front. */
  seed: number;
  /** Propellant prices in USD/kg by name as given in fuels/oxidizers (default: the library's). */
  costs?: Record<string, number>;
  /**
   * Designs whose nozzle flow would separate at pamb (Schmucker's criterion, app/domain/separation.ts):
   * "exclude" (default) keeps them off the front; "mark" keeps them and marks each design's `separated`.
   */
  separation?: SeparationMode;
}

export const SEPARATION_MODES = ['exclude', 'mark'] as const;
export type SeparationMode = (typeof SEPARATION_MODES)[number];

/** A validated spec with its propellants resolved and its decision variables laid out. */
export interface ResolvedSpec {
  spec: OptimizeSpec;
  fuels: Propellant[];
  oxidizers: Propellant[];
  /** Decision variables in vector order. */
  variables: DesignVariable[];
  /** Fixed values of the non-varying inputs. */
  fixed: { of?: number; pc?: number; areaRatio?: number; fuelBlend?: number; oxidizerBlend?: number };
  pamb: number;
  /** What to do with designs whose flow would separate at pamb. */
  separation: SeparationMode;
  /** Minimised form of each objective: +1 for minimize, −1 for maximize. */
  sense: number[];
  /** USD/kg of each fuel and oxidizer. */
  fuelCost: number[];
  oxidizerCost: number[];
}

export type DesignVariableName = 'of' | 'pc' | 'areaRatio' | 'fuelBlend' | 'oxidizerBlend' | 'fuel' | 'oxidizer';
export interface DesignVariable {
  name: DesignVariableName;
  lower: number;
  upper: number;
  kind: 'real' | 'categorical';
}

/** One design: the inputs the engine needs, by name. */
export interface RocketDesign {
  fuel: string;
  oxidizer: string;
  fuelBlend?: number;
  oxidizerBlend?: number;
  of: number;
  pc: number;
  areaRatio: number;
}

/** What one design achieves (SI); every objective and constraint quantity. */
export interface DesignMetrics {
  ispVac: number;
  ispAmb: number;
  densityIsp: number;
  cstar: number;
  Tc: number;
  costPerImpulse: number;
  areaRatio: number;
  of: number;
  pc: number;
  pe: number;
  /** Exit pressure over the ambient pressure; absent when pamb is 0 (vacuum). */
  peOverPamb?: number;
  /** Exit Mach number. */
  machExit?: number;
  /** Whether the nozzle flow would separate at pamb (Schmucker's criterion); false in vacuum. */
  separated?: boolean;
  /** Propellant bulk density at this O/F, kg/m³. */
  bulkDensity: number;
}

export type EvaluatedDesign = RocketDesign & DesignMetrics;

const SEA_LEVEL_Pa = 101325;

/**
 * Most engine evaluations (population × generations) one spec may ask for. The engine solves about
 * 2,200 designs/s on one node thread and an Optimize run in Chromium about 1,000–1,400/s with two
 * pool workers (`npm run --silent bench -- nsga2-rocket`), so the largest run takes 1.5 min in node
 * and 2.5–3.5 min in the browser; 2,000 × 100,000 (once accepted) would take a day.
 */
export const MAX_EVALUATIONS = 200_000;

// Design variable ranges: what the engine accepts (problem.ts), so no design is refused for its inputs.
export const RANGE_LIMITS: Record<'of' | 'pc' | 'areaRatio' | 'fuelBlend' | 'oxidizerBlend', { gt?: number; ge?: number; le?: number; unit?: string; label: string }> = {
  of: { ...ENGINE_LIMITS.of, label: 'O/F' },
  pc: { ...ENGINE_LIMITS.pc_Pa, unit: 'Pa', label: 'chamber pressure' },
  areaRatio: { ...ENGINE_LIMITS.areaRatio, label: 'area ratio' },
  fuelBlend: { ge: 0, le: 1, label: 'fuel blend fraction' },
  oxidizerBlend: { ge: 0, le: 1, label: 'oxidizer blend fraction' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A library propellant by thermo species name, id or display name (case-insensitive for the last two). */
export function findPropellant(name: string, library: Propellant[] = BUILT_IN_PROPELLANTS): Propellant | undefined {
  const lower = name.toLowerCase();
  return findPropellantBySpecies(name, library) ?? library.find((p) => p.id.toLowerCase() === lower || p.name.toLowerCase() === lower);
}

function checkPropellants(v: unknown, field: 'fuels' | 'oxidizers', library: Propellant[]): Result<Propellant[]> {
  if (!Array.isArray(v) || v.length === 0) return err('bad-input', `${field} must be a non-empty list of propellant names (got ${formatValue(v)})`, field);
  const out: Propellant[] = [];
  for (let i = 0; i < v.length; i++) {
    const name = v[i];
    if (typeof name !== 'string') return err('bad-input', `${field}[${i}] must be a propellant name (got ${formatValue(name)})`, `${field}[${i}]`);
    const p = findPropellant(name, library);
    if (!p) return err('bad-input', `${field}[${i}]: no propellant ${JSON.stringify(name)} in the library`, `${field}[${i}]`);
    if (v.indexOf(name) !== i) return err('bad-input', `${field}[${i}]: ${JSON.stringify(name)} is listed twice`, `${field}[${i}]`);
    out.push(p);
  }
  return ok(out);
}

function checkRange(v: unknown, key: keyof typeof RANGE_LIMITS): Failure | null {
  const field = `variables.${key}`;
  const lim = RANGE_LIMITS[key];
  const rule = { field, label: lim.label, unit: lim.unit, gt: lim.gt, ge: lim.ge, le: lim.le };
  if (typeof v === 'number') return checkNumber(v, rule);
  if (!Array.isArray(v) || v.length !== 2) return err('bad-input', `${field} must be [lower, upper] or one number (got ${formatValue(v)})`, field);
  const e = checkNumber(v[0], { ...rule, field: `${field}[0]` }) ?? checkNumber(v[1], { ...rule, field: `${field}[1]` });
  if (e) return e;
  if (!(v[0] <= v[1])) return err('bad-input', `${field}: lower bound ${v[0]} is above upper bound ${v[1]}`, field);
  return null;
}

/** Validates a spec (from JSON or the form) and lays out its decision vector; errors name the field and value. */
export function resolveOptimizeSpec(raw: unknown, library: Propellant[] = BUILT_IN_PROPELLANTS): Result<ResolvedSpec> {
  if (!isRecord(raw)) return err('bad-input', `the spec must be a JSON object (got ${formatValue(raw)})`);
  const fuels = checkPropellants(raw.fuels, 'fuels', library);
  if (!fuels.ok) return fuels;
  const oxidizers = checkPropellants(raw.oxidizers, 'oxidizers', library);
  if (!oxidizers.ok) return oxidizers;

  const vars = raw.variables;
  if (!isRecord(vars)) return err('bad-input', `variables must be an object {of, pc, areaRatio} (got ${formatValue(vars)})`, 'variables');
  for (const key of Object.keys(vars)) {
    if (!(key in RANGE_LIMITS)) return err('bad-input', `variables.${key} is not a design variable (use ${Object.keys(RANGE_LIMITS).join(', ')})`, `variables.${key}`);
  }
  const variables: DesignVariable[] = [];
  const fixed: ResolvedSpec['fixed'] = {};
  for (const key of ['of', 'pc', 'areaRatio', 'fuelBlend', 'oxidizerBlend'] as const) {
    const v = vars[key];
    if (v === undefined) {
      if (key === 'of' || key === 'pc' || key === 'areaRatio') return err('bad-input', `variables.${key} is required ([lower, upper] or a fixed value)`, `variables.${key}`);
      continue;
    }
    const e = checkRange(v, key);
    if (e) return e;
    const [lo, hi] = typeof v === 'number' ? [v, v] : (v as [number, number]);
    if (lo === hi) fixed[key] = lo;
    else variables.push({ name: key, lower: lo, upper: hi, kind: 'real' });
  }
  for (const [blend, list, field] of [['fuelBlend', fuels.value, 'fuels'], ['oxidizerBlend', oxidizers.value, 'oxidizers']] as const) {
    const choice = blend === 'fuelBlend' ? 'fuel' : 'oxidizer';
    if (vars[blend] !== undefined) {
      if (list.length !== 2) return err('bad-input', `variables.${blend} blends exactly two ${field} (got ${list.length})`, `variables.${blend}`);
    } else if (list.length > 1) {
      variables.push({ name: choice, lower: 0, upper: list.length - 1, kind: 'categorical' });
    }
  }

  if (!Array.isArray(raw.objectives) || raw.objectives.length === 0) {
    return err('bad-input', `objectives must be a non-empty list like [{"maximize":"ispVac"}] (got ${formatValue(raw.objectives)})`, 'objectives');
  }
  const sense: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.objectives.length; i++) {
    const o = raw.objectives[i];
    const field = `objectives[${i}]`;
    const dir = isRecord(o) ? (o.maximize !== undefined ? 'maximize' : o.minimize !== undefined ? 'minimize' : null) : null;
    if (!isRecord(o) || !dir || Object.keys(o).length !== 1) return err('bad-input', `${field} must be {"maximize": quantity} or {"minimize": quantity} (got ${JSON.stringify(o)})`, field);
    const q = o[dir];
    if (typeof q !== 'string' || !(OBJECTIVE_QUANTITIES as readonly string[]).includes(q)) {
      return err('bad-input', `${field}.${dir}: unknown quantity ${formatValue(q)} (use ${OBJECTIVE_QUANTITIES.join(', ')})`, `${field}.${dir}`);
    }
    if (seen.has(q)) return err('bad-input', `${field}: ${q} is already an objective`, field);
    seen.add(q);
    sense.push(dir === 'minimize' ? 1 : -1);
  }

  const constraints = raw.constraints ?? [];
  if (!Array.isArray(constraints)) return err('bad-input', `constraints must be a list (got ${formatValue(constraints)})`, 'constraints');
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    const field = `constraints[${i}]`;
    if (!isRecord(c)) return err('bad-input', `${field} must be {"quantity", "min" and/or "max"} (got ${formatValue(c)})`, field);
    if (typeof c.quantity !== 'string' || !(CONSTRAINT_QUANTITIES as readonly string[]).includes(c.quantity)) {
      return err('bad-input', `${field}.quantity: unknown quantity ${formatValue(c.quantity)} (use ${CONSTRAINT_QUANTITIES.join(', ')})`, `${field}.quantity`);
    }
    if (c.min === undefined && c.max === undefined) return err('bad-input', `${field} needs a min or a max`, field);
    for (const b of ['min', 'max'] as const) {
      if (c[b] !== undefined) {
        const e = checkNumber(c[b], { field: `${field}.${b}`, label: `${field}.${b}` });
        if (e) return e;
      }
    }
    if (c.min !== undefined && c.max !== undefined && !((c.min as number) <= (c.max as number))) {
      return err('bad-input', `${field}: min ${c.min} is above max ${c.max}`, field);
    }
  }

  const pamb = raw.pamb ?? SEA_LEVEL_Pa;
  const ePamb = checkNumber(pamb, { field: 'pamb', label: 'ambient pressure', unit: 'Pa', ...ENGINE_LIMITS.pamb_Pa });
  if (ePamb) return ePamb;
  const ratioAt = (constraints as Record<string, unknown>[]).findIndex((c) => c.quantity === 'peOverPamb');
  if (ratioAt >= 0 && pamb === 0) {
    return err('bad-input', `constraints[${ratioAt}]: peOverPamb (exit over ambient pressure) needs an ambient pressure pamb > 0 (got pamb = 0); bound pe instead`, `constraints[${ratioAt}].quantity`);
  }
  if (raw.separation !== undefined && !(SEPARATION_MODES as readonly unknown[]).includes(raw.separation)) {
    return err('bad-input', `separation must be "exclude" (keep designs whose nozzle flow would separate off the front) or "mark" (got ${formatValue(raw.separation)})`, 'separation');
  }
  if (raw.chemistry !== undefined && raw.chemistry !== 'equilibrium' && raw.chemistry !== 'frozen') {
    return err('bad-input', `chemistry must be "equilibrium" or "frozen" (got ${formatValue(raw.chemistry)})`, 'chemistry');
  }
  const ePop = checkNumber(raw.population, { field: 'population', label: 'population', ge: 4, le: 2000 });
  if (ePop) return ePop;
  if (!Number.isInteger(raw.population) || (raw.population as number) % 2 !== 0) {
    return err('bad-input', `population must be an even whole number (got ${raw.population})`, 'population');
  }
  const eGen = checkNumber(raw.generations, { field: 'generations', label: 'generations', ge: 1, le: 100000 });
  if (eGen) return eGen;
  if (!Number.isInteger(raw.generations)) return err('bad-input', `generations must be a whole number (got ${raw.generations})`, 'generations');
  const total = (raw.population as number) * (raw.generations as number);
  if (total > MAX_EVALUATIONS) {
    const n = (v: number) => v.toLocaleString('en-US');
    return err('bad-input', `population × generations = ${n(raw.population as number)} × ${n(raw.generations as number)} = ${n(total)} engine evaluations is over the budget of ${n(MAX_EVALUATIONS)} per run (a few minutes); lower the population or the generations`, 'generations');
  }
  const eSeed = checkNumber(raw.seed, { field: 'seed', label: 'seed', ge: 0, le: Number.MAX_SAFE_INTEGER });
  if (eSeed) return eSeed;
  if (!Number.isInteger(raw.seed)) return err('bad-input', `seed must be a whole number (got ${raw.seed})`, 'seed');

  const costs = raw.costs ?? {};
  if (!isRecord(costs)) return err('bad-input', `costs must be an object {name: USD/kg} (got ${formatValue(costs)})`, 'costs');
  for (const [name, c] of Object.entries(costs)) {
    const e = checkNumber(c, { field: `costs.${name}`, label: `cost of ${name}`, unit: 'USD/kg', ge: 0 });
    if (e) return e;
  }
  const priceOf = (name: string, p: Propellant) => (costs[name] as number | undefined) ?? p.cost_per_kg;
  const spec = raw as unknown as OptimizeSpec;
  return ok({
    spec,
    fuels: fuels.value,
    oxidizers: oxidizers.value,
    variables,
    fixed,
    pamb: pamb as number,
    separation: (raw.separation as SeparationMode | undefined) ?? 'exclude',
    sense,
    fuelCost: spec.fuels.map((n, i) => priceOf(n, fuels.value[i])),
    oxidizerCost: spec.oxidizers.map((n, i) => priceOf(n, oxidizers.value[i])),
  });
}

/** The design a decision vector stands for (categorical values pick fuels/oxidizers by index). */
export function decodeDesign(r: ResolvedSpec, x: ArrayLike<number>, offset = 0): RocketDesign {
  const v: Record<string, number> = { ...r.fixed };
  r.variables.forEach((d, i) => {
    v[d.name] = x[offset + i];
  });
  const d: RocketDesign = {
    fuel: r.spec.fuels[v.fuel ?? 0],
    oxidizer: r.spec.oxidizers[v.oxidizer ?? 0],
    of: v.of,
    pc: v.pc,
    areaRatio: v.areaRatio,
  };
  if (v.fuelBlend !== undefined) {
    d.fuelBlend = v.fuelBlend;
    d.fuel = `${r.spec.fuels[0]} + ${r.spec.fuels[1]}`;
  }
  if (v.oxidizerBlend !== undefined) {
    d.oxidizerBlend = v.oxidizerBlend;
    d.oxidizer = `${r.spec.oxidizers[0]} + ${r.spec.oxidizers[1]}`;
  }
  return d;
}

// The propellants of a role and their mass fractions within it (a choice, or a two-way blend).
function roleParts(list: Propellant[], names: string[], chosen: string, blend: number | undefined): { p: Propellant; index: number; w: number }[] {
  if (blend !== undefined) return [{ p: list[0], index: 0, w: 1 - blend }, { p: list[1], index: 1, w: blend }].filter((x) => x.w > 0);
  const index = names.indexOf(chosen);
  return [{ p: list[index], index, w: 1 }];
}

/** The engine problem (`solve` format) of a design; reactants at their library storage temperatures. */
export function designProblem(r: ResolvedSpec, d: RocketDesign): RocketProblem {
  const reactants: ReactantSpec[] = [
    ...roleParts(r.fuels, r.spec.fuels, d.fuel, d.fuelBlend).flatMap((x) => propellantReactants(x.p, x.w, 'fuel')),
    ...roleParts(r.oxidizers, r.spec.oxidizers, d.oxidizer, d.oxidizerBlend).flatMap((x) => propellantReactants(x.p, x.w, 'oxidizer')),
  ];
  const problem: RocketProblem = { problem: 'rocket', reactants, of: d.of, pc: d.pc, exits: [{ areaRatio: d.areaRatio }], pamb: r.pamb };
  if (r.spec.chemistry) problem.chemistry = r.spec.chemistry;
  return problem;
}

/** Metrics of a design from the engine's answer; an error when the engine failed on it. */
export function designMetrics(r: ResolvedSpec, d: RocketDesign, result: Result<RocketResult, KernelError>): Result<DesignMetrics> {
  if (!result.ok) return result;
  const exit = result.value.exits[0] as Station | { ok: false; error: KernelError } | undefined;
  if (!exit || 'ok' in exit) return exit ? { ok: false, error: exit.error } : err('no-result', 'the engine returned no exit station', 'areaRatio');
  const fuel = roleParts(r.fuels, r.spec.fuels, d.fuel, d.fuelBlend);
  const ox = roleParts(r.oxidizers, r.spec.oxidizers, d.oxidizer, d.oxidizerBlend);
  const fFuel = 1 / (1 + d.of);
  const fOx = d.of / (1 + d.of);
  const parts = [
    ...fuel.map((x) => ({ massFraction: x.w * fFuel, density_kg_m3: x.p.density_kg_m3, cost: r.fuelCost[x.index] })),
    ...ox.map((x) => ({ massFraction: x.w * fOx, density_kg_m3: x.p.density_kg_m3, cost: r.oxidizerCost[x.index] })),
  ];
  const rho = bulkDensity(parts);
  const costPerKg = parts.reduce((s, p) => s + p.massFraction * p.cost, 0);
  const ispAmb = exit.ispAmb ?? exit.ispVac - (r.pamb * exit.areaRatio * exit.cstar) / d.pc;
  return ok({
    ispVac: exit.ispVac,
    ispAmb,
    densityIsp: exit.ispVac * rho,
    cstar: exit.cstar,
    Tc: result.value.chamber.T,
    costPerImpulse: costPerKg / exit.ispVac,
    // the design's inputs as given (the engine meets an area ratio only to its tolerance, ~1e-4)
    areaRatio: d.areaRatio,
    of: d.of,
    pc: d.pc,
    pe: exit.p,
    ...(r.pamb > 0 ? { peOverPamb: exit.p / r.pamb } : {}),
    machExit: exit.mach,
    separated: checkSeparation(exit.p, exit.mach, r.pamb)?.separated ?? false,
    bulkDensity: rho,
  });
}

const objectiveQuantity = (o: Objective): ObjectiveQuantity => ('maximize' in o ? o.maximize : o.minimize);

/** Objective values in minimised form (NaN when the design failed). */
export function minimisedObjectives(r: ResolvedSpec, m: DesignMetrics | null): number[] {
  return r.spec.objectives.map((o, i) => (m ? r.sense[i] * m[objectiveQuantity(o)] : Number.NaN));
}

/** Whether the run keeps separated designs off the front: an extra constraint (exclude mode with pamb > 0). */
const excludesSeparation = (r: ResolvedSpec) => r.separation === 'exclude' && r.pamb > 0;

/** How many constraint values constraintValues gives: the spec's, plus one when separation is excluded. */
export function constraintCount(r: ResolvedSpec): number {
  return (r.spec.constraints?.length ?? 0) + (excludesSeparation(r) ? 1 : 0);
}

/**
 * Constraint values, relative to the bound (> 0 violated, ≤ 0 satisfied), for constrained domination.
 * In "exclude" mode the last one is the separation margin (limit − pe/pa)/limit of Schmucker's criterion.
 */
export function constraintValues(r: ResolvedSpec, m: DesignMetrics | null): number[] {
  const out: number[] = [];
  const rel = (excess: number, bound: number) => excess / (Math.abs(bound) || 1);
  for (const c of r.spec.constraints ?? []) {
    const v = m?.[c.quantity] ?? Number.NaN;
    out.push(Math.max(c.min !== undefined ? rel(c.min - v, c.min) : -Infinity, c.max !== undefined ? rel(v - c.max, c.max) : -Infinity));
  }
  if (excludesSeparation(r)) {
    const sep = m && m.machExit !== undefined ? checkSeparation(m.pe, m.machExit, r.pamb) : null;
    // a sonic/subsonic exit cannot separate; a failed design stays infeasible (NaN)
    out.push(!m ? Number.NaN : sep ? rel(sep.limit - sep.peOverPamb, sep.limit) : -1);
  }
  return out;
}

/** Names of the objectives, for labels ("maximize ispVac"). */
export function objectiveLabel(o: Objective): string {
  const q = objectiveQuantity(o);
  return `${'maximize' in o ? 'maximise' : 'minimise'} ${QUANTITY_INFO[q].label}`;
}

export { objectiveQuantity };
