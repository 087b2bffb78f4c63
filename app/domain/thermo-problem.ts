// Validation of equilibrium/rocket problems (the `solve` format, problem.ts) and preparation of the
// reactant mixture: element totals b_i° (mol/kg) and enthalpy h0 (J/kg). Pure TS, runs in node.
import { ENGINE_LIMITS, type CombustorSpec, type ExitSpec, type HpProblem, type ReactantSpec, type RocketProblem, type TpProblem } from './problem.ts';
import { fromDocument, intervalAt, packedSpecies, polyHSCp, type PackedThermo, type ThermoDocument, type ThermoSpecies } from './thermo-inp.ts';
import { checkNumber, formatValue, withinBounds, type Failure } from './validate.ts';
import { err, ok, type KernelError, type Result } from './result.ts';

/** Gas constant of the NASA Glenn data as CEA2 uses it, J/(mol·K). */
export const R_THERMO = 8.31451;

export interface SpeciesDb {
  species: ThermoSpecies[];
  /** Product entries first, then reactant entries, by exact name. */
  byName: Map<string, ThermoSpecies>;
  /** Atomic masses (g/mol) from the monatomic gas records (H, C, AL, …). */
  atomicMass: Map<string, number>;
  /** Lowest common interval boundary of the data, K (200 for NASA's file). */
  Tlow_K: number;
  /** Highest common interval boundary of the data, K (20000 for NASA's file). */
  Thigh_K: number;
  provenance?: ThermoDocument['provenance'];
}

/** Indexes a compact thermo document. */
export function makeSpeciesDb(doc: ThermoDocument | PackedThermo): SpeciesDb {
  const species = doc.type === 'rfo-thermo-packed' ? packedSpecies(doc) : fromDocument(doc);
  if (!species) throw new Error('thermo data: the packed species index and its numbers do not fit together');
  const byName = new Map<string, ThermoSpecies>();
  const atomicMass = new Map<string, number>();
  for (const sp of species) {
    if (!byName.has(sp.name)) byName.set(sp.name, sp);
    const els = Object.entries(sp.elements);
    if (sp.phase === 0 && els.length === 1 && els[0][1] === 1 && sp.name.toUpperCase() === els[0][0].toUpperCase()) {
      atomicMass.set(els[0][0], sp.M);
    }
  }
  atomicMass.set('E', 0.000548579903);
  return { species, byName, atomicMass, Tlow_K: doc.commonT_K[0] ?? 200, Thigh_K: doc.commonT_K[doc.commonT_K.length - 1] ?? 20000, provenance: doc.provenance };
}

/** A reactant resolved against the data: formula, molar mass, enthalpy at its temperature. */
export interface ResolvedReactant {
  name: string;
  role?: 'fuel' | 'oxidizer';
  /** Mass fraction of the whole propellant. */
  w: number;
  /** Mass fraction within its role (or of the whole propellant without roles). */
  frac: number;
  T_K: number;
  elements: Record<string, number>;
  M: number;
  H_J_mol: number;
}

export interface PreparedMixture {
  /** Elements of the reactants, in a stable order. */
  elements: string[];
  /** Element totals, mol/kg, in `elements` order. */
  b0: number[];
  /** Enthalpy of the reactants at their temperatures, J/kg. */
  h0_J_kg: number;
  /** O/F used (null without roles). */
  of: number | null;
  reactants: ResolvedReactant[];
}

// CEA-style valences for the equivalence ratio (fuel elements positive, oxidizers negative).
const VALENCE: Record<string, number> = {
  H: 1, C: 4, O: -2, N: 0, F: -1, Cl: -1, Br: -1, I: -1, Al: 3, B: 3, Be: 2, Mg: 2, Li: 1, Na: 1, K: 1,
  Ca: 2, Si: 4, S: 4, Ti: 4, Zr: 4, Fe: 3, P: 5, Ar: 0, He: 0, Ne: 0, Kr: 0, Xe: 0,
};

