// The offline command grammar: everyday English with units → one action of the command schema
// (schema.ts). Pure and deterministic. It works by recognising phrases (propellant names, "O/F
// 3.4", "at 100 bar", "sweep … from … to …") and consuming them from the text; any word left that is
// not a filler word means the request was not understood, and the refusal names it. Numbers are
// checked against the same limits as the forms, with messages in the unit the user typed.
import type { UnitSystem } from '../experiment.ts';
import { fromDisplay, unitLabel } from '../units.ts';
import { checkFieldValue, type FieldSpec } from '../field-check.ts';
import { err, ok, type Result } from '../result.ts';
import { TEMPLATES } from '../templates.ts';
import { BUILT_IN_PROPELLANTS } from '../propellants.ts';
import type { Objective, ObjectiveQuantity } from '../optimize-spec.ts';
import {
  COMPARE_LIMITS, DESIGN_LIMITS, STEPS_LIMITS, SWEEP_LIMITS, validateCommand,
  type CommandAction, type CommandSweepVariable, type DesignChange, type ExportFormat,
} from './schema.ts';
import {
  FILLER_WORDS, NATURAL_DIRECTION, NUMBER_WORDS, OBJECTIVE_WORDS, OXIDIZER_IDS, PAIR_NICKNAMES, PRESSURE_UNITS,
  PROPELLANT_SYNONYMS, SECTION_WORDS, TEMPLATE_ALIASES, UNIT_DISPLAY,
} from './lexicon.ts';

export interface ParseOptions {
  /** The unit system a number without a unit is read in (bar or psia for pressures). */
  units?: UnitSystem;
}

type Failure = { ok: false; error: { code: string; message: string; field?: string } };

const NUM = String.raw`(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)`;
const UNIT_RE = `(${Object.keys(PRESSURE_UNITS).sort((a, b) => b.length - a.length).join('|')})`;
const B = String.raw`(?<![a-z0-9_*-])`; // a word starts here
const E = String.raw`(?![a-z0-9_*-])`; // a word ends here
const alt = (xs: string[]) => xs.slice().sort((a, b) => b.length - a.length).join('|');

/** Phrases naming each sweepable variable. */
const VARIABLE_WORDS: Record<CommandSweepVariable, string[]> = {
  of: ['ofr', 'of', 'ratio', 'mixture ratio', 'mix ratio', 'mixture', 'mr', 'oxidi[sz]er[- ]to[- ]fuel(?: mass)? ratio'],
  pc: ['chamber pressure', 'pc', 'p_c', 'pressure', 'combustion pressure'],
  areaRatio: ['area ratio', 'expansion ratio', 'expansion area ratio', 'expansion', 'epsilon', 'eps', 'nozzle area ratio', 'nozzle expansion ratio', 'nozzle expansion'],
  pe: ['exit pressure', 'pe', 'p_e', 'nozzle exit pressure'],
  pamb: ['ambient pressure', 'pamb', 'p_amb', 'back pressure', 'outside pressure', 'ambient'],
};
const VAR_ORDER: CommandSweepVariable[] = ['pe', 'pamb', 'pc', 'areaRatio', 'of'];
const varAlt = (v: CommandSweepVariable) => `(?:${alt(VARIABLE_WORDS[v])})`;
const ANY_VAR = `(${alt(VAR_ORDER.flatMap((v) => VARIABLE_WORDS[v]))})`;
function variableOf(word: string): CommandSweepVariable | null {
  for (const v of VAR_ORDER) if (new RegExp(`^${varAlt(v)}$`).test(word)) return v;
  return null;
}

interface Typed { value: number; unit?: string }

