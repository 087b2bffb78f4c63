// Explore's model prediction: once the design's experiment has a trained model, the newest one is
// run in the ML worker at the design point — an efficiency model times the engine's ideal Isp
// (vacuum, or at the design's ambient pressure when the firings were paired that way), or the
// surrogate's own Isp — with its 95 % interval; a model trained for other propellants is not
// used, and a design outside the model's training range is reported as an extrapolation. Its I/O is
// passed in (ModelPrediction.tsx passes the workspace's models and the app's ML bridge, imported on
// first use so the worker and TensorFlow.js start only when there is a model to run).
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { SavedModel } from './workspace.ts';
import type { MlBridge } from '../bridge/ml.ts';
import type { Result } from '../domain/result.ts';
import { latest as latestCall } from '../domain/latest.ts';
import { predictionRequest, type PredictionPoint } from '../domain/model-study.ts';
import { outsideTrainingRange, type OutOfRange } from '../domain/model-range.ts';

export interface ModelPredictionValue {
  model: SavedModel;
  mean_m_s: number;
  /** Half the width of the 95 % interval (m/s); it holds only inside the training range. */
  halfWidth_m_s: number;
  /** The design's inputs outside the training range (empty when inside), null when the model does not record it. */
  outside: OutOfRange[] | null;
}

export interface ModelPredictionDeps {
  /** The experiment's saved models, newest first. */
  modelsOf: (experimentId: string) => Promise<Result<{ models: SavedModel[] }>>;
  /** The ML worker, ready on the preferred backend (asked for only when there is a model to run). */
  ml: () => Promise<MlBridge>;
}

export function createModelPrediction(experimentId: Accessor<string | null>, point: Accessor<PredictionPoint | null>, deps: ModelPredictionDeps) {
  const modelsOf = deps.modelsOf;
  const mlBridge = deps.ml;
  // Signals, not resources: a resource read inside the app's Suspense would blank the page on every edit.
  const [latest, setLatest] = createSignal<SavedModel | null>(null);
  const [prediction, setPrediction] = createSignal<ModelPredictionValue | { error: string } | null>(null);
  createEffect(on(experimentId, (id) => {
    setLatest(null);
    if (!id) return;
    void modelsOf(id).then((r) => {
      if (experimentId() === id) setLatest(r.ok ? r.value.models[0] ?? null : null);
    });
  }));
  const calls = latestCall();
  createEffect(() => {
    const m = latest();
    const p = point();
    const current = calls.next();
    if (!m || !p) return setPrediction(null);
    void predictAt(mlBridge, m, p).then((v) => {
      if (current()) setPrediction(v);
    });
  });
  return { latest, prediction };
}

async function predictAt(mlBridge: () => Promise<MlBridge>, m: SavedModel, p: PredictionPoint): Promise<ModelPredictionValue | { error: string }> {
  const req = predictionRequest(m.doc, p);
  if (!req.ok) return { error: req.error.message };
  let r;
  try {
    r = await (await mlBridge()).call('predict', { model: m.doc, ...req.value });
  } catch (e) {
    return { error: `the ML worker failed (${(e as Error)?.message ?? String(e)})` };
  }
  if (!r.ok) return { error: r.error.message };
  const [mean, lo, hi] = [r.value.mean[0][0], r.value.lo[0][0], r.value.hi[0][0]];
  if (![mean, lo, hi].every(Number.isFinite)) return { error: `the model gave no finite prediction at O/F ${p.of}, pc ${p.pc_Pa} Pa, ε ${p.areaRatio}` };
  return { model: m, mean_m_s: mean, halfWidth_m_s: (hi - lo) / 2, outside: outsideTrainingRange(m.doc, req.value.x[0]) };
}
