// NASA CEA input decks (Gordon & McBride, NASA RP-1311 Part II, ch. 2): import the `reac`, `prob`
// and `output` datasets of a rocket problem into an engine RocketProblem, and write a design point
// back as a deck, so results can be cross-checked in CEA itself. A finite-area combustor (`fac` with
// `acat=` or `ma=`) and subsonic area ratios (`subar`) map onto `combustor` and `subsonicAreaRatio`
// exits (with fac, `p` is the injector pressure and `pi/p` injector-to-exit, as in CEA). Only what maps onto the engine's
// problem is read; everything else is reported as a warning rather than silently dropped.
import type { ExitSpec, ReactantSpec, RocketProblem } from './problem.ts';
import { canonicalElement } from './propellants.ts';
import { err, ok, type Result } from './result.ts';
import { ATM, BAR, PSI } from './units.ts';

export interface CeaImport {
  problem: RocketProblem;
  caseName?: string;
  warnings: string[];
}

/** The engine's own limits (app/domain/thermo-problem.ts), so an import never keeps a value the engine would refuse. */
const ENGINE = { pc_Pa: 1e10, of: 1e4, phi: 1e4, pcOverPe: 1e8, areaRatio: 1e5, T_K: 20000 } as const;

/** Chamber-pressure keys of `prob` → Pa. */
const PRESSURE_UNITS: Record<string, number> = { 'p,bar': BAR, 'p,psia': PSI, 'p,psi': PSI, 'p,atm': ATM, 'p,mmh': ATM / 760, 'p,pa': 1 };

const DATASETS = ['reac', 'prob', 'outp', 'only', 'omit', 'inse', 'end', 'ther', 'tran'];
const CAL = 4.184; // J, thermochemical calorie (CEA's)
const LBM_S_IN2 = 0.45359237 / 0.0254 ** 2; // kg/(s·m²) per lbm/(s·in²)

/** Fortran-style number: 1.5, 1.5d3, 1.5E+3, .5 */
function num(s: string): number {
  const t = s.trim().replace(/[dD]/, 'e');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : NaN;
}

/** Splits a deck into datasets keyed by their 4-letter name, in order. */
function datasets(text: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, ' ');
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const first = trimmed.split(/[\s=]/)[0].toLowerCase();
    const ds = DATASETS.find((d) => first.startsWith(d) && first.length >= Math.min(3, d.length));
    if (ds && /^\S/.test(line)) out.push({ name: ds, body: trimmed.slice(first.length) });
    else if (out.length) out[out.length - 1].body += ' ' + trimmed;
  }
  return out;
}

interface Tok {
  key: string;
  values: string[];
}

/** "p,bar=10  o/f=1,2  supar=10, 40 100 rocket" → [{p,bar:[10]}, {o/f:[1,2]}, {supar:[10,40,100]}, {rocket:[]}] */
function tokens(body: string): Tok[] {
  const words = body
    .replace(/\s*=\s*/g, '=')
    .replace(/,\s+(?=[-+.\d])/g, ',')
    .split(/\s+/)
    .filter(Boolean);
  const out: Tok[] = [];
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq > 0) {
      out.push({ key: w.slice(0, eq).toLowerCase(), values: w.slice(eq + 1).split(',').filter(Boolean) });
    } else if (out.length && !Number.isNaN(num(w.replace(/,+$/, ''))) && out[out.length - 1].values.length) {
      out[out.length - 1].values.push(...w.split(',').filter(Boolean)); // more values of the previous key
    } else {
      out.push({ key: w, values: [] });
    }
  }
  return out;
}

interface RawReactant {
  kind: 'fuel' | 'oxid' | 'name';
  name: string;
  wt?: number;
  T?: number;
  h?: number;
  formula?: Record<string, number>;
}

