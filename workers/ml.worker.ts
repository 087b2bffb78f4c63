// ML worker: the only place the browser bundle loads TensorFlow.js. Picks a backend at start
// (WebGPU where a hardware adapter exists, else WebGL, else CPU) that passes a self-check against the CPU,
// and exposes the ML operations through Comlink.
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { err, ok, type KernelError, type Result } from '../app/domain/result.ts';
import { predict, suggestNext, trainModel, type PredictInput, type SuggestInput, type TrainInput, type TrainProgress } from './ml/api.ts';
import { exposeApi } from './expose-api.ts';
import { runSurrogateBayesOpt, runSurrogateChunk, type SurrogateChunkInput } from './ml/analysis-surrogate.ts';
import { AGREEMENT_TOLERANCE, backendDisagreement, chooseBackend, disagreementReason } from './ml/backend-check.ts';
import type { MlBackend } from '../app/domain/ml-contract.ts';

const PREFERENCE: MlBackend[] = ['webgpu', 'webgl', 'cpu'];

type AdapterInfo = { isFallbackAdapter?: boolean; architecture?: string };
type GpuAdapter = { isFallbackAdapter?: boolean; info?: AdapterInfo };

/** 'software' for a fallback adapter (e.g. SwiftShader): it runs, but far slower than the CPU backend. */
async function webGpuAdapterKind(): Promise<'hardware' | 'software' | null> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } }).gpu;
  if (!gpu) return null;
  try {
    const a = await gpu.requestAdapter();
    if (!a) return null;
    return a.info?.isFallbackAdapter || a.isFallbackAdapter ? 'software' : 'hardware';
  } catch {
    return null;
  }
}
const adapterKind = webGpuAdapterKind();
const hasWebGpuAdapter = async () => (await adapterKind) !== null;

