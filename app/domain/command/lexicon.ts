// The words the offline command grammar knows: propellant names and their everyday synonyms
// (mapped to the library ids of app/domain/propellants.ts), pressure units, objective and section
// names, template aliases and small number words. Regex fragments are written for lower-case text.
import { ATM, BAR, PSI } from '../units.ts';
import type { ObjectiveQuantity } from '../optimize-spec.ts';
import type { NavigateSection } from './schema.ts';

/** Synonyms of each library propellant (lower case; longer phrases are tried first). */
export const PROPELLANT_SYNONYMS: Record<string, string[]> = {
  lox: ['lox', 'lo2', 'liquid oxygen', 'oxygen', 'o2'],
  lh2: ['lh2', 'liquid hydrogen', 'hydrogen', 'h2'],
  rp1: ['rp-1', 'rp 1', 'rp1', 'kerosene', 'kerosine', 'rocket kerosene', 'rocket propellant 1'],
  lch4: ['lch4', 'liquid methane', 'methane', 'ch4', 'lng'],
  ethanol: ['ethanol', 'ethyl alcohol', 'alcohol', 'c2h5oh'],
  n2o4: ['n2o4', 'nto', 'nitrogen tetroxide', 'dinitrogen tetroxide', 'tetroxide'],
  mmh: ['mmh', 'monomethylhydrazine', 'monomethyl hydrazine', 'methylhydrazine', 'methyl hydrazine'],
  udmh: ['udmh', 'unsymmetrical dimethylhydrazine', 'unsymmetrical dimethyl hydrazine', 'dimethylhydrazine'],
  n2h4: ['n2h4', 'hydrazine'],
  a50: ['aerozine-50', 'aerozine 50', 'aerozine50', 'aerozine', 'a-50', 'a50'],
  htp90: ['htp', 'high-test peroxide', 'high test peroxide', '90 % hydrogen peroxide', '90 % peroxide', '90 % h2o2', 'hydrogen peroxide', 'peroxide', 'h2o2'],
  h2o2: ['pure hydrogen peroxide', 'pure peroxide', 'pure h2o2', '100 % hydrogen peroxide', '100 % h2o2', '100 % peroxide'],
  water: ['water', 'h2o'],
  n2o: ['n2o', 'nitrous oxide', 'nitrous', 'laughing gas'],
  htpb: ['htpb', 'hydroxyl-terminated polybutadiene', 'polybutadiene', 'rubber'],
  ap: ['ammonium perchlorate', 'ap', 'nh4clo4', 'perchlorate'],
  al: ['aluminium powder', 'aluminum powder', 'aluminium', 'aluminum', 'al'],
  kno3: ['kno3', 'potassium nitrate', 'saltpeter', 'saltpetre'],
  sucrose: ['sucrose', 'sugar', 'table sugar'],
};

/** Nicknames of whole propellant pairs. */
export const PAIR_NICKNAMES: Record<string, { fuel: string; oxidizer: string }> = {
  methalox: { fuel: 'lch4', oxidizer: 'lox' },
  hydrolox: { fuel: 'lh2', oxidizer: 'lox' },
  kerolox: { fuel: 'rp1', oxidizer: 'lox' },
};

/** Library propellants that are oxidizers in a request although the library says 'either'. */
export const OXIDIZER_IDS = new Set(['lox', 'n2o4', 'htp90', 'h2o2', 'n2o', 'ap', 'kno3']);

/** Pressure units → Pa per unit (psi is taken as absolute, like the app's psia). */
export const PRESSURE_UNITS: Record<string, number> = {
  pa: 1, pascal: 1, pascals: 1, hpa: 100, kpa: 1e3, mpa: 1e6, gpa: 1e9,
  bar: BAR, bara: BAR, bars: BAR, mbar: 100, millibar: 100,
  psi: PSI, psia: PSI, atm: ATM, atmosphere: ATM, atmospheres: ATM, torr: ATM / 760,
};
/** How a unit is written back in messages. */
export const UNIT_DISPLAY: Record<string, string> = {
  pa: 'Pa', pascal: 'Pa', pascals: 'Pa', hpa: 'hPa', kpa: 'kPa', mpa: 'MPa', gpa: 'GPa', bar: 'bar', bara: 'bar', bars: 'bar',
  mbar: 'mbar', millibar: 'mbar', psi: 'psi', psia: 'psia', atm: 'atm', atmosphere: 'atm', atmospheres: 'atm', torr: 'torr',
};

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  twenty: 20, fifty: 50, hundred: 100, couple: 2, pair: 2,
};

