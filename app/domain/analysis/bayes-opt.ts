// Bayesian optimisation (Jones, Schonlau & Welch 1998, "Efficient global optimization of expensive
// black-box functions", J. Global Optim. 13): a Gaussian process of the evaluations so far, and the
// next point where expected improvement is largest; batches of q points by the kriging believer
// (Ginsbourger, Le Riche & Carraro 2010): each chosen point is added with the model's own mean as
// its value, hyperparameters held, before the next one is chosen. Minimises over the unit cube.
import { createRng, type Rng } from '../ml-random.ts';
import { normalCdf, normalPdf } from './distributions.ts';
import { fitGp, type Gp } from './gaussian-process.ts';
import { nelderMead } from './nelder-mead.ts';
import { unitSample } from './uncertainty.ts';

/** Expected improvement below `best` of a normal prediction (mean, sd) (Jones et al. 1998, eq. 15). */
export function expectedImprovement(mean: number, sd: number, best: number): number {
  const gain = best - mean;
  if (!(sd > 1e-12)) return Math.max(gain, 0);
  const z = gain / sd;
  return gain * normalCdf(z) + sd * normalPdf(z);
}

const clamp01 = (u: number[]) => u.map((v) => Math.min(1, Math.max(0, v)));

// The unit-cube point of largest expected improvement: a random screen (plus points near the best
// evaluations), then Nelder–Mead from the three best candidates.
function maximiseEi(gp: Gp, best: number, d: number, xs: number[][], ys: number[], rng: Rng): number[] {
  const ei = (u: number[]) => {
    const p = gp.predict(u);
    return expectedImprovement(p.mean, p.sd, best);
  };
  const candidates: number[][] = [];
  for (let k = 0; k < 300 * d; k++) candidates.push(Array.from({ length: d }, () => rng.next()));
  const order = ys.map((_, i) => i).sort((a, b) => ys[a] - ys[b]).slice(0, 5);
  for (const i of order) for (let k = 0; k < 20; k++) candidates.push(clamp01(xs[i].map((v) => v + 0.05 * rng.normal())));
  const scored = candidates.map((u) => ({ u, v: ei(u) })).sort((a, b) => b.v - a.v);
  let top = scored[0];
  for (const c of scored.slice(0, 3)) {
    const r = nelderMead((u) => -ei(clamp01(u)), c.u, c.u.map(() => 0.02), 40 * (d + 1), 1e-10);
    if (-r.f > top.v) top = { u: clamp01(r.x), v: -r.f };
  }
  return top.u;
}

/** A proposed point: where, what the model predicts there (mean, sd) and its expected improvement when chosen. */
export interface Proposal {
  u: number[];
  mean: number;
  sd: number;
  ei: number;
}

/**
 * The next q points to evaluate (minimising), by expected improvement and the kriging believer:
 * each chosen point joins the data with the model's mean as its value (hyperparameters held)
 * before the next is chosen, so a batch spreads out instead of piling on one optimum.
 */
export function proposeBatch(gp: Gp, xs: number[][], ys: number[], q: number, rng: Rng): Proposal[] {
  const d = xs[0].length;
  const out: Proposal[] = [];
  let model = gp;
  const fx = xs.slice();
  const fy = ys.slice();
  for (let k = 0; k < q; k++) {
    const best = Math.min(...fy);
    const u = maximiseEi(model, best, d, fx, fy, rng);
    const p = model.predict(u);
    out.push({ u, mean: p.mean, sd: p.sd, ei: expectedImprovement(p.mean, p.sd, best) });
    if (k + 1 < q) {
      fx.push(u);
      fy.push(p.mean);
      model = fitGp(fx, fy, { fixedTheta: gp.fit.theta }) ?? model;
    }
  }
  return out;
}

export interface BayesOptOptions {
  /** Number of inputs (the unit cube's dimension). */
  d: number;
  /** Evaluations in all, the initial design included. */
  evaluations: number;
  /** Points proposed per round (q; default 1). */
  batch?: number;
  /** Points of the initial Latin hypercube (default max(5, 4d), at most evaluations). */
  initial?: number;
  seed: number;
  /** Values to minimise at unit-cube points; NaN for a failed evaluation (left out of the model). */
  evaluate: (u: number[][]) => Promise<number[]>;
  /** After each round: evaluations so far and the best value. */
  onProgress?: (done: number, best: number) => void;
  cancelled?: () => boolean;
}

export interface BayesOptResult {
  best: { u: number[]; y: number };
  history: { u: number[]; y: number }[];
  /** Length scales of the last model (unit-cube units). */
  lengthScales: number[];
}

/** Minimises a costly function over the unit cube; null when no evaluation succeeded. */
export async function bayesOpt(o: BayesOptOptions): Promise<BayesOptResult | null> {
  const rng = createRng(o.seed);
  const q = Math.max(1, o.batch ?? 1);
  const n0 = Math.min(o.evaluations, o.initial ?? Math.max(5, 4 * o.d));
  const history: { u: number[]; y: number }[] = [];
  const record = async (us: number[][]) => {
    const ys = await o.evaluate(us);
    us.forEach((u, i) => history.push({ u, y: ys[i] }));
  };
  await record(unitSample(o.d, n0, 'lhs', o.seed));
  let theta: number[] | undefined;
  let lengthScales: number[] = [];
  while (history.length < o.evaluations && !o.cancelled?.()) {
    const good = history.filter((h) => Number.isFinite(h.y));
    const bestY = Math.min(...good.map((h) => h.y));
    o.onProgress?.(history.length, bestY);
    const xs = good.map((h) => h.u);
    const ys = good.map((h) => h.y);
    const gp = good.length >= 2 ? fitGp(xs, ys, { seed: rng.int(2 ** 31), theta0: theta }) : null;
    const size = Math.min(q, o.evaluations - history.length);
    let batch: number[][];
    if (!gp) {
      batch = Array.from({ length: size }, () => Array.from({ length: o.d }, () => rng.next()));
    } else {
      theta = gp.fit.theta;
      lengthScales = gp.fit.lengthScales;
      batch = proposeBatch(gp, xs, ys, size, rng).map((p) => p.u);
    }
    await record(batch);
  }
  const good = history.filter((h) => Number.isFinite(h.y));
  if (!good.length) return null;
  const best = good.reduce((a, b) => (b.y < a.y ? b : a));
  o.onProgress?.(history.length, best.y);
  return { best, history, lengthScales };
}
