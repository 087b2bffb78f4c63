// The Analyze page's form as plain data: a propellant pair, the output, O/F, chamber pressure, area
// ratio, ambient pressure, the reactants' temperatures (gaseous propellants only) and the c* and Cf
// efficiencies, each fixed, ranged (Sobol, Morris) or given a tolerance (uncertainty propagation: a
// normal, uniform or triangular distribution of ± a percentage around the fixed value), the method,
// its size and seed. It becomes an analysis spec of the command line's format (the job's input and
// the share link's content), and a spec read from a link becomes the form again. Also the charts of the results (Sobol indices, Morris's μ*–σ
// plot, the uncertainty histogram). SI inside (pressures in Pa, temperatures in K).
import { BUILT_IN_PROPELLANTS, propellantReactants } from '../propellants.ts';
import { fromBase64Url, packEnvelope, toBase64Url, unpackEnvelope } from '../share-link.ts';
import type { KernelError } from '../result.ts';
import type { MorrisOutput, SobolOutput, UncertaintyOutput } from './run-analysis.ts';
import type { OutputShown } from './analysis-explain.ts';
import type { Distribution } from './distributions.ts';
import { ROCKET_INPUT_INFO, rocketInputLabel, ROCKET_OUTPUT_INFO, ROCKET_OUTPUTS, type RocketOutput } from './rocket-model.ts';
import { fromDisplay, unitLabel } from '../units.ts';
import type { UnitSystem } from '../experiment.ts';
import { isSurrogateRef, surrogateTitle, type SurrogateRef } from './surrogate-model.ts';
import { resolveAnalysisSpec } from './analysis-spec.ts';
import type { ModelDoc } from '../ml-model.ts';

/**
 * A propellant pair of the form: library propellants (`fuel` and `oxidizer` are library ids), or
 * with `gases` the engine database's gaseous species of those names. The engine's data for the
 * liquids (O2(L), RP-1, CH4(L), H2(L)) hold one temperature each, as CEA's do, so only gases offer
 * their temperatures as inputs; `T_K` is the span their data cover (thermo.inp: H2 and O2 200–20,000 K).
 */
export interface AnalyzeSystem { id: string; label: string; fuel: string; oxidizer: string; gases?: { T_K: [number, number] } }

export const ANALYZE_SYSTEMS: readonly AnalyzeSystem[] = [
  { id: 'lox-rp1', label: 'LOX / RP-1', fuel: 'rp1', oxidizer: 'lox' },
  { id: 'lox-lch4', label: 'LOX / liquid methane', fuel: 'lch4', oxidizer: 'lox' },
  { id: 'lox-lh2', label: 'LOX / liquid hydrogen', fuel: 'lh2', oxidizer: 'lox' },
  { id: 'gox-gh2', label: 'Gaseous oxygen / hydrogen (temperatures can vary)', fuel: 'H2', oxidizer: 'O2', gases: { T_K: [200, 20000] } },
];

const systemOf = (id: string): AnalyzeSystem => ANALYZE_SYSTEMS.find((s) => s.id === id) ?? ANALYZE_SYSTEMS[0];
const libraryEntry = (id: string) => BUILT_IN_PROPELLANTS.find((p) => p.id === id)!;
/** The engine species of a system's fuel and oxidizer. */
const systemSpecies = (sys: AnalyzeSystem): [string, string] =>
  sys.gases ? [sys.fuel, sys.oxidizer] : [libraryEntry(sys.fuel).components[0].name, libraryEntry(sys.oxidizer).components[0].name];

export type AnalyzeInputName = 'of' | 'pc' | 'areaRatio' | 'pamb' | 'T:fuel' | 'T:oxidizer' | 'eta:cstar' | 'eta:cf';
export const ANALYZE_INPUTS: AnalyzeInputName[] = ['of', 'pc', 'areaRatio', 'pamb', 'T:fuel', 'T:oxidizer', 'eta:cstar', 'eta:cf'];
const TEMPERATURES: AnalyzeInputName[] = ['T:fuel', 'T:oxidizer'];

