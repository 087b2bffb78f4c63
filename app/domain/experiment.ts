// The experiment document: what a user saves, shares and exports. It describes itself (`type`,
// `version`), and every load path (storage, share link, file) reads it through
// `restoreExperiment`, which migrates old versions one step at a time, fills defaults, keeps the
// fields it does not know and never throws.
//
// Version history
//   1  timestamps as epoch ms (`created`, `modified`), tags as one comma-separated string, units
//      preference at top level, inputs = flat problem with chamber pressure in bar (`pc_bar`),
//      notes as a list of strings, studies without ids.
//   2  ISO timestamps (`createdAt`, `updatedAt`), tags as a list, inputs = { system, problem
//      (the engine's RocketProblem, SI), units }, notes as one text, studies with ids.
//   3  adds the study kind 'dataset' (a Learn dataset kept with the experiment, its rows in the
//      results store). Nothing else changes, but a version-2 reader drops studies of a kind it
//      does not know and would lose the dataset on its next save, so it must refuse the document.
//   4  adds the study kinds 'firing' (a test-stand firing saved with the experiment: its figures and
//      flags in the study, its compressed raw trace in the results store; app/domain/firing/saved.ts)
//      and 'analysis' (a sensitivity or uncertainty analysis from Analyze: its spec with the seed,
//      and the model's values at the analysis design in the results store, from which the result
//      is computed again). Nothing else changes; refused by version-3 readers for the same reason
//      as step 3.
import type { ExitSpec, ReactantSpec, RocketProblem } from './problem.ts';
import { cleanJson, isRecord, unknownFields, type JsonValue } from './json-clean.ts';
import type { KernelError } from './result.ts';

export const EXPERIMENT_TYPE = 'rocket-fuel-optimizer/experiment';
export const EXPERIMENT_VERSION = 4;

export type UnitSystem = 'SI' | 'US';
export const STUDY_KINDS = ['point', 'sweep', 'optimisation', 'model', 'dataset', 'firing', 'analysis'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
export const STUDY_STATUSES = ['draft', 'queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export interface Study {
  id: string;
  kind: StudyKind;
  /** What to run: sweep ranges, optimiser settings, model architecture… (kind-specific, JSON). */
  spec: Record<string, JsonValue>;
  /** Seed of every random choice the study makes, so a shared study reruns identically. */
  seed: number;
  status: StudyStatus;
  /** Key of the stored results (results object store), null until there are any. */
  resultsRef: string | null;
  /** A few headline figures (SI, names carry units) kept in the document for lists, compare and trends. */
  summary?: Record<string, number>;
  updatedAt: string;
  [extra: string]: unknown;
}

export interface ExperimentInputs {
  /** Propellant-system key (e.g. "lox-lh2"), "custom" when the user built the mix. */
  system: string;
  problem: RocketProblem;
  units: UnitSystem;
  [extra: string]: unknown;
}

export interface Experiment {
  type: typeof EXPERIMENT_TYPE;
  version: typeof EXPERIMENT_VERSION;
  id: string;
  name: string;
  description: string;
  tags: string[];
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
  inputs: ExperimentInputs;
  studies: Study[];
  notes: string;
  /** Listed among the user's own templates. */
  isTemplate: boolean;
  /** Who last changed it in a synced workspace (the server's user name) and when (ISO); absent otherwise. */
  modifiedBy?: string;
  modifiedAt?: string;
  /**
   * Storage revision (see revision.ts): set by app/data on every write, absent on a document that
   * was never stored. Not part of the format (files and links leave it out), so no version step.
   */
  rev?: number;
  [extra: string]: unknown;
}

export type RestoreResult = { ok: true; value: Experiment; warnings: string[] } | { ok: false; error: KernelError };

export interface RestoreOptions {
  /** Clock for missing timestamps (ISO); tests pass a fixed one. */
  now?: () => string;
  /** Id for a document that lacks one. */
  newId?: () => string;
}

export const LIMITS = { name: 120, description: 4000, notes: 20000, tag: 40, tags: 30, reactants: 20, exits: 20, studies: 200 } as const;

export const DEFAULT_PROBLEM: RocketProblem = {
  problem: 'rocket',
  reactants: [
    { name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 },
    { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 },
  ],
  of: 6,
  pc: 7e6,
  exits: [{ pcOverPe: 7e6 / 101325 }, { areaRatio: 40 }],
  chemistry: 'equilibrium',
};

export function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return 'x' + Math.random().toString(36).slice(2) + Date.now().toString(36);
}

