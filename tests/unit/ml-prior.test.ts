import { describe, it, expect } from 'vitest';
import { createRng } from '../../app/domain/ml-random.ts';
import { addQuadratic, fitQuadratic, fitQuadraticPrior, quadraticFeatureCount, quadraticFeatures } from '../../workers/ml/prior.ts';

// A known quadratic in 3 scaled inputs: intercept, linear, one square, one interaction.
const truth = (z: ArrayLike<number>) => 0.5 + 0.8 * z[0] - 0.3 * z[1] + 0.2 * z[2] + 0.4 * z[2] * z[2] - 0.25 * z[0] * z[1];
function data(n: number, seed: number, noise: number) {
  const rng = createRng(seed);
  const x = new Float32Array(n * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 3 + j] = 2 * rng.next() - 1;
    y[i] = truth(x.subarray(i * 3, i * 3 + 3)) + noise * rng.normal();
  }
  return { x, y };
}
const TINY = { linear: 1e-9, square: 1e-9, interaction: 1e-9 };

describe('quadratic response-surface prior (sanity)', () => {
  it('lists 1, z_j, then z_j·z_k for j ≤ k', () => {
    expect(quadraticFeatureCount(3)).toBe(10);
    expect(Array.from(quadraticFeatures([2, 3, 5], 3))).toEqual([1, 2, 3, 5, 4, 6, 10, 9, 15, 25]);
  });

  it('recovers an exact quadratic from noiseless data', () => {
    const d = data(40, 1, 0);
    const { coef } = fitQuadratic(d.x, d.y, 3, 1, TINY);
    const t = data(50, 2, 0);
    const out = new Float32Array(50);
    addQuadratic(coef, t.x, 3, 1, out);
    for (let i = 0; i < 50; i++) expect(out[i]).toBeCloseTo(t.y[i], 4);
  });

  it('leave-one-out error equals refitting without each row', () => {
    const d = data(25, 3, 0.1);
    const pen = { linear: 0.01, square: 0.1, interaction: 1 };
    const { looMse } = fitQuadratic(d.x, d.y, 3, 1, pen);
    let sum = 0;
    for (let i = 0; i < 25; i++) {
      const keep = [...Array(25).keys()].filter((k) => k !== i);
      const x = new Float32Array(keep.flatMap((k) => Array.from(d.x.subarray(k * 3, k * 3 + 3))));
      const y = new Float32Array(keep.map((k) => d.y[k]));
      // The penalty is per sample, so scale it to keep the same absolute ridge on 24 rows.
      const s = 25 / 24;
      const { coef } = fitQuadratic(x, y, 3, 1, { linear: pen.linear * s, square: pen.square * s, interaction: pen.interaction * s });
      const out = new Float32Array(1);
      addQuadratic(coef, d.x.subarray(i * 3, i * 3 + 3), 3, 1, out);
      sum += (d.y[i] - out[0]) ** 2;
    }
    expect(looMse).toBeCloseTo(sum / 25, 6);
  });

  it('chooses penalties by leave-one-out: heavier ones for noisy few points than for clean many', () => {
    const clean = fitQuadraticPrior(data(200, 4, 0.001).x, data(200, 4, 0.001).y, 3, 1);
    const noisy = fitQuadraticPrior(data(20, 5, 0.5).x, data(20, 5, 0.5).y, 3, 1);
    const total = (p: { linear: number; square: number; interaction: number }) => p.linear + p.square + p.interaction;
    expect(total(noisy.penalty)).toBeGreaterThan(total(clean.penalty));
    expect(clean.looMse).toBeLessThan(1e-5);
  });
});
