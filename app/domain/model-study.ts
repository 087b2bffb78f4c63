// A trained model kept with its experiment: a 'model' study in the experiment document (spec,
// seed and held-out figures, for lists and compare) pointing at the model document in the models
// store (its resultsRef is that record's key). Pure, so the pairing is tested in node.
import { cleanJson, isRecord, type JsonValue } from './json-clean.ts';
import { newId, type Experiment, type Study } from './experiment.ts';
import { restoreModelDoc, type ModelDoc } from './ml-model.ts';
import { err, ok, type KernelError, type Result } from './result.ts';

/** What a model study records about its model (the weights live in the models store). */
export interface ModelStudySpec {
  name: string;
  kind: ModelDoc['kind'];
  inputs: string[];
  outputs: string[];
  hyper: ModelDoc['hyper'];
  members: number;
  nTrain: number;
  /** Id of the dataset study (same experiment) the model was trained on, when it was kept. */
  datasetStudyId?: string;
}

/** The study for `doc`, whose stored model has key `modelId`; summary figures are SI (Isp in m/s). */
export function modelStudy(doc: ModelDoc, modelId: string, now: string, id: string = newId(), datasetStudyId?: string): Study {
  const spec: ModelStudySpec = {
    name: doc.name,
    kind: doc.kind,
    inputs: doc.inputs.map((c) => c.name),
    outputs: doc.outputs.map((c) => c.name),
    hyper: doc.hyper,
    members: doc.members.length,
    nTrain: doc.nTrain,
    ...(datasetStudyId ? { datasetStudyId } : {}),
  };
  const m = doc.metrics?.[0];
  const summary: Record<string, number> = { nTrain: doc.nTrain };
  if (m) Object.assign(summary, { heldOutR2: m.r2, heldOutRmse_m_s: m.rmse, heldOutMaxRelError: m.maxRelError, heldOutCount: m.n });
  for (const k of Object.keys(summary)) if (!Number.isFinite(summary[k])) delete summary[k];
  return { id, kind: 'model', spec: cleanJson(spec) as Record<string, JsonValue>, seed: doc.seed, status: 'done', resultsRef: modelId, summary, updatedAt: now };
}

/** The experiment with the model study added first (newest on top), naming its dataset study when there is one. */
export function withModelStudy(e: Experiment, doc: ModelDoc, modelId: string, now: string, datasetStudyId?: string): Experiment {
  return { ...e, studies: [modelStudy(doc, modelId, now, newId(), datasetStudyId), ...e.studies] };
}

/** The spec of a model study, or null when it is not one (or no longer readable). */
export function studyModelSpec(s: Study): ModelStudySpec | null {
  if (s.kind !== 'model' || !isRecord(s.spec)) return null;
  const sp = s.spec as Partial<Record<keyof ModelStudySpec, unknown>>;
  if (typeof sp.name !== 'string' || (sp.kind !== 'surrogate' && sp.kind !== 'efficiency') || !Array.isArray(sp.inputs) || !Array.isArray(sp.outputs)) return null;
  return s.spec as unknown as ModelStudySpec;
}

/** Reads a model file's text: JSON first, then restoreModelDoc; errors name the field and value. */
export function parseModelFile(text: string, fileName = 'the file'): Result<ModelDoc, KernelError> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { code: 'bad-model', message: `${fileName} is not JSON (${(e as Error).message})` } };
  }
  const r = restoreModelDoc(raw);
  if (r.ok) return r;
  const where = r.error.field ? ` (field ${r.error.field})` : '';
  return { ok: false, error: { ...r.error, message: `${fileName}: ${r.error.message}${where}` } };
}

/** File name for an exported model. */
export const modelFileName = (doc: ModelDoc) => `${doc.name.replace(/[^\w.-]+/g, '-')}.model.json`;

/** A design point as the Learn models take it (SI). */
export interface PredictionPoint {
  of: number;
  pc_Pa: number;
  areaRatio: number;
  /** The engine's ideal vacuum Isp at this point (m/s). */
  ispVac_m_s: number;
  /** The engine's ideal Isp at the design's ambient pressure (m/s). */
  ispAmb_m_s: number;
  /** Reactant species of the design. */
  reactants: string[];
}

/** The inputs a design point gives a model, in the order Learn trains them. */
export const DESIGN_INPUTS = ['O/F', 'pc', 'eps'] as const;

/**
 * The ML worker's predict input for `doc` at a design point — an efficiency model gets the ideal it
 * was trained against (vacuum, or at ambient) — or, as an error, why the model does not apply there.
 */
export function predictionRequest(doc: ModelDoc, p: PredictionPoint): Result<{ x: number[][]; ideal?: number[][] }, KernelError> {
  const names = doc.inputs.map((c) => c.name);
  if (names.join('|') !== DESIGN_INPUTS.join('|')) return err('bad-input', `“${doc.name}” takes ${names.join(', ')}; a design point gives ${DESIGN_INPUTS.join(', ')}`, 'inputs');
  const key = (r: string[]) => [...r].sort().join(' + ');
  if (doc.reactants && key(doc.reactants) !== key(p.reactants)) {
    return err('bad-input', `“${doc.name}” was trained for ${doc.reactants.join(' + ')}, not this design's ${p.reactants.join(' + ')}`, 'reactants');
  }
  const x = [[p.of, p.pc_Pa, p.areaRatio]];
  if (doc.kind !== 'efficiency') return ok({ x });
  return ok({ x, ideal: [[doc.idealBasis === 'ambient' ? p.ispAmb_m_s : p.ispVac_m_s]] });
}
