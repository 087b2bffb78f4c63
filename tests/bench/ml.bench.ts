// ML on the tfjs CPU backend in node: training throughput (samples·epochs per second) for the
// default 32×32 surrogate network, and ensemble prediction latency for 10,000 points.
import * as tf from '@tensorflow/tfjs';
import type { Bench } from '../../scripts/bench.ts';
import { latinHypercube } from '../../app/domain/lhs.ts';
import { DEFAULT_HYPER, trainEnsemble, predictEnsemble } from '../../workers/ml/ensemble.ts';

const DIMS = [
  { name: 'O/F', min: 1.5, max: 3.5 },
  { name: 'pc', min: 1e5, max: 250e5, log: true },
  { name: 'eps', min: 5, max: 150, log: true },
];
const f = (x: number[]) => 3000 + 300 * Math.log(x[2] / 5) / Math.log(30) - 150 * (x[0] - 2.6) ** 2 + 20 * Math.log10(x[1] / 1e5);
const INPUTS = [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }];

async function model(members: number, epochs: number) {
  const x = latinHypercube(DIMS, 1000, 1);
  return { x, m: await trainEnsemble(x, x.map((r) => [f(r)]), { inputs: INPUTS, outputs: [{ name: 'Isp' }], members, valFraction: 0.1, seed: 1, hyper: { ...DEFAULT_HYPER, epochs, patience: 0, evalEvery: 10 } }) };
}

export const benches: Bench[] = [
  {
    name: 'ml-train-cpu-node',
    async run() {
      await tf.setBackend('cpu');
      const epochs = 20;
      const t0 = performance.now();
      const { m } = await model(1, epochs);
      const dt = (performance.now() - t0) / 1000;
      return { samplesEpochsPerSecond: Math.round((m.nTrain * 0.9 * epochs) / dt), network: '3-32-32-1 tanh, batch 64', seconds: +dt.toFixed(2) };
    },
  },
  {
    name: 'ml-predict-10k-cpu-node',
    async run() {
      await tf.setBackend('cpu');
      const { m } = await model(5, 1);
      const pts = latinHypercube(DIMS, 10_000, 2);
      await predictEnsemble(m, pts.slice(0, 100)); // warm-up
      const t0 = performance.now();
      const p = await predictEnsemble(m, pts);
      const ms = performance.now() - t0;
      if (!Number.isFinite(p.mean[0][0])) throw new Error('non-finite prediction');
      return { points: 10_000, members: 5, milliseconds: +ms.toFixed(1) };
    },
  },
];
