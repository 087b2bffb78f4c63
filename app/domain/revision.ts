// Revisions of stored experiments, as CouchDB keeps them: every write names the revision it read,
// storage refuses a write whose revision is no longer the stored one, and the two versions are
// shown side by side (field by field, in the user's units) so the user chooses. Pure: runs in node.
//
// The revision is `Experiment.rev`, a whole number that app/data sets on every write. It belongs
// to this browser's storage: files and share links leave it out, and every import path assigns a
// fresh one. A document without one is new (never stored) or was stored before revisions existed
// (read back as revision 0).
import type { Experiment, UnitSystem } from './experiment.ts';
import type { ExitSpec, ReactantSpec } from './problem.ts';
import { toDisplay, unitLabel } from './units.ts';

/** The revision of a stored record: 0 for one written before revisions existed. */
export function revisionOf(raw: unknown): number {
  const r = (raw as { rev?: unknown } | null | undefined)?.rev;
  return typeof r === 'number' && Number.isSafeInteger(r) && r >= 0 ? r : 0;
}

/**
 * True when a write that read revision `expected` (null: it expects no stored record, a new
 * document) may replace what is stored now (`stored`: its revision, or null when there is none).
 */
export function revisionMatches(expected: number | null, stored: number | null): boolean {
  return expected === stored;
}

/** The document as it travels outside this browser's storage (files, links): without its revision. */
export function withoutRevision<T extends { rev?: number }>(e: T): T {
  if (!('rev' in e)) return e;
  const { rev: _rev, ...rest } = e;
  return rest as T;
}

// ---- the two versions side by side ----

export interface FieldDiff {
  /** Stable key of the field ("name", "pc", "reactants", …). */
  key: string;
  /** What the user reads ("Chamber pressure"). */
  label: string;
  /** The value in the user's units, as text. */
  mine: string;
  theirs: string;
  /** Who changed it since the revision both started from, when that revision is known. */
  changedBy?: 'mine' | 'theirs' | 'both';
}

export interface Field {
  key: string;
  label: string;
  get: (e: Experiment) => unknown;
  /** Copies the field of `from` into `to` (a draft being merged). */
  copy: (to: Experiment, from: Experiment) => void;
  show: (v: unknown, u: UnitSystem) => string;
}

export const num = (v: number, digits = 6) => String(+v.toPrecision(digits));
const quantity = (q: 'pressure' | 'temperature', v: unknown, u: UnitSystem) =>
  typeof v === 'number' ? `${num(toDisplay(q, v, u))} ${unitLabel(q, u)}` : '—';
export const short = (s: unknown, max = 160) => {
  const t = typeof s === 'string' ? s : '';
  if (!t) return '(empty)';
  return t.length > max ? `${t.slice(0, max)}… (${t.length} characters)` : t;
};

