// Morris screening (Morris 1991, "Factorial sampling plans for preliminary computational
// experiments", Technometrics 33) with the μ* measure of Campolongo, Cariboni & Saltelli (2007):
// r one-at-a-time trajectories on a p-level grid of the unit cube, step Δ = p / (2(p − 1)).
import { createRng, shuffleInPlace } from '../ml-random.ts';

/**
 * r trajectories of d + 1 points each in the unit cube (r(d + 1) rows, trajectory-major). Each
 * starts at a random grid point and moves every input once, in random order, by +Δ or −Δ.
 */
export function morrisDesign(d: number, r: number, levels: number, seed: number): number[][] {
  if (levels < 2 || levels % 2 !== 0) throw new RangeError(`Morris levels must be an even number ≥ 2 (got ${levels})`);
  const rng = createRng(seed);
  const delta = levels / (2 * (levels - 1));
  const lows = levels / 2; // base values 0, 1/(p−1), …, 1 − Δ
  const rows: number[][] = [];
  const order = Array.from({ length: d }, (_, i) => i);
  for (let t = 0; t < r; t++) {
    const x = new Array<number>(d);
    const step = new Array<number>(d);
    for (let i = 0; i < d; i++) {
      const low = rng.int(lows) / (levels - 1);
      const up = rng.next() < 0.5;
      x[i] = up ? low : low + delta;
      step[i] = up ? delta : -delta;
    }
    rows.push(x.slice());
    shuffleInPlace(order, rng);
    for (const i of order) {
      x[i] += step[i];
      rows.push(x.slice());
    }
  }
  return rows;
}

export interface MorrisEffect {
  /** Mean of the absolute elementary effects (per unit of the input's range). */
  muStar: number;
  /** Mean of the elementary effects (cancels when the effect changes sign). */
  mu: number;
  /** Standard deviation of the elementary effects: non-linearity or interactions. */
  sigma: number;
}

/** Elementary-effect statistics of each input from the outputs `y` of the design `x` (morrisDesign's rows). */
export function morrisEffects(x: number[][], y: ArrayLike<number>, d: number): MorrisEffect[] {
  const r = Math.floor(x.length / (d + 1));
  const effects = Array.from({ length: d }, () => [] as number[]);
  for (let t = 0; t < r; t++) {
    for (let k = 0; k < d; k++) {
      const a = t * (d + 1) + k;
      const p = x[a];
      const q = x[a + 1];
      let i = 0;
      while (i < d && p[i] === q[i]) i++;
      effects[i].push((y[a + 1] - y[a]) / (q[i] - p[i]));
    }
  }
  return effects.map((e) => {
    const mu = e.reduce((s, v) => s + v, 0) / e.length;
    const muStar = e.reduce((s, v) => s + Math.abs(v), 0) / e.length;
    const sigma = e.length > 1 ? Math.sqrt(e.reduce((s, v) => s + (v - mu) ** 2, 0) / (e.length - 1)) : 0;
    return { muStar, mu, sigma };
  });
}

/** Indices of the inputs from most to least influential by μ*. */
export function morrisRanking(effects: MorrisEffect[]): number[] {
  return effects.map((_, i) => i).sort((a, b) => effects[b].muStar - effects[a].muStar);
}
