// JSON backup of one experiment or the whole workspace: a self-describing envelope whose every
// experiment goes through restoreExperiment on import. Typed arrays travel as little-endian
// base64, so numbers (NaN and −0 included) come back bit for bit.
import { restoreExperiment, type Experiment } from './experiment.ts';
import { cleanJson, isRecord, type JsonValue } from './json-clean.ts';
import { validateCustomPropellant, type Propellant } from './propellants.ts';
import { toBase64Url, fromBase64Url } from './share-link.ts';
import { err, ok, type Result } from './result.ts';

export const WORKSPACE_TYPE = 'rocket-fuel-optimizer/workspace';
export const WORKSPACE_VERSION = 1;

export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** Results of one study, stored apart from the document (results object store). */
export interface StoredResult {
  id: string;
  experimentId: string;
  studyId: string;
  createdAt: string;
  /** Named numeric columns, SI (names carry units). */
  columns: Record<string, NumericArray>;
  /** Small JSON results (a design point's stations, warnings…). */
  meta: Record<string, JsonValue>;
}

export interface Workspace {
  experiments: Experiment[];
  results: StoredResult[];
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
  if (!isRecord(v) || typeof v.dtype !== 'string' || typeof v.data !== 'string' || !(v.dtype in ARRAY_TYPES)) return null;
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

/** Validates a stored/imported custom propellant again (a file may have been edited). */
export function restorePropellant(raw: unknown): Result<Propellant> {
  if (!isRecord(raw) || typeof raw.id !== 'string') return err('bad-input', 'propellant has no id', 'id');
  const c = Array.isArray(raw.components) && isRecord(raw.components[0]) ? raw.components[0] : {};
  return validateCustomPropellant(
    {
      name: raw.name as string,
      role: raw.role as Propellant['role'],
      formula: (c.formula ?? {}) as Record<string, number>,
      enthalpy_J_mol: c.enthalpy_J_mol as number,
      density_kg_m3: raw.density_kg_m3 as number,
      storageT_K: raw.storageT_K as number,
      cost_per_kg: raw.cost_per_kg as number,
      notes: typeof raw.notes === 'string' ? raw.notes : '',
      hazards: Array.isArray(raw.hazards) ? (raw.hazards as Propellant['hazards']) : [],
    },
    raw.id,
  );
}

/** The backup file text. */
export function exportWorkspace(ws: Workspace, exportedAt: string): string {
  return JSON.stringify({
    type: WORKSPACE_TYPE,
    version: WORKSPACE_VERSION,
    exportedAt,
    experiments: ws.experiments,
    results: ws.results.map(encodeResult),
    propellants: ws.propellants,
    settings: ws.settings,
  });
}

/** One experiment and its results, in the same file format. */
export function exportExperimentFile(e: Experiment, results: StoredResult[], exportedAt: string): string {
  return exportWorkspace({ experiments: [e], results: results.filter((r) => r.experimentId === e.id), propellants: [], settings: {} }, exportedAt);
}

export interface ImportReport {
  workspace: Workspace;
  /** Items left out, each with the reason. */
  skipped: string[];
  warnings: string[];
}

/**
 * Reads a backup file (or a bare experiment document). Each experiment goes through
 * restoreExperiment; bad items are skipped with a reason instead of failing the whole file.
 */
export function importWorkspace(text: string): Result<ImportReport> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return err('bad-json', 'The file is not valid JSON.');
  }
  if (isRecord(raw) && raw.type !== WORKSPACE_TYPE) {
    // a single experiment document saved on its own
    const r = restoreExperiment(raw);
    if (!r.ok) return r;
    return ok({ workspace: { experiments: [r.value], results: [], propellants: [], settings: {} }, skipped: [], warnings: r.warnings });
  }
  if (!isRecord(raw)) return err('bad-file', 'The file is not a Rocket Fuel Optimizer backup.');
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return err('bad-file', `The backup has no valid format version (got ${JSON.stringify(version)}).`, 'version');
  if (version > WORKSPACE_VERSION) {
    return err('newer-version', `The backup was made by a newer version of the app (backup format ${JSON.stringify(version)}; this app reads ${WORKSPACE_VERSION}). Update the app to import it.`, 'version');
  }
  const skipped: string[] = [];
  const warnings: string[] = [];
  const experiments: Experiment[] = [];
  (Array.isArray(raw.experiments) ? raw.experiments : []).forEach((x, i) => {
    const r = restoreExperiment(x);
    if (r.ok) {
      experiments.push(r.value);
      warnings.push(...r.warnings.map((w) => `${r.value.name}: ${w}`));
    } else skipped.push(`experiment ${i + 1}: ${r.error.message}`);
  });
  const ids = new Set(experiments.map((e) => e.id));
  const results: StoredResult[] = [];
  (Array.isArray(raw.results) ? raw.results : []).forEach((x, i) => {
    const r = decodeResult(x);
    if (!r) skipped.push(`result ${i + 1}: unreadable`);
    else if (!ids.has(r.experimentId)) skipped.push(`result ${r.id}: its experiment is not in the file`);
    else results.push(r);
  });
  const propellants: Propellant[] = [];
  (Array.isArray(raw.propellants) ? raw.propellants : []).forEach((x, i) => {
    const r = restorePropellant(x);
    if (r.ok) propellants.push(r.value);
    else skipped.push(`propellant ${i + 1}: ${r.error.message}`);
  });
  const settings = cleanJson(raw.settings);
  return ok({ workspace: { experiments, results, propellants, settings: isRecord(settings) ? (settings as Record<string, JsonValue>) : {} }, skipped, warnings });
}
