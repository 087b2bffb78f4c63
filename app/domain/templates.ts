// The template gallery: ready experiments for a teacher or newcomer, each with what it teaches.
// Operating points are representative of the engine class (public figures, rounded), not of one
// specific engine. Every template is an engine RocketProblem in SI units.
import type { Role, RocketProblem } from './problem.ts';
import { BUILT_IN_PROPELLANTS, propellantReactants } from './propellants.ts';
import { createExperiment, type Experiment, type RestoreOptions, type UnitSystem } from './experiment.ts';

export interface Template {
  id: string;
  title: string;
  /** Propellant-system key stored in experiments made from it. */
  system: string;
  /** One or two sentences: what the learner sees and why it matters. */
  teaches: string;
  tags: string[];
  problem: RocketProblem;
}

const P_ATM = 101325;
const bar = (b: number) => b * 1e5;

function lib(id: string) {
  const p = BUILT_IN_PROPELLANTS.find((x) => x.id === id);
  if (!p) throw new Error(`template uses unknown propellant ${id}`);
  return p;
}

/** A liquid bipropellant: one fuel and one oxidizer from the library. */
function biprop(fuel: string, oxid: string, of: number, pc_Pa: number, exits: RocketProblem['exits'], pamb = 0): RocketProblem {
  return {
    problem: 'rocket',
    reactants: [...propellantReactants(lib(fuel), 1, 'fuel' as Role), ...propellantReactants(lib(oxid), 1, 'oxidizer' as Role)],
    of,
    pc: pc_Pa,
    exits,
    chemistry: 'equilibrium',
    pamb,
  };
}

/** A premixed propellant (solid grain or monopropellant): mass fractions of the whole. */
function premixed(parts: [string, number][], pc_Pa: number, exits: RocketProblem['exits'], pamb = P_ATM): RocketProblem {
  return {
    problem: 'rocket',
    reactants: parts.flatMap(([id, w]) => propellantReactants(lib(id), w)),
    pc: pc_Pa,
    exits,
    chemistry: 'equilibrium',
    pamb,
  };
}

