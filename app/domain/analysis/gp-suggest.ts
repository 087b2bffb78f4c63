// Learn's "suggest the next test firing" by a Gaussian process of the data themselves (Matérn 5/2,
// hyperparameters by marginal likelihood; gaussian-process.ts) and expected improvement, q points
// at once by the kriging believer (bayes-opt.ts) — the choice next to the ensemble's expected
// improvement (workers/ml/suggest.ts). Inputs are mapped to the unit cube of the search box (log
// axes in log), so length scales compare; points outside the box still inform the model.
import { createRng } from '../ml-random.ts';
import { toUnit, fromUnit, type SampleDim } from '../lhs.ts';
import type { Suggestion } from '../ml-contract.ts';
import { err, ok, type Result } from '../result.ts';
import { proposeBatch } from './bayes-opt.ts';
import { fitGp } from './gaussian-process.ts';

export interface GpSuggestOptions {
  /** Measured (or simulated) points: inputs in the box's order, and the output to improve. */
  x: number[][];
  y: number[];
  bounds: SampleDim[];
  goal: 'max' | 'min';
  /** Points to suggest (the batch size q). */
  count: number;
  seed: number;
  /** Output's name and unit, for the reason sentence. */
  name: string;
  unit?: string;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

/** Up to `count` next points by the GP's expected improvement, in the order chosen; an error value when the data cannot make a model. */
export function suggestByGp(o: GpSuggestOptions): Result<Suggestion[]> {
  const n = o.x.length;
  if (n !== o.y.length) return err('bad-input', `the data have ${n} input rows but ${o.y.length} outputs`, 'y');
  if (n < 3) return err('bad-input', `the Gaussian process needs at least 3 points with a value (got ${n})`, 'x');
  const d = o.bounds.length;
  for (let i = 0; i < n; i++) {
    if (o.x[i].length !== d || !o.x[i].every(Number.isFinite) || !Number.isFinite(o.y[i])) return err('bad-input', `data row ${i + 1} is not ${d} finite inputs and a finite output`, `x.${i}`);
  }
  const sign = o.goal === 'max' ? -1 : 1; // the optimiser minimises
  const u = o.x.map((row) => row.map((v, j) => toUnit(o.bounds[j], v)));
  const z = o.y.map((v) => sign * v);
  const rng = createRng(o.seed);
  const gp = fitGp(u, z, { seed: rng.int(2 ** 31) });
  if (!gp) return err('no-result', 'the Gaussian process could not be fitted to these data (the points may repeat with different values)', 'x');
  const best = sign * Math.min(...z);
  const unit = o.unit ? ` ${o.unit}` : '';
  const props = proposeBatch(gp, u, z, Math.max(1, o.count), rng);
  return ok(props.map((p, k) => {
    const mean = sign * p.mean;
    return {
      x: p.u.map((v, j) => fromUnit(o.bounds[j], v)),
      mean,
      spread: p.sd,
      score: p.ei,
      reason: `The Gaussian process of the ${n} points expects to ${o.goal === 'max' ? 'raise' : 'lower'} ${o.name} by ${fmt(p.ei)}${unit} on average against the best measured (${fmt(best)}${unit}): predicted ${fmt(mean)} ± ${fmt(p.sd)}${unit}` +
        (k > 0 ? ` (point ${k + 1} of a batch of ${props.length}, chosen as if the earlier ones had given their predicted values).` : '.'),
    };
  }));
}