/** The inputs the form offers for a propellant pair: reactant temperatures for gaseous ones only. */
export const analyzeInputsFor = (system: string): AnalyzeInputName[] =>
  systemOf(system).gases ? ANALYZE_INPUTS : ANALYZE_INPUTS.filter((n) => !TEMPERATURES.includes(n));

/** The analysis spec's name of a form input ("T:fuel" of gaseous H2 is "T:H2"). */
export function specInputName(n: AnalyzeInputName, system: string): string {
  if (!TEMPERATURES.includes(n)) return n;
  const [fuel, oxidizer] = systemSpecies(systemOf(system));
  return `T:${n === 'T:fuel' ? fuel : oxidizer}`;
}
/** The efficiencies (rocket-model.ts): fixed ones (≠ 1) go to the spec's `efficiencies`, not the problem. */
const ETA_FORM: Record<string, 'cstar' | 'cf'> = { 'eta:cstar': 'cstar', 'eta:cf': 'cf' };

export type AnalyzeMethod = 'sobol' | 'morris' | 'uncertainty';
export const ANALYZE_METHODS: AnalyzeMethod[] = ['sobol', 'morris', 'uncertainty'];
export type ToleranceType = Distribution['type'];
export const TOLERANCE_TYPES: ToleranceType[] = ['normal', 'uniform', 'triangular'];

/**
 * An input's tolerance around its fixed value: ± `percent` of it. For a normal distribution the ±
 * is one standard deviation; for a uniform or triangular one (mode at the fixed value) the half-width.
 */
export interface Tolerance {
  type: ToleranceType;
  percent: number;
}

export interface AnalyzeForm {
  system: string;
  output: RocketOutput;
  method: AnalyzeMethod;
  /** Which inputs vary, and over what range (SI) or, for uncertainty, with what tolerance. */
  vary: Record<AnalyzeInputName, boolean>;
  ranges: Record<AnalyzeInputName, [number, number]>;
  tolerances: Record<AnalyzeInputName, Tolerance>;
  /** Values of the fixed inputs (SI; the ambient pressure is for ambient Isp). */
  nominal: Record<AnalyzeInputName, number>;
  samples: number;
  trajectories: number;
  seed: number;
  /** The model analysed: the engine (null), or a Learn model saved in this browser. */
  surrogate: SurrogateRef | null;
}

export function defaultAnalyzeForm(): AnalyzeForm {
  return {
    system: 'lox-rp1', output: 'ispVac', method: 'sobol',
    vary: { of: true, pc: true, areaRatio: true, pamb: false, 'T:fuel': false, 'T:oxidizer': false, 'eta:cstar': false, 'eta:cf': false },
    ranges: {
      of: [2, 3], pc: [3e6, 1e7], areaRatio: [10, 60], pamb: [5e4, 101325], 'T:fuel': [250, 350], 'T:oxidizer': [250, 350],
      'eta:cstar': [0.9, 1], 'eta:cf': [0.93, 1],
    },
    tolerances: {
      of: { type: 'normal', percent: 2 }, pc: { type: 'normal', percent: 3 }, areaRatio: { type: 'uniform', percent: 1 },
      pamb: { type: 'uniform', percent: 5 }, 'T:fuel': { type: 'normal', percent: 2 }, 'T:oxidizer': { type: 'normal', percent: 2 },
      'eta:cstar': { type: 'uniform', percent: 1 }, 'eta:cf': { type: 'uniform', percent: 1 },
    },
    nominal: { of: 2.6, pc: 7e6, areaRatio: 40, pamb: 101325, 'T:fuel': 298.15, 'T:oxidizer': 298.15, 'eta:cstar': 1, 'eta:cf': 1 },
    samples: 512, trajectories: 20, seed: 1, surrogate: null,
  };
}

