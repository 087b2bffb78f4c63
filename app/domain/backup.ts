// JSON backup of one experiment or the whole workspace: a self-describing envelope whose every
// experiment goes through restoreExperiment and every model through restoreModelDoc on import.
// Typed arrays travel as little-endian base64, so numbers (NaN and −0 included) come back bit for
// bit.
//
// Version history
//   1  experiments, results (typed-array columns as base64), custom propellants, settings.
//   2  adds `models`: the trained models kept with the experiments (the model document in `meta`,
//      `weights` as base64). A version-1 file imports with no models.
// Learn datasets travel as results (their own versioned document in `meta`, rows as columns), so
// they need no format change; on import each one is checked by restoreDataset and a bad one is
// skipped with the reason, like any unreadable result.
import { newId, restoreExperiment, type Experiment } from './experiment.ts';
import { cleanJson, isRecord, type JsonValue } from './json-clean.ts';
import { restoreModelDoc } from './ml-model.ts';
import { isDatasetResult, restoreDataset } from './learn-dataset.ts';
import { restorePropellant, type Propellant } from './propellants.ts';
import { toBase64Url, fromBase64Url } from './share-link.ts';
import type { NumericArray, StoredModel, StoredResult } from './stored-records.ts';
import { err, ok, type Result } from './result.ts';
import { isDeviceOnlySetting } from './assistant/config.ts';

export const WORKSPACE_TYPE = 'rocket-fuel-optimizer/workspace';
export const WORKSPACE_VERSION = 2;

export type { NumericArray, StoredModel, StoredResult };

export interface Workspace {
  experiments: Experiment[];
  results: StoredResult[];
  models: StoredModel[];
  propellants: Propellant[];
  settings: Record<string, JsonValue>;
}

const ARRAY_TYPES = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  uint8: Uint8Array,
} as const;
type DType = keyof typeof ARRAY_TYPES;

function dtypeOf(a: NumericArray): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encodeArray(a: NumericArray): { dtype: DType; data: string } {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
  if (!littleEndian) swapBytes(bytes, a.BYTES_PER_ELEMENT);
  return { dtype: dtypeOf(a), data: toBase64Url(bytes) };
}

function decodeArray(v: unknown): NumericArray | null {
  if (!isRecord(v) || typeof v.dtype !== 'string' || typeof v.data !== 'string' || !Object.hasOwn(ARRAY_TYPES, v.dtype)) return null;
  const Ctor = ARRAY_TYPES[v.dtype as DType];
  const bytes = fromBase64Url(v.data);
  if (!bytes || bytes.length % Ctor.BYTES_PER_ELEMENT) return null;
  if (!littleEndian) swapBytes(bytes, Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
}

function swapBytes(b: Uint8Array, size: number) {
  for (let i = 0; i < b.length; i += size) b.subarray(i, i + size).reverse();
}

function encodeResult(r: StoredResult) {
  return { ...r, columns: Object.fromEntries(Object.entries(r.columns).map(([k, a]) => [k, encodeArray(a)])) };
}

function decodeResult(raw: unknown): StoredResult | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.experimentId !== 'string' || !isRecord(raw.columns)) return null;
  const columns: Record<string, NumericArray> = {};
  for (const [k, v] of Object.entries(raw.columns)) {
    if (k === '__proto__') continue;
    const a = decodeArray(v);
    if (!a) return null;
    columns[k] = a;
  }
  const meta = cleanJson(raw.meta);
  return {
    id: raw.id,
    experimentId: raw.experimentId,
    studyId: typeof raw.studyId === 'string' ? raw.studyId : '',
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    columns,
    meta: isRecord(meta) ? (meta as Record<string, JsonValue>) : {},
  };
}

function encodeModel(m: StoredModel) {
  return { ...m, weights: toBase64Url(new Uint8Array(m.weights)) };
}

