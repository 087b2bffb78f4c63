// Stored form of a trained model: a self-describing, JSON-able document (weights as number
// arrays) kept with its experiment in IndexedDB and exported/imported as a file. Every load path
// goes through restoreModelDoc, which checks shapes and never throws.
import { err, ok, type KernelError, type Result } from './result.ts';

export const MODEL_DOC_TYPE = 'rfo-ml-model';
export const MODEL_DOC_VERSION = 1;

export interface ModelColumn {
  name: string;
  log?: boolean;
}

export interface ModelScaler {
  log: boolean;
  mean: number;
  std: number;
}

/**
 * The ambient pressure the training data was measured at (Pa): the median of the firings'
 * ambient pressures, or sea level (101325 Pa) assumed when the data gave none (`assumed`).
 * Explore predicts with a model at this pressure by default.
 */
export interface TrainingAmbient {
  pamb_Pa: number;
  assumed: boolean;
}

/** Sea level, assumed for firings that give no ambient pressure. */
export const SEA_LEVEL_PA = 101325;

/** The smallest and largest value of one input in the training rows (SI). */
export interface InputRange {
  min: number;
  max: number;
}

export interface ModelMember {
  nIn: number;
  hidden: number[];
  nOut: number;
  activation: 'tanh' | 'relu' | 'elu';
  layers: { W: number[]; b: number[] }[];
  /** Linear skip weights nIn × nOut, when the member has one. */
  skipW?: number[];
  /** Quadratic response-surface prior on the scaled inputs, (1 + nIn + nIn(nIn+1)/2) × nOut,
   *  feature-major (1, z_j, then z_j·z_k for j ≤ k), added to the network's scaled output.
   *  Absent in older documents and in models trained without one. */
  quadW?: number[];
}

export interface ModelHyper {
  hidden: number[];
  activation: 'tanh' | 'relu' | 'elu';
  lr: number;
  epochs: number;
  batchSize: number;
  patience: number;
  l2: number;
  /** Evaluate validation loss every this many epochs. */
  evalEvery: number;
  /** Linear skip connection from inputs to outputs. */
  skip?: boolean;
  /** A quadratic response-surface prior per member; the network learns the residual. */
  quadraticPrior?: boolean;
}

export interface ModelMetrics {
  n: number;
  /** Coefficient of determination 1 − SS_res/SS_tot. */
  r2: number;
  rmse: number;
  maxAbsError: number;
  /** max |pred − true| / |true| (true values of 0 are skipped). */
  maxRelError: number;
  /** Fraction of points whose 95 % interval contains the true value (when intervals are given). */
  coverage95?: number;
}

export interface ModelDoc {
  type: typeof MODEL_DOC_TYPE;
  version: typeof MODEL_DOC_VERSION;
  /** 'surrogate': outputs are the quantities; 'efficiency': outputs are measured/ideal ratios. */
  kind: 'surrogate' | 'efficiency';
  name: string;
  inputs: ModelColumn[];
  outputs: ModelColumn[];
  xScalers: ModelScaler[];
  yScalers: ModelScaler[];
  members: ModelMember[];
  residualStd: number[];
  residualCount: number;
  hyper: ModelHyper;
  seed: number;
  nTrain: number;
  /** Held-out metrics per output, when measured. */
  metrics?: ModelMetrics[];
  /** Efficiency models: the ideal the measurements were divided by — vacuum Isp, or Isp at each
   *  firing's ambient pressure. Absent in older documents, which read as 'vacuum'. */
  idealBasis?: 'vacuum' | 'ambient';
  /** Reactant species the model was trained for (e.g. ["RP-1", "O2(L)"]), when known. */
  reactants?: string[];
  /** Per input, the range of the training rows (SI): outside it a prediction is an extrapolation.
   *  Absent in older documents, whose range is unknown. */
  inputRanges?: InputRange[];
  /** Efficiency models: the ambient pressure of the firings. Absent in older documents and in
   *  surrogates (which predict vacuum Isp). */
  ambient?: TrainingAmbient;
  /** Fields this version does not know, kept for newer readers. */
  [extra: string]: unknown;
}

/**
 * The ambient pressure (Pa) a model predicts at by default: that of its firings when recorded; for
 * an older efficiency model paired with Isp at ambient, sea level; else vacuum (a surrogate
 * predicts vacuum Isp, and a vacuum-paired efficiency does not depend on it).
 */
export function modelAmbient(doc: Pick<ModelDoc, 'kind' | 'idealBasis' | 'ambient'>): number {
  if (doc.ambient) return doc.ambient.pamb_Pa;
  return doc.kind === 'efficiency' && doc.idealBasis === 'ambient' ? SEA_LEVEL_PA : 0;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNum);