const bad = (message: string, field?: string) => err('bad-input', message, field);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Molar enthalpy of a database species at T (J/mol), or an error naming the field. */
function databaseEnthalpy(sp: ThermoSpecies, T: number, field: string): Result<number, KernelError> {
  if (sp.intervals.length === 0) {
    const own = sp.T_K ?? 298.15;
    if (Math.abs(T - own) > 0.01) {
      return bad(`reactant ${sp.name} has data only at ${own} K (got T = ${T} K)`, field);
    }
    return ok(sp.hf_J_mol);
  }
  const lo = sp.intervals[0].Tlo_K;
  const hi = sp.intervals[sp.intervals.length - 1].Thi_K;
  if (T < lo - 1e-6 || T > hi + 1e-6) {
    return bad(`reactant ${sp.name} has data for ${lo}–${hi} K (got T = ${T} K)`, field);
  }
  return ok(polyHSCp(intervalAt(sp, T).a, T).h * R_THERMO * T);
}

function resolveReactant(r: Record<string, unknown>, i: number, db: SpeciesDb): Result<Omit<ResolvedReactant, 'w'> & { frac: number }, KernelError> {
  const f = `reactants[${i}]`;
  if (typeof r.name !== 'string' || r.name === '') return bad(`reactant name must be a non-empty string (got ${formatValue(r.name)})`, `${f}.name`);
  const frac = r.massFraction;
  const fb = checkNumber(frac, { field: `${f}.massFraction`, label: `mass fraction of ${r.name}`, ge: 0, le: 1 });
  if (fb) return fb;
  if (r.role !== undefined && r.role !== 'fuel' && r.role !== 'oxidizer') {
    return bad(`role of ${r.name} must be "fuel" or "oxidizer" (got ${formatValue(r.role)})`, `${f}.role`);
  }
  if (r.T !== undefined) {
    const tb = checkNumber(r.T, { field: `${f}.T`, label: `temperature of ${r.name}`, unit: 'K', ...ENGINE_LIMITS.T_K });
    if (tb) return tb;
  }
  const role = r.role as 'fuel' | 'oxidizer' | undefined;
  if (r.formula !== undefined) {
    if (!isObj(r.formula) || Object.keys(r.formula).length === 0) return bad(`formula of ${r.name} must be an object of element counts (got ${formatValue(r.formula)})`, `${f}.formula`);
    const elements: Record<string, number> = {};
    let M = 0;
    for (const [e, c] of Object.entries(r.formula)) {
      const sym = e.length ? e[0].toUpperCase() + e.slice(1).toLowerCase() : e;
      const mass = db.atomicMass.get(sym);
      if (mass === undefined) return bad(`unknown element ${formatValue(e)} in the formula of ${r.name}`, `${f}.formula.${e}`);
      const cb = checkNumber(c, { field: `${f}.formula.${e}`, label: `atoms of ${e} in ${r.name}`, ge: 0 });
      if (cb) return cb;
      if ((c as number) > 0) { elements[sym] = (elements[sym] ?? 0) + (c as number); M += mass * (c as number); }
    }
    if (!(M > 0)) return bad(`formula of ${r.name} has no atoms`, `${f}.formula`);
    const hb = checkNumber(r.enthalpy, { field: `${f}.enthalpy`, label: `enthalpy of ${r.name}`, unit: 'J/mol' });
    if (hb) return hb;
    return ok({ name: r.name, role, frac: frac as number, T_K: (r.T as number | undefined) ?? 298.15, elements, M, H_J_mol: r.enthalpy as number });
  }
  const sp = db.byName.get(r.name);
  if (!sp) return err('unknown-species', `unknown species ${formatValue(r.name)} (not in the thermo data; give a formula and enthalpy for a custom reactant)`, `${f}.name`);
  const T = (r.T as number | undefined) ?? sp.T_K ?? 298.15;
  const h = databaseEnthalpy(sp, T, `${f}.T`);
  if (!h.ok) return h;
  return ok({ name: r.name, role, frac: frac as number, T_K: T, elements: { ...sp.elements }, M: sp.M, H_J_mol: r.enthalpy !== undefined && typeof r.enthalpy === 'number' ? r.enthalpy : h.value });
}

function sumsToOne(list: { frac: number }[], idx: number[], what: string, field: string): Failure | null {
  const s = idx.reduce((a, k) => a + list[k].frac, 0);
  if (Math.abs(s - 1) > 1e-6) return bad(`mass fractions ${what} must sum to 1 (got ${+s.toPrecision(10)})`, field);
  return null;
}

function totals(rs: { elements: Record<string, number>; M: number; w: number }[], elements: string[]): number[] {
  return elements.map((e) => rs.reduce((s, r) => s + (r.w * 1000 / r.M) * (r.elements[e] ?? 0), 0));
}