const isoNow = () => new Date().toISOString();

type Rec = Record<string, unknown>;

// ---- migrations: one function per version step, each from a plain object to a plain object ----

function isoFromMs(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v).toISOString() : v;
}

/** v1 → v2: see the version history at the top of this file. */
function v1ToV2(d: Rec): Rec {
  const { created, modified, units, notes, tags, inputs, studies, ...rest } = d;
  const inp = isRecord(inputs) ? inputs : {};
  const { system, pc_bar, ...problemRest } = inp;
  const problem: Rec | undefined = isRecord(inputs) ? { problem: 'rocket', ...problemRest } : undefined;
  if (problem && typeof pc_bar === 'number') problem.pc = pc_bar * 1e5;
  return {
    ...rest,
    version: 2,
    createdAt: isoFromMs(created),
    updatedAt: isoFromMs(modified ?? created),
    tags: typeof tags === 'string' ? tags.split(',') : tags,
    notes: Array.isArray(notes) ? notes.filter((n) => typeof n === 'string').join('\n') : notes,
    inputs: { system, units, problem },
    studies: Array.isArray(studies)
      ? studies.map((s, i) => (isRecord(s) ? { id: `s${i + 1}`, updatedAt: isoFromMs(modified ?? created), ...s } : s))
      : studies,
  };
}

/** v2 → v3: the document is unchanged; version 3 only allows more (dataset studies). */
const v2ToV3 = (d: Rec): Rec => ({ ...d, version: 3 });

/** v3 → v4: the document is unchanged; version 4 only allows more (firing and analysis studies). */
const v3ToV4 = (d: Rec): Rec => ({ ...d, version: 4 });

/** MIGRATIONS[v] turns a version-v document into a version-(v+1) one. */
const MIGRATIONS: Record<number, (d: Rec) => Rec> = { 1: v1ToV2, 2: v2ToV3, 3: v3ToV4 };

// ---- normalisation of the current version: defaults, bounds, and cleaning ----

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function text(v: unknown, max: number, field: string, fallback: string, warnings: string[]): string {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') {
    warnings.push(`${field} was not text; replaced by ${JSON.stringify(fallback)}`);
    return fallback;
  }
  if (v.length > max) {
    warnings.push(`${field} was cut to ${max} characters (had ${v.length})`);
    return v.slice(0, max);
  }
  return v;
}

function isoDate(v: unknown, field: string, fallback: string, warnings: string[]): string {
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(Date.parse(v)).toISOString();
  if (v !== undefined) warnings.push(`${field} was not a date; set to ${fallback}`);
  return fallback;
}

function normaliseTags(v: unknown, warnings: string[]): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warnings.push('tags were not a list; dropped');
    return [];
  }
  const out: string[] = [];
  for (const t of v) {
    if (typeof t !== 'string') continue;
    const s = t.trim().slice(0, LIMITS.tag);
    if (s && !out.includes(s)) out.push(s);
  }
  if (out.length > LIMITS.tags) warnings.push(`only the first ${LIMITS.tags} tags were kept`);
  return out.slice(0, LIMITS.tags);
}

const ELEMENT_KEY = /^[A-Za-z]{1,2}$/;

