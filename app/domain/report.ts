// The content of a design-point report (PDF export): title lines, the inputs, the station table in
// the user's units (Isp also in the other of s and m/s or ft/s), the composition, charts as data,
// the explanations and the provenance. Pure data; report-pdf.ts lays it out with jsPDF, in the
// browser (Explore's PDF button) and in node (`rfo report`).
import type { RocketProblem, RocketResult, Station } from './problem.ts';
import type { UnitSystem } from './experiment.ts';
import { ispScale, toDisplay, unitLabel, type Quantity } from './units.ts';
import { formatSig } from './number-text.ts';
import { exitText } from './exits.ts';

/** A line chart as data (drawn as vectors by report-pdf.ts): x/y pairs per series, in shown units. */
export interface ReportChart {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Each series drawn as a line through its points in order, or as dots (a Pareto front's scatter). */
  series: ReportSeries[];
  /** A vertical line at the design's x (e.g. its O/F), with its label. */
  marker?: { x: number; label: string };
  /** More vertical lines, each with its label (an uncertainty histogram's percentiles). */
  markers?: { x: number; label: string }[];
  /** A categorical x axis: x = k stands for categories[k] (the inputs of a Sobol chart). */
  categories?: string[];
  /** Both axes reach zero (a Morris μ*–σ plot, read against the origin). */
  zero?: boolean;
}

/**
 * One series of a chart: a line through its points in order, dots (a Pareto front's scatter, with
 * optional labels beside them), or bars from zero (width `barWidth` in x units, centred on x) with
 * optional error bars [low, high] per point.
 */
export interface ReportSeries {
  name: string;
  points: [number, number][];
  style?: 'line' | 'points' | 'bars';
  barWidth?: number;
  errors?: [number, number][];
  labels?: string[];
}

export interface Report {
  title: string;
  subtitle: string;
  inputs: [string, string][];
  /** The main table; `firstWidth` (pt) widens its first column for long labels. */
  table: { head: string[]; rows: string[][]; firstWidth?: number };
  /** The main table's heading ("Stations" when absent). */
  tableTitle?: string;
  /** More tables after the main one, each under its heading (a sweep's optimum O/F per line). */
  tables?: { title: string; head: string[]; rows: string[][] }[];
  notes: string[];
  /** Headed lists of sentences after the tables (a firing's flags). */
  sections?: { title: string; lines: string[] }[];
  /** Mole fractions of the products (≥ 0.1 % at some station), same columns as the table. */
  composition?: { head: string[]; rows: string[][] };
  charts?: ReportChart[];
  /** Sentences computed from the result (app/domain/explain.ts), each with its figures. */
  explanations?: string[];
  /** App version, data files and their hashes, date. */
  provenance?: [string, string][];
}

/** What the caller adds to a design report besides the problem and its result. */
export interface ReportExtras {
  charts?: ReportChart[];
  explanations?: string[];
  provenance?: { appVersion?: string; thermoSha256?: string; transSha256?: string; generator?: string };
}

const COMPOSITION_MIN = 1e-3;

const ROWS: [keyof Station, string, Quantity][] = [
  ['p', 'Pressure', 'pressure'], ['T', 'Temperature', 'temperature'], ['rho', 'Density', 'density'],
  ['h', 'Enthalpy', 'specificEnthalpy'], ['s', 'Entropy', 'specificHeat'], ['M', 'Molar mass M', 'molarMass'],
  ['cp', 'cp', 'specificHeat'], ['gammaS', 'gamma_s', 'dimensionless'], ['a', 'Sound speed', 'velocity'],
  ['mach', 'Mach', 'dimensionless'], ['areaRatio', 'Ae/At', 'dimensionless'], ['cstar', 'c*', 'velocity'],
  ['cf', 'Cf', 'dimensionless'], ['ispVac', 'Isp vacuum', 'specificImpulse'], ['isp', 'Isp (pamb = pe)', 'specificImpulse'],
];
const NOZZLE_ONLY = new Set<keyof Station>(['mach', 'areaRatio', 'cf', 'ispVac', 'isp']);

// (the transport rows live in transport-rows.ts: Explore's table needs them in the first load)
import { TRANSPORT_ROWS, hasTransport } from './transport-rows.ts';

export { TRANSPORT_ROWS, hasTransport };

/** A value in the user's units with its unit, 5 significant digits: "68.05 bar", "3400 K". */
export function reportValue(q: Quantity, v: number, units: UnitSystem): string {
  return `${formatSig(toDisplay(q, v, units), 5)}${unitLabel(q, units) === '–' ? '' : ' ' + unitLabel(q, units)}`;
}

/** The inputs of a rocket problem as label / value rows in the user's units (a design report's, a sweep's base design). */
export function problemInputs(problem: RocketProblem, units: UnitSystem): [string, string][] {
  const f = (q: Quantity, v: number) => reportValue(q, v, units);
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
  return inputs;
}

/** The provenance rows of every report: generator and version, date, data files and their hashes, method. */
export function provenanceRows(pv: NonNullable<ReportExtras['provenance']>, when: string, transport = false): [string, string][] {
  const rows: [string, string][] = [
    ['Made by', `${pv.generator ?? 'Rocket Fuel Optimizer'}${pv.appVersion ? ` ${pv.appVersion}` : ''}`],
    ['Date', when],
    ['Thermodynamic data', `NASA Glenn thermo.inp (McBride, Zehe & Gordon, NASA TP-2002-211556)${pv.thermoSha256 ? `, sha256 ${pv.thermoSha256}` : ''}`],
  ];
  if (transport) rows.push(['Transport data', `NASA Glenn trans.inp (Svehla; Gordon & McBride RP-1311)${pv.transSha256 ? `, sha256 ${pv.transSha256}` : ''}`]);
  rows.push(['Method', 'chemical equilibrium by Gibbs-energy minimisation, as NASA CEA (Gordon & McBride, NASA RP-1311, 1994)']);
  return rows;
}

/** The provenance of a report not computed from thermodynamic data (a firing, a dataset, a model): who made it, and when. */
export function madeByRows(pv: NonNullable<ReportExtras['provenance']>, when: string): [string, string][] {
  return provenanceRows(pv, when).filter(([k]) => k === 'Made by' || k === 'Date');
}

export function designReport(name: string, problem: RocketProblem, result: RocketResult, units: UnitSystem, when: string, extras: ReportExtras = {}): Report {
  const f = (q: Quantity, v: number) => reportValue(q, v, units);
  const inputs = problemInputs(problem, units);
  const c = problem.combustor;
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
  const nozzleOnly = (c: { name: string }, k: keyof Station) => (c.name === 'Chamber' || c.name === 'Injector') && NOZZLE_ONLY.has(k);
  const rows = [...ROWS, ...(hasTransport(result) ? TRANSPORT_ROWS : [])].map(([k, label, q]) => [
    label,
    ...cols.map((c) => nozzleOnly(c, k) || c.st[k] === undefined ? '' : formatSig(toDisplay(q, c.st[k] as number, units), 5)),
    unitLabel(q, units),
  ]);
  // Isp also in the other unit: seconds where the table shows a velocity (SI), the exhaust velocity
  // where it shows lbf·s/lbm (US, numerically seconds).
  const other = ispScale(units === 'SI' ? 's' : 'velocity', units);
  const at = rows.findIndex((r) => r[0] === 'Isp (pamb = pe)');
  const ispRows = (['ispVac', 'isp'] as const).map((k) => [
    k === 'ispVac' ? 'Isp vacuum' : 'Isp (pamb = pe)',
    ...cols.map((c) => nozzleOnly(c, k) ? '' : formatSig((c.st[k] as number) * other.perMs, 5)),
    other.unit,
  ]);
  rows.splice(at + 1, 0, ...ispRows);

  // Composition: every product at ≥ 0.1 % in some column, most abundant in the chamber first.
  const species = new Set<string>();
  for (const c of cols) for (const [sp, x] of Object.entries(c.st.moleFractions ?? {})) if (x >= COMPOSITION_MIN) species.add(sp);
  const chamberX = (sp: string) => cols[0].st.moleFractions?.[sp] ?? 0;
  const composition = {
    head: ['Mole fraction', ...cols.map((c) => c.name)],
    rows: [...species].sort((a, b) => chamberX(b) - chamberX(a) || a.localeCompare(b)).map((sp) => [
      sp, ...cols.map((c) => { const x = c.st.moleFractions?.[sp]; return x === undefined || x < 5e-6 ? '' : formatSig(x, 4); }),
    ]),
  };

  const provenance = provenanceRows(extras.provenance ?? {}, when, hasTransport(result));
  return {
    title: name,
    subtitle: `Rocket performance, ${c ? 'finite-area' : 'infinite-area'} combustor, ${problem.chemistry === 'frozen' ? 'frozen' : 'shifting equilibrium'}: Rocket Fuel Optimizer, ${when}`,
    inputs,
    table: { head, rows },
    notes,
    composition,
    charts: extras.charts ?? [],
    explanations: extras.explanations ?? [],
    provenance,
  };
}

/** The O/F charts of a design report: vacuum Isp (s) and chamber temperature against O/F, the design's O/F marked. */
export function ofCharts(curve: { of: number; ispVac: number; Tc: number }[], designOf: number | undefined, units: UnitSystem): ReportChart[] {
  const pts = curve.filter((d) => Number.isFinite(d.of) && Number.isFinite(d.ispVac) && Number.isFinite(d.Tc)).sort((a, b) => a.of - b.of);
  if (pts.length < 2) return [];
  const marker = designOf === undefined ? undefined : { x: designOf, label: `design O/F ${formatSig(designOf, 4)}` };
  const s = ispScale('s', units);
  return [
    { title: 'Vacuum Isp against O/F', xLabel: 'O/F (mass)', yLabel: 'Isp vacuum (s)', series: [{ name: 'Isp vacuum', points: pts.map((d) => [d.of, d.ispVac * s.perMs]) }], marker },
    { title: 'Chamber temperature against O/F', xLabel: 'O/F (mass)', yLabel: `Tc (${unitLabel('temperature', units)})`, series: [{ name: 'Tc', points: pts.map((d) => [d.of, toDisplay('temperature', d.Tc, units)]) }], marker },
  ];
}