/** How the page shows each input: its label, and pressures and temperatures in the unit system's units (bar or psia, K or °R; SI inside). */
export function analyzeShown(system: UnitSystem = 'SI'): Record<AnalyzeInputName, { label: string; unit: string; scale: number }> {
  const pressure = { unit: unitLabel('pressure', system), scale: fromDisplay('pressure', 1, system) };
  const temperature = { unit: unitLabel('temperature', system), scale: fromDisplay('temperature', 1, system) };
  return {
    of: { label: 'O/F', unit: '', scale: 1 },
    pc: { label: 'Chamber pressure', ...pressure },
    areaRatio: { label: 'Area ratio ε', unit: '', scale: 1 },
    pamb: { label: 'Ambient pressure', ...pressure },
    'T:fuel': { label: 'Fuel temperature', ...temperature },
    'T:oxidizer': { label: 'Oxidizer temperature', ...temperature },
    'eta:cstar': { label: 'c* efficiency', unit: '', scale: 1 },
    'eta:cf': { label: 'Cf efficiency', unit: '', scale: 1 },
  };
}
/** The inputs as SI users see them (chamber pressure in bar). */
export const ANALYZE_SHOWN = analyzeShown('SI');

/** An element id part for an input name ("eta:cstar" → "eta-cstar"). */
export const inputIdPart = (n: AnalyzeInputName): string => n.replace(':', '-');

/** An input's allowed values, SI: above `gt` or from `ge`, up to `le`. */
function inputLimits(n: AnalyzeInputName, sys: AnalyzeSystem): { gt?: number; ge?: number; le: number } | null {
  if (n === 'pc') return { gt: ROCKET_INPUT_INFO.pc.gt, le: ROCKET_INPUT_INFO.pc.le };
  if (n === 'pamb') return { ge: ROCKET_INPUT_INFO.pamb.ge, le: ROCKET_INPUT_INFO.pamb.le };
  if (TEMPERATURES.includes(n) && sys.gases) return { ge: sys.gases.T_K[0], le: sys.gases.T_K[1] };
  return null;
}

/**
 * The form's own checks, in the units it shows (bar or psia, K or °R; not Pa): at least one input
 * varies, each varied range runs from low to high, and pressures and reactant temperatures stay
 * within the engine's limits and the species' data. The spec's checks (other limits, sizes) follow on Run.
 */
export function checkAnalyzeForm(f: AnalyzeForm, system: UnitSystem = 'SI'): { code: string; message: string; field: string } | null {
  const offered = analyzeInputsFor(f.system);
  if (!offered.some((n) => f.vary[n])) return { code: 'bad-input', message: 'choose at least one input to vary', field: 'vary' };
  const shownAll = analyzeShown(system);
  for (const n of offered) {
    const lim = inputLimits(n, systemOf(f.system));
    if (!lim) continue;
    const { label, unit, scale } = shownAll[n];
    const shown = (v: number) => `${+(v / scale).toPrecision(8)} ${unit}`;
    const checks: [number, string, string][] = [[f.nominal[n], 'fixed value', `nominal.${n}`]];
    if (f.vary[n] && f.method !== 'uncertainty') checks.push([f.ranges[n][0], '“from”', `ranges.${n}`], [f.ranges[n][1], '“to”', `ranges.${n}`]);
    for (const [v, what, field] of checks) {
      const low = lim.gt !== undefined ? v > lim.gt : v >= lim.ge!;
      if (!(low && v <= lim.le)) {
        const from = lim.gt !== undefined ? `above ${shown(lim.gt)}` : `at least ${shown(lim.ge!)}`;
        return { code: 'bad-input', message: `${label}: ${what} must be ${from} and at most ${shown(lim.le)} (got ${shown(v)})`, field };
      }
    }
  }
  for (const n of offered) {
    if (!f.vary[n]) continue;
    const { label, unit, scale } = shownAll[n];
    if (f.method === 'uncertainty') {
      const t = f.tolerances[n];
      // beyond 100 % a uniform or triangular spread reaches zero or below, where no input is valid
      if (!(t.percent > 0 && t.percent < 100)) return { code: 'bad-input', message: `${label}: tolerance must be more than 0 % and less than 100 % (got ${t.percent} %)`, field: `tolerances.${n}` };
      continue;
    }
    const [lo, hi] = f.ranges[n].map((v) => +(v / scale).toPrecision(8));
    const u = unit ? ` ${unit}` : '';
    if (!(lo < hi)) return { code: 'bad-input', message: `${label}: “from” (${lo}${u}) must be below “to” (${hi}${u})`, field: `ranges.${n}` };
  }
  return null;
}

