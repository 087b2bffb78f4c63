// Revisions of stored experiments, as CouchDB keeps them: every write names the revision it read,
// storage refuses a write whose revision is no longer the stored one, and the two versions are
// shown side by side (field by field, in the user's units) so the user chooses. Pure: runs in node.
//
// The revision is `Experiment.rev`, a whole number that app/data sets on every write. It belongs
// to this browser's storage: files and share links leave it out, and every import path assigns a
// fresh one. A document without one is new (never stored) or was stored before revisions existed
// (read back as revision 0).
import { restoreExperiment, type Experiment, type UnitSystem } from './experiment.ts';
import { err, ok, type Result } from './result.ts';
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

interface Field {
  key: string;
  label: string;
  get: (e: Experiment) => unknown;
  /** Copies the field of `from` into `to` (a draft being merged). */
  copy: (to: Experiment, from: Experiment) => void;
  show: (v: unknown, u: UnitSystem) => string;
}

const num = (v: number, digits = 6) => String(+v.toPrecision(digits));
const quantity = (q: 'pressure' | 'temperature', v: unknown, u: UnitSystem) =>
  typeof v === 'number' ? `${num(toDisplay(q, v, u))} ${unitLabel(q, u)}` : '—';
const short = (s: unknown, max = 160) => {
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
const FIELDS: Field[] = [
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
function same(a: unknown, b: unknown): boolean {
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
function uncovered(e: Experiment): unknown {
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

// ---- merging field by field (the user picks each side) ----

/** The pseudo-field for what differs outside the fields the editor shows (kept whole from one side). */
export const OTHER_FIELDS_KEY = 'other';

export type Side = 'mine' | 'theirs';

/** Top-level paths in which two uncovered parts differ ("createdAt", "inputs.problem.foo"). */
function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(a) || !isObj(b)) return same(a, b) ? [] : [path];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((k) => (k === 'inputs' || k === 'problem' ? differingPaths(a[k], b[k], path ? `${path}.${k}` : k) : same(a[k], b[k]) ? [] : [path ? `${path}.${k}` : k]));
}

/**
 * The rows a field-by-field merge offers: every field the editor shows that differs (as
 * experimentDiff), then, when anything else differs, one row for the rest (kept whole from one side).
 */
export function mergeRows(mine: Experiment, theirs: Experiment, units: UnitSystem): FieldDiff[] {
  const rows = experimentDiff(mine, theirs, null, units);
  const paths = differingPaths(uncovered(mine), uncovered(theirs));
  if (paths.length) {
    const pick = (e: Experiment) => {
      const u = uncovered(e) as Record<string, unknown>;
      return short(paths.map((p) => `${p}: ${JSON.stringify(p.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], u)) ?? '(none)'}`).join('; '));
    };
    rows.push({ key: OTHER_FIELDS_KEY, label: `Other settings (${paths.join(', ')})`.slice(0, 160), mine: pick(mine), theirs: pick(theirs) });
  }
  return rows;
}

/**
 * One document from two versions of the same experiment, each differing field taken from the side
 * the user picked (`picks[key]`, keys as mergeRows gives them). Every differing field needs a pick,
 * so nothing is decided silently. The result is read back through restoreExperiment, as any import
 * is, and refused (an error naming the field) when that would change or drop anything — e.g. O/F
 * from one side and the equivalence ratio from the other, which cannot both be kept.
 */
export function mergeByField(mine: Experiment, theirs: Experiment, picks: Record<string, Side>, units: UnitSystem = 'SI'): Result<Experiment> {
  if (mine.id !== theirs.id) return err('bad-input', `both versions must be of one experiment (got ids ${JSON.stringify(mine.id)} and ${JSON.stringify(theirs.id)})`, 'id');
  const rows = mergeRows(mine, theirs, units);
  for (const [k, v] of Object.entries(picks)) {
    if (!rows.some((r) => r.key === k)) return err('bad-input', `${JSON.stringify(k)} is not a field in which the two versions differ`, k);
    if (v !== 'mine' && v !== 'theirs') return err('bad-input', `the pick for ${k} must be "mine" or "theirs" (got ${JSON.stringify(v)})`, k);
  }
  const missing = rows.find((r) => !Object.prototype.hasOwnProperty.call(picks, r.key));
  if (missing) return err('bad-input', `choose which version of ${missing.label} to keep`, missing.key);
  const side = (k: string) => (picks[k] === 'mine' ? mine : theirs);
  const out = structuredClone(withoutRevision(side(OTHER_FIELDS_KEY)));
  for (const f of FIELDS) if (rows.some((r) => r.key === f.key)) f.copy(out, side(f.key));
  const p = out.inputs.problem;
  if (p.of !== undefined && p.phi !== undefined) {
    return err('bad-input', `O/F (${num(p.of)}) and the equivalence ratio (${num(p.phi)}) come from different versions and cannot both be kept: take both from the same version`, picks.of === undefined ? 'phi' : 'of');
  }
  const r = restoreExperiment(out);
  if (!r.ok) return err(r.error.code, `the merged experiment is not valid: ${r.error.message}`, r.error.field);
  if (r.warnings.length) return err('bad-input', `the merged experiment would not be kept as chosen: ${r.warnings[0]}`);
  const changed = differingPaths(r.value, out);
  if (changed.length) return err('bad-input', `the merged experiment would not be kept as chosen (${changed.join(', ')} would change)`, changed[0]);
  return ok(r.value);
}
