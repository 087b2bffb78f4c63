// Regression quality figures, from their definitions.
import type { ModelMetrics } from '../../app/domain/ml-model.ts';

/** R², RMSE, max errors and interval coverage (the stored model's `metrics`). */
export type RegressionMetrics = ModelMetrics;

export function regressionMetrics(truth: ArrayLike<number>, pred: ArrayLike<number>, lo?: ArrayLike<number>, hi?: ArrayLike<number>): RegressionMetrics {
  const n = truth.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += truth[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    const e = pred[i] - truth[i];
    ssRes += e * e;
    ssTot += (truth[i] - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(e));
    if (truth[i] !== 0) maxRel = Math.max(maxRel, Math.abs(e / truth[i]));
    if (lo && hi && lo[i] <= truth[i] && truth[i] <= hi[i]) covered++;
  }
  const m: RegressionMetrics = { n, r2: ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0, rmse: Math.sqrt(ssRes / n), maxAbsError: maxAbs, maxRelError: maxRel };
  if (lo && hi) m.coverage95 = covered / n;
  return m;
}