/** Turns the request into lower-case text the phrase patterns expect. */
function normalise(text: string): string {
  return ` ${text.normalize('NFKC').toLowerCase()} `
    .replace(/[\u2212\u2012\u2013\u2014]/g, (c) => (c === '\u2212' ? '-' : ' – '))
    .replace(/ε|\u03b5/g, ' epsilon ')
    .replace(/\ba\s*_?e\s*\/\s*a\s*_?t\b/g, ' epsilon ')
    .replace(/\bo\s*[/:]\s*f\b/g, ' ofr ')
    .replace(/\bc\s*\*/g, ' cstar ')
    .replace(/(\d)\s*%/g, '$1 %')
    .replace(/\//g, ' ')
    .replace(/(\d)(?=[a-z]{2,})/g, (m, d: string, off: number, s: string) => (/[a-z]/.test(s[off - 1] ?? '') ? m : `${d} `))
    .replace(/(\d)\s*(?:–|\.\.|-)\s*(?=-?\d|\.\d)/g, '$1 to ')
    .replace(/ – /g, ' ')
    .replace(new RegExp(`${B}between\\s+${NUM}(\\s*${UNIT_RE})?\\s+and\\s+${NUM}`, 'g'), (_m, a: string, u: string | undefined, _u2, b: string) => ` ${a}${u ?? ''} to ${b}`)
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ');
}

class Text {
  constructor(public s: string) {}
  /** Finds every match of `re` (global), hands it to `f`, and blanks it from the text when `f` does not return false. */
  take(re: RegExp, f: (m: RegExpExecArray) => boolean | void): void {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let m: RegExpExecArray | null;
    const spans: [number, number][] = [];
    while ((m = g.exec(this.s)) !== null) {
      if (m[0].length === 0) { g.lastIndex++; continue; }
      if (f(m) !== false) spans.push([m.index, m.index + m[0].length]);
    }
    for (const [a, b] of spans.reverse()) this.s = this.s.slice(0, a) + ' '.repeat(b - a) + this.s.slice(b);
  }
  has(re: RegExp): boolean { return re.test(this.s); }
  /** Words left that are not filler. */
  leftovers(): string[] {
    return this.s.split(/[\s,;:.!?()=&+"']+/).map((w) => w.trim()).filter((w) => w && !FILLER_WORDS.has(w));
  }
}

const fail = (code: string, message: string, field?: string): Failure => err(code, message, field);

function notUnderstood(words: string[], hint: string): Failure {
  const list = words.slice(0, 3).map((w) => `“${w}”`).join(', ');
  return fail('not-understood', `did not understand ${list}${words.length > 3 ? ' …' : ''}: ${hint}`, 'text');
}

/** A typed number checked against a field's SI limits, the message in the unit it was typed in. */
function checkTyped(t: Typed, spec: Omit<FieldSpec, 'system'>, field: string, system: UnitSystem): Result<number> {
  if (spec.quantity === 'pressure' && t.unit) {
    const f = PRESSURE_UNITS[t.unit];
    const c = checkFieldValue(t.value, {
      label: spec.label, unitText: UNIT_DISPLAY[t.unit],
      min: spec.min === undefined ? undefined : spec.min / f, max: spec.max === undefined ? undefined : spec.max / f,
      minExclusive: spec.minExclusive, maxExclusive: spec.maxExclusive,
    });
    return c.ok ? ok(c.si * f) : err('bad-input', c.message, field);
  }
  if (spec.quantity !== 'pressure' && t.unit) return err('bad-input', `${spec.label} has no unit (got ${t.value} ${UNIT_DISPLAY[t.unit]})`, field);
  const si = spec.quantity ? fromDisplay(spec.quantity, t.value, system) : t.value;
  const c = checkFieldValue(si, { ...spec, system }, t.value);
  return c.ok ? ok(c.si) : err('bad-input', c.message, field);
}

function numberWord(w: string): number | null {
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

// ---- propellants ----

const SYN_LIST: [string, string][] = Object.entries(PROPELLANT_SYNONYMS)
  .flatMap(([id, ws]) => ws.map((w) => [w, id] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);
const PROP_RE = new RegExp(`${B}(${SYN_LIST.map(([w]) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*')).join('|')})${E}`);
const PAIR_RE = new RegExp(`${B}(${Object.keys(PAIR_NICKNAMES).join('|')})${E}`);

interface Props { fuels: string[]; oxidizers: string[] }

/** Takes every propellant name from the text: fuels and oxidizers in the order named. */
function takePropellants(t: Text): Props {
  const out: Props = { fuels: [], oxidizers: [] };
  const add = (id: string, role?: 'fuel' | 'oxidizer') => {
    const r = role ?? (OXIDIZER_IDS.has(id) ? 'oxidizer' : 'fuel');
    const list = r === 'fuel' ? out.fuels : out.oxidizers;
    if (!list.includes(id)) list.push(id);
  };
  t.take(PAIR_RE, (m) => { const p = PAIR_NICKNAMES[m[1]]; add(p.fuel, 'fuel'); add(p.oxidizer, 'oxidizer'); });
  t.take(PROP_RE, (m) => {
    const w = m[1].replace(/\s+/g, ' ');
    const hit = SYN_LIST.find(([s]) => s === w) ?? SYN_LIST.find(([s]) => s.replace(/ /g, '') === w.replace(/ /g, ''));
    if (hit) add(hit[1]);
    return !!hit;
  });
  return out;
}

// ---- design values ----

const PVAL = `${NUM}(?:\\s*${UNIT_RE}${E})?`;
const KEYED = (words: string) => new RegExp(`${B}(?:${words})\\s*(?:ratio\\s+)?(?:of|=|:|is|at|to|around|about|equals?)?\\s*${PVAL}`);

/** Takes the design values (pressures, O/F, nozzle, chemistry) from the text; refuses a value given twice. */
function takeDesign(t: Text, system: UnitSystem, d: DesignChange, skip?: CommandSweepVariable): Failure | null {
  const typed: Partial<Record<'of' | 'pc' | 'areaRatio' | 'pe' | 'pamb', Typed>> = {};
  let twice: Failure | null = null;
  const put = (k: keyof typeof typed, v: Typed) => {
    if (typed[k] && (typed[k]!.value !== v.value || typed[k]!.unit !== v.unit)) {
      twice ??= fail('ambiguous', `${DESIGN_LIMITS[k].label} is given twice (${show(typed[k]!)} and ${show(v)})`, k);
    }
    typed[k] = v;
  };
  const show = (v: Typed) => `${v.value}${v.unit ? ' ' + UNIT_DISPLAY[v.unit] : ''}`;
  const val = (m: RegExpExecArray, i = 1): Typed => ({ value: Number(m[i]), unit: m[i + 1] });

  t.take(/(?:(?:optimally|ideally|fully|optimum|perfectly)\s+)?expanded\s+(?:to|at|for)\s+(?:sea[- ]level|1\s*atm(?:osphere)?)/, () => put('pe', { value: 1, unit: 'atm' }));
  t.take(new RegExp(`${B}expanded\\s+to\\s+${PVAL}`), (m) => put('pe', val(m)));
  t.take(new RegExp(`${B}(?:in|at|for)?\\s*sea[- ]level(?:\\s+(?:ambient|conditions|pressure))?${E}`), () => put('pamb', { value: 1, unit: 'atm' }));
  t.take(new RegExp(`${B}(?:in\\s+)?(?:a\\s+)?vacuum${E}`), () => put('pamb', { value: 0 }));
  for (const v of ['pe', 'pamb', 'pc'] as const) {
    if (v === skip) continue;
    t.take(KEYED(alt(VARIABLE_WORDS[v])), (m) => put(v, val(m)));
  }
  if (skip !== 'areaRatio') {
    t.take(KEYED(alt(VARIABLE_WORDS.areaRatio)) , (m) => put('areaRatio', val(m)));
    t.take(new RegExp(`${B}${NUM}\\s*:\\s*1${E}(?:\\s+(?:nozzle|expansion|area ratio))?`), (m) => put('areaRatio', { value: Number(m[1]) }));
    t.take(new RegExp(`${B}${NUM}\\s*(?:x\\s+)?(?:expansion|area ratio)${E}`), (m) => put('areaRatio', { value: Number(m[1]) }));
  }
  if (skip !== 'of') {
    t.take(new RegExp(`${B}${NUM}\\s*(?:ofr|mixture ratio)${E}`), (m) => put('of', { value: Number(m[1]) }));
    t.take(KEYED(alt(VARIABLE_WORDS.of)), (m) => put('of', val(m)));
  }
  if (skip !== 'pc') t.take(new RegExp(`${B}${NUM}\\s*${UNIT_RE}${E}(?:\\s+(?:chamber\\s+)?pressure)?`), (m) => put('pc', val(m)));
  if (skip) {
    t.take(KEYED(alt(VARIABLE_WORDS[skip])), () => { twice ??= fail('ambiguous', `${DESIGN_LIMITS[skip].label} is swept and also set to one value`, skip); });
  }
  t.take(/\bfrozen(?:\s+(?:flow|chemistry|composition|expansion|at the chamber))?\b/, () => { d.chemistry = 'frozen'; });
  t.take(/\b(?:shifting|equilibrium)(?:\s+(?:flow|chemistry|composition|expansion))?\b/, () => { d.chemistry = 'equilibrium'; });
  if (twice) return twice;
  for (const [k, v] of Object.entries(typed) as [keyof typeof typed, Typed][]) {
    const r = checkTyped(v, DESIGN_LIMITS[k], k, system);
    if (!r.ok) return r;
    d[k] = r.value;
  }
  return null;
}

function applyProps(d: DesignChange, p: Props): void {
  if (p.fuels.length) d.fuels = p.fuels;
  if (p.oxidizers.length) d.oxidizers = p.oxidizers;
}

const DESIGN_HINT = 'name propellants (LOX, methane, RP-1…), O/F 3.4, a chamber pressure with its unit (100 bar, 1500 psi) and a nozzle (expansion 40 or exit pressure 1 atm)';

// ---- actions ----

function parseSetDesign(t: Text, system: UnitSystem): Result<CommandAction> {
  const d: DesignChange = {};
  applyProps(d, takePropellants(t));
  const bad = takeDesign(t, system, d);
  if (bad) return bad;
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, DESIGN_HINT);
  if (!Object.keys(d).length) return fail('not-understood', `nothing to do: ${DESIGN_HINT}, or ask to sweep, optimise, compare, open a template, switch units or export`, 'text');
  return validateCommand({ action: 'set-design', ...d }, system);
}

function parseSweep(t: Text, system: UnitSystem): Result<CommandAction> {
  t.take(/\b(?:sweep(?:ing)?|vary(?:ing)?|scan|plot|range|step through|map|chart|graph)\b/, () => undefined);
  t.take(/\b(?:isp|specific impulse|performance)\s+(?:versus|vs\.?|against|over|as a function of)\b/, () => undefined);
  const found: { variable?: CommandSweepVariable; from?: Typed; to?: Typed } = {};
  const range = new RegExp(`${B}${ANY_VAR}(?:\\s+ratio)?\\s*(?:from\\s+|between\\s+|of\\s+|=\\s*)?${PVAL}\\s*(?:to|through|thru|till|until|up to)\\s+${PVAL}`);
  t.take(range, (m) => {
    const v = variableOf(m[1]);
    if (found.variable || !v) return false;
    Object.assign(found, { variable: v, from: { value: Number(m[2]), unit: m[3] ?? m[5] }, to: { value: Number(m[4]), unit: m[5] ?? m[3] } });
  });
  if (!found.variable) {
    // "from 2.8 to 3.8 O/F", "20 to 200 bar"
    const tail = new RegExp(`${B}(?:from\\s+)?${PVAL}\\s*(?:to|through|thru|till|until|up to)\\s+${PVAL}(?:\\s+(?:of\\s+)?${ANY_VAR}${E})?`);
    t.take(tail, (m) => {
      const u = m[2] ?? m[4];
      const v = m[5] ? variableOf(m[5]) : u ? 'pc' : null;
      if (found.variable || !v) return false;
      Object.assign(found, { variable: v, from: { value: Number(m[1]), unit: u }, to: { value: Number(m[3]), unit: m[4] ?? m[2] } });
    });
  }
  const { variable: v, from, to } = found;
  if (!v || !from || !to) {
    return fail('missing', 'a sweep needs what to vary and its range, e.g. “sweep O/F 2.8 to 3.8” or “sweep chamber pressure from 20 to 200 bar”', 'variable');
  }
  const lim = SWEEP_LIMITS[v];
  const f = checkTyped(from, { ...lim, label: `${lim.label} “from”` }, 'from', system);
  if (!f.ok) return f;
  const tt = checkTyped(to, { ...lim, label: `${lim.label} “to”` }, 'to', system);
  if (!tt.ok) return tt;
  const action: Record<string, unknown> = { action: 'sweep', variable: v, from: f.value, to: tt.value };

  // The number of points: "in 11 steps", "21 points", "in steps of 0.1", "every 10 bar".
  let steps: number | null = null;
  let stepBad: Failure | null = null;
  t.take(new RegExp(`${B}(?:in\\s+)?(?:steps?|increments?|intervals?)\\s+of\\s+${PVAL}|${B}every\\s+${PVAL}`), (m) => {
    const typed: Typed = m[1] !== undefined ? { value: Number(m[1]), unit: m[2] } : { value: Number(m[3]), unit: m[4] };
    const size = checkTyped(typed, { ...lim, label: 'Step', min: 0, minExclusive: true, max: undefined }, 'steps', system);
    if (!size.ok) { stepBad = size; return; }
    const n = Math.abs(tt.value - f.value) / size.value;
    steps = Math.round(n) + 1;
    if (Math.abs(n - Math.round(n)) > 1e-6 * Math.max(1, n)) stepBad = fail('bad-input', `a step of ${typed.value}${typed.unit ? ' ' + UNIT_DISPLAY[typed.unit] : ''} does not divide the range into whole steps`, 'steps');
  });
  t.take(new RegExp(`${B}(?:in\\s+|with\\s+|using\\s+)?(\\d+|${Object.keys(NUMBER_WORDS).join('|')})\\s+(?:equal\\s+|evenly spaced\\s+)?(?:steps?|points?|pts|values|samples)${E}`), (m) => {
    steps = numberWord(m[1]);
  });
  if (stepBad) return stepBad;
  if (steps !== null) {
    const c = checkFieldValue(steps, { label: 'Number of points', integer: true, ...STEPS_LIMITS });
    if (!c.ok) return fail('bad-input', c.message, 'steps');
    action.steps = steps;
  }

  // A second axis at a few values: "at 50 and 100 bar", "at O/F 3, 3.4 and 3.8", "for expansion 20 and 40".
  let atBad: Failure | null = null;
  const list = `${PVAL}(?:\\s*(?:,\\s*and|,|and|&)\\s*${PVAL})+`;
  t.take(new RegExp(`${B}(?:at|for|with)\\s+(?:${ANY_VAR}\\s*(?:of|=|:)?\\s*)?(${list})`), (m) => {
    if (action.at) return false;
    const items = [...m[2].matchAll(new RegExp(PVAL, 'g'))].map((x) => ({ value: Number(x[1]), unit: x[2] as string | undefined }));
    const lastUnit = [...items].reverse().find((x) => x.unit)?.unit;
    for (const x of items) x.unit ??= lastUnit;
    const named = m[1] ? variableOf(m[1]) : null;
    const av = named ?? (lastUnit ? (v === 'pc' ? 'pamb' : 'pc') : null);
    if (!av) { atBad = fail('ambiguous', `which quantity are the values ${m[2].trim()}? Name it, e.g. “at O/F 3 and 3.5” or “at 50 and 100 bar”`, 'at'); return; }
    const values: number[] = [];
    for (const [i, x] of items.entries()) {
      const c = checkTyped(x, SWEEP_LIMITS[av], `at.values[${i}]`, system);
      if (!c.ok) { atBad = c; return; }
      values.push(c.value);
    }
    action.at = { variable: av, values };
  });
  if (atBad) return atBad;

  const d: DesignChange = {};
  applyProps(d, takePropellants(t));
  const bad = takeDesign(t, system, d, v);
  if (bad) return bad;
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, 'a sweep reads like “sweep O/F 2.8 to 3.8 in 11 steps at 50 and 100 bar”');
  if (Object.keys(d).length) action.design = d;
  return validateCommand(action, system);
}

function parseOptimize(t: Text, system: UnitSystem): Result<CommandAction> {
  t.take(/\b(?:optimi[sz]e|optimi[sz]ation|find|search|pareto(?:\s+front)?|trade[- ]?offs?|front|design|for|best\s+designs?|versus|vs\.?|against|between|while|keeping)\b/, () => undefined);
  const props = takePropellants(t);
  const objectives: Objective[] = [];
  let dir: 'maximize' | 'minimize' | null = null;
  let twice: Failure | null = null;
  const objRe = OBJECTIVE_WORDS.map(([w]) => w).join('|');
  const re = new RegExp(`${B}(?:(maximi[sz]e|maximum|max|highest|best|most|increase|raise|higher|more)|(minimi[sz]e|minimum|min|lowest|least|reduce|lower|smallest|less)|(cheapest|cheaper)|(${objRe}))${E}`);
  t.take(re, (m) => {
    if (m[1]) dir = 'maximize';
    else if (m[2]) dir = 'minimize';
    else if (m[3]) objectives.push({ minimize: 'costPerImpulse' });
    else {
      const q = OBJECTIVE_WORDS.find(([w]) => new RegExp(`^(?:${w})$`).test(m[4]))![1] as ObjectiveQuantity;
      if (objectives.some((o) => Object.values(o)[0] === q)) twice ??= fail('ambiguous', `${q} is named twice as an objective`, 'objectives');
      const d = dir ?? NATURAL_DIRECTION[q];
      objectives.push(d === 'maximize' ? { maximize: q } : { minimize: q });
    }
  });
  if (twice) return twice;
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, 'an optimisation reads like “maximise Isp and density-Isp for RP-1 and methane with LOX”');
  if (!objectives.length) return fail('missing', 'say what to maximise or minimise: Isp, sea-level Isp, density-Isp, c*, chamber temperature, cost or area ratio', 'objectives');
  const action: Record<string, unknown> = { action: 'optimize', objectives };
  if (props.fuels.length) action.fuels = props.fuels;
  if (props.oxidizers.length) action.oxidizers = props.oxidizers;
  return validateCommand(action, system);
}

function parseCompare(original: string, system: UnitSystem): Result<CommandAction> {
  const names = [...original.matchAll(/["“”]([^"“”]+)["“”]/g)].map((m) => m[1].trim()).filter(Boolean);
  if (names.length) {
    const rest = new Text(normalise(original.replace(/["“”]([^"“”]+)["“”]/g, ' ')));
    rest.take(/\b(?:compare|experiments?|designs?|versus|vs\.?|against|side by side)\b/, () => undefined);
    const left = rest.leftovers();
    if (left.length) return notUnderstood(left, 'name the experiments in quotes: compare "Booster A" and "Booster B"');
    if (names.length < COMPARE_LIMITS.min) return fail('bad-input', `compare needs at least two experiments (got ${names.length})`, 'names');
    return validateCommand({ action: 'compare', names }, system);
  }
  const t = new Text(normalise(original));
  t.take(/\b(?:compare|comparison|side by side|put|experiments?|designs?|runs?|results?|saved|ones)\b/, () => undefined);
  let last: number | null = null;
  const nw = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;
  t.take(new RegExp(`${B}(?:last|latest|(?:most\\s+)?recent|newest)(?:\\s+${nw})?${E}|${B}${nw}\\s+(?:most\\s+recent|latest|last|newest)${E}`), (m) => {
    const w = m[1] ?? m[2];
    last = w === undefined ? 2 : numberWord(w);
  });
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, 'compare reads like “compare my last two experiments” or compare "Name A" and "Name B"');
  if (last === null) return fail('missing', 'which experiments? Say “compare my last two experiments” or name them in quotes', 'last');
  const c = checkFieldValue(last, { label: 'Number of experiments to compare', integer: true, ...COMPARE_LIMITS });
  if (!c.ok) return fail('bad-input', c.message, 'last');
  return validateCommand({ action: 'compare', last }, system);
}

/** The library propellants each template is made of: every one whose components are all among its reactants (90 % peroxide = H2O2 + H2O). */
const TEMPLATE_PROPS: Record<string, Set<string>> = Object.fromEntries(TEMPLATES.map((tp) => [tp.id, new Set(
  BUILT_IN_PROPELLANTS.filter((p) => p.components.every((c) => tp.problem.reactants.some((r) => r.name === c.name))).map((p) => p.id),
)]));

const ALIASES: [string, string][] = Object.entries(TEMPLATE_ALIASES).flatMap(([id, ws]) => ws.map((w) => [w, id] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);
const ALIAS_RE = new RegExp(`${B}(${ALIASES.map(([w]) => w.replace(/ /g, '\\s+')).join('|')})${E}`);

function parseTemplate(t: Text, system: UnitSystem): Result<CommandAction> | null {
  t.take(/\b(?:open|load|start(?:\s+from)?|begin\s+with|use|templates?|example|show|the)\b/, () => undefined);
  const ids = new Set<string>();
  t.take(new RegExp(`${B}(${TEMPLATES.map((x) => x.id).join('|')})${E}`), (m) => { ids.add(m[1]); });
  const props = takePropellants(t);
  t.take(ALIAS_RE, (m) => { ids.add(ALIASES.find(([w]) => w === m[1].replace(/\s+/g, ' '))![1]); });
  t.take(/\b(?:solid|liquid|motor|stage|engine|thruster|rocket)\b/, () => undefined);
  const named = new Set([...props.fuels, ...props.oxidizers]);
  if (!ids.size && !named.size) return null;
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, `templates are ${TEMPLATES.map((x) => x.id).join(', ')}`);
  let candidates = [...ids];
  if (named.size) {
    const byProps = TEMPLATES.filter((x) => [...named].every((p) => TEMPLATE_PROPS[x.id].has(p))).map((x) => x.id);
    candidates = candidates.length ? candidates.filter((c) => byProps.includes(c)) : byProps;
    // "the LOX/RP-1 booster" when the booster is also named by its propellants: the exact set wins
    const exact = candidates.filter((c) => TEMPLATE_PROPS[c].size === named.size);
    if (candidates.length > 1 && exact.length === 1) candidates = exact;
  }
  if (candidates.length === 0) return fail('not-found', `no template matches; templates are ${TEMPLATES.map((x) => x.id).join(', ')}`, 'id');
  if (candidates.length > 1) return fail('ambiguous', `several templates match (${candidates.join(', ')}); name one`, 'id');
  return validateCommand({ action: 'open-template', id: candidates[0] }, system);
}

const SECTION_RE = new RegExp(`${B}(?:the\\s+)?(${SECTION_WORDS.map(([w]) => w).join('|')})${E}`);
function sectionOf(word: string) {
  return SECTION_WORDS.find(([w]) => new RegExp(`^(?:${w})$`).test(word))![1];
}

function parseNavigate(t: Text, system: UnitSystem): Result<CommandAction> | null {
  let section: string | null = null;
  t.take(/\b(?:go(?:\s+back)?\s+to|open|show|take\s+me\s+to|switch\s+to|navigate\s+to|bring\s+up|view|page|tab|section|screen)\b/, () => undefined);
  t.take(SECTION_RE, (m) => { if (section) return false; section = sectionOf(m[1]); });
  if (!section || t.leftovers().length) return null;
  return validateCommand({ action: 'navigate', section }, system);
}

function parseUnits(t: Text, system: UnitSystem): Result<CommandAction> {
  let target: UnitSystem | null = null;
  t.take(/\b(?:si|metric|bar and kelvin|international|bar|kelvin|celsius)\b/, () => { target = 'SI'; });
  t.take(/\b(?:us|u\.s\.|united states|imperial|english|customary|us customary|psi|psia|fahrenheit|rankine)\b/, () => { target = 'US'; });
  t.take(/\b(?:units?|system|display|show|pressures?|numbers|everything|customary)\b/, () => undefined);
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, 'say “switch to US units” or “use SI units”');
  if (!target) return fail('missing', 'which units? SI (bar, K, m/s) or US customary (psia, °R, ft/s)', 'system');
  return validateCommand({ action: 'set-units', system: target }, system);
}

function parseExport(t: Text, system: UnitSystem): Result<CommandAction> {
  const formats = new Set<ExportFormat>();
  t.take(/\b(?:csv|spreadsheet|excel|table)\b/, () => { formats.add('csv'); });
  t.take(/\b(?:pdf|report|print(?:out|able)?)\b/, () => { formats.add('pdf'); });
  t.take(/\b(?:cea(?:\s+(?:input\s+)?(?:deck|file|input))?|input\s+deck|inp)\b/, () => { formats.add('cea'); });
  t.take(/\b(?:json|experiment\s+file)\b/, () => { formats.add('json'); });
  t.take(/\b(?:export|download|save|as|file|a|an|results?|experiment|data|this)\b/, () => undefined);
  const left = t.leftovers();
  if (left.length) return notUnderstood(left, 'say “export CSV”, “export PDF”, “export the CEA deck” or “export JSON”');
  if (formats.size === 0) return fail('missing', 'which format? CSV, PDF, a CEA input deck or the experiment file (JSON)', 'format');
  if (formats.size > 1) return fail('ambiguous', `one format at a time (got ${[...formats].join(' and ')})`, 'format');
  return validateCommand({ action: 'export', format: [...formats][0] }, system);
}

export const MAX_COMMAND_LENGTH = 500;

/**
 * Parses one request in everyday English into a validated action; numbers without a unit are read
 * in `opts.units` (SI: bar; US: psia). The refusal says which word or value was not understood.
 */
export function parseCommand(text: string, opts: ParseOptions = {}): Result<CommandAction> {
  const system = opts.units ?? 'SI';
  if (typeof text !== 'string' || !text.trim()) return fail('empty', 'the request is empty: type what to do, e.g. “LOX and methane at 100 bar, O/F 3.4”', 'text');
  if (text.length > MAX_COMMAND_LENGTH) return fail('too-long', `the request is too long (${text.length} characters; at most ${MAX_COMMAND_LENGTH})`, 'text');
  const s = normalise(text);
  if (/\bpsig\b/.test(s)) return fail('bad-input', 'gauge pressures (psig) are not taken: give an absolute pressure (psia, bar, MPa…)', 'text');
  const has = (re: RegExp) => re.test(s);
  if (has(/\bcompare\b|\bside by side\b/)) return parseCompare(text, system);
  if (has(/\b(?:export|download|save\s+(?:it\s+|this\s+)?as|print)\b/)) return parseExport(new Text(s), system);
  if (!/\d/.test(s) && has(/\b(?:units?|metric|imperial|customary|(?:switch|change|use|show)\s+(?:to\s+|in\s+)?(?:si|us|psi|psia|bar)|(?:pressures?|everything|numbers|values)\s+in\s+(?:si|us|psi|psia|bar|metric|imperial))\b/)) return parseUnits(new Text(s), system);
  if (has(/\btemplates?\b/) || has(/\b(?:open|load|start\s+from|begin\s+with)\b/) && !/\d/.test(s) && !SECTION_RE.test(s)) {
    const r = parseTemplate(new Text(s), system);
    if (r) return r;
  }
  if (!/\d/.test(s) && has(/\b(?:page|tab|section|screen|go\s+to|take\s+me\s+to|navigate\s+to)\b/)) {
    const r = parseNavigate(new Text(s), system);
    if (r) return r;
  }
  if (has(/\b(?:maximi[sz]e|minimi[sz]e|optimi[sz]e|pareto|trade[- ]?offs?|cheapest|best\s+designs?)\b/)) return parseOptimize(new Text(s), system);
  if (!/\d/.test(s)) {
    const r = parseNavigate(new Text(s), system);
    if (r) return r;
  }
  const rangeLike = new RegExp(`${NUM}(?:\\s*${UNIT_RE})?\\s+(?:to|through|thru|until|up to)\\s+-?\\d`);
  if (has(/\b(?:sweep(?:ing)?|vary(?:ing)?|scan|plot|graph|chart|map)\b/) || has(rangeLike)) return parseSweep(new Text(s), system);
  return parseSetDesign(new Text(s), system);
}

/** The unit a number without one is read in, for help texts. */
export const defaultPressureUnit = (system: UnitSystem) => unitLabel('pressure', system);
