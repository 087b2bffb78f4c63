// The content of a design-point report (PDF export): title lines, the inputs, and the station table,
// in the user's units. Pure data; the UI lays it out with jsPDF.
import type { RocketProblem, RocketResult, Station } from './problem.ts';
import type { UnitSystem } from './experiment.ts';
import { toDisplay, unitLabel, type Quantity } from './units.ts';
import { formatSig } from './number-text.ts';
import { exitText } from './exits.ts';

export interface Report {
  title: string;
  subtitle: string;
  inputs: [string, string][];
  table: { head: string[]; rows: string[][] };
  notes: string[];
  /** Sentences explaining the result, each stating its figures (app/domain/explain.ts). */
  explanations?: string[];
  /** Where the numbers come from: app version, thermo data hash, date. */
  provenance?: string[];
}

const ROWS: [keyof Station, string, Quantity][] = [
  ['p', 'Pressure', 'pressure'], ['T', 'Temperature', 'temperature'], ['rho', 'Density', 'density'],
  ['h', 'Enthalpy', 'specificEnthalpy'], ['s', 'Entropy', 'specificHeat'], ['M', 'Molar mass M', 'molarMass'],
  ['cp', 'cp', 'specificHeat'], ['gammaS', 'gamma_s', 'dimensionless'], ['a', 'Sound speed', 'velocity'],
  ['mach', 'Mach', 'dimensionless'], ['areaRatio', 'Ae/At', 'dimensionless'], ['cstar', 'c*', 'velocity'],
  ['cf', 'Cf', 'dimensionless'], ['ispVac', 'Isp vacuum', 'specificImpulse'], ['isp', 'Isp (pamb = pe)', 'specificImpulse'],
];
const NOZZLE_ONLY = new Set<keyof Station>(['mach', 'areaRatio', 'cf', 'ispVac', 'isp']);

/** Transport rows (problems solved with `transport: true`); blank where a station has no value. */
export const TRANSPORT_ROWS: [keyof Station, string, Quantity][] = [
  ['viscosity', 'Viscosity', 'viscosity'],
  ['conductivity', 'Conductivity (equilibrium)', 'thermalConductivity'],
  ['conductivityFrozen', 'Conductivity (frozen)', 'thermalConductivity'],
  ['cpFrozen', 'cp frozen (gas)', 'specificHeat'],
  ['prandtl', 'Prandtl (equilibrium)', 'dimensionless'],
  ['prandtlFrozen', 'Prandtl (frozen)', 'dimensionless'],
];

/** Whether a result carries transport properties (the problem asked for them). */
export function hasTransport(result: Pick<RocketResult, 'chamber'>): boolean {
  return result.chamber.viscosity !== undefined;
}

export function designReport(name: string, problem: RocketProblem, result: RocketResult, units: UnitSystem, when: string): Report {
  const f = (q: Quantity, v: number) => `${formatSig(toDisplay(q, v, units), 5)}${unitLabel(q, units) === '–' ? '' : ' ' + unitLabel(q, units)}`;
  const inputs: [string, string][] = problem.reactants.map((r) => [
    `${r.role ?? 'propellant'}: ${r.name}`,
    `${formatSig(r.massFraction * 100, 4)} % by mass, ${f('temperature', r.T ?? 298.15)}`,
  ]);
  if (problem.of !== undefined) inputs.push(['O/F (mass)', formatSig(problem.of, 5)]);
  if (problem.phi !== undefined) inputs.push(['Equivalence ratio', formatSig(problem.phi, 5)]);
  const c = problem.combustor;
  inputs.push([c ? 'Injector pressure' : 'Chamber pressure', f('pressure', problem.pc)]);
  if (c) inputs.push(['Combustor', 'contractionRatio' in c ? `finite area, Ac/At = ${formatSig(c.contractionRatio, 5)}` : `finite area, ṁ/Ac = ${formatSig(c.massFlux, 5)} kg/(s·m²)`]);
  (problem.exits ?? []).forEach((e, i) => inputs.push([`Exit ${i + 1}`, exitText(e)]));
  if (result.pInf !== undefined) inputs.push(['Stagnation pressure p∞ (c*, Cf refer to it)', f('pressure', result.pInf)]);
  if (problem.pamb !== undefined) inputs.push(['Ambient pressure', f('pressure', problem.pamb)]);
  inputs.push(['Chemistry', problem.chemistry === 'frozen' ? `frozen at the ${problem.freezeAt ?? 'chamber'}` : 'shifting equilibrium']);
  if (hasTransport(result)) inputs.push(['Transport properties', 'gas phase, NASA CEA method (RP-1311 ch. 5)']);

  // a finite-area combustor's chamber station is its injector
  const cols: { name: string; st: Station }[] = result.combustorEnd
    ? [{ name: 'Injector', st: result.chamber }, { name: 'Combustor end', st: result.combustorEnd }, { name: 'Throat', st: result.throat }]
    : [{ name: 'Chamber', st: result.chamber }, { name: 'Throat', st: result.throat }];
  const notes: string[] = [...result.warnings];
  result.exits.forEach((e, i) => {
    if ('ok' in e) notes.push(`Exit ${i + 1} not computed: ${e.error.message}`);
    else cols.push({ name: `Exit ${i + 1}`, st: e });
  });
  const head = ['Property', ...cols.map((c) => c.name), 'Unit'];
  const rows = [...ROWS, ...(hasTransport(result) ? TRANSPORT_ROWS : [])].map(([k, label, q]) => [
    label,
    ...cols.map((c) => ((c.name === 'Chamber' || c.name === 'Injector') && NOZZLE_ONLY.has(k)) || c.st[k] === undefined ? '' : formatSig(toDisplay(q, c.st[k] as number, units), 5)),
    unitLabel(q, units),
  ]);
  return {
    title: name,
    subtitle: `Rocket performance, infinite-area combustor — Rocket Fuel Optimizer, ${when}`,
    inputs,
    table: { head, rows },
    notes,
  };
}
