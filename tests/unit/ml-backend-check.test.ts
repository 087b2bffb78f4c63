import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { AGREEMENT_TOLERANCE, backendDisagreement, chooseBackend } from '../../workers/ml/backend-check.ts';

// A backend that computes wrongly: the CPU kernels, except that tanh is computed as relu.
beforeAll(async () => {
  await tf.setBackend('cpu');
  const Cpu = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
  tf.registerBackend('cpu-bad-tanh', () => new Cpu());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'cpu-bad-tanh', ...(k.kernelName === 'Tanh' ? { kernelFunc: tf.getKernel('Relu', 'cpu')!.kernelFunc } : {}) });
  tf.registerBackend('cpu-same', () => new Cpu());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'cpu-same' });
});

describe('backend self-check', () => {
  it('measures no disagreement for a correct backend and a large one for a wrong kernel', async () => {
    expect(await backendDisagreement('cpu-same')).toBe(0);
    expect(await backendDisagreement('cpu-bad-tanh')).toBeGreaterThan(0.05);
    await tf.setBackend('cpu');
  });

  it('falls back past a backend that disagrees with the CPU and says why', async () => {
    type B = 'cpu-bad-tanh' | 'cpu-same' | 'cpu';
    const started: B[] = [];
    const start = async (b: B) => {
      started.push(b);
      return tf.setBackend(b);
    };
    const c = await chooseBackend<B>(['cpu-bad-tanh', 'cpu-same', 'cpu'], start);
    expect(c.active).toBe('cpu-same');
    expect(c.rejected.map((r) => r.name)).toEqual(['cpu-bad-tanh']);
    expect(c.rejected[0].reason).toMatch(/^cpu-bad-tanh gave results that differ from the CPU on a test network \(relative \d\.\de[-+]\d+; tolerance 1e-4\)$/);
    expect(started).toEqual(['cpu-bad-tanh', 'cpu-same']);
    expect(AGREEMENT_TOLERANCE).toBe(1e-4);
  });

  it('skips backends that do not start and stops at the CPU without checking it', async () => {
    let checked = 0;
    const c = await chooseBackend(['webgpu', 'cpu'], async (b) => b === 'cpu' && tf.setBackend('cpu'), async () => (checked++, 0));
    expect(c).toEqual({ active: 'cpu', rejected: [] });
    expect(checked).toBe(0);
  });

  it('treats a failing or non-finite check as disagreement', async () => {
    const c = await chooseBackend(['webgl', 'cpu'], async () => true, async () => Infinity);
    expect(c.active).toBe('cpu');
    expect(c.rejected[0].reason).toMatch(/failed or not finite/);
    await tf.setBackend('cpu');
  });
});