function showReactants(v: unknown, u: UnitSystem): string {
  const rs = (v ?? []) as ReactantSpec[];
  return rs.map((r) => `${r.name}${r.role ? ` (${r.role}` : ' ('}${r.role ? ', ' : ''}${num(r.massFraction * 100, 4)} %${r.T !== undefined ? `, ${quantity('temperature', r.T, u)}` : ''})`).join('; ') || '(none)';
}

function showExits(v: unknown): string {
  const xs = (v ?? []) as ExitSpec[];
  return xs.map((x) => ('areaRatio' in x ? `Ae/At ${num(x.areaRatio)}` : 'subsonicAreaRatio' in x ? `subsonic Ae/At ${num(x.subsonicAreaRatio)}` : `pc/pe ${num(x.pcOverPe)}`)).join(', ') || '(none)';
}

const problemField = (key: 'pc' | 'of' | 'phi' | 'pamb' | 'ions' | 'transport' | 'combustor' | 'reactants' | 'exits', label: string, show: Field['show']): Field => ({
  key,
  label,
  get: (e) => e.inputs.problem[key],
  copy: (to, from) => {
    const v = from.inputs.problem[key];
    if (v === undefined) delete to.inputs.problem[key];
    else (to.inputs.problem as unknown as Record<string, unknown>)[key] = structuredClone(v);
  },
  show,
});

const topField = (key: 'name' | 'description' | 'notes' | 'tags' | 'isTemplate' | 'studies', label: string, show: Field['show']): Field => ({
  key,
  label,
  get: (e) => e[key],
  copy: (to, from) => {
    (to as Record<string, unknown>)[key] = structuredClone(from[key]);
  },
  show,
});

/** Every field a user edits, in the order the editor shows them. */
export const FIELDS: Field[] = [
  topField('name', 'Name', (v) => short(v)),
  topField('description', 'Description', (v) => short(v)),
  topField('tags', 'Tags', (v) => ((v as string[]) ?? []).join(', ') || '(none)'),
  {
    key: 'units',
    label: 'Units',
    get: (e) => e.inputs.units,
    copy: (to, from) => void (to.inputs.units = from.inputs.units),
    show: (v) => String(v),
  },
  {
    key: 'system',
    label: 'Propellant system',
    get: (e) => e.inputs.system,
    copy: (to, from) => void (to.inputs.system = from.inputs.system),
    show: (v) => String(v),
  },
  problemField('reactants', 'Reactants', showReactants),
  problemField('pc', 'Chamber pressure', (v, u) => quantity('pressure', v, u)),
  problemField('of', 'O/F', (v) => (typeof v === 'number' ? num(v) : '—')),
  problemField('phi', 'Equivalence ratio', (v) => (typeof v === 'number' ? num(v) : '—')),
  problemField('exits', 'Nozzle exits', showExits),
  {
    key: 'chemistry',
    label: 'Chemistry',
    get: (e) => [e.inputs.problem.chemistry ?? 'equilibrium', e.inputs.problem.freezeAt ?? null],
    copy: (to, from) => {
      to.inputs.problem.chemistry = from.inputs.problem.chemistry;
      if (from.inputs.problem.freezeAt === undefined) delete to.inputs.problem.freezeAt;
      else to.inputs.problem.freezeAt = from.inputs.problem.freezeAt;
    },
    show: (v) => {
      const [c, at] = v as [string, string | null];
      return c === 'frozen' ? `frozen at the ${at ?? 'chamber'}` : 'shifting equilibrium';
    },
  },
  problemField('pamb', 'Ambient pressure', (v, u) => quantity('pressure', v, u)),
  problemField('ions', 'Ions', (v) => (v ? 'included' : 'not included')),
  problemField('combustor', 'Combustor', (v) => {
    const c = v as { contractionRatio?: number; massFlux?: number } | undefined;
    return c?.contractionRatio !== undefined ? `finite, Ac/At ${num(c.contractionRatio)}` : c?.massFlux !== undefined ? `finite, ṁ/Ac ${num(c.massFlux)} kg/(s·m²)` : 'infinite area';
  }),
  problemField('transport', 'Transport properties', (v) => (v ? 'computed' : 'not computed')),
  topField('notes', 'Notes', (v) => short(v)),
  topField('isTemplate', 'In my templates', (v) => (v ? 'yes' : 'no')),
  topField('studies', 'Studies', (v) => {
    const ss = (v ?? []) as Experiment['studies'];
    return ss.length ? `${ss.length}: ${ss.map((s) => `${s.kind} (${s.status})`).join(', ')}` : '(none)';
  }),
];

/** Key-order-independent equality of JSON-like values (the stored documents). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const whoChanged = (f: Field, mine: Experiment, theirs: Experiment, base: Experiment): FieldDiff['changedBy'] => {
  const m = !same(f.get(mine), f.get(base));
  const t = !same(f.get(theirs), f.get(base));
  return m && t ? 'both' : m ? 'mine' : t ? 'theirs' : undefined;
};

/**
 * The fields in which `mine` and `theirs` differ, shown in `units`; with `base` (the revision
 * both were edited from), each says who changed it.
 */
export function experimentDiff(mine: Experiment, theirs: Experiment, base: Experiment | null, units: UnitSystem): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const f of FIELDS) {
    const [m, t] = [f.get(mine), f.get(theirs)];
    if (same(m, t)) continue;
    const d: FieldDiff = { key: f.key, label: f.label, mine: f.show(m, units), theirs: f.show(t, units) };
    const by = base ? whoChanged(f, mine, theirs, base) : undefined;
    if (by) d.changedBy = by;
    out.push(d);
  }
  return out;
}

/** The document without the fields FIELDS covers, nor the bookkeeping that every write changes. */
export function uncovered(e: Experiment): unknown {
  const { name: _n, description: _d, notes: _no, tags: _t, isTemplate: _it, studies: _st, rev: _rev, updatedAt: _up, modifiedBy: _mb, modifiedAt: _ma, inputs, ...top } = e;
  const { units: _u, system: _s, problem, ...inputsRest } = inputs;
  const { reactants: _r, pc: _pc, of: _of, phi: _phi, exits: _x, chemistry: _c, freezeAt: _f, pamb: _pa, ions: _i, combustor: _cb, transport: _tr, ...problemRest } = problem;
  return { ...top, inputs: { ...inputsRest, problem: problemRest } };
}

/**
 * Both sets of edits in one document: every field takes the side that changed it since `base`.
 * Null when they cannot be combined without choosing (a field changed on both sides to different
 * values, or a change outside the fields the user edits).
 */
export function mergeExperiments(mine: Experiment, theirs: Experiment, base: Experiment): Experiment | null {
  if (!same(uncovered(mine), uncovered(base))) return null;
  const out = structuredClone(theirs);
  for (const f of FIELDS) {
    const by = whoChanged(f, mine, theirs, base);
    if (by === 'both' && !same(f.get(mine), f.get(theirs))) return null;
    if (by === 'mine') f.copy(out, mine);
  }
  return out;
}
