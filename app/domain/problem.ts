// The engine's problem and result documents (SI units throughout), shared by the command line,
// the worker API, experiments and share links. Format as documented in the README ("solve").

export type Role = 'fuel' | 'oxidizer';

/**
 * What the engine accepts of each input (bounds as in validate.ts's NumberRule). The optimiser
 * checks its variable ranges against the same figures, so a spec never asks for a design the
 * engine would refuse.
 */
export const ENGINE_LIMITS = {
  pc_Pa: { gt: 0, le: 1e10 },
  p_Pa: { gt: 0, le: 1e10 },
  pamb_Pa: { ge: 0, le: 1e10 },
  of: { gt: 0, le: 1e4 },
  phi: { gt: 0, le: 1e4 },
  areaRatio: { ge: 1, le: 1e5 },
  pcOverPe: { gt: 1, le: 1e8 },
  T_K: { gt: 0, le: 20000 },
} as const;

export interface ReactantSpec {
  /** thermo.inp name (e.g. "O2(L)", "RP-1") or a user name when `formula` is given. */
  name: string;
  /** Omitted for a whole-propellant mixture (solids, monopropellants). */
  role?: Role;
  /** Mass fraction within its role, or of the whole propellant when no roles are given. */
  massFraction: number;
  /** Temperature of the reactant as fed, K. */
  T?: number;
  /** Exploded formula for a custom reactant, element symbol → atoms per formula unit. */
  formula?: Record<string, number>;
  /** Enthalpy of a custom reactant at T, J/mol. */
  enthalpy?: number;
}

/**
 * An exit: by pressure ratio (chamber, or with a finite combustor injector, to exit pressure), by
 * supersonic area ratio, or by subsonic area ratio (convergent side, 1 < value < contraction ratio).
 */
export type ExitSpec = { pcOverPe: number } | { areaRatio: number } | { subsonicAreaRatio: number };

export type ExitKind = 'pcOverPe' | 'areaRatio' | 'subsonicAreaRatio';

/** Which way an exit is given. */
export function exitKind(e: ExitSpec): ExitKind {
  return 'pcOverPe' in e ? 'pcOverPe' : 'subsonicAreaRatio' in e ? 'subsonicAreaRatio' : 'areaRatio';
}

/** The number of an exit (pressure ratio or area ratio). */
export function exitValue(e: ExitSpec): number {
  return 'pcOverPe' in e ? e.pcOverPe : 'subsonicAreaRatio' in e ? e.subsonicAreaRatio : e.areaRatio;
}

/** A finite-area combustor: contraction ratio Ac/At, or mass flow per chamber area ṁ/Ac in kg/(s·m²). */
export type CombustorSpec = { contractionRatio: number } | { massFlux: number };

interface ProblemBase {
  reactants: ReactantSpec[];
  /** Oxidizer/fuel mass ratio (with fuel and oxidizer roles). */
  of?: number;
  /** Fuel–oxidant equivalence ratio, in place of `of`. */
  phi?: number;
  /** Include ionic species among the products. */
  ions?: boolean;
  /** Add transport properties (viscosity, conductivity, Prandtl number) to every station. */
  transport?: boolean;
}

export interface RocketProblem extends ProblemBase {
  problem: 'rocket';
  /** Chamber pressure, Pa (with a finite-area `combustor`: the injector pressure). */
  pc: number;
  /** Finite-area combustor (absent: infinite area, CEA's default). */
  combustor?: CombustorSpec;
  exits?: ExitSpec[];
  chemistry?: 'equilibrium' | 'frozen';
  freezeAt?: 'chamber' | 'throat';
  /** Ambient pressure for the ambient Isp, Pa. */
  pamb?: number;
}

export interface HpProblem extends ProblemBase {
  problem: 'hp';
  /** Pressure, Pa. */
  p: number;
}

export interface TpProblem extends ProblemBase {
  problem: 'tp';
  /** Pressure, Pa. */
  p: number;
  /** Temperature, K. */
  T: number;
}

export type Problem = RocketProblem | HpProblem | TpProblem;

/**
 * One thermodynamic state (a rocket station, or the answer to hp/tp). At the chamber, and for
 * hp/tp states, the nozzle fields are not defined and hold 0 (mach, areaRatio, cf, ispVac, isp;
 * cstar holds the rocket's c* at the chamber and throat). Frozen stations report frozen cp and γs
 * with dlnVdlnP = −1, dlnVdlnT = 1.
 */
export interface Station {
  T: number; // K
  p: number; // Pa
  rho: number; // kg/m³
  h: number; // J/kg
  u: number; // J/kg
  g: number; // J/kg
  s: number; // J/(kg·K)
  M: number; // kg/kmol, per mole of gas
  MW: number; // kg/kmol, per mole of all species
  cp: number; // J/(kg·K)
  gammaS: number;
  dlnVdlnP: number;
  dlnVdlnT: number;
  a: number; // m/s
  mach: number;
  areaRatio: number;
  cstar: number; // m/s
  cf: number;
  ispVac: number; // m/s
  isp: number; // m/s, at pamb = pe
  /** Isp at the problem's ambient pressure, m/s (rocket exits, when pamb is given). */
  ispAmb?: number;
  // Transport properties of the gas phase (with `transport: true`; NASA CEA's method):
  /** Viscosity, Pa·s. */
  viscosity?: number;
  /** Thermal conductivity with the reaction contribution, W/(m·K) (shifting-equilibrium problems only). */
  conductivity?: number;
  /** Frozen thermal conductivity, W/(m·K). */
  conductivityFrozen?: number;
  /** Prandtl number from the gas-phase equilibrium cp and `conductivity` (shifting-equilibrium problems only). */
  prandtl?: number;
  /** Prandtl number from `cpFrozen` and `conductivityFrozen`. */
  prandtlFrozen?: number;
  /** Frozen cp of the gas phase, J/(kg of gas·K). */
  cpFrozen?: number;
  moleFractions: Record<string, number>;
}

export interface ProblemError {
  code: string;
  message: string;
  field?: string;
}

export type ExitResult = Station | { ok: false; error: ProblemError };

/**
 * A rocket's stations. The worker's solveRocket also answers finite-area-combustor problems in this
 * shape: chamber = the injector station, with combustorEnd and pInf.
 */
export type RocketResult = {
  ok: true; chamber: Station; throat: Station; exits: ExitResult[]; warnings: string[]; combustorEnd?: Station; pInf?: number;
};
/**
 * A rocket with a finite-area combustor: injector (at rest, p = pc), end of the constant-area chamber
 * (areaRatio = Ac/At), throat, exits; pInf (Pa) = stagnation pressure of the equivalent
 * infinite-area combustor, to which c*, Cf and Isp refer (c* = pInf·At/ṁ).
 */
export type FacRocketResult = {
  ok: true; injector: Station; combustorEnd: Station; throat: Station; exits: ExitResult[]; pInf: number; warnings: string[];
};
export type StateResult = { ok: true; state: Station; warnings: string[] };
export type ProblemResult = RocketResult | FacRocketResult | StateResult | { ok: false; error: ProblemError };