// Whether element e forms a product species made only of `elements`: a scan of the whole database,
// remembered per database and element set (a batch of problems asks the same question each time).
const productCache = new WeakMap<SpeciesDb, Map<string, boolean>>();
function formsProduct(db: SpeciesDb, elements: string[], e: string): boolean {
  let memo = productCache.get(db);
  if (!memo) productCache.set(db, (memo = new Map()));
  const key = `${elements.join(',')}|${e}`;
  let has = memo.get(key);
  if (has === undefined) {
    // (intervals last: a packed species makes them on first use)
    has = db.species.some((sp) => !sp.reactantOnly && sp.elements[e] !== undefined
      && Object.keys(sp.elements).every((x) => elements.includes(x)) && sp.intervals.length > 0);
    memo.set(key, has);
  }
  return has;
}

/** Resolves reactants, roles and O/F (or φ) into element totals and enthalpy per kg. */
export function prepareMixture(p: Record<string, unknown>, db: SpeciesDb, ions = false): Result<PreparedMixture, KernelError> {
  if (!Array.isArray(p.reactants) || p.reactants.length === 0) return bad(`reactants must be a non-empty list (got ${formatValue(p.reactants)})`, 'reactants');
  const list: (Omit<ResolvedReactant, 'w'> & { frac: number })[] = [];
  for (let i = 0; i < p.reactants.length; i++) {
    const r = p.reactants[i];
    if (!isObj(r)) return bad(`reactant must be an object (got ${formatValue(r)})`, `reactants[${i}]`);
    const v = resolveReactant(r, i, db);
    if (!v.ok) return v;
    list.push(v.value);
  }
  const fuels = list.map((r, i) => (r.role === 'fuel' ? i : -1)).filter((i) => i >= 0);
  const oxids = list.map((r, i) => (r.role === 'oxidizer' ? i : -1)).filter((i) => i >= 0);
  const noRole = list.map((r, i) => (r.role === undefined ? i : -1)).filter((i) => i >= 0);
  let ofUsed: number | null = null;
  const w = new Array<number>(list.length).fill(0);
  const bipropellant = fuels.length > 0 && oxids.length > 0;
  if (bipropellant || ((fuels.length > 0 || oxids.length > 0) && (p.of !== undefined || p.phi !== undefined))) {
    if (noRole.length) return bad(`reactant ${list[noRole[0]].name} needs a role (fuel or oxidizer) when others have one`, `reactants[${noRole[0]}].role`);
    if (!fuels.length) return bad('an O/F needs at least one fuel', 'reactants');
    if (!oxids.length) return bad('an O/F needs at least one oxidizer', 'reactants');
    const e1 = sumsToOne(list, fuels, 'of the fuels', `reactants[${fuels[0]}].massFraction`) ?? sumsToOne(list, oxids, 'of the oxidizers', `reactants[${oxids[0]}].massFraction`);
    if (e1) return e1;
    let of: number;
    if (p.of !== undefined) {
      if (p.phi !== undefined) return bad('give either of or phi, not both', 'phi');
      const ob = checkNumber(p.of, { field: 'of', label: 'O/F mixture ratio', ...ENGINE_LIMITS.of });
      if (ob) return ob;
      of = p.of as number;
    } else if (p.phi !== undefined) {
      const pb = checkNumber(p.phi, { field: 'phi', label: 'equivalence ratio φ', ...ENGINE_LIMITS.phi });
      if (pb) return pb;
      // (O/F)st = −V_fuel / V_oxidizer, V = Σ valence · b_i per kg of each (RP-1311 §9.2 sense).
      const valence = (idx: number[]) => {
        let v = 0;
        for (const k of idx) {
          for (const [e, c] of Object.entries(list[k].elements)) {
            const val = VALENCE[e];
            if (val === undefined) return NaN;
            v += list[k].frac * 1000 / list[k].M * c * val;
          }
        }
        return v;
      };
      const vf = valence(fuels), vo = valence(oxids);
      if (!Number.isFinite(vf) || !Number.isFinite(vo)) return bad('phi needs valences of every element; give of instead', 'phi');
      if (!(vf > 0) || !(vo < 0)) return bad(`phi needs a fuel with positive and an oxidizer with negative valence (got ${vf.toPrecision(4)}, ${vo.toPrecision(4)})`, 'phi');
      of = -vf / vo / (p.phi as number);
    } else {
      return bad('a fuel/oxidizer problem needs of (O/F mass ratio) or phi (got neither)', 'of');
    }
    ofUsed = of;
    for (const k of fuels) w[k] = list[k].frac / (1 + of);
    for (const k of oxids) w[k] = list[k].frac * of / (1 + of);
  } else {
    const all = list.map((_, i) => i);
    const e1 = sumsToOne(list, all, 'of the propellant', 'reactants[0].massFraction');
    if (e1) return e1;
    for (const k of all) w[k] = list[k].frac;
  }
  const reactants: ResolvedReactant[] = list.map((r, i) => ({ name: r.name, role: r.role, w: w[i], frac: r.frac, T_K: r.T_K, elements: r.elements, M: r.M, H_J_mol: r.H_J_mol }));
  const used = reactants.filter((r) => r.frac > 0);
  const elements: string[] = [];
  for (const r of used) for (const e of Object.keys(r.elements)) if (!elements.includes(e)) elements.push(e);
  elements.sort();
  // With ions the electron is one more "element": its total, the charge, is zero.
  if (ions && !elements.includes('E')) elements.push('E');
  // every element must have a product to go to
  for (const e of elements) {
    if (e === 'E' && ions) continue;
    if (e === 'E') return bad('electrons among the reactants need ions: true', 'ions');
    if (!formsProduct(db, elements, e)) {
      const k = reactants.findIndex((r) => r.elements[e] !== undefined);
      return bad(`element ${e} (from ${reactants[k].name}) forms no product species in the thermo data`, `reactants[${k}]`);
    }
  }
  const b0 = totals(used, elements);
  const h0 = used.reduce((s, r) => s + (r.w * 1000 / r.M) * r.H_J_mol, 0);
  return ok({ elements, b0, h0_J_kg: h0, of: ofUsed, reactants });
}