async function trySet(name: MlBackend): Promise<boolean> {
  // Asking for a second adapter while the backend's device is alive can break that device.
  if (tf.findBackend(name) && tf.getBackend() === name) return true;
  if (name === 'webgpu' && !tf.findBackend('webgpu') && !(await hasWebGpuAdapter())) return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Backends that failed the self-check, with the reason (never offered or used), and those that passed. */
const rejected = new Map<MlBackend, string>();
const verified = new Set<MlBackend>(['cpu']);
async function disagreement(b: MlBackend): Promise<number> {
  const d = await backendDisagreement(b);
  if (d <= AGREEMENT_TOLERANCE) verified.add(b);
  return d;
}
/** Null when `b` (already started) agrees with the CPU; else the reason, remembered. Leaves `b` active if it agrees. */
async function verify(b: MlBackend): Promise<string | null> {
  if (verified.has(b)) return null;
  const d = await disagreement(b);
  if (d <= AGREEMENT_TOLERANCE) return null;
  const reason = disagreementReason(b, d);
  rejected.set(b, reason);
  return reason;
}
/** Why the automatic choice passed over a working backend (it stays selectable). */
let skipped: string | undefined;
const automatic: Promise<MlBackend> = (async () => {
  // A software WebGPU adapter trains these small networks ~50× slower than the CPU backend
  // (`npm run bench -- ml-browser`), so the automatic choice passes over it; Settings can still pick it.
  const kind = await adapterKind;
  // Without an adapter the WebGPU backend must not stay registered: tfjs would try to start it
  // (its highest-priority backend) on the first findBackend or getBackend, fail, and leave every
  // later call with "backend not yet initialized" — Learn did not start in such browsers.
  if (kind === null && tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const software = kind === 'software';
  const order = software ? PREFERENCE.filter((b) => b !== 'webgpu') : PREFERENCE;
  const choice = await chooseBackend(order, trySet, disagreement);
  if (software) skipped = `WebGPU here is a software adapter (slower than ${choice.active} for these networks), so ${choice.active} is used; you can still choose webgpu.`;
  for (const r of choice.rejected) rejected.set(r.name, r.reason);
  // The check leaves the CPU or the last candidate active; make the chosen one current.
  await tf.setBackend(choice.active);
  return choice.active;
})();
let ready: Promise<MlBackend> = automatic;

/** Backends that can start here (probed once, then the active one is restored). */
let availableCache: MlBackend[] | null = null;
async function available(): Promise<MlBackend[]> {
  if (availableCache) return availableCache;
  const active = await ready;
  const out: MlBackend[] = [];
  for (const b of PREFERENCE) if (!rejected.has(b) && (await trySet(b))) out.push(b);
  await tf.setBackend(active);
  availableCache = out;
  return out;
}

/** The switch itself, from the backend `before` resolves to (restored when the new one fails). */
async function switchBackend(asked: MlBackend | 'auto', before: Promise<MlBackend>): Promise<Result<{ active: MlBackend }, KernelError>> {
  const prev = await before;
  // 'auto' returns to the start-up choice (already checked).
  const name = asked === 'auto' ? await automatic : asked;
  const known = rejected.get(name);
  if (known) return err('unavailable', `the ${name} backend is not used here: ${known}`, 'name');
  if (!(await trySet(name))) {
    await tf.setBackend(prev);
    return err('unavailable', `the ${name} backend cannot start in this browser`, 'name');
  }
  const why = await verify(name);
  if (why) {
    await tf.setBackend(prev);
    return err('unavailable', `the ${name} backend is not used here: ${why}`, 'name');
  }
  return ok({ active: name });
}

const run = async <T>(f: () => Promise<Result<T, KernelError>>): Promise<Result<T, KernelError>> => {
  await ready;
  await tf.ready();
  return f();
};

/** Trains in this worker; epoch reports go to the caller's Comlink.proxy callback. */
function train(kind: 'surrogate' | 'efficiency', input: TrainInput, onProgress?: (p: TrainProgress) => void) {
  return run(() => trainModel(kind, input, (p) => void onProgress?.(p)));
}

const api = {
  /** The active backend, those available in this browser, and why any was set aside. */
  async getBackend(_input?: unknown): Promise<Result<{ active: MlBackend; available: MlBackend[]; notice?: string; hint?: string }, KernelError>> {
    const active = await ready;
    const avail = await available();
    const notice = rejected.size ? `${[...rejected.values()].join('; ')}, so ${active} is used instead.` : undefined;
    return ok({ active, available: avail, ...(notice ? { notice } : {}), ...(skipped && active !== 'webgpu' ? { hint: skipped } : {}) });
  },
  /**
   * Switches backend; models are plain data, so nothing needs moving. Until the switch ends, every
   * other call (getBackend, training, prediction) waits for it: a page that asks which backend is
   * active while a switch is still starting WebGL must not be told the old one.
   */
  setBackend(input: { name: MlBackend | 'auto' }): Promise<Result<{ active: MlBackend }, KernelError>> {
    const asked = input?.name;
    if (asked !== 'auto' && !PREFERENCE.includes(asked)) return Promise.resolve(err('bad-input', `unknown backend "${String(asked)}" (choose auto, ${PREFERENCE.join(', ')})`, 'name'));
    const before = ready;
    const switching = switchBackend(asked, before);
    ready = switching.then((r) => (r.ok ? r.value.active : before));
    return switching;
  },
  /** Trains a surrogate of engine outputs over the chosen inputs. */
  trainSurrogate(input: TrainInput, onProgress?: (p: TrainProgress) => void) {
    return train('surrogate', input, onProgress);
  },
  /** Learns measured/ideal efficiencies from test firings. */
  trainEfficiency(input: TrainInput, onProgress?: (p: TrainProgress) => void) {
    return train('efficiency', input, onProgress);
  },
  /** Predictions with 95 % intervals; arrays come back by transfer. */
  async predict(input: PredictInput) {
    const r = await run(() => predict(input));
    return r.ok ? Comlink.transfer(r, [...r.value.mean, ...r.value.std, ...r.value.lo, ...r.value.hi].map((a) => a.buffer as ArrayBuffer)) : r;
  },
  /** One chunk of a sensitivity analysis on a Learn model's predictions (Analyze's "Model"); the values move back by transfer. */
  async runAnalysisChunk(input: SurrogateChunkInput) {
    const r = await run(() => runSurrogateChunk(input));
    return r.ok ? Comlink.transfer(r, [r.value.values.buffer as ArrayBuffer]) : r;
  },
  /** Optimize's Bayesian optimisation of a learned model (GP + expected improvement over its predictions). */
  bayesOptimize(input: { spec: unknown }) {
    return run(() => runSurrogateBayesOpt(input?.spec));
  },
  suggestNext(input: SuggestInput) {
    return run(() => suggestNext(input));
  },
  /** Runs the same model on several backends and reports the largest relative difference of the means. */
  async compareBackends(input: PredictInput & { backends: MlBackend[] }): Promise<Result<{ backends: MlBackend[]; maxRelDiff: number; means: number[][] }, KernelError>> {
    const prev = await ready;
    const means: number[][] = [];
    const used: MlBackend[] = [];
    try {
      for (const b of input.backends ?? []) {
        const why = rejected.get(b);
        if (why) return err('unavailable', `the ${b} backend is not used here: ${why}`, 'backends');
        if (!(await trySet(b))) return err('unavailable', `the ${b} backend cannot start in this browser`, 'backends');
        await tf.ready();
        const r = await predict(input);
        if (!r.ok) return r;
        means.push(Array.from(r.value.mean[0]));
        used.push(b);
      }
    } finally {
      await tf.setBackend(prev);
    }
    let maxRelDiff = 0;
    for (let k = 1; k < means.length; k++) {
      for (let i = 0; i < means[0].length; i++) maxRelDiff = Math.max(maxRelDiff, Math.abs(means[k][i] - means[0][i]) / Math.max(1e-12, Math.abs(means[0][i])));
    }
    return ok({ backends: used, maxRelDiff, means });
  },
  /** Tensors alive in the worker (the leak check the UI and e2e can read). */
  async memory(_input?: unknown): Promise<Result<{ numTensors: number; backend: string }, KernelError>> {
    await ready;
    return ok({ numTensors: tf.memory().numTensors, backend: tf.getBackend() });
  },
};

export type MlWorkerApi = typeof api;
exposeApi(api);