/** A bad value as a message shows it: JSON, cut short. */
function shown(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

/** The value at a dotted path ("members.1.layers.0") inside raw JSON. */
function valueAt(v: unknown, path: string): unknown {
  if (!path) return v;
  return path.split('.').reduce<unknown>((o, k) => (isRecord(o) || Array.isArray(o) ? (o as Record<string, unknown>)[k] : undefined), v);
}

/**
 * Reads model `i` (from 0) of a backup: the record's own fields, then its document through
 * restoreModelDoc. An error names the model, the field (a dotted path in the file) and the value.
 */
function decodeModel(raw: unknown, i: number): Result<StoredModel> {
  const where = `models.${i}`;
  const bad = (field: string, what: string, value: unknown) => err('bad-model', `model ${i + 1}: ${what} (got ${shown(value)})`, `${where}.${field}`);
  if (!isRecord(raw)) return err('bad-model', `model ${i + 1} must be an object (got ${shown(raw)})`, where);
  for (const k of ['id', 'experimentId'] as const) if (typeof raw[k] !== 'string' || !raw[k]) return bad(k, `${k} must be non-empty text`, raw[k]);
  if (raw.name !== undefined && typeof raw.name !== 'string') return bad('name', 'name must be text', raw.name);
  if (typeof raw.createdAt !== 'string' || !Number.isFinite(Date.parse(raw.createdAt))) return bad('createdAt', 'createdAt must be an ISO date', raw.createdAt);
  const bytes = raw.weights === undefined ? new Uint8Array(0) : typeof raw.weights === 'string' ? fromBase64Url(raw.weights) : null;
  if (!bytes) return bad('weights', 'weights must be base64url text', raw.weights);
  const meta = cleanJson(raw.meta);
  const doc = restoreModelDoc(meta);
  if (!doc.ok) {
    const f = doc.error.field ? `meta.${doc.error.field}` : 'meta';
    const value = doc.error.message.includes('(got ') ? '' : `, got ${shown(valueAt(meta, doc.error.field ?? ''))}`;
    return err('bad-model', `model ${i + 1} (“${String(raw.name ?? '')}”): ${doc.error.message} (field ${where}.${f}${value})`, `${where}.${f}`);
  }
  return ok({
    id: raw.id as string,
    experimentId: raw.experimentId as string,
    name: typeof raw.name === 'string' ? raw.name : doc.value.name,
    createdAt: raw.createdAt,
    meta: doc.value as unknown as Record<string, JsonValue>,
    weights: bytes.buffer as ArrayBuffer,
  });
}

// restorePropellant lives with the propellants (storage reads it at start; a backup is read only on import).
export { restorePropellant };

/** The backup file text. */
export function exportWorkspace(ws: Workspace, exportedAt: string): string {
  return JSON.stringify({
    type: WORKSPACE_TYPE,
    version: WORKSPACE_VERSION,
    exportedAt,
    experiments: ws.experiments,
    results: ws.results.map(encodeResult),
    models: ws.models.map(encodeModel),
    propellants: ws.propellants,
    // device-only settings (the assistant's key) never leave this device, whatever asked for them
    settings: Object.fromEntries(Object.entries(ws.settings).filter(([k]) => !isDeviceOnlySetting(k))),
  });
}

/** One experiment with its results and models, in the same file format. */
export function exportExperimentFile(e: Experiment, results: StoredResult[], models: StoredModel[], exportedAt: string): string {
  const own = <T extends { experimentId: string }>(xs: T[]) => xs.filter((x) => x.experimentId === e.id);
  return exportWorkspace({ experiments: [e], results: own(results), models: own(models), propellants: [], settings: {} }, exportedAt);
}

const ML_BACKENDS = ['auto', 'webgpu', 'webgl', 'cpu'];

/**
 * Settings read from a file: the ones the app knows are checked (a bad one is dropped with a
 * warning naming the key and the value); the others are kept as clean JSON, for a newer app.
 */
export function restoreSettings(raw: unknown): { value: Record<string, JsonValue>; warnings: string[] } {
  const warnings: string[] = [];
  if (raw === undefined || raw === null) return { value: {}, warnings };
  const clean = cleanJson(raw);
  if (!isRecord(clean)) return { value: {}, warnings: [`settings must be an object (got ${shown(raw)}); none were imported`] };
  const value: Record<string, JsonValue> = {};
  const drop = (key: string, why: string) => warnings.push(`setting ${key}: ${why} (got ${shown(clean[key])}); not imported`);
  for (const [key, v] of Object.entries(clean)) {
    if (isDeviceOnlySetting(key)) {
      warnings.push(`setting ${key}: belongs to the device it was made on (the assistant and its key); not imported`);
      continue;
    }
    if (key === 'units') {
      if (v === 'SI' || v === 'US') value[key] = v;
      else drop(key, 'must be "SI" or "US"');
    } else if (key === 'mlBackend') {
      if (typeof v === 'string' && ML_BACKENDS.includes(v)) value[key] = v;
      else drop(key, `must be one of ${ML_BACKENDS.map((b) => JSON.stringify(b)).join(', ')}`);
    } else if (key === 'propellantCosts') {
      if (!isRecord(v)) {
        drop(key, 'must be an object of propellant id → cost per kg');
        continue;
      }
      const costs: Record<string, number> = {};
      for (const [id, c] of Object.entries(v)) {
        if (typeof c === 'number' && c >= 0 && c <= 1e9) costs[id] = c;
        else warnings.push(`setting propellantCosts.${id}: cost per kg must be a number from 0 to 1e9 (got ${shown(c)}); not imported`);
      }
      value[key] = costs;
    } else if (key === 'design') {
      if (isRecord(v) && v.type === 'design' && isRecord(v.problem)) value[key] = v;
      else drop(key, 'is not a saved design point');
    } else value[key] = v;
  }
  return { value, warnings };
}

export interface ImportReport {
  workspace: Workspace;
  /** Items left out, each with the reason. */
  skipped: string[];
  /** What was changed while reading (a value replaced, a list cut, a setting dropped), each naming the field and value. */
  warnings: string[];
  /** Records stored under a new key by a merge (see planMerge); empty otherwise. */
  renamed?: string[];
}

type Rec = Record<string, unknown>;

/** v1 → v2: see the version history at the top of this file (a version-1 file has no models). */
const v1ToV2 = (d: Rec): Rec => ({ ...d, version: 2, models: [] });

/** MIGRATIONS[v] turns a version-v backup into a version-(v+1) one. */
const MIGRATIONS: Record<number, (d: Rec) => Rec> = { 1: v1ToV2 };

/**
 * Reads a backup file (or a bare experiment document), migrating older formats step by step.
 * Each experiment goes through restoreExperiment; bad experiments, results and propellants are
 * skipped with a reason instead of failing the whole file. A bad model record refuses the whole
 * file (its error names the field and the value), so nothing is half imported.
 */
export function importWorkspace(text: string): Result<ImportReport> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text); // a BOM from a text editor
  } catch {
    return err('bad-json', 'The file is not valid JSON.');
  }
  if (isRecord(raw) && raw.type !== WORKSPACE_TYPE) {
    // a single experiment document saved on its own
    const r = restoreExperiment(raw);
    if (!r.ok) return r;
    return ok({ workspace: { experiments: [r.value], results: [], models: [], propellants: [], settings: {} }, skipped: [], warnings: r.warnings });
  }
  if (!isRecord(raw)) return err('bad-file', 'The file is not a Rocket Fuel Optimizer backup.');
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return err('bad-file', `The backup has no valid format version (got ${JSON.stringify(version)}).`, 'version');
  if (version > WORKSPACE_VERSION) {
    return err('newer-version', `The backup was made by a newer version of the app (backup format ${JSON.stringify(version)}; this app reads ${WORKSPACE_VERSION}). Update the app to import it.`, 'version');
  }
  let doc: Rec = raw;
  for (let v = version; v < WORKSPACE_VERSION; v++) doc = MIGRATIONS[v](doc);
  const skipped: string[] = [];
  const warnings: string[] = [];
  const experiments: Experiment[] = [];
  const firstExperiment = new Map<string, number>();
  (Array.isArray(doc.experiments) ? doc.experiments : []).forEach((x, i) => {
    const r = restoreExperiment(x);
    const seen = r.ok ? firstExperiment.get(r.value.id) : undefined;
    if (r.ok && seen !== undefined) skipped.push(`experiment ${i + 1} (“${r.value.name}”): id ${JSON.stringify(r.value.id)} is used by experiment ${seen + 1} in the file too; only the first was imported`);
    else if (r.ok) {
      firstExperiment.set(r.value.id, i);
      experiments.push(r.value);
      warnings.push(...r.warnings.map((w) => `${r.value.name}: ${w}`));
    } else skipped.push(`experiment ${i + 1}: ${r.error.message}`);
  });
  const ids = new Set(experiments.map((e) => e.id));
  const results: StoredResult[] = [];
  const firstResult = new Map<string, number>();
  (Array.isArray(doc.results) ? doc.results : []).forEach((x, i) => {
    const r = decodeResult(x);
    if (!r) skipped.push(`result ${i + 1}: unreadable`);
    else if (firstResult.has(r.id)) skipped.push(`result ${i + 1}: id ${JSON.stringify(r.id)} is used by result ${firstResult.get(r.id)! + 1} in the file too; only the first was imported`);
    else if (!ids.has(r.experimentId)) skipped.push(`result ${r.id}: its experiment is not in the file`);
    else {
      const ds = isDatasetResult(r) ? restoreDataset(r) : null;
      if (ds && !ds.ok) skipped.push(`result ${r.id}: ${ds.error.message}`);
      else {
        firstResult.set(r.id, i);
        results.push(r);
      }
    }
  });
  const rawModels = doc.models ?? [];
  if (!Array.isArray(rawModels)) return err('bad-model', `models must be a list (got ${shown(rawModels)})`, 'models');
  const models: StoredModel[] = [];
  const modelIds = new Set<string>();
  for (let i = 0; i < rawModels.length; i++) {
    const r = decodeModel(rawModels[i], i);
    if (!r.ok) return r;
    const m = r.value;
    if (modelIds.has(m.id)) return err('bad-model', `model ${i + 1}: id ${JSON.stringify(m.id)} is used by another model in the file`, `models.${i}.id`);
    modelIds.add(m.id);
    if (ids.has(m.experimentId)) models.push(m);
    else skipped.push(`model “${m.name}”: its experiment is not in the file`);
  }
  const kept = new Set(models.map((m) => m.id));
  const keptResults = new Set(results.map((r) => r.id));
  for (const e of experiments) {
    for (const s of e.studies) {
      if (s.kind === 'model' && s.resultsRef && !kept.has(s.resultsRef)) warnings.push(`${e.name}: model study ${s.id} has no model in the file${version < 2 ? ` (backup format ${version} did not carry models)` : ''}`);
      if (s.kind === 'dataset' && s.resultsRef && !keptResults.has(s.resultsRef)) warnings.push(`${e.name}: dataset study ${s.id} has no rows in the file`);
    }
  }
  const propellants: Propellant[] = [];
  const firstPropellant = new Map<string, number>();
  (Array.isArray(doc.propellants) ? doc.propellants : []).forEach((x, i) => {
    const r = restorePropellant(x);
    if (!r.ok) skipped.push(`propellant ${i + 1}: ${r.error.message}`);
    else if (firstPropellant.has(r.value.id)) skipped.push(`propellant ${i + 1} (“${r.value.name}”): id ${JSON.stringify(r.value.id)} is used by propellant ${firstPropellant.get(r.value.id)! + 1} in the file too; only the first was imported`);
    else {
      firstPropellant.set(r.value.id, i);
      propellants.push(r.value);
    }
  });
  const settings = restoreSettings(doc.settings);
  warnings.push(...settings.warnings);
  return ok({ workspace: { experiments, results, models, propellants, settings: settings.value }, skipped, warnings });
}