/** The same mixture at another O/F (roles kept): element totals and enthalpy re-weighted. */
export function mixtureAtOf(mix: PreparedMixture, of: number): PreparedMixture {
  const reactants = mix.reactants.map((r) => ({ ...r, w: r.role === 'fuel' ? r.frac / (1 + of) : r.frac * of / (1 + of) }));
  const used = reactants.filter((r) => r.w > 0);
  return {
    elements: mix.elements,
    b0: totals(used, mix.elements),
    h0_J_kg: used.reduce((s, r) => s + (r.w * 1000 / r.M) * r.H_J_mol, 0),
    of,
    reactants,
  };
}

/** Element totals (mol/kg) and enthalpy (J/kg) of one kg of the fuels and of one kg of the oxidizers. */
export function roleMixtures(mix: PreparedMixture): { fuel: { b0: number[]; h0_J_kg: number }; oxidizer: { b0: number[]; h0_J_kg: number } } {
  const of = (role: 'fuel' | 'oxidizer') => {
    const rs = mix.reactants.filter((r) => r.role === role).map((r) => ({ ...r, w: r.frac }));
    return { b0: totals(rs, mix.elements), h0_J_kg: rs.reduce((s, r) => s + (r.w * 1000 / r.M) * r.H_J_mol, 0) };
  };
  return { fuel: of('fuel'), oxidizer: of('oxidizer') };
}

// Prepared mixtures by their inputs (reactants, O/F or φ, ions), per database: a batch of problems
// over one propellant system (a grid, a sweep, a command-line run) prepares each mixture once. The
// key is the inputs' JSON text, so only inputs that read back the same share an entry; only valid
// mixtures are kept, and they are never modified after preparation. A run of problems repeats one
// reactant list (each problem its own copy, as JSON.parse makes them) at many O/F ratios: the list
// is compared member by member with the tokens of the last one seen (matchJson) instead of being
// serialised again, and a numeric O/F keys a map of that list's mixtures without any text.
interface MixtureMemo {
  byText: Map<string, PreparedMixture>;
  /** per reactant list (its JSON text): mixtures by O/F, without and with ions */
  byOf: Map<string, [Map<number, PreparedMixture>, Map<number, PreparedMixture>]>;
  size: number;
  /** the last reactant list looked up, as tokens (flattenJson), and its maps */
  last: unknown[];
  lastMaps: [Map<number, PreparedMixture>, Map<number, PreparedMixture>] | null;
}
const mixtureCache = new WeakMap<SpeciesDb, MixtureMemo>();
const MIXTURE_CACHE_SIZE = 512;