export const TEMPLATES: Template[] = [
  {
    id: 'lox-lh2-upper-stage',
    title: 'LOX/LH2 upper stage',
    system: 'lox-lh2',
    teaches:
      'The highest-Isp chemical pair. Light exhaust (low molar mass) beats hot exhaust: the best Isp sits far on the fuel-rich side of stoichiometric (O/F 8), and a large vacuum nozzle pays off.',
    tags: ['upper stage', 'cryogenic', 'vacuum'],
    problem: biprop('lh2', 'lox', 5.5, bar(44), [{ areaRatio: 84 }]),
  },
  {
    id: 'lox-rp1-booster',
    title: 'LOX/RP-1 booster',
    system: 'lox-rp1',
    teaches:
      'A dense, cheap first-stage pair. Compare Isp with LOX/LH2 and then density-Isp: kerosene wins on tank size. The sea-level nozzle is sized so the exhaust leaves at ambient pressure.',
    tags: ['booster', 'sea level', 'kerosene'],
    problem: biprop('rp1', 'lox', 2.36, bar(97), [{ pcOverPe: bar(97) / P_ATM }, { areaRatio: 16 }], P_ATM),
  },
  {
    id: 'lox-ch4',
    title: 'LOX/CH4 (methalox)',
    system: 'lox-ch4',
    teaches:
      'Between kerosene and hydrogen: better Isp than RP-1, far denser than LH2, no soot. High chamber pressure (full-flow engines) raises Isp through a bigger expansion ratio at the same exit pressure.',
    tags: ['reusable', 'cryogenic'],
    problem: biprop('lch4', 'lox', 3.6, bar(250), [{ pcOverPe: bar(250) / P_ATM }, { areaRatio: 40 }], P_ATM),
  },
  {
    id: 'n2o4-mmh-hypergolic',
    title: 'N2O4/MMH hypergolic thruster',
    system: 'n2o4-mmh',
    teaches:
      'Storable propellants that ignite on contact: no igniter, years in orbit, restarts on demand. Lower Isp than cryogenics, and both are toxic. A spacecraft thruster works in vacuum at low chamber pressure.',
    tags: ['spacecraft', 'storable', 'hypergolic', 'vacuum'],
    problem: biprop('mmh', 'n2o4', 1.65, bar(10), [{ areaRatio: 100 }]),
  },
  {
    id: 'h2o2-rp1',
    title: '90 % H2O2 / RP-1',
    system: 'h2o2-rp1',
    teaches:
      'Hydrogen peroxide is a storable, non-cryogenic oxidizer that carries its own water: a high O/F (about 7) and a cooler flame. The 10 % water in the oxidizer is part of the calculation.',
    tags: ['storable', 'green'],
    problem: biprop('rp1', 'htp90', 7, bar(20), [{ pcOverPe: bar(20) / P_ATM }, { areaRatio: 20 }], P_ATM),
  },
  {
    id: 'n2o-htpb-hybrid',
    title: 'N2O/HTPB hybrid',
    system: 'n2o-htpb',
    teaches:
      'A hybrid motor: liquid nitrous oxide flows over a rubber (HTPB) grain. The fuel is not in the NASA database, so it is defined by formula and enthalpy. O/F shifts as the port opens during the burn — sweep it.',
    tags: ['hybrid', 'education', 'custom reactant'],
    problem: biprop('htpb', 'n2o', 7, bar(30), [{ pcOverPe: bar(30) / P_ATM }], P_ATM),
  },
  {
    id: 'ap-htpb-al-solid',
    title: 'AP/HTPB/Al composite solid',
    system: 'ap-htpb-al',
    teaches:
      'The booster solid: 68 % ammonium perchlorate, 18 % aluminium, 14 % binder. Aluminium adds heat but leaves liquid/solid Al2O3 in the exhaust: watch the condensed species and the molar-mass columns (M vs MW).',
    tags: ['solid', 'booster', 'condensed products'],
    problem: premixed([['ap', 0.68], ['al', 0.18], ['htpb', 0.14]], bar(70), [{ pcOverPe: bar(70) / P_ATM }, { areaRatio: 10 }]),
  },
  {
    id: 'kno3-sucrose-candy',
    title: 'KNO3/sucrose amateur solid',
    system: 'kno3-sucrose',
    teaches:
      '"Rocket candy": 65 % potassium nitrate, 35 % sugar, a classic of amateur rocketry. A modest Isp from a low flame temperature and potassium carbonate in the exhaust; low chamber pressure like a hobby motor.',
    tags: ['solid', 'amateur', 'education', 'custom reactant'],
    problem: premixed([['kno3', 0.65], ['sucrose', 0.35]], bar(5), [{ pcOverPe: bar(5) / P_ATM }]),
  },
  {
    id: 'n2h4-monoprop',
    title: 'Hydrazine monopropellant',
    system: 'n2h4-mono',
    teaches:
      'One propellant decomposed over a catalyst: simple, reliable attitude control. Full equilibrium dissociates almost all the ammonia, so the result is an upper bound; real thrusters stop part-way and run cooler.',
    tags: ['spacecraft', 'monopropellant', 'vacuum'],
    problem: premixed([['n2h4', 1]], bar(20), [{ areaRatio: 50 }], 0),
  },
];

/** The template `npm start` opens on. */
export const STARTER_TEMPLATE_ID = 'lox-rp1-booster';

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** A new experiment from a template (the problem is copied, never shared). */
export function experimentFromTemplate(t: Template, units: UnitSystem = 'SI', opts: RestoreOptions = {}): Experiment {
  return createExperiment(
    { name: t.title, description: t.teaches, tags: [...t.tags], problem: structuredClone(t.problem), system: t.system, units, notes: '' },
    opts,
  );
}