/** Checks and normalises a model document from storage, a file or a worker; errors name the field. */
export function restoreModelDoc(raw: unknown): Result<ModelDoc, KernelError> {
  if (!raw || typeof raw !== 'object') return err('bad-model', 'a model file must hold a JSON object', '');
  const d = raw as Record<string, unknown>;
  if (d.type !== MODEL_DOC_TYPE) return err('bad-model', `not a model document (type is ${JSON.stringify(d.type)})`, 'type');
  if (typeof d.version !== 'number' || d.version > MODEL_DOC_VERSION || d.version < 1) {
    return err('bad-model', `model version ${String(d.version)} is not supported by this app (it reads up to ${MODEL_DOC_VERSION})`, 'version');
  }
  const cols = (k: 'inputs' | 'outputs') => Array.isArray(d[k]) && (d[k] as unknown[]).every((c) => !!c && typeof (c as ModelColumn).name === 'string');
  if (!cols('inputs')) return err('bad-model', 'inputs must be a list of named columns', 'inputs');
  if (!cols('outputs')) return err('bad-model', 'outputs must be a list of named columns', 'outputs');
  const nIn = (d.inputs as unknown[]).length;
  const nOut = (d.outputs as unknown[]).length;
  for (const [k, len] of [['xScalers', nIn], ['yScalers', nOut]] as const) {
    const s = d[k];
    if (!Array.isArray(s) || s.length !== len || !s.every((c) => c && isNum(c.mean) && isNum(c.std) && c.std > 0)) {
      return err('bad-model', `${k} must hold ${len} scalers with a finite mean and a positive std`, k);
    }
  }
  if (!Array.isArray(d.members) || !d.members.length) return err('bad-model', 'the model has no member networks', 'members');
  for (let m = 0; m < d.members.length; m++) {
    const mem = d.members[m] as ModelMember;
    const f = `members.${m}`;
    if (!mem || mem.nIn !== nIn || mem.nOut !== nOut || !isNumArray(mem.hidden) || !Array.isArray(mem.layers)) {
      return err('bad-model', `member ${m} does not match ${nIn} inputs and ${nOut} outputs`, f);
    }
    const sizes = [nIn, ...mem.hidden, nOut];
    if (mem.layers.length !== sizes.length - 1) return err('bad-model', `member ${m} has ${mem.layers.length} layers, expected ${sizes.length - 1}`, f);
    for (let l = 0; l < mem.layers.length; l++) {
      const L = mem.layers[l];
      if (!L || !isNumArray(L.W) || L.W.length !== sizes[l] * sizes[l + 1] || !isNumArray(L.b) || L.b.length !== sizes[l + 1]) {
        return err('bad-model', `member ${m}, layer ${l}: weights must be ${sizes[l]}×${sizes[l + 1]} finite numbers plus ${sizes[l + 1]} biases`, `${f}.layers.${l}`);
      }
    }
    if (mem.skipW !== undefined && (!isNumArray(mem.skipW) || mem.skipW.length !== nIn * nOut)) {
      return err('bad-model', `member ${m}: skip weights must be ${nIn}×${nOut} finite numbers`, `${f}.skipW`);
    }
    const nQuad = (1 + nIn + (nIn * (nIn + 1)) / 2) * nOut;
    if (mem.quadW !== undefined && (!isNumArray(mem.quadW) || mem.quadW.length !== nQuad)) {
      return err('bad-model', `member ${m}: the quadratic prior must be ${nQuad} finite numbers`, `${f}.quadW`);
    }
  }
  if (!isNumArray(d.residualStd) || d.residualStd.length !== nOut) return err('bad-model', `residualStd must hold ${nOut} numbers`, 'residualStd');
  const kind = d.kind === 'efficiency' ? 'efficiency' : 'surrogate';
  if (d.idealBasis !== undefined && d.idealBasis !== 'vacuum' && d.idealBasis !== 'ambient') {
    return err('bad-model', `idealBasis must be "vacuum" or "ambient" (got ${JSON.stringify(d.idealBasis)})`, 'idealBasis');
  }
  if (d.reactants !== undefined && !(Array.isArray(d.reactants) && d.reactants.every((r) => typeof r === 'string'))) {
    return err('bad-model', 'reactants must be a list of species names', 'reactants');
  }
  if (d.inputRanges !== undefined) {
    const r = d.inputRanges;
    if (!Array.isArray(r) || r.length !== nIn) return err('bad-model', `inputRanges must hold ${nIn} ranges (got ${JSON.stringify(r)})`, 'inputRanges');
    for (let j = 0; j < nIn; j++) {
      const c = r[j] as Partial<InputRange> | null;
      if (!c || !isNum(c.min) || !isNum(c.max) || c.min > c.max) return err('bad-model', `inputRanges.${j} must have a finite min ≤ max (got ${JSON.stringify(c)})`, `inputRanges.${j}`);
    }
  }
  if (d.ambient !== undefined) {
    const a = d.ambient as Partial<TrainingAmbient> | null;
    if (!a || typeof a !== 'object' || !isNum(a.pamb_Pa) || a.pamb_Pa < 0 || a.pamb_Pa > 1e8 || (a.assumed !== undefined && typeof a.assumed !== 'boolean')) {
      return err('bad-model', `ambient must give the training data's ambient pressure pamb_Pa, 0 to 1e8 Pa (got ${JSON.stringify(a)})`, 'ambient');
    }
  }
  return ok({
    ...(d as ModelDoc),
    ...(d.ambient !== undefined ? { ambient: { pamb_Pa: (d.ambient as TrainingAmbient).pamb_Pa, assumed: (d.ambient as TrainingAmbient).assumed === true } } : {}),
    kind,
    ...(kind === 'efficiency' ? { idealBasis: d.idealBasis ?? 'vacuum' } : {}),
    name: typeof d.name === 'string' ? d.name : 'model',
    residualCount: isNum(d.residualCount) ? d.residualCount : 0,
    seed: isNum(d.seed) ? d.seed : 0,
    nTrain: isNum(d.nTrain) ? d.nTrain : 0,
  });
}
