// Start-up self-check of a TensorFlow.js backend: a fixed seeded network evaluated on the backend
// and on the CPU must agree to float32 precision before the backend is used. Catches GPU stacks
// that compute or read back wrongly (e.g. tfjs-backend-webgpu's dataSync, which returns zeros in a
// worker on a software adapter) instead of letting them train a wrong model.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../app/domain/ml-random.ts';
import { initMlp, predictScaled } from './mlp.ts';

/** Largest difference allowed, relative to the largest CPU output (measured: ~3e-8 on SwiftShader WebGPU). */
export const AGREEMENT_TOLERANCE = 1e-4;

/** Largest difference between `backend` and the CPU on the test network, relative to the largest
 *  CPU output (Infinity when the backend fails or gives non-finite values). Leaves `backend` active. */
export async function backendDisagreement(backend: string): Promise<number> {
  const rng = createRng(0x5e1f);
  const w = initMlp({ nIn: 3, hidden: [16, 16], nOut: 2, activation: 'tanh' }, rng);
  for (const l of w.layers) for (let i = 0; i < l.b.length; i++) l.b[i] = 0.2 * (2 * rng.next() - 1);
  const x = Float32Array.from({ length: 64 * 3 }, () => 2 * rng.next() - 1);
  if (!(await tf.setBackend('cpu'))) return Infinity;
  const ref = await predictScaled(w, x);
  try {
    if (!(await tf.setBackend(backend))) return Infinity;
    await tf.ready();
    const got = await predictScaled(w, x);
    let scale = 0;
    for (const v of ref) scale = Math.max(scale, Math.abs(v));
    let diff = 0;
    for (let i = 0; i < ref.length; i++) {
      const d = Math.abs(got[i] - ref[i]);
      if (!Number.isFinite(d)) return Infinity;
      diff = Math.max(diff, d);
    }
    return diff / Math.max(scale, 1e-12);
  } catch {
    return Infinity;
  }
}

/** The sentence shown when `backend` fails the check with disagreement `d`. */
export function disagreementReason(backend: string, d: number): string {
  return `${backend} gave results that differ from the CPU on a test network (${Number.isFinite(d) ? `relative ${d.toExponential(1)}` : 'failed or not finite'}; tolerance ${AGREEMENT_TOLERANCE.toExponential(0)})`;
}

export interface BackendChoice<B extends string> {
  active: B;
  /** Backends that failed the check, with the reason (shown to the user). */
  rejected: { name: B; reason: string }[];
}

/**
 * The first backend in `preference` that starts and agrees with the CPU; the CPU itself is the
 * reference and is not checked. `start` tries to activate a backend.
 */
export async function chooseBackend<B extends string>(preference: B[], start: (b: B) => Promise<boolean>, check: (b: B) => Promise<number> = backendDisagreement): Promise<BackendChoice<B>> {
  const rejected: BackendChoice<B>['rejected'] = [];
  for (const b of preference) {
    if (!(await start(b))) continue;
    if (b === 'cpu') return { active: b, rejected };
    const d = await check(b);
    if (d <= AGREEMENT_TOLERANCE) return { active: b, rejected };
    rejected.push({ name: b, reason: disagreementReason(b, d) });
  }
  throw new Error(`no TensorFlow.js backend could start and agree with the CPU${rejected.length ? `: ${rejected.map((r) => r.reason).join('; ')}` : ''}`);
}
