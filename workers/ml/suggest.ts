// Suggest the next test: score many seeded candidate conditions inside the bounds with the
// ensemble, by expected improvement of one output or by the members' disagreement, and say why.
import { latinHypercube, toUnit, type SampleDim } from '../../app/domain/lhs.ts';
import { predictEnsemble, type EnsembleModel } from './ensemble.ts';
import type { Suggestion } from '../../app/domain/ml-contract.ts';

export interface SuggestOptions {
  /** Bounds, in the model's input order. */
  bounds: SampleDim[];
  /** Which output (index into the model's outputs) the objective is on. */
  output: number;
  mode: 'expected-improvement' | 'uncertainty';
  goal: 'max' | 'min';
  /** Best value seen so far (in the output's units); defaults to the best predicted candidate mean. */
  best?: number;
  count: number;
  candidates: number;
  seed: number;
  /** Multiply the output by this per candidate (the ideal value, for efficiency models). */
  scale?: (x: number[]) => number;
  /** Unit for the reason sentence, e.g. "m/s". */
  unit?: string;
}

const SQRT2 = Math.SQRT2;
/** erf, Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const Phi = (z: number) => 0.5 * (1 + erf(z / SQRT2));
const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** Expected improvement over `best` of a normal(mu, sigma) outcome, for maximising. */
export function expectedImprovement(mu: number, sigma: number, best: number): number {
  const imp = mu - best;
  if (sigma <= 0) return Math.max(0, imp);
  const z = imp / sigma;
  return imp * Phi(z) + sigma * phi(z);
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

/** Up to `count` suggestions, best first, spread apart (at least 10 % of the box between them). */
export async function suggestNext(model: EnsembleModel, o: SuggestOptions): Promise<Suggestion[]> {
  const cands = latinHypercube(o.bounds, o.candidates, o.seed);
  const p = await predictEnsemble(model, cands);
  const k = o.output;
  const sign = o.goal === 'max' ? 1 : -1;
  const mean = cands.map((x, i) => p.mean[k][i] * (o.scale ? o.scale(x) : 1));
  const spread = cands.map((x, i) => p.spread[k][i] * (o.scale ? o.scale(x) : 1));
  const best = o.best ?? mean.reduce((b, v) => (sign * v > sign * b ? v : b), -sign * Infinity);
  const score = mean.map((m, i) => (o.mode === 'uncertainty' ? spread[i] : expectedImprovement(sign * m, spread[i], sign * best)));
  const order = score.map((_, i) => i).sort((a, b) => score[b] - score[a]);
  const unit = o.unit ? ` ${o.unit}` : '';
  const name = model.outputs[k].name;
  const chosen: number[] = [];
  for (const i of order) {
    if (chosen.length >= o.count) break;
    const far = chosen.every((j) => Math.hypot(...o.bounds.map((d, m) => toUnit(d, cands[i][m]) - toUnit(d, cands[j][m]))) > 0.1 * Math.sqrt(o.bounds.length));
    if (far) chosen.push(i);
  }
  return chosen.map((i) => ({
    x: cands[i],
    mean: mean[i],
    spread: spread[i],
    score: score[i],
    reason:
      o.mode === 'uncertainty'
        ? `The ensemble disagrees most here (${name} ${fmt(mean[i])} ± ${fmt(spread[i])}${unit}), so a test at this point teaches the model the most.`
        : `Expected to ${o.goal === 'max' ? 'raise' : 'lower'} ${name} by ${fmt(score[i])}${unit} on average against the best so far (${fmt(best)}${unit}): predicted ${fmt(mean[i])} ± ${fmt(spread[i])}${unit}.`,
  }));
}