/** Objective phrases → quantity (longer first when built into a regex). */
export const OBJECTIVE_WORDS: [string, ObjectiveQuantity][] = [
  ['density[- ]?specific impulse', 'densityIsp'], ['density[- ]?isp', 'densityIsp'], ['density[- ]?impulse', 'densityIsp'], ['bulk density', 'densityIsp'], ['density', 'densityIsp'],
  ['(?:sea[- ]level|ambient) (?:isp|specific impulse)', 'ispAmb'], ['(?:isp|specific impulse) at sea[- ]level', 'ispAmb'],
  ['vacuum (?:isp|specific impulse)', 'ispVac'], ['(?:isp|specific impulse)(?: in vacuum)?', 'ispVac'], ['performance', 'ispVac'],
  ['cstar', 'cstar'], ['c-star', 'cstar'], ['characteristic velocity', 'cstar'],
  ['(?:chamber|flame|combustion) temperature', 'Tc'], ['temperature', 'Tc'], ['tc', 'Tc'],
  ['cost(?: per (?:unit )?impulse)?', 'costPerImpulse'], ['price', 'costPerImpulse'],
  ['(?:nozzle )?area ratio', 'areaRatio'], ['nozzle size', 'areaRatio'], ['expansion ratio', 'areaRatio'],
];
/** What "optimise X" means when no direction is said. */
export const NATURAL_DIRECTION: Record<ObjectiveQuantity, 'maximize' | 'minimize'> = {
  ispVac: 'maximize', ispAmb: 'maximize', densityIsp: 'maximize', cstar: 'maximize', Tc: 'minimize', costPerImpulse: 'minimize', areaRatio: 'minimize',
};

export const SECTION_WORDS: [string, NavigateSection][] = [
  ['explore(?:r)?', 'explore'], ['design point', 'explore'], ['home', 'explore'],
  ['sweeps?', 'sweep'], ['parametric', 'sweep'],
  ['optimi[sz](?:e|er|ation)', 'optimize'], ['pareto', 'optimize'],
  ['learn(?:ing)?', 'learn'], ['machine learning', 'learn'], ['surrogates?', 'learn'],
  ['experiments?', 'experiments'], ['saved work', 'experiments'], ['my work', 'experiments'],
  ['propellant library', 'propellants'], ['propellants?', 'propellants'],
  ['settings', 'settings'], ['preferences', 'settings'], ['options', 'settings'],
  ['templates?', 'templates'], ['gallery', 'templates'],
  ['glossary', 'glossary'], ['definitions', 'glossary'],
];

/** Words that name a template besides its propellants. */
export const TEMPLATE_ALIASES: Record<string, string[]> = {
  'lox-lh2-upper-stage': ['upper stage', 'upper-stage', 'hydrolox'],
  'lox-rp1-booster': ['booster', 'kerolox', 'first stage'],
  'lox-ch4': ['methalox'],
  'n2o4-mmh-hypergolic': ['hypergolic', 'thruster', 'storable'],
  'h2o2-rp1': ['peroxide'],
  'n2o-htpb-hybrid': ['hybrid'],
  'ap-htpb-al-solid': ['composite', 'composite solid', 'solid booster'],
  'kno3-sucrose-candy': ['candy', 'rocket candy', 'amateur', 'sugar motor'],
  'n2h4-monoprop': ['monopropellant', 'monoprop', 'mono-propellant'],
};

/** Words that may stand around the ones that matter ("please set the … to …"). */
export const FILLER_WORDS = new Set(
  ('a an the at and with of for to from in on into please set use using me my i we want would like let lets let\'s us show give run do make try it is be as by ' +
    'then also change switch design engine rocket propellant propellants combination combo pair mix fuel fuels oxidizer oxidizers oxidiser oxidisers ' +
    'can could you now new same keep get just only both over across value values some what if how about chamber nozzle ' +
    'blend blended burning burns burn that this those these its their our your case point setup config configuration , ; : . ! ? = ( ) & + -').split(' '),
);
