import { describe, it, expect, beforeAll, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../app/domain/ml-random.ts';
import { trainEnsemble, predictEnsemble, t975, DEFAULT_HYPER, type EnsembleOptions } from '../../workers/ml/ensemble.ts';
import { regressionMetrics } from '../../workers/ml/metrics.ts';

// Analytic stand-in: smooth in two inputs, known noise.
const f = (a: number, b: number) => Math.sin(2 * a) + 0.5 * b * b;
function data(n: number, seed: number, noise: number) {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1;
    const b = 2 * rng.next() - 1;
    x.push([a, b]);
    truth.push(f(a, b));
    y.push([f(a, b) + noise * rng.normal()]);
  }
  return { x, y, truth };
}

const OPTS: EnsembleOptions = {
  inputs: [{ name: 'a' }, { name: 'b' }],
  outputs: [{ name: 'y' }],
  members: 3,
  valFraction: 0.2,
  seed: 11,
  hyper: { ...DEFAULT_HYPER, hidden: [16, 16], epochs: 60, batchSize: 32, lr: 0.01, patience: 0 },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ensemble (sanity)', async () => {
  it('t975 matches tabulated Student t quantiles', async () => {
    expect(t975(5)).toBeCloseTo(2.571, 1);
    expect(t975(10)).toBeCloseTo(2.228, 2);
    expect(t975(30)).toBeCloseTo(2.042, 3);
    expect(t975(Infinity)).toBeCloseTo(1.96, 3);
  });

  it('is deterministic for a fixed seed and differs for another seed', async () => {
    const d = data(120, 1, 0.02);
    const o = { ...OPTS, hyper: { ...OPTS.hyper, epochs: 15 } };
    const a = await trainEnsemble(d.x, d.y, o);
    const b = await trainEnsemble(d.x, d.y, o);
    const c = await trainEnsemble(d.x, d.y, { ...o, seed: 12 });
    expect(Array.from(a.members[0].layers[0].W)).toEqual(Array.from(b.members[0].layers[0].W));
    expect(Array.from((await predictEnsemble(a, d.x.slice(0, 5))).mean[0])).toEqual(Array.from((await predictEnsemble(b, d.x.slice(0, 5))).mean[0]));
    expect(Array.from(c.members[0].layers[0].W)).not.toEqual(Array.from(a.members[0].layers[0].W));
  });

  it('returns the tensor count to its baseline after training and predicting', async () => {
    const d = data(80, 2, 0.02);
    const before = tf.memory().numTensors;
    const m = await trainEnsemble(d.x, d.y, { ...OPTS, hyper: { ...OPTS.hyper, l2: 1e-3, epochs: 10, evalEvery: 3, patience: 6, skip: true } });
    expect(tf.memory().numTensors).toBe(before);
    await predictEnsemble(m, d.x);
    expect(tf.memory().numTensors).toBe(before);
  });

  // tfjs-backend-webgpu's dataSync reads through an OffscreenCanvas that returns zeros in a worker on
  // a software adapter and then loses the device; the ML code must only read back asynchronously.
  it('never reads a tensor synchronously while training or predicting', async () => {
    const d = data(60, 5, 0.02);
    const sync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const arr = vi.spyOn(tf.Tensor.prototype, 'arraySync');
    try {
      const m = await trainEnsemble(d.x, d.y, { ...OPTS, members: 2, hyper: { ...OPTS.hyper, epochs: 6, evalEvery: 2, patience: 4, l2: 1e-3 } });
      await predictEnsemble(m, d.x);
      expect(sync).not.toHaveBeenCalled();
      expect(arr).not.toHaveBeenCalled();
    } finally {
      sync.mockRestore();
      arr.mockRestore();
    }
  });

  it('95 % intervals cover the noisy truth on about 95 % of held-out points', async () => {
    const noise = 0.05;
    const d = data(300, 3, noise);
    const m = await trainEnsemble(d.x, d.y, { ...OPTS, members: 5, hyper: { ...OPTS.hyper, epochs: 150, patience: 40 } });
    const test = data(400, 4, noise);
    const p = await predictEnsemble(m, test.x);
    const met = regressionMetrics(test.y.map((r) => r[0]), p.mean[0], p.lo[0], p.hi[0]);
    expect(met.r2).toBeGreaterThan(0.97);
    expect(met.coverage95).toBeGreaterThan(0.9);
    expect(met.coverage95).toBeLessThan(0.995);
    // Intervals should not be absurdly wide: mean half-width within 3× the 1.96σ noise band.
    let hw = 0;
    for (let i = 0; i < test.x.length; i++) hw += (p.hi[0][i] - p.lo[0][i]) / 2;
    expect(hw / test.x.length).toBeLessThan(3 * 1.96 * noise);
  });
});
