// Multilayer perceptrons as plain data: weights live in Float32Arrays (JSON-able, storable,
// transferable); tensors exist only inside a training run or a prediction, so nothing leaks.
// Reads back from tensors are always async (`data()`): tfjs-backend-webgpu's dataSync goes through
// an OffscreenCanvas copy that returns zeros in a worker on some adapters (SwiftShader) and then
// loses the device, so a synchronous read is a bug on GPU backends.
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../app/domain/ml-random.ts';
import { addQuadratic } from './prior.ts';

export type Activation = 'tanh' | 'relu' | 'elu';

export interface MlpShape {
  nIn: number;
  hidden: number[];
  nOut: number;
  activation: Activation;
  /** Add a linear map from inputs to outputs (unpenalised by L2): the network then learns the
   *  deviation from a linear trend, which extrapolates gently from few points. */
  skip?: boolean;
}

export interface MlpWeights extends MlpShape {
  /** Per layer: W (nIn × nOut, row-major) then b; hidden layers first, linear output layer last. */
  layers: { W: Float32Array; b: Float32Array }[];
  /** Linear skip weights (nIn × nOut), when shape.skip. */
  skipW?: Float32Array;
  /** Quadratic response-surface prior (prior.ts), features × nOut: the network learns the residual. */
  quadW?: Float64Array;
}

/** Layer sizes from input to output. */
export function layerSizes(s: MlpShape): number[] {
  return [s.nIn, ...s.hidden, s.nOut];
}

/** Glorot-uniform weights and zero biases drawn from `rng` (seeded, so members are reproducible). */
export function initMlp(shape: MlpShape, rng: Rng): MlpWeights {
  const sizes = layerSizes(shape);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const W = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < W.length; i++) W[i] = (2 * rng.next() - 1) * limit;
    layers.push({ W, b: new Float32Array(fanOut) });
  }
  const w: MlpWeights = { ...shape, hidden: [...shape.hidden], layers };
  if (shape.skip) w.skipW = new Float32Array(shape.nIn * shape.nOut);
  return w;
}

/** Number of trainable parameters. */
export function countParams(w: MlpWeights): number {
  return w.layers.reduce((s, l) => s + l.W.length + l.b.length, w.skipW?.length ?? 0);
}

function activate(x: tf.Tensor2D, a: Activation): tf.Tensor2D {
  if (a === 'relu') return tf.relu(x);
  if (a === 'elu') return tf.elu(x);
  return tf.tanh(x);
}

/** Forward pass over tensors (params alternate W, b per layer, then the skip matrix if any). Call inside tf.tidy. */
export function forward(x: tf.Tensor2D, params: tf.Tensor[], activation: Activation): tf.Tensor2D {
  let h = x;
  const nLayers = Math.floor(params.length / 2);
  for (let l = 0; l < nLayers; l++) {
    const z = tf.add(tf.matMul(h, params[2 * l] as tf.Tensor2D), params[2 * l + 1]) as tf.Tensor2D;
    h = l + 1 < nLayers ? activate(z, activation) : z;
  }
  return params.length % 2 ? tf.add(h, tf.matMul(x, params[params.length - 1] as tf.Tensor2D)) : h;
}

/** Tensors (not variables) for the weights; the caller disposes them (or runs inside tidy). */
export function weightTensors(w: MlpWeights): tf.Tensor[] {
  const sizes = layerSizes(w);
  const out: tf.Tensor[] = [];
  w.layers.forEach((l, i) => {
    out.push(tf.tensor2d(l.W, [sizes[i], sizes[i + 1]]));
    out.push(tf.tensor1d(l.b));
  });
  if (w.skipW) out.push(tf.tensor2d(w.skipW, [w.nIn, w.nOut]));
  return out;
}

/** Reads variables (or tensors) back into plain weights. */
export async function readWeights(shape: MlpShape, params: tf.Tensor[]): Promise<MlpWeights> {
  const data = await Promise.all(params.map((p) => p.data() as Promise<Float32Array>));
  const layers = [];
  const nLayers = Math.floor(params.length / 2);
  for (let l = 0; l < nLayers; l++) layers.push({ W: Float32Array.from(data[2 * l]), b: Float32Array.from(data[2 * l + 1]) });
  const w: MlpWeights = { ...shape, hidden: [...shape.hidden], layers };
  if (params.length % 2) w.skipW = Float32Array.from(data[params.length - 1]);
  return w;
}

/** Evaluates the network on scaled inputs (row-major, n × nIn); returns scaled outputs (n × nOut). */
export async function predictScaled(w: MlpWeights, x: Float32Array, chunk = 4096): Promise<Float32Array> {
  const n = x.length / w.nIn;
  const out = new Float32Array(n * w.nOut);
  const params = weightTensors(w);
  try {
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const m = Math.min(chunk, n - i0);
      const y = tf.tidy(() => forward(tf.tensor2d(x.subarray(i0 * w.nIn, (i0 + m) * w.nIn), [m, w.nIn]), params, w.activation));
      try {
        out.set((await y.data()) as Float32Array, i0 * w.nOut);
      } finally {
        y.dispose();
      }
    }
  } finally {
    tf.dispose(params);
  }
  if (w.quadW) addQuadratic(w.quadW, x, w.nIn, w.nOut, out);
  return out;
}