function normaliseReactant(r: unknown, i: number, warnings: string[]): ReactantSpec | null {
  const f = `inputs.problem.reactants[${i}]`;
  if (!isRecord(r) || typeof r.name !== 'string' || !r.name.trim()) {
    warnings.push(`${f} has no name; dropped`);
    return null;
  }
  const { name, role, massFraction, T, formula, enthalpy, ...rest } = r;
  const out: ReactantSpec = { ...(unknownFields(rest, []) as object), name: (name as string).trim().slice(0, 100), massFraction: 1 };
  if (finite(massFraction) && massFraction >= 0) out.massFraction = massFraction;
  else warnings.push(`${f}.massFraction was ${JSON.stringify(massFraction ?? null)}; set to 1`);
  if (role === 'fuel' || role === 'oxidizer') out.role = role;
  else if (role !== undefined) warnings.push(`${f}.role ${JSON.stringify(role)} is not fuel or oxidizer; dropped`);
  if (finite(T) && T > 0) out.T = T;
  if (isRecord(formula)) {
    const fm: Record<string, number> = {};
    for (const [el, n] of Object.entries(formula)) if (ELEMENT_KEY.test(el) && finite(n) && n > 0) fm[el] = n;
    if (Object.keys(fm).length) out.formula = fm;
  }
  if (finite(enthalpy)) out.enthalpy = enthalpy;
  return out;
}

function normaliseExit(e: unknown): ExitSpec | null {
  if (!isRecord(e)) return null;
  if (finite(e.pcOverPe) && e.pcOverPe > 1) return { pcOverPe: e.pcOverPe };
  if (finite(e.areaRatio) && e.areaRatio >= 1) return { areaRatio: e.areaRatio };
  if (finite(e.subsonicAreaRatio) && e.subsonicAreaRatio > 1) return { subsonicAreaRatio: e.subsonicAreaRatio };
  return null;
}

function normaliseProblem(p: unknown, warnings: string[]): RocketProblem {
  if (!isRecord(p)) {
    warnings.push('inputs.problem was missing; the default LOX/LH2 problem was used');
    return structuredClone(DEFAULT_PROBLEM);
  }
  const { problem: _kind, reactants, of, phi, ions, transport, pc, exits, chemistry, freezeAt, pamb, ...rest } = p;
  if (Array.isArray(reactants) && reactants.length > LIMITS.reactants) {
    const cut = reactants.slice(LIMITS.reactants).map((r) => (isRecord(r) && typeof r.name === 'string' ? r.name : JSON.stringify(r)));
    warnings.push(`inputs.problem.reactants had ${reactants.length} entries; only the first ${LIMITS.reactants} were kept (left out: ${listed(cut)})`);
  }
  let rs = Array.isArray(reactants)
    ? reactants.slice(0, LIMITS.reactants).map((r, i) => normaliseReactant(r, i, warnings)).filter((r): r is ReactantSpec => r !== null)
    : [];
  const defaulted = !rs.length;
  if (defaulted) {
    warnings.push('inputs.problem.reactants was empty; the default LOX/LH2 reactants were used');
    rs = structuredClone(DEFAULT_PROBLEM.reactants);
  }
  const out: RocketProblem = { ...(unknownFields(rest, []) as object), problem: 'rocket', reactants: rs, pc: DEFAULT_PROBLEM.pc };
  if (finite(pc) && pc > 0) out.pc = pc;
  else warnings.push(`inputs.problem.pc was ${JSON.stringify(pc ?? null)}; set to ${DEFAULT_PROBLEM.pc} Pa`);
  if (finite(of) && of > 0) out.of = of;
  else if (finite(phi) && phi > 0) out.phi = phi;
  else if (defaulted) out.of = DEFAULT_PROBLEM.of; // the default reactants need their O/F
  if (typeof ions === 'boolean') out.ions = ions;
  if (transport === true) out.transport = true;
  if (Array.isArray(exits) && exits.length > LIMITS.exits) {
    warnings.push(`inputs.problem.exits had ${exits.length} nozzle exits; only the first ${LIMITS.exits} were kept (left out: ${listed(exits.slice(LIMITS.exits).map((e) => JSON.stringify(e)))})`);
  }
  const ex = Array.isArray(exits) ? exits.slice(0, LIMITS.exits).map(normaliseExit) : [];
  if (Array.isArray(exits)) {
    ex.forEach((e, i) => {
      if (e === null) warnings.push(`inputs.problem.exits[${i}] was ${shortJson(exits[i])} (needs pcOverPe > 1 or areaRatio ≥ 1); dropped`);
    });
  }
  out.exits = ex.filter((e): e is ExitSpec => e !== null);
  out.chemistry = chemistry === 'frozen' ? 'frozen' : 'equilibrium';
  if (out.chemistry === 'frozen') out.freezeAt = freezeAt === 'throat' ? 'throat' : 'chamber';
  if (finite(pamb) && pamb >= 0) out.pamb = pamb;
  fractionWarnings(rs, warnings);
  return out;
}