// A JSON value as a flat list of tokens (JSON_OBJECT, key, value…, JSON_END; JSON_ARRAY, length,
// elements…; the primitives themselves): compared with a value member by member without allocating.
const JSON_OBJECT = Symbol('{');
const JSON_ARRAY = Symbol('[');
const JSON_END = Symbol('}');

/** Appends x's tokens to `out`; false when x is not plain JSON data (non-finite numbers, functions, class instances, toJSON…). */
function flattenJson(x: unknown, out: unknown[]): boolean {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') {
    out.push(x);
    return true;
  }
  if (typeof x === 'number') {
    out.push(x);
    return Number.isFinite(x);
  }
  if (typeof x !== 'object') return false;
  if (Array.isArray(x)) {
    out.push(JSON_ARRAY, x.length);
    for (let i = 0; i < x.length; i++) if (!flattenJson(x[i], out)) return false;
    return true;
  }
  if (Object.getPrototypeOf(x) !== Object.prototype) return false;
  out.push(JSON_OBJECT);
  const o = x as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue; // (left out of the text)
    if (k === 'toJSON' || !Object.hasOwn(o, k)) return false;
    out.push(k);
    if (!flattenJson(v, out)) return false;
  }
  out.push(JSON_END);
  return true;
}

/**
 * The index after x's tokens when x matches the tokens of `flat` from i (then JSON.stringify gives
 * both the same text), else −1. Strict: whatever flattenJson refuses never matches.
 */
function matchJson(x: unknown, flat: readonly unknown[], i: number): number {
  if (x === null || typeof x !== 'object') return x === flat[i] ? i + 1 : -1; // (flat holds no NaN, no functions)
  if (Array.isArray(x)) {
    if (flat[i] !== JSON_ARRAY || flat[i + 1] !== x.length) return -1;
    i += 2;
    for (let k = 0; k < x.length && i >= 0; k++) i = matchJson(x[k], flat, i);
    return i;
  }
  if (flat[i] !== JSON_OBJECT || Object.getPrototypeOf(x) !== Object.prototype) return -1;
  i++;
  const o = x as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    if (flat[i] !== k || !Object.hasOwn(o, k)) return -1;
    i = matchJson(v, flat, i + 1);
    if (i < 0) return -1;
  }
  return flat[i] === JSON_END ? i + 1 : -1;
}

// Keeps a prepared mixture in one of memo's maps; when they hold MIXTURE_CACHE_SIZE they are all
// emptied instead (a list's map is then no longer reachable, so nothing is added to it).
function remember(memo: MixtureMemo, m: Map<string | number, PreparedMixture>, key: string | number, mix: PreparedMixture): void {
  if (memo.size >= MIXTURE_CACHE_SIZE) {
    memo.byText.clear();
    memo.byOf.clear();
    memo.last = [];
    memo.lastMaps = null;
    memo.size = 0;
    if (m !== memo.byText) return;
  }
  m.set(key, mix);
  memo.size++;
}

function preparedMixture(p: Record<string, unknown>, db: SpeciesDb, ions: boolean): Result<PreparedMixture, KernelError> {
  let memo = mixtureCache.get(db);
  if (!memo) mixtureCache.set(db, (memo = { byText: new Map(), byOf: new Map(), size: 0, last: [], lastMaps: null }));
  if (typeof p.of === 'number' && Number.isFinite(p.of) && p.phi === undefined && Array.isArray(p.reactants)) {
    let maps = memo.lastMaps !== null && matchJson(p.reactants, memo.last, 0) === memo.last.length ? memo.lastMaps : null;
    if (!maps) {
      let text: string | undefined;
      try {
        text = JSON.stringify(p.reactants);
      } catch {
        return prepareMixture(p, db, ions); // not JSON (a BigInt, a cycle): prepared without the cache, and refused there
      }
      maps = memo.byOf.get(text) ?? null;
      if (!maps) memo.byOf.set(text, (maps = [new Map(), new Map()]));
      const flat: unknown[] = [];
      memo.last = flattenJson(p.reactants, flat) ? flat : [];
      memo.lastMaps = flat === memo.last ? maps : null;
    }
    const m = maps[ions ? 1 : 0];
    const hit = m.get(p.of);
    if (hit) return ok(hit);
    const mix = prepareMixture(p, db, ions);
    if (mix.ok) remember(memo, m as Map<string | number, PreparedMixture>, p.of, mix.value);
    return mix;
  }
  let key: string | undefined;
  try {
    key = JSON.stringify([p.reactants, p.of, p.phi, ions]);
  } catch {
    key = undefined; // not JSON (a BigInt, a cycle): prepared without the cache, and refused there
  }
  const hit = key === undefined ? undefined : memo.byText.get(key);
  if (hit) return ok(hit);
  const mix = prepareMixture(p, db, ions);
  if (mix.ok && key !== undefined) remember(memo, memo.byText as Map<string | number, PreparedMixture>, key, mix.value);
  return mix;
}