function parseReac(body: string, warnings: string[]): Result<RawReactant[]> {
  const words = body.replace(/\s*=\s*/g, '=').split(/\s+/).filter(Boolean);
  const list: RawReactant[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const lw = w.toLowerCase();
    const [k, v] = lw.includes('=') ? [lw.slice(0, lw.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [lw, undefined];
    const kind = k.startsWith('fu') ? 'fuel' : k.startsWith('ox') ? 'oxid' : k.startsWith('na') ? 'name' : null;
    // "Na 2" is sodium in an exploded formula, "name X" a new reactant
    if (kind && (v !== undefined || (i + 1 < words.length && Number.isNaN(num(words[i + 1]))))) {
      const name = v ?? words[++i];
      list.push({ kind, name });
      continue;
    }
    const cur = list[list.length - 1];
    if (!cur) return err('bad-deck', `reac: ${JSON.stringify(w)} comes before any fuel/oxid/name`, 'reac');
    const value = v !== undefined ? num(v) : NaN;
    if (k === 'wt%' || k === 'wt') cur.wt = value;
    else if (k.startsWith('mol')) return err('unsupported', `reac: ${cur.name} is given in moles (mol=); use wt% for import`, 'reac');
    else if (k === 't,k' || k === 't(k)') cur.T = value;
    else if (k === 't,r') cur.T = (value * 5) / 9;
    else if (k === 't,c') cur.T = value + 273.15;
    else if (k === 't,f') cur.T = ((value + 459.67) * 5) / 9;
    else if (k === 'h,cal' || k === 'h,cal/mol') cur.h = value * CAL;
    else if (k === 'h,kcal' || k === 'h,kcal/mol') cur.h = value * CAL * 1000;
    else if (k === 'h,j' || k === 'h,j/mol') cur.h = value;
    else if (k === 'h,kj' || k === 'h,kj/mol') cur.h = value * 1000;
    else if (k.startsWith('rho')) warnings.push(`reac: density of ${cur.name} ignored`);
    else if (k.startsWith('u,')) return err('unsupported', `reac: internal energy (u,…) for ${cur.name} is not supported; give h`, 'reac');
    else if (v === undefined && /^[a-z]{1,2}$/i.test(w) && i + 1 < words.length && !Number.isNaN(num(words[i + 1]))) {
      const el = canonicalElement(w);
      if (!el) return err('bad-deck', `reac: element ${JSON.stringify(w)} of ${cur.name} is not known to the engine`, 'reac');
      const count = num(words[++i]);
      if (!(Number.isFinite(count) && count >= 0)) return err('bad-deck', `reac: atoms of ${el} in ${cur.name} must be a finite number ≥ 0 (got ${JSON.stringify(words[i])})`, 'reac');
      cur.formula = { ...(cur.formula ?? {}), [el]: count };
    } else return err('bad-deck', `reac: cannot read ${JSON.stringify(w)} (after ${cur.name})`, 'reac');
    if (v !== undefined && !Number.isFinite(value)) return err('bad-deck', `reac: ${k} of ${cur.name} is not a finite number (got ${JSON.stringify(v)})`, 'reac');
  }
  if (!list.length) return err('bad-deck', 'reac: no reactants', 'reac');
  for (const r of list) {
    if (r.wt !== undefined && r.wt < 0) return err('bad-deck', `reac: wt% of ${r.name} must be ≥ 0 (got ${r.wt})`, 'reac');
    if (r.T !== undefined && !(r.T > 0 && r.T <= ENGINE.T_K)) return err('bad-deck', `reac: temperature of ${r.name} must be above 0 K and at most ${ENGINE.T_K} K (got ${+r.T.toPrecision(6)} K)`, 'reac');
  }
  return ok(list);
}

/** Parses a CEA input deck of a rocket problem. Never throws; errors name the dataset and the item. */
export function parseCeaDeck(text: string): Result<CeaImport> {
  try {
    if (typeof text !== 'string' || text.length > 200_000) return err('bad-deck', 'A CEA deck must be text of at most 200 kB.');
    const warnings: string[] = [];
    const sets = datasets(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // a BOM from a text editor
    const reac = sets.find((s) => s.name === 'reac');
    const prob = sets.find((s) => s.name === 'prob');
    if (!reac) return err('bad-deck', 'The deck has no reac dataset.', 'reac');
    if (!prob) return err('bad-deck', 'The deck has no prob dataset.', 'prob');
    if (sets.filter((s) => s.name === 'prob').length > 1) warnings.push('only the first problem of the deck was imported');
    for (const s of sets) if (s.name === 'only' || s.name === 'omit') warnings.push(`"${s.name}" species lists are not supported; all products are allowed`);
    if (sets.some((s) => s.name === 'inse')) warnings.push('"insert" is ignored (the engine chooses condensed species itself)');

    const rr = parseReac(reac.body, warnings);
    if (!rr.ok) return rr;
    const raw = rr.value;
    const premixed = raw.every((r) => r.kind === 'name');
    if (!premixed && raw.some((r) => r.kind === 'name')) return err('unsupported', 'reac: mixing "name" reactants with fuel/oxid is not supported', 'reac');
    if (!premixed && (!raw.some((r) => r.kind === 'fuel') || !raw.some((r) => r.kind === 'oxid'))) {
      return err('bad-deck', 'reac: a bipropellant needs at least one fuel and one oxid', 'reac');
    }
    // CEA normalises weight fractions within each group; do the same, and say so when it matters.
    const reactants: ReactantSpec[] = [];
    for (const group of ['fuel', 'oxid', 'name'] as const) {
      const g = raw.filter((r) => r.kind === group);
      if (!g.length) continue;
      const missing = g.some((r) => r.wt === undefined);
      if (missing && g.length > 1) return err('bad-deck', `reac: every ${group} needs wt% when there are several`, 'reac');
      const total = missing ? 100 : g.reduce((s, r) => s + (r.wt ?? 0), 0);
      if (!(total > 0)) return err('bad-deck', `reac: ${group} weight fractions must add up to more than 0 (got ${total})`, 'reac');
      if (Math.abs(total - 100) > 1e-6) warnings.push(`${group} wt% add up to ${total}; scaled to 100`);
      for (const r of g) {
        const spec: ReactantSpec = { name: r.name, massFraction: (r.wt ?? 100) / total };
        if (group !== 'name') spec.role = group === 'fuel' ? 'fuel' : 'oxidizer';
        if (r.T !== undefined) spec.T = r.T;
        if (r.formula) {
          if (r.h === undefined) return err('bad-deck', `reac: ${r.name} has a formula but no h (enthalpy)`, 'reac');
          spec.formula = r.formula;
          spec.enthalpy = r.h;
        } else if (r.h !== undefined) warnings.push(`reac: the h given for ${r.name} is ignored (the thermo data's value is used)`);
        reactants.push(spec);
      }
    }

    const problem: RocketProblem = { problem: 'rocket', reactants, pc: NaN, exits: [], chemistry: 'equilibrium' };
    let caseName: string | undefined;
    let eq = false;
    let fz = false;
    let nfz = 1;
    let rocket = false;
    let fac = false;
    let acat: number | undefined;
    let ma: number | undefined;
    const subar: number[] = [];
    const pis: number[] = [];
    const supar: number[] = [];
    let pcText = '';
    // the first value that is not a finite number, as the deck wrote it (reported after the loop)
    let notFinite = null as { key: string; text: string } | null;
    const values = (t: Tok): number[] => {
      const vs = t.values.map(num);
      const i = vs.findIndex((v) => !Number.isFinite(v));
      if (i >= 0 || !vs.length) notFinite ??= { key: t.key, text: t.values[i] ?? '' };
      return vs;
    };
    const first = (t: Tok, what: string): number => {
      const vs = values(t);
      if (vs.length > 1) warnings.push(`${what}: ${vs.length} values given; imported the first (${vs[0]}) — sweep the rest in the app`);
      return vs[0];
    };
    for (const t of tokens(prob.body)) {
      const k = t.key.toLowerCase();
      if (k.startsWith('ro')) rocket = true;
      else if (k === 'case') caseName = t.values.join(',');
      else if (k === 'eq' || k.startsWith('equi')) eq = true;
      else if (k === 'fz' || k.startsWith('froz')) fz = true;
      else if (k === 'nfz') nfz = first(t, 'nfz');
      else if (k === 'iac') continue;
      else if (k === 'fac') fac = true;
      else if (k === 'acat' || k === 'ac/at') acat = first(t, k);
      else if (k === 'ma' || k.startsWith('ma,')) ma = first(t, 'ma') * (k.includes('lb') ? LBM_S_IN2 : 1);
      else if (k.startsWith('ion')) problem.ions = true;
      else if (Object.hasOwn(PRESSURE_UNITS, k)) {
        problem.pc = first(t, 'p') * PRESSURE_UNITS[k];
        pcText = `${t.key}=${t.values[0]}`;
      }
      else if (k === 'o/f') problem.of = first(t, 'o/f');
      else if (k === 'f/o' || k === 'f/a') problem.of = 1 / first(t, k);
      else if (k === '%f' || k === '%fuel') {
        const f = first(t, '%fuel');
        problem.of = (100 - f) / f;
      } else if (k === 'phi' || k.startsWith('phi,')) problem.phi = first(t, 'phi');
      else if (k === 'r' || k.startsWith('r,')) return err('unsupported', 'prob: r,eq.ratio is not supported; give o/f or phi', 'prob');
      else if (k === 'pi/p') pis.push(...values(t));
      else if (k === 'supar' || k === 'supa') supar.push(...values(t));
      else if (k === 'subar' || k === 'suba') subar.push(...values(t));
      else if (k === 'pip') pis.push(...values(t));
      else if (k.startsWith('tc')) warnings.push(`prob: ${k} ignored`);
      else if (k.startsWith('t,') || k === 'hp' || k === 'tp' || k === 'sp') return err('unsupported', `prob: only rocket problems can be imported (found ${k})`, 'prob');
      else warnings.push(`prob: ${JSON.stringify(t.key)} ignored`);
    }
    if (!rocket) return err('unsupported', 'prob: only rocket problems can be imported (no "rocket" keyword)', 'prob');
    if (notFinite) return err('bad-deck', `prob: ${notFinite.key} must be a finite number (got ${JSON.stringify(notFinite.text)})`, 'prob');
    if (Number.isNaN(problem.pc)) return err('bad-deck', 'prob: chamber pressure missing (p,bar= / p,psia= / p,atm=)', 'prob');
    if (!(problem.pc > 0 && problem.pc <= ENGINE.pc_Pa)) return err('bad-deck', `prob: chamber pressure must be above 0 and at most ${ENGINE.pc_Pa / BAR} bar (got ${pcText})`, 'prob');
    if (!premixed && problem.of === undefined && problem.phi === undefined) return err('bad-deck', 'prob: a bipropellant needs o/f, %fuel or phi', 'prob');
    if (problem.of !== undefined && !(problem.of > 0 && problem.of <= ENGINE.of)) return err('bad-deck', `prob: o/f must be above 0 and at most ${ENGINE.of} (got ${+problem.of.toPrecision(6)})`, 'prob');
    if (problem.phi !== undefined && !(problem.phi > 0 && problem.phi <= ENGINE.phi)) return err('bad-deck', `prob: phi must be above 0 and at most ${ENGINE.phi} (got ${+problem.phi.toPrecision(6)})`, 'prob');
    if (fac) {
      if (acat !== undefined && ma !== undefined) return err('bad-deck', `prob: fac takes acat or ma, not both (got acat=${acat}, ma=${ma})`, 'prob');
      if (acat !== undefined) {
        if (!(acat > 1)) return err('bad-deck', `prob: acat (contraction ratio Ac/At) must be > 1 (got ${acat})`, 'prob');
        problem.combustor = { contractionRatio: acat };
      } else if (ma !== undefined) {
        if (!(ma > 0)) return err('bad-deck', `prob: ma (mass flux per chamber area) must be > 0 kg/(s·m²) (got ${ma})`, 'prob');
        problem.combustor = { massFlux: ma };
      } else return err('bad-deck', 'prob: fac needs acat= (contraction ratio Ac/At) or ma= (mass flux, kg/(s·m²))', 'prob');
    } else if (acat !== undefined || ma !== undefined) warnings.push(`prob: ${acat !== undefined ? 'acat' : 'ma'} ignored without fac (infinite-area combustor)`);
    // CEA's column order: pressure ratios, subsonic, supersonic area ratios
    const exits: ExitSpec[] = [];
    for (const x of pis) {
      if (x > 1 && x <= ENGINE.pcOverPe) exits.push({ pcOverPe: x });
      else return err('bad-deck', `prob: pi/p must be above 1 and at most ${ENGINE.pcOverPe} (got ${x})`, 'prob');
    }
    for (const x of subar) {
      if (!(x > 1)) return err('bad-deck', `prob: subar must be > 1 (got ${x})`, 'prob');
      if (acat !== undefined && fac && !(x < acat)) return err('bad-deck', `prob: subar must be < acat = ${acat} (got ${x})`, 'prob');
      exits.push({ subsonicAreaRatio: x });
    }
    for (const x of supar) {
      if (x >= 1 && x <= ENGINE.areaRatio) exits.push({ areaRatio: x });
      else return err('bad-deck', `prob: supar must be from 1 to ${ENGINE.areaRatio} (got ${x})`, 'prob');
    }
    problem.exits = exits;
    // `output … transport` asks CEA for transport properties: the engine's `transport: true`.
    if (sets.some((x) => x.name === 'outp' && /\btrans/i.test(x.body))) problem.transport = true;
    // stations: chamber 1, throat 2 (infinite area); injector 1, combustor end 2, throat 3 (fac)
    const throatStation = fac ? 3 : 2;
    if (fz && !eq && fac && nfz < throatStation) {
      return err('unsupported', `prob: with fac the engine freezes the composition only at the throat (nfz=3; got nfz=${nfz}): CEA refuses nfz=2, and its nfz=1 is an infinite-area expansion from the injector`, 'prob');
    }
    if (fz && !eq) {
      problem.chemistry = 'frozen';
      problem.freezeAt = nfz >= throatStation ? 'throat' : 'chamber';
      if (nfz > throatStation) warnings.push(`frozen from station ${nfz} is not supported; frozen at the throat`);
    } else if (fz && eq) warnings.push('the deck asks for equilibrium and frozen; imported as equilibrium (duplicate the experiment for frozen)');
    return ok({ problem, caseName, warnings });
  } catch (e) {
    return err('bad-deck', `The deck could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Compact number for a deck: 12 significant digits (enough for J/mol ↔ cal/mol), no trailing zeros. */
function fmt(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/** A CEA2 input deck for the design point of a problem (SI output). */
export function toCeaDeck(p: RocketProblem, caseName = 'rfo'): string {
  const lines = ['reac'];
  for (const r of p.reactants) {
    const kind = r.role === 'fuel' ? 'fuel' : r.role === 'oxidizer' ? 'oxid' : 'name';
    let line = `  ${kind} = ${r.name}`;
    if (r.formula) line += '  ' + Object.entries(r.formula).map(([el, n]) => `${el.toUpperCase()} ${fmt(n)}`).join(' ');
    line += `  wt%=${fmt(r.massFraction * 100)}`;
    if (r.T !== undefined) line += `  t,k=${fmt(r.T)}`;
    if (r.formula && r.enthalpy !== undefined) line += `  h,cal=${fmt(r.enthalpy / CAL)}`;
    lines.push(line);
  }
  const safeCase = caseName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 15) || 'rfo';
  const c = p.combustor;
  const fac = c === undefined ? '' : 'contractionRatio' in c ? `  fac  acat=${fmt(c.contractionRatio)}` : `  fac  ma=${fmt(c.massFlux)}`;
  let prob = `prob  rocket${fac}  case=${safeCase}  p,bar=${fmt(p.pc / BAR)}`;
  if (p.of !== undefined) prob += `  o/f=${fmt(p.of)}`;
  else if (p.phi !== undefined) prob += `  phi=${fmt(p.phi)}`;
  prob += p.chemistry === 'frozen' ? `  frozen  nfz=${p.freezeAt === 'throat' ? (c ? 3 : 2) : 1}` : '  equilibrium';
  if (p.ions) prob += '  ions';
  lines.push(prob);
  const pis = (p.exits ?? []).flatMap((e) => ('pcOverPe' in e ? [fmt(e.pcOverPe)] : []));
  const sup = (p.exits ?? []).flatMap((e) => ('areaRatio' in e ? [fmt(e.areaRatio)] : []));
  const sub = (p.exits ?? []).flatMap((e) => ('subsonicAreaRatio' in e ? [fmt(e.subsonicAreaRatio)] : []));
  const ex = [pis.length ? `pi/p=${pis.join(',')}` : '', sup.length ? `supar=${sup.join(',')}` : ''].filter(Boolean).join(',  ');
  const line = [sub.length ? `subar=${sub.join(',')}` : '', ex].filter(Boolean).join('  ');
  if (line) lines.push(`   ${line}`);
  lines.push(p.transport ? 'output  siunits  transport' : 'output  siunits', 'end', '');
  return lines.join('\n');
}