/** The analysis spec (command-line format) of a form. */
export function analyzeSpec(f: AnalyzeForm): Record<string, unknown> {
  const sys = systemOf(f.system);
  // gases at the form's temperatures; library propellants at their storage temperatures
  const reactants = sys.gases
    ? [{ name: sys.fuel, role: 'fuel', massFraction: 1, T: f.nominal['T:fuel'] }, { name: sys.oxidizer, role: 'oxidizer', massFraction: 1, T: f.nominal['T:oxidizer'] }]
    : [...propellantReactants(libraryEntry(sys.fuel), 1, 'fuel'), ...propellantReactants(libraryEntry(sys.oxidizer), 1, 'oxidizer')];
  const problem = {
    problem: 'rocket', reactants,
    of: f.nominal.of, pc: f.nominal.pc, exits: [{ areaRatio: f.nominal.areaRatio }], pamb: f.nominal.pamb,
  };
  const inputs = analyzeInputsFor(f.system).filter((n) => f.vary[n]).map((n) => {
    const name = specInputName(n, f.system);
    return f.method === 'uncertainty' ? { name, distribution: toleranceDistribution(f.nominal[n], f.tolerances[n]) } : { name, range: [...f.ranges[n]] };
  });
  const spec: Record<string, unknown> = { method: f.method, model: f.surrogate ? 'surrogate' : 'rocket', problem, output: f.output, inputs, seed: f.seed };
  if (f.surrogate) spec.surrogate = { ...f.surrogate };
  // fixed efficiencies other than 1 give delivered outputs (varied ones are inputs); a Learn model
  // predicts ideal Isp, so it is not offered with them (surrogateOffer)
  const fixed: Record<string, number> = {};
  for (const n of ANALYZE_INPUTS) if (ETA_FORM[n] && !f.vary[n] && f.nominal[n] !== 1) fixed[ETA_FORM[n]] = f.nominal[n];
  if (Object.keys(fixed).length && !f.surrogate) spec.efficiencies = fixed;
  // the "fixed at" value of a varied efficiency is not part of the analysis, but the form's: a link
  // or a saved study gives it back (of, pc and ε keep theirs in the problem; a tolerance is centred on it)
  const kept: Record<string, number> = {};
  if (f.method !== 'uncertainty') for (const n of ANALYZE_INPUTS) if (ETA_FORM[n] && f.vary[n] && f.nominal[n] !== 1) kept[n] = f.nominal[n];
  if (Object.keys(kept).length) spec.nominal = kept;
  if (f.method === 'morris') spec.trajectories = f.trajectories;
  else spec.samples = f.samples;
  return spec;
}

/** The reference a form keeps to a Learn model saved in this browser (its id, name, columns and training ranges). */
export function surrogateRefOf(id: string, doc: ModelDoc): SurrogateRef {
  return { modelId: id, name: doc.name, inputs: doc.inputs.map((c) => c.name), ...(doc.inputRanges ? { inputRanges: doc.inputRanges.map((r) => ({ ...r })) } : {}) };
}

/**
 * Why a Learn model cannot be the form's model (null when it can): its inputs must cover the inputs
 * varied, it must predict the output chosen, for the form's propellants, without fixed efficiencies.
 * The analysis spec's own checks (surrogatePlan) say it, in the form's words.
 */
export function surrogateOffer(f: AnalyzeForm, id: string, doc: ModelDoc): string | null {
  const etas = ANALYZE_INPUTS.filter((n) => ETA_FORM[n] && !f.vary[n] && f.nominal[n] !== 1);
  if (etas.length && doc.kind === 'surrogate') {
    return `it predicts ideal Isp, and ${etas.map((n) => `${ANALYZE_SHOWN[n].label} is fixed at ${f.nominal[n]}`).join(' and ')} (set it to 1 or vary it on the engine)`;
  }
  const spec = analyzeSpec({ ...f, surrogate: surrogateRefOf(id, doc) });
  const r = resolveAnalysisSpec({ ...spec, surrogate: doc });
  if (r.ok) return null;
  // "“name” does not take …": the list shows the name already
  return r.error.message.replace(`“${doc.name}” `, '').replace(/^surrogate: /, '');
}

