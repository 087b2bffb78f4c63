// Deep ensembles: several networks from different seeds, each validated on its own fold of the
// data. The mean of the members is the prediction; the 95 % interval combines the members' spread
// with the residual error measured out-of-fold, so it is honest about what the members share.
import { createRng, shuffleInPlace } from '../../app/domain/ml-random.ts';
import type { ModelHyper } from '../../app/domain/ml-model.ts';
import type { ColumnSpec } from '../../app/domain/ml-contract.ts';
import { fitScalers, scaleRows, unscaleValue, type ColumnScaler } from './scaler.ts';
import { predictScaled, type MlpWeights } from './mlp.ts';
import { trainMlp, type EpochInfo, type TrainOptions } from './train.ts';
import { addQuadratic, fitQuadraticPrior } from './prior.ts';

/** Network and training settings (the stored model's `hyper`, defined with the model document). */
export type Hyper = ModelHyper;

export const DEFAULT_HYPER: Hyper = { hidden: [32, 32], activation: 'tanh', lr: 0.01, epochs: 400, batchSize: 64, patience: 80, l2: 0, evalEvery: 1 };

/** For a few dozen noisy test points: a quadratic response surface (penalties chosen by
 *  leave-one-out) and a small, strongly regularised network on its residual, trained to the end. */
export const EFFICIENCY_HYPER: Hyper = { hidden: [16], activation: 'tanh', lr: 0.01, epochs: 500, batchSize: 32, patience: 0, l2: 0.3, evalEvery: 10, skip: false, quadraticPrior: true };

export interface EnsembleOptions {
  inputs: ColumnSpec[];
  outputs: ColumnSpec[];
  members: number;
  /** Share of the data each member holds out for validation (folds = round(1/fraction)). */
  valFraction: number;
  seed: number;
  hyper: Hyper;
}

export interface EnsembleModel {
  inputs: ColumnSpec[];
  outputs: ColumnSpec[];
  xScalers: ColumnScaler[];
  yScalers: ColumnScaler[];
  members: MlpWeights[];
  /** Out-of-fold residual standard deviation per output, in scaled units. */
  residualStd: number[];
  /** Points that gave the residual estimate (sets the interval's t quantile). */
  residualCount: number;
  hyper: Hyper;
  seed: number;
  nTrain: number;
}

export interface MemberProgress {
  member: number;
  members: number;
  epoch: EpochInfo;
}

export interface Prediction {
  /** Per output, per point: mean, standard deviation of the prediction, 95 % bounds (SI units). */
  mean: Float64Array[];
  std: Float64Array[];
  /** The members' disagreement alone (what more data can reduce), SI units. */
  spread: Float64Array[];
  lo: Float64Array[];
  hi: Float64Array[];
}

/** 97.5 % quantile of Student's t with ν degrees of freedom (Cornish–Fisher, ≤ 0.3 % off for ν ≥ 3). */
export function t975(nu: number): number {
  const z = 1.959964;
  if (!Number.isFinite(nu) || nu > 1e6) return z;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu * nu) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

/** Seeded fold number of every row: a shuffled round-robin over `folds` folds. */
export function assignFolds(n: number, folds: number, seed: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed ^ 0x5eed));
  const fold = new Int32Array(n);
  order.forEach((row, k) => (fold[row] = k % folds));
  return fold;
}