/** Says when the mass fractions of a role (or of the whole propellant, without roles) do not sum to 1: the engine refuses such a mix. */
function fractionWarnings(rs: ReactantSpec[], warnings: string[]) {
  const groups: [string, ReactantSpec[]][] = rs.some((r) => r.role)
    ? [['fuel', rs.filter((r) => r.role === 'fuel')], ['oxidizer', rs.filter((r) => r.role === 'oxidizer')]]
    : [['propellant', rs]];
  for (const [what, g] of groups) {
    if (!g.length) continue;
    const sum = g.reduce((a, r) => a + r.massFraction, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      warnings.push(`inputs.problem.reactants: the ${what} mass fractions sum to ${+sum.toPrecision(6)}, not 1 (${listed(g.map((r) => `${r.name} ${+r.massFraction.toPrecision(6)}`))}); fix them before computing`);
    }
  }
}

/** A few items of a list for a message, then how many more. */
function listed(items: string[], max = 5): string {
  const shown = items.slice(0, max).map((x) => (x.length > 40 ? `${x.slice(0, 39)}…` : x));
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : shown.join(', ');
}

function shortJson(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

function normaliseStudy(s: unknown, i: number, now: string, warnings: string[]): Study | null {
  if (!isRecord(s)) return null;
  const { id, kind, spec, seed, status, resultsRef, summary, updatedAt, ...rest } = s;
  if (!STUDY_KINDS.includes(kind as StudyKind)) {
    warnings.push(`studies[${i}] has unknown kind ${JSON.stringify(kind ?? null)}; dropped`);
    return null;
  }
  const sp = cleanJson(spec);
  const out: Study = {
    ...unknownFields(rest, []),
    id: typeof id === 'string' && id ? id.slice(0, 80) : `s${i + 1}`,
    kind: kind as StudyKind,
    spec: isRecord(sp) ? (sp as Record<string, JsonValue>) : {},
    seed: finite(seed) ? Math.trunc(Math.abs(seed)) % 2 ** 32 : 1,
    status: STUDY_STATUSES.includes(status as StudyStatus) ? (status as StudyStatus) : 'draft',
    resultsRef: typeof resultsRef === 'string' && resultsRef ? resultsRef : null,
    updatedAt: isoDate(updatedAt, `studies[${i}].updatedAt`, now, warnings),
  };
  if (isRecord(summary)) {
    const sm: Record<string, number> = {};
    for (const [k, v] of Object.entries(summary)) if (finite(v) && k !== '__proto__') sm[k] = v;
    out.summary = sm;
  }
  return out;
}

const KNOWN_TOP = ['type', 'version', 'id', 'name', 'description', 'tags', 'createdAt', 'updatedAt', 'inputs', 'studies', 'notes', 'isTemplate', 'rev', 'modifiedBy', 'modifiedAt'] as const;

/** Longest author name kept (modifiedBy: a sync server's user name, untrusted text). */
export const AUTHOR_MAX = 80;

/**
 * The author of a synced change as text to show: control characters and markup dropped, cut to
 * AUTHOR_MAX characters; null when there is none or it is not text.
 */
export function cleanAuthor(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(/[<>\u0000-\u001f\u007f]/g, '').trim().slice(0, AUTHOR_MAX);
  return t || null;
}

function author(d: Rec, warnings: string[]): { modifiedBy?: string; modifiedAt?: string } {
  if (d.modifiedBy === undefined && d.modifiedAt === undefined) return {};
  const by = cleanAuthor(d.modifiedBy);
  const at = typeof d.modifiedAt === 'string' && !Number.isNaN(Date.parse(d.modifiedAt)) ? new Date(Date.parse(d.modifiedAt)).toISOString() : null;
  if (!by || !at) {
    warnings.push(`modifiedBy/modifiedAt (${shortJson(d.modifiedBy)}, ${shortJson(d.modifiedAt)}) are not a name and a date; dropped`);
    return {};
  }
  if (by !== d.modifiedBy) warnings.push(`modifiedBy was cleaned to ${JSON.stringify(by)}`);
  return { modifiedBy: by, modifiedAt: at };
}

function normalise(d: Rec, opts: RestoreOptions, warnings: string[]): Experiment {
  const now = (opts.now ?? isoNow)();
  const inputs = isRecord(d.inputs) ? d.inputs : {};
  const { system, problem, units, ...inputsRest } = inputs;
  const createdAt = isoDate(d.createdAt, 'createdAt', now, warnings);
  const studies = Array.isArray(d.studies)
    ? d.studies.slice(0, LIMITS.studies).map((s, i) => normaliseStudy(s, i, now, warnings)).filter((s): s is Study => s !== null)
    : [];
  return {
    ...unknownFields(d, KNOWN_TOP),
    type: EXPERIMENT_TYPE,
    version: EXPERIMENT_VERSION,
    id: typeof d.id === 'string' && d.id.trim() ? d.id.trim().slice(0, 80) : (opts.newId ?? newId)(),
    name: text(d.name, LIMITS.name, 'name', 'Untitled experiment', warnings) || 'Untitled experiment',
    description: text(d.description, LIMITS.description, 'description', '', warnings),
    tags: normaliseTags(d.tags, warnings),
    createdAt,
    updatedAt: isoDate(d.updatedAt, 'updatedAt', createdAt, warnings),
    inputs: {
      ...unknownFields(inputsRest, []),
      system: typeof system === 'string' && system ? system.slice(0, 60) : 'custom',
      problem: normaliseProblem(problem, warnings),
      units: units === 'US' ? 'US' : 'SI',
    },
    studies,
    notes: text(d.notes, LIMITS.notes, 'notes', '', warnings),
    isTemplate: d.isTemplate === true,
    // who last changed it in a synced workspace, and when (set by the sync engine; optional, no format step)
    ...author(d, warnings),
    // a revision that is not a whole number ≥ 0 means nothing: the document counts as new
    ...(Number.isSafeInteger(d.rev) && (d.rev as number) >= 0 ? { rev: d.rev as number } : {}),
  };
}

/**
 * Reads an experiment from any source (a parsed object, or JSON text): migrates it to the current
 * version, fills defaults and keeps unknown fields. Returns an error value, never throws.
 */
export function restoreExperiment(raw: unknown, opts: RestoreOptions = {}): RestoreResult {
  try {
    let doc: unknown = raw;
    if (typeof raw === 'string') {
      try {
        doc = JSON.parse(raw);
      } catch {
        return { ok: false, error: { code: 'bad-json', message: 'The experiment is not valid JSON.' } };
      }
    }
    if (!isRecord(doc)) return { ok: false, error: { code: 'not-an-experiment', message: 'This is not an experiment (expected an object).' } };
    if (doc.type !== undefined && doc.type !== EXPERIMENT_TYPE) {
      return { ok: false, error: { code: 'not-an-experiment', message: `This is not an experiment (type ${(JSON.stringify(doc.type) ?? String(doc.type)).slice(0, 60)}).`, field: 'type' } };
    }
    const version = doc.version ?? 1;
    if (!finite(version) || !Number.isInteger(version) || version < 1) {
      return { ok: false, error: { code: 'bad-version', message: `Experiment version must be a whole number ≥ 1 (got ${JSON.stringify(version)}).`, field: 'version' } };
    }
    if (version > EXPERIMENT_VERSION) {
      return {
        ok: false,
        error: {
          code: 'newer-version',
          message: `This experiment was saved by a newer version of the app (format ${version}; this app reads up to ${EXPERIMENT_VERSION}). Update the app to open it.`,
          field: 'version',
        },
      };
    }
    const warnings: string[] = [];
    let d: Rec = doc;
    for (let v = version; v < EXPERIMENT_VERSION; v++) d = MIGRATIONS[v](d);
    return { ok: true, value: normalise(d, opts, warnings), warnings };
  } catch (e) {
    // A throw here is a bug in a migration; report it as a value so one bad document cannot break a list.
    return { ok: false, error: { code: 'restore-failed', message: `The experiment could not be read (${e instanceof Error ? e.message : String(e)}).` } };
  }
}

export interface NewExperiment {
  name: string;
  problem: RocketProblem;
  system?: string;
  description?: string;
  tags?: string[];
  units?: UnitSystem;
  notes?: string;
}

/** A new experiment around a problem, with fresh id and timestamps. */
export function createExperiment(init: NewExperiment, opts: RestoreOptions = {}): Experiment {
  return buildExperiment(init, opts).value;
}

/**
 * A new experiment around a problem, and what restoreExperiment changed in it (a value replaced
 * by a default, a list cut), for imports that must say so before saving.
 */
export function buildExperiment(init: NewExperiment, opts: RestoreOptions = {}): { value: Experiment; warnings: string[] } {
  const now = (opts.now ?? isoNow)();
  const r = restoreExperiment(
    {
      type: EXPERIMENT_TYPE,
      version: EXPERIMENT_VERSION,
      id: (opts.newId ?? newId)(),
      name: init.name,
      description: init.description ?? '',
      tags: init.tags ?? [],
      createdAt: now,
      updatedAt: now,
      inputs: { system: init.system ?? 'custom', problem: init.problem, units: init.units ?? 'SI' },
      studies: [],
      notes: init.notes ?? '',
    },
    { now: () => now },
  );
  if (!r.ok) throw new Error(r.error.message); // cannot happen: the document is built here
  return { value: r.value, warnings: r.warnings };
}

/** A copy with a new id, "(copy)" name, fresh timestamps; studies keep specs and seeds but not results. */
export function duplicateExperiment(e: Experiment, opts: RestoreOptions = {}): Experiment {
  const now = (opts.now ?? isoNow)();
  const { rev: _rev, ...doc } = e; // a new document: it has no stored revision yet
  return {
    ...structuredClone(doc),
    id: (opts.newId ?? newId)(),
    name: `${e.name} (copy)`.slice(0, LIMITS.name),
    createdAt: now,
    updatedAt: now,
    isTemplate: false,
    studies: e.studies.map((s) => withoutResults(structuredClone(s))),
  };
}

/** The study as it would be rerun: spec and seed kept, status and results dropped. */
export function withoutResults(s: Study): Study {
  const { summary: _summary, ...rest } = s;
  return { ...rest, status: 'draft', resultsRef: null };
}

/** Names of the reactants, for lists and search. */
export function reactantNames(e: Experiment): string[] {
  return e.inputs.problem.reactants.map((r) => r.name);
}