/** How the result, caption and report name the model analysed. */
export const modelUsed = (surrogate: string | undefined): string => (surrogate ? `the ${surrogateTitle(surrogate)}` : 'the engine');

/** The distribution of ± percent around a nominal value (see Tolerance). */
export function toleranceDistribution(nominal: number, t: Tolerance): Distribution {
  const h = Math.abs(nominal) * t.percent / 100;
  switch (t.type) {
    case 'normal':
      return { type: 'normal', mean: nominal, sd: h };
    case 'uniform':
      return { type: 'uniform', min: nominal - h, max: nominal + h };
    case 'triangular':
      return { type: 'triangular', min: nominal - h, mode: nominal, max: nominal + h };
  }
}

// The tolerance a distribution around a nominal value stands for (rounded to 10 digits, so that
// 2.6 ± 2 % comes back as 2 % and not 2.0000000000000018 %); null when it is not one the form makes.
function toleranceOf(nominal: number, d: unknown): Tolerance | null {
  if (!isRecord(d) || !(TOLERANCE_TYPES as unknown[]).includes(d.type) || !(nominal !== 0)) return null;
  const h = d.type === 'normal' ? d.sd : (num(d.max, NaN) - num(d.min, NaN)) / 2;
  const percent = Number(((h as number) / Math.abs(nominal) * 100).toPrecision(10));
  if (!(Number.isFinite(percent) && percent > 0)) return null;
  const t = { type: d.type as ToleranceType, percent };
  // a spread not centred on the fixed value is not one the form can show: refuse it rather than change it
  const back = toleranceDistribution(nominal, t) as unknown as Record<string, number>;
  const same = Object.keys(back).every((k) => k === 'type' || Math.abs(back[k] - (d[k] as number)) <= 1e-9 * Math.abs(nominal));
  return same ? t : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** The form a spec (from a share link) stands for; null when it is not one the page can show. */
export function formFromSpec(spec: unknown): AnalyzeForm | null {
  if (!isRecord(spec) || !(spec.model === 'rocket' || (spec.model === 'surrogate' && isSurrogateRef(spec.surrogate))) || !(ANALYZE_METHODS as unknown[]).includes(spec.method) || !isRecord(spec.problem)) return null;
  const p = spec.problem;
  const reactants = Array.isArray(p.reactants) ? (p.reactants as { name?: unknown; T?: unknown }[]) : [];
  const names = reactants.map((r) => r?.name);
  const sys = ANALYZE_SYSTEMS.find((s) => names.length === 2 && names[0] === systemSpecies(s)[0] && names[1] === systemSpecies(s)[1]);
  if (!sys || !(ROCKET_OUTPUTS as readonly unknown[]).includes(spec.output)) return null;
  const f = defaultAnalyzeForm();
  f.system = sys.id;
  if (spec.model === 'surrogate') f.surrogate = { ...(spec.surrogate as SurrogateRef) };
  f.output = spec.output as RocketOutput;
  f.method = spec.method as AnalyzeMethod;
  const exit = Array.isArray(p.exits) && isRecord(p.exits[0]) ? p.exits[0] : {};
  const eff = isRecord(spec.efficiencies) ? spec.efficiencies : {};
  f.nominal = {
    of: num(p.of, f.nominal.of), pc: num(p.pc, f.nominal.pc), areaRatio: num(exit.areaRatio, f.nominal.areaRatio), pamb: num(p.pamb, f.nominal.pamb),
    'T:fuel': sys.gases ? num(reactants[0].T, f.nominal['T:fuel']) : f.nominal['T:fuel'],
    'T:oxidizer': sys.gases ? num(reactants[1].T, f.nominal['T:oxidizer']) : f.nominal['T:oxidizer'],
    'eta:cstar': num(eff.cstar, 1), 'eta:cf': num(eff.cf, 1),
  };
  const kept = isRecord(spec.nominal) ? spec.nominal : {};
  for (const n of ANALYZE_INPUTS) if (ETA_FORM[n] && n in kept) f.nominal[n] = num(kept[n], f.nominal[n]);
  const inputs = Array.isArray(spec.inputs) ? spec.inputs : [];
  const offered = analyzeInputsFor(sys.id);
  // an input the form does not offer (ε by exit pressure, a blend fraction…) is not one it can show
  if (inputs.some((x) => !isRecord(x) || !offered.some((n) => specInputName(n, sys.id) === x.name))) return null;
  for (const n of offered) {
    const i = inputs.find((x) => isRecord(x) && x.name === specInputName(n, sys.id)) as { range?: unknown; distribution?: unknown } | undefined;
    f.vary[n] = !!i;
    if (i && Array.isArray(i.range) && i.range.length === 2) f.ranges[n] = [num(i.range[0], f.ranges[n][0]), num(i.range[1], f.ranges[n][1])];
    if (i && i.distribution !== undefined) {
      // a varied efficiency's fixed value is the centre of its tolerance (the spec holds no other)
      if (ETA_FORM[n] && isRecord(i.distribution)) {
        const d = i.distribution;
        f.nominal[n] = d.type === 'normal' ? num(d.mean, 1) : d.type === 'triangular' ? num(d.mode, 1) : (num(d.min, 1) + num(d.max, 1)) / 2;
      }
      const t = toleranceOf(f.nominal[n], i.distribution);
      if (!t) return null;
      f.tolerances[n] = t;
    }
  }
  f.samples = num(spec.samples, f.samples);
  f.trajectories = num(spec.trajectories, f.trajectories);
  f.seed = num(spec.seed, f.seed);
  return f;
}

/**
 * The share link's query of a spec, `x=<envelope>`: the house link envelope (version, deflate-raw,
 * base64url; app/domain/share-link.ts) of the spec — inputs and seed only, never results.
 */
export async function analyzeLinkQuery(spec: unknown): Promise<string> {
  return `x=${await packEnvelope(spec)}`;
}

/**
 * The form a share link's query stands for: `x=` (the envelope) or the older `spec=` (base64url
 * JSON, still read); an error value naming the parameter when it holds no analysis the page can show.
 */
export async function readAnalyzeLink(params: { x?: unknown; spec?: unknown }): Promise<{ ok: true; form: AnalyzeForm } | { ok: false; error: KernelError }> {
  let spec: unknown;
  const field = typeof params.x === 'string' ? 'x' : 'spec';
  if (typeof params.x === 'string') {
    const u = await unpackEnvelope(params.x, 'analysis');
    if (!u.ok) return { ok: false, error: { ...u.error, field } };
    spec = u.value;
  } else if (typeof params.spec === 'string') {
    spec = decodeAnalyzeSpec(params.spec);
  } else {
    return { ok: false, error: { code: 'empty', message: 'the link carries no analysis', field } };
  }
  const form = formFromSpec(spec);
  return form ? { ok: true, form } : { ok: false, error: { code: 'bad-link', message: 'the link does not hold an analysis this page can show', field } };
}

/** The older share-link parameter of a spec (`?spec=`): base64url of its JSON. Links are made with analyzeLinkQuery now. */
export function encodeAnalyzeSpec(spec: unknown): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(spec)));
}

