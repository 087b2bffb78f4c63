// One network's training run: a seeded mini-batch loop (own shuffling, so a seed fixes the run),
// Adam with a cosine learning-rate decay, optional L2 weight decay, early stopping on a
// validation set with the best weights restored. Every tensor made here is disposed here.
// Numbers come back with `await data()`, never dataSync (see mlp.ts: sync reads break WebGPU).
import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../app/domain/ml-random.ts';
import { forward, initMlp, readWeights, weightTensors, type MlpShape, type MlpWeights } from './mlp.ts';

export interface TrainSet {
  /** Scaled inputs, row-major n × nIn. */
  x: Float32Array;
  /** Scaled outputs, row-major n × nOut. */
  y: Float32Array;
}

export interface TrainOptions {
  shape: MlpShape;
  seed: number;
  epochs: number;
  batchSize: number;
  /** Initial learning rate; decays (cosine) to lr × lrFloor by the last epoch. */
  lr: number;
  lrFloor?: number;
  /** Stop after this many epochs without a validation improvement (0: never). */
  patience?: number;
  /** Validate every this many epochs (validation reads a number back: a GPU sync). */
  evalEvery?: number;
  /** L2 penalty on weights (not biases), added to the mean squared error. */
  l2?: number;
}

export interface EpochInfo {
  epoch: number;
  loss: number;
  valLoss: number | null;
}

export interface TrainRun {
  weights: MlpWeights;
  history: EpochInfo[];
  bestEpoch: number;
  bestValLoss: number | null;
  epochsRun: number;
}

/** Called after each evaluated epoch; return true to stop early (e.g. cancelled). */
export type EpochHook = (e: EpochInfo) => boolean | void;

export async function trainMlp(train: TrainSet, val: TrainSet | null, o: TrainOptions, onEpoch?: EpochHook): Promise<TrainRun> {
  const { nIn, nOut } = o.shape;
  const n = train.x.length / nIn;
  if (!(n >= 1)) throw new RangeError(`training needs at least one sample (got ${n})`);
  const rng = createRng(o.seed);
  const init = initMlp(o.shape, rng);
  const initT = weightTensors(init);
  const vars = initT.map((t) => tf.variable(t, true));
  tf.dispose(initT);
  const xT = tf.tensor2d(train.x, [n, nIn]);
  const yT = tf.tensor2d(train.y, [n, nOut]);
  const nVal = val ? val.x.length / nIn : 0;
  const vxT = nVal ? tf.tensor2d(val!.x, [nVal, nIn]) : null;
  const vyT = nVal ? tf.tensor2d(val!.y, [nVal, nOut]) : null;
  const opt = tf.train.adam(o.lr);
  const floor = o.lrFloor ?? 0.02;
  const evalEvery = Math.max(1, o.evalEvery ?? 1);
  const patience = o.patience ?? 0;
  const l2 = o.l2 ?? 0;
  const bs = Math.max(1, Math.min(o.batchSize, n));
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;

  let best: tf.Tensor[] | null = null;
  let bestVal = Infinity;
  let bestEpoch = 0;
  let sinceBest = 0;
  const history: EpochInfo[] = [];
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= o.epochs; epoch++) {
      (opt as unknown as { learningRate: number }).learningRate =
        o.lr * (floor + (1 - floor) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / Math.max(1, o.epochs))));
      shuffleInPlace(idx, rng);
      let lossSum: tf.Scalar = tf.scalar(0);
      for (let b0 = 0; b0 < n; b0 += bs) {
        const b1 = Math.min(n, b0 + bs);
        const cost = tf.tidy(() => {
          const ib = tf.tensor1d(idx.subarray(b0, b1), 'int32');
          const xb = tf.gather(xT, ib);
          const yb = tf.gather(yT, ib);
          return opt.minimize(() => {
            const mse = tf.mean(tf.squaredDifference(forward(xb, vars, o.shape.activation), yb)) as tf.Scalar;
            if (!l2) return mse;
            let pen: tf.Tensor = tf.scalar(0);
            for (let l = 0; l + 1 < vars.length; l += 2) pen = tf.add(pen, tf.sum(tf.square(vars[l])));
            return tf.add(mse, tf.mul(pen, l2 / n)) as tf.Scalar;
          }, true, vars)!;
        });
        const next = tf.tidy(() => tf.add(lossSum, tf.mul(cost, (b1 - b0) / n)) as tf.Scalar);
        tf.dispose([lossSum, cost]);
        lossSum = next;
      }
      if (epoch % evalEvery !== 0 && epoch !== o.epochs) {
        lossSum.dispose();
        continue;
      }
      const loss = (await lossSum.data())[0];
      lossSum.dispose();
      let valLoss: number | null = null;
      if (vxT && vyT) {
        const vl = tf.tidy(() => tf.mean(tf.squaredDifference(forward(vxT, vars, o.shape.activation), vyT)));
        try {
          valLoss = (await vl.data())[0];
        } finally {
          vl.dispose();
        }
      }
      const score = valLoss ?? loss;
      if (!Number.isFinite(score)) break;
      if (score < bestVal) {
        bestVal = score;
        bestEpoch = epoch;
        sinceBest = 0;
        if (best) tf.dispose(best);
        best = vars.map((v) => v.clone());
      } else {
        sinceBest += evalEvery;
      }
      const info = { epoch, loss, valLoss };
      history.push(info);
      if (onEpoch?.(info) === true) break;
      if (patience && sinceBest >= patience) break;
    }
    const weights = await readWeights(o.shape, best ?? vars);
    return { weights, history, bestEpoch, bestValLoss: vxT ? bestVal : null, epochsRun: Math.min(epoch, o.epochs) };
  } finally {
    tf.dispose([xT, yT, ...vars]);
    if (vxT) tf.dispose([vxT, vyT!]);
    if (best) tf.dispose(best);
    opt.dispose();
  }
}