/** A validated problem ready for the kernels. */
export type PreparedProblem =
  | { kind: 'rocket'; problem: RocketProblem; mix: PreparedMixture; exits: ExitSpec[]; frozenAt: 0 | 1 | 2; combustor?: CombustorSpec }
  | { kind: 'hp'; problem: HpProblem; mix: PreparedMixture }
  | { kind: 'tp'; problem: TpProblem; mix: PreparedMixture };

/** Checks a rocket problem's `combustor` (absent: infinite area → null). */
function checkCombustor(c: unknown): Result<CombustorSpec, KernelError> | null {
  if (c === undefined) return null;
  const keys = isObj(c) ? Object.keys(c).filter((k) => c[k] !== undefined) : [];
  if (!isObj(c) || keys.length !== 1 || (keys[0] !== 'contractionRatio' && keys[0] !== 'massFlux')) {
    return bad(`combustor must be {"contractionRatio": Ac/At} or {"massFlux": kg/(s·m²)} (got ${isObj(c) ? JSON.stringify(c).slice(0, 80) : formatValue(c)})`, 'combustor');
  }
  if (keys[0] === 'contractionRatio') {
    const b = checkNumber(c.contractionRatio, { field: 'combustor.contractionRatio', label: 'contraction ratio Ac/At', gt: 1, le: 1e4 });
    return b ?? ok({ contractionRatio: c.contractionRatio as number });
  }
  const b = checkNumber(c.massFlux, { field: 'combustor.massFlux', label: 'mass flux per chamber area', unit: 'kg/(s·m²)', gt: 0, le: 1e7 });
  return b ?? ok({ massFlux: c.massFlux as number });
}