/** The spec in a share-link parameter; null when it is not base64url JSON. */
export function decodeAnalyzeSpec(text: string): unknown {
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

/** Vega-Lite bars of first-order and total indices with their bootstrap intervals, one row per input. */
/** Height of a Sobol chart's bar, px (Vega-Lite's default step for a discrete axis). */
const SOBOL_BAR = 20;

export function sobolChartSpec(out: SobolOutput): Record<string, unknown> {
  const values = out.indices.flatMap((i) => [
    { input: rocketInputLabel(i.input), index: 'first order', value: i.first, lo: i.firstInterval[0], hi: i.firstInterval[1] },
    { input: rocketInputLabel(i.input), index: 'total', value: i.total, lo: i.totalInterval[0], hi: i.totalInterval[1] },
  ]);
  const output = ROCKET_OUTPUT_INFO[out.output as RocketOutput]?.label ?? out.output;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // Vega-Lite's 20 px per bar (two per input) and room for the title and the axis, as a number: the
    // page keeps the room free until it is drawn, and the drawing is fitted to it (VegaChart.reservedHeight)
    height: 2 * SOBOL_BAR * Math.max(1, new Set(values.map((v) => v.input)).size) + 60,
    title: `Sobol indices of ${output} (${Math.round(out.confidence * 100)} % intervals)${out.surrogate ? `, on ${modelUsed(out.surrogate)}` : ''}`,
    data: { values },
    encoding: {
      y: { field: 'input', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'index', type: 'nominal', sort: ['first order', 'total'] },
      color: { field: 'index', type: 'nominal', title: 'index', sort: ['first order', 'total'] },
    },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', title: 'Sobol index', scale: { domain: [0, 1] } }, tooltip: [{ field: 'input' }, { field: 'index' }, { field: 'value', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }] } },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
    ],
  };
}