function pick(flat: Float32Array, width: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(flat.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

/** Trains the ensemble on rows x (inputs) and y (outputs), SI units. */
export async function trainEnsemble(
  x: number[][],
  y: number[][],
  o: EnsembleOptions,
  onProgress?: (p: MemberProgress) => boolean | void,
): Promise<EnsembleModel> {
  const n = x.length;
  const xScalers = fitScalers(x, o.inputs.map((c) => !!c.log));
  const yScalers = fitScalers(y, o.outputs.map((c) => !!c.log));
  const xs = scaleRows(x, xScalers);
  const ys = scaleRows(y, yScalers);
  const nIn = o.inputs.length;
  const nOut = o.outputs.length;
  const folds = Math.max(2, Math.round(1 / Math.max(0.05, Math.min(0.5, o.valFraction))));
  const fold = assignFolds(n, folds, o.seed);
  const members: MlpWeights[] = [];
  // Out-of-fold predictions summed per row and output, with counts.
  const oofSum = new Float64Array(n * nOut);
  const oofCount = new Int32Array(n);
  let stopped = false;
  for (let m = 0; m < o.members && !stopped; m++) {
    const f = m % folds;
    const trainRows: number[] = [];
    const valRows: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? valRows : trainRows).push(i);
    const h = o.hyper;
    const opts: TrainOptions = {
      shape: { nIn, nOut, hidden: h.hidden, activation: h.activation, skip: !!h.skip },
      seed: o.seed * 7919 + m * 104729 + 1,
      epochs: h.epochs,
      batchSize: h.batchSize,
      lr: h.lr,
      patience: h.patience,
      evalEvery: h.evalEvery,
      l2: h.l2,
    };
    const xTr = pick(xs, nIn, trainRows);
    const yTr = pick(ys, nOut, trainRows);
    const xVa = pick(xs, nIn, valRows);
    const yVa = pick(ys, nOut, valRows);
    // The prior is fitted on this member's fold only, so out-of-fold residuals stay honest.
    const quadW = h.quadraticPrior ? fitQuadraticPrior(xTr, yTr, nIn, nOut).coef : undefined;
    if (quadW) {
      addQuadratic(quadW.map((c) => -c), xTr, nIn, nOut, yTr);
      addQuadratic(quadW.map((c) => -c), xVa, nIn, nOut, yVa);
    }
    const run = await trainMlp(
      { x: xTr, y: yTr },
      valRows.length ? { x: xVa, y: yVa } : null,
      opts,
      (epoch) => {
        if (onProgress?.({ member: m, members: o.members, epoch }) === true) {
          stopped = true;
          return true;
        }
      },
    );
    if (quadW) run.weights.quadW = quadW;
    members.push(run.weights);
    if (valRows.length) {
      const pv = await predictScaled(run.weights, xVa);
      valRows.forEach((r, i) => {
        for (let k = 0; k < nOut; k++) oofSum[r * nOut + k] += pv[i * nOut + k];
        oofCount[r]++;
      });
    }
  }
  const residualStd = new Array<number>(nOut).fill(0);
  let residualCount = 0;
  for (let i = 0; i < n; i++) {
    if (!oofCount[i]) continue;
    residualCount++;
    for (let k = 0; k < nOut; k++) residualStd[k] += (ys[i * nOut + k] - oofSum[i * nOut + k] / oofCount[i]) ** 2;
  }
  for (let k = 0; k < nOut; k++) residualStd[k] = residualCount ? Math.sqrt(residualStd[k] / residualCount) : 0;
  return { inputs: o.inputs, outputs: o.outputs, xScalers, yScalers, members, residualStd, residualCount, hyper: o.hyper, seed: o.seed, nTrain: n };
}

/** Scaled member outputs: member-major, each n × nOut. */
export async function memberPredictionsScaled(model: EnsembleModel, x: number[][]): Promise<Float32Array[]> {
  const xs = scaleRows(x, model.xScalers);
  const out: Float32Array[] = [];
  for (const w of model.members) out.push(await predictScaled(w, xs));
  return out;
}

/** Mean, spread and 95 % interval of the ensemble at rows x (SI units in and out). */
export async function predictEnsemble(model: EnsembleModel, x: number[][]): Promise<Prediction> {
  const n = x.length;
  const nOut = model.outputs.length;
  const per = await memberPredictionsScaled(model, x);
  const M = per.length;
  const t = t975(Math.max(1, model.residualCount - 1));
  const res: Prediction = { mean: [], std: [], spread: [], lo: [], hi: [] };
  for (let k = 0; k < nOut; k++) {
    const sc = model.yScalers[k];
    const mean = new Float64Array(n);
    const std = new Float64Array(n);
    const spread = new Float64Array(n);
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    const r2 = model.residualStd[k] ** 2;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let m = 0; m < M; m++) s += per[m][i * nOut + k];
      const mu = s / M;
      let v = 0;
      for (let m = 0; m < M; m++) v += (per[m][i * nOut + k] - mu) ** 2;
      const spread2 = M > 1 ? v / (M - 1) : 0;
      const sz = Math.sqrt(spread2 + r2);
      mean[i] = unscaleValue(mu, sc);
      lo[i] = unscaleValue(mu - t * sz, sc);
      hi[i] = unscaleValue(mu + t * sz, sc);
      // In physical units; for a log output this is the first-order (delta-method) spread.
      const toSi = sc.std * (sc.log ? mean[i] : 1);
      std[i] = sz * toSi;
      spread[i] = Math.sqrt(spread2) * toSi;
    }
    res.mean.push(mean);
    res.std.push(std);
    res.spread.push(spread);
    res.lo.push(lo);
    res.hi.push(hi);
  }
  return res;
}