/** Validates one problem of the `solve` format against the species data; errors name the field. */
export function prepareProblem(raw: unknown, db: SpeciesDb): Result<PreparedProblem, KernelError> {
  if (!isObj(raw)) return bad(`problem must be an object (got ${formatValue(raw)})`);
  const kind = raw.problem;
  if (kind !== 'rocket' && kind !== 'hp' && kind !== 'tp') return bad(`problem must be "rocket", "hp" or "tp" (got ${formatValue(kind)})`, 'problem');
  if (raw.ions !== undefined && typeof raw.ions !== 'boolean') return bad(`ions must be true or false (got ${formatValue(raw.ions)})`, 'ions');
  if (raw.transport !== undefined && typeof raw.transport !== 'boolean') return bad(`transport must be true or false (got ${formatValue(raw.transport)})`, 'transport');
  const mix = preparedMixture(raw, db, raw.ions === true);
  if (!mix.ok) return mix;
  if (kind === 'rocket') {
    const comb = checkCombustor(raw.combustor);
    if (comb && !comb.ok) return comb;
    const combustor = comb?.value;
    const pb = withinBounds(raw.pc, ENGINE_LIMITS.pc_Pa) ? null : checkNumber(raw.pc, { field: 'pc', label: combustor ? 'injector pressure' : 'chamber pressure', unit: 'Pa', ...ENGINE_LIMITS.pc_Pa });
    if (pb) return pb;
    if (raw.pamb !== undefined && !withinBounds(raw.pamb, ENGINE_LIMITS.pamb_Pa)) {
      const ab = checkNumber(raw.pamb, { field: 'pamb', label: 'ambient pressure', unit: 'Pa', ...ENGINE_LIMITS.pamb_Pa });
      if (ab) return ab;
    }
    const exitsRaw = raw.exits ?? [];
    if (!Array.isArray(exitsRaw)) return bad(`exits must be a list (got ${formatValue(exitsRaw)})`, 'exits');
    if (exitsRaw.length > 64) return bad(`at most 64 exits (got ${exitsRaw.length})`, 'exits');
    const exits: ExitSpec[] = [];
    for (let k = 0; k < exitsRaw.length; k++) {
      const e: unknown = exitsRaw[k];
      // (the common exits, one member within its limits, first: no message is built for them)
      if (isObj(e) && e.areaRatio !== undefined && e.pcOverPe === undefined && e.subsonicAreaRatio === undefined && withinBounds(e.areaRatio, ENGINE_LIMITS.areaRatio)) {
        exits.push({ areaRatio: e.areaRatio as number });
        continue;
      }
      if (isObj(e) && e.pcOverPe !== undefined && e.areaRatio === undefined && e.subsonicAreaRatio === undefined && withinBounds(e.pcOverPe, ENGINE_LIMITS.pcOverPe)) {
        exits.push({ pcOverPe: e.pcOverPe as number });
        continue;
      }
      const given = isObj(e) ? (['pcOverPe', 'areaRatio', 'subsonicAreaRatio'] as const).filter((f) => e[f] !== undefined) : [];
      if (isObj(e) && given.length === 1 && given[0] === 'pcOverPe') {
        const b = checkNumber(e.pcOverPe, { field: `exits[${k}].pcOverPe`, label: combustor ? 'pressure ratio p_inj/pe' : 'pressure ratio pc/pe', ...ENGINE_LIMITS.pcOverPe });
        if (b) return b;
        exits.push({ pcOverPe: e.pcOverPe as number });
      } else if (isObj(e) && given.length === 1 && given[0] === 'areaRatio') {
        const b = checkNumber(e.areaRatio, { field: `exits[${k}].areaRatio`, label: 'area ratio Ae/At', ...ENGINE_LIMITS.areaRatio });
        if (b) return b;
        exits.push({ areaRatio: e.areaRatio as number });
      } else if (isObj(e) && given.length === 1 && given[0] === 'subsonicAreaRatio') {
        const cr = combustor && 'contractionRatio' in combustor ? combustor.contractionRatio : undefined;
        const field = `exits[${k}].subsonicAreaRatio`;
        const b = checkNumber(e.subsonicAreaRatio, { field, label: 'subsonic area ratio Ae/At', gt: 1, le: 1e5 });
        if (b) return b;
        if (cr !== undefined && !((e.subsonicAreaRatio as number) < cr)) {
          return bad(`subsonic area ratio Ae/At must be < the contraction ratio Ac/At = ${cr} (got ${e.subsonicAreaRatio as number})`, field);
        }
        exits.push({ subsonicAreaRatio: e.subsonicAreaRatio as number });
      } else {
        return bad(`exit must be {"pcOverPe": x}, {"areaRatio": x} or {"subsonicAreaRatio": x} (got ${formatValue(e)})`, `exits[${k}]`);
      }
    }
    const chem = raw.chemistry ?? 'equilibrium';
    if (chem !== 'equilibrium' && chem !== 'frozen') return bad(`chemistry must be "equilibrium" or "frozen" (got ${formatValue(chem)})`, 'chemistry');
    const fa = raw.freezeAt ?? 'chamber';
    if (fa !== 'chamber' && fa !== 'throat') return bad(`freezeAt must be "chamber" or "throat" (got ${formatValue(fa)})`, 'freezeAt');
    const frozenAt = chem === 'equilibrium' ? 0 : fa === 'chamber' ? 1 : 2;
    if (combustor && frozenAt === 1) {
      // CEA2 refuses freezing at the combustor end (nfz=2) and its injector-frozen output (nfz=1) is
      // an infinite-area expansion from the injector: a finite chamber freezes only after the throat
      return bad(`with a finite-area combustor the composition can freeze only at the throat (got freezeAt ${formatValue(raw.freezeAt ?? 'chamber')}${raw.freezeAt === undefined ? ', the default' : ''}); give "freezeAt": "throat"`, 'freezeAt');
    }
    return ok({ kind: 'rocket', problem: raw as unknown as RocketProblem, mix: mix.value, exits, frozenAt, ...(combustor ? { combustor } : {}) });
  }
  const pb = checkNumber(raw.p, { field: 'p', label: 'pressure', unit: 'Pa', ...ENGINE_LIMITS.p_Pa });
  if (pb) return pb;
  if (kind === 'tp') {
    const tb = checkNumber(raw.T, { field: 'T', label: 'temperature', unit: 'K', ...ENGINE_LIMITS.T_K });
    if (tb) return tb;
    return ok({ kind: 'tp', problem: raw as unknown as TpProblem, mix: mix.value });
  }
  return ok({ kind: 'hp', problem: raw as unknown as HpProblem, mix: mix.value });
}

export type { ReactantSpec };