const axisTitle = (label: string, shown: OutputShown) => `${label}${shown.unit ? ` (${shown.unit})` : ''}`;

/** Height of the histogram and the Morris chart, px: Vega-Lite's default view height. */
const CHART_HEIGHT = 300;

/** Vega-Lite histogram of an uncertainty propagation's outputs in the shown units, with its 5, 50 and 95 % percentiles as rules. */
export function histogramChartSpec(out: UncertaintyOutput, shown: OutputShown): Record<string, unknown> {
  const { edges, counts } = out.histogram;
  const values = counts.map((count, b) => ({ from: edges[b] * shown.scale, to: edges[b + 1] * shown.scale, count }));
  const rules = (['5', '50', '95'] as const).map((q) => ({ percentile: `${q} %`, value: out.percentiles[q] * shown.scale }));
  const x = axisTitle(shown.label.charAt(0).toUpperCase() + shown.label.slice(1), shown);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Spread of ${shown.label} over ${out.evaluations.toLocaleString('en-US')} runs${out.surrogate ? `, on ${modelUsed(out.surrogate)}` : ''}`,
    // (a numeric height: the page keeps the chart's room free until it is drawn, VegaChart.reservedHeight)
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', binSpacing: 0 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: x, scale: { zero: false } },
          x2: { field: 'to' },
          y: { field: 'count', type: 'quantitative', title: 'runs' },
          tooltip: [{ field: 'from', format: '.4~g' }, { field: 'to', format: '.4~g' }, { field: 'count' }],
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', color: 'black', strokeDash: [4, 3] },
        encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'percentile' }, { field: 'value', format: '.4~g' }] },
      },
    ],
  };
}

/** Vega-Lite scatter of Morris's μ* against σ, one labelled point per input, in the shown units per input range. */
export function morrisChartSpec(out: MorrisOutput, shown: OutputShown): Record<string, unknown> {
  const values = out.effects.map((e) => ({ input: rocketInputLabel(e.input), muStar: e.muStar * shown.scale, sigma: e.sigma * shown.scale }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Morris screening of ${shown.label}: μ* against σ${out.surrogate ? `, on ${modelUsed(out.surrogate)}` : ''}`,
    height: CHART_HEIGHT,
    data: { values },
    encoding: {
      x: { field: 'muStar', type: 'quantitative', title: axisTitle('μ* (mean absolute effect over the range)', shown), scale: { zero: true } },
      y: { field: 'sigma', type: 'quantitative', title: axisTitle('σ (spread of the effects)', shown), scale: { zero: true } },
    },
    layer: [
      { mark: { type: 'point', filled: true, size: 80 }, encoding: { tooltip: [{ field: 'input' }, { field: 'muStar', format: '.4~g' }, { field: 'sigma', format: '.4~g' }] } },
      { mark: { type: 'text', align: 'left', dx: 7, dy: -7 }, encoding: { text: { field: 'input' } } },
    ],
  };
}
