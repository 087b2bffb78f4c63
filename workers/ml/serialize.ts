// EnsembleModel (typed arrays, for computing) ↔ ModelDoc (plain arrays, for storage and files).
import { MODEL_DOC_TYPE, MODEL_DOC_VERSION, type ModelDoc, type ModelMetrics } from '../../app/domain/ml-model.ts';
import type { EnsembleModel } from './ensemble.ts';

export function modelToDoc(m: EnsembleModel, kind: ModelDoc['kind'], name: string, metrics?: ModelMetrics[]): ModelDoc {
  const doc: ModelDoc = {
    type: MODEL_DOC_TYPE,
    version: MODEL_DOC_VERSION,
    kind,
    name,
    inputs: m.inputs.map((c) => ({ ...c })),
    outputs: m.outputs.map((c) => ({ ...c })),
    xScalers: m.xScalers.map((c) => ({ ...c })),
    yScalers: m.yScalers.map((c) => ({ ...c })),
    members: m.members.map((w) => ({
      nIn: w.nIn,
      hidden: [...w.hidden],
      nOut: w.nOut,
      activation: w.activation,
      layers: w.layers.map((l) => ({ W: Array.from(l.W), b: Array.from(l.b) })),
      ...(w.skipW ? { skipW: Array.from(w.skipW) } : {}),
      ...(w.quadW ? { quadW: Array.from(w.quadW) } : {}),
    })),
    residualStd: [...m.residualStd],
    residualCount: m.residualCount,
    hyper: { ...m.hyper, hidden: [...m.hyper.hidden] },
    seed: m.seed,
    nTrain: m.nTrain,
  };
  if (metrics) doc.metrics = metrics;
  return doc;
}

/** Rebuilds the computing form; the doc must have passed restoreModelDoc. */
export function docToModel(d: ModelDoc): EnsembleModel {
  return {
    inputs: d.inputs,
    outputs: d.outputs,
    xScalers: d.xScalers.map((c) => ({ log: !!c.log, mean: c.mean, std: c.std })),
    yScalers: d.yScalers.map((c) => ({ log: !!c.log, mean: c.mean, std: c.std })),
    members: d.members.map((w) => ({
      nIn: w.nIn,
      hidden: [...w.hidden],
      nOut: w.nOut,
      activation: w.activation,
      layers: w.layers.map((l) => ({ W: Float32Array.from(l.W), b: Float32Array.from(l.b) })),
      ...(w.skipW ? { skip: true, skipW: Float32Array.from(w.skipW) } : {}),
      ...(w.quadW ? { quadW: Float64Array.from(w.quadW) } : {}),
    })),
    residualStd: [...d.residualStd],
    residualCount: d.residualCount,
    hyper: d.hyper,
    seed: d.seed,
    nTrain: d.nTrain,
  };
}