/** Keys already used in local storage, per store: what a merge must never write over. */
export interface LocalKeys {
  experiments: ReadonlySet<string>;
  results: ReadonlySet<string>;
  models: ReadonlySet<string>;
  propellants: ReadonlySet<string>;
}

export const NO_LOCAL_KEYS: LocalKeys = { experiments: new Set(), results: new Set(), models: new Set(), propellants: new Set() };

export interface MergePlan {
  /** What to write: nothing in it has a key that exists locally; settings are left out. */
  workspace: Workspace;
  /** One line per imported record that got a new key, saying why. */
  renamed: string[];
}

/**
 * The merge of an imported workspace into local storage without writing over anything: every
 * imported experiment, result, model or propellant whose key exists locally gets a new key, and
 * every reference to it inside the imported data follows (a result's and a model's experimentId,
 * a study's resultsRef); the results and models of a moved experiment move with it. Settings are
 * left out: a merge keeps the local settings. The input is not changed.
 */
export function planMerge(ws: Workspace, local: LocalKeys, makeId: () => string = newId): MergePlan {
  const used = new Set<string>([...local.experiments, ...local.results, ...local.models, ...local.propellants]);
  const fresh = (prefix = '') => {
    for (;;) {
      const id = prefix + makeId();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const renamed: string[] = [];
  const experimentKey = new Map<string, string>();
  const names = new Map(ws.experiments.map((e) => [e.id, e.name]));
  for (const e of ws.experiments) {
    if (!local.experiments.has(e.id)) continue;
    experimentKey.set(e.id, fresh());
    renamed.push(`experiment “${e.name}”: id ${JSON.stringify(e.id)} is already used here, so it was added as a copy under a new id`);
  }
  // key maps per owning experiment, so a study's resultsRef follows its own experiment's records
  const refs = new Map<string, Map<string, string>>();
  const rekey = <T extends { id: string; experimentId: string }>(x: T, what: string, taken: ReadonlySet<string>, store: 'results' | 'models'): T => {
    const clash = taken.has(x.id);
    const to = experimentKey.get(x.experimentId);
    if (!clash && !to) return x;
    const id = fresh();
    const key = `${store}:${x.experimentId}`;
    if (!refs.has(key)) refs.set(key, new Map());
    refs.get(key)!.set(x.id, id);
    if (clash && !to) renamed.push(`${what} ${JSON.stringify(x.id)} of “${names.get(x.experimentId) ?? x.experimentId}”: the id is already used here by another record, so it was stored under a new id`);
    return { ...x, id, experimentId: to ?? x.experimentId };
  };
  const results = ws.results.map((r) => rekey(r, 'result', local.results, 'results'));
  const models = ws.models.map((m) => rekey(m, 'model', local.models, 'models'));
  const experiments = ws.experiments.map((e) => {
    const byResult = refs.get(`results:${e.id}`);
    const byModel = refs.get(`models:${e.id}`);
    const to = experimentKey.get(e.id);
    if (!to && !byResult && !byModel) return e;
    const studies = e.studies.map((s) => {
      const map = s.kind === 'model' ? byModel : byResult;
      return s.resultsRef && map?.has(s.resultsRef) ? { ...s, resultsRef: map.get(s.resultsRef)! } : s;
    });
    return { ...e, id: to ?? e.id, studies };
  });
  const propellants: Propellant[] = [];
  for (const p of ws.propellants) {
    if (!local.propellants.has(p.id)) propellants.push(p);
    else {
      const id = fresh('custom-');
      propellants.push({ ...p, id });
      renamed.push(`propellant “${p.name}”: id ${JSON.stringify(p.id)} is already used here, so it was added under a new id`);
    }
  }
  return { workspace: { experiments, results, models, propellants, settings: {} }, renamed };
}
