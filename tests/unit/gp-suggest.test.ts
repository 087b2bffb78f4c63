// Learn's next-test suggestion by a Gaussian process of the data (app/domain/analysis/gp-suggest.ts):
// on Forrester's function (Forrester, Sóbester & Keane 2008: f(x) = (6x − 2)² sin(12x − 4) on [0, 1],
// minimum −6.0207 at x = 0.7572), sampled at a few points, expected improvement proposes points near
// the minimum; a batch of q points by the kriging believer spreads out; bad data are refused by name.
import { describe, expect, it } from 'vitest';
import { suggestByGp } from '../../app/domain/analysis/gp-suggest.ts';

const forrester = (x: number) => (6 * x - 2) ** 2 * Math.sin(12 * x - 4);

describe('suggestByGp', () => {
  it('repeated suggestions on Forrester reach its minimum −6.0207 at x = 0.7572 within 1 %', () => {
    const xs = [0, 0.2, 0.4, 0.6, 0.9, 1];
    const ys = xs.map(forrester);
    for (let round = 0; round < 12; round++) {
      const r = suggestByGp({ x: xs.map((v) => [v]), y: ys, bounds: [{ name: 'x', min: 0, max: 1 }], goal: 'min', count: 1, seed: round + 1, name: 'f' });
      if (!r.ok) throw new Error(r.error.message);
      const x = r.value[0].x[0];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      xs.push(x);
      ys.push(forrester(x));
    }
    const best = Math.min(...ys);
    expect(Math.abs(best / -6.0207 - 1)).toBeLessThan(0.01);
    expect(Math.abs(xs[ys.indexOf(best)] - 0.7572)).toBeLessThan(0.01);
  });

  it('maximises when asked (the same problem negated), in the box given, a batch of 3 spread apart, each with its reason', () => {
    // a box of [10, 20] in x: −forrester((x − 10)/10) has its maximum 6.0207 at x = 17.572
    const xs = [10, 12, 14, 16, 19, 20];
    const r = suggestByGp({ x: xs.map((v) => [v]), y: xs.map((v) => -forrester((v - 10) / 10)), bounds: [{ name: 'x', min: 10, max: 20 }], goal: 'max', count: 3, seed: 2, name: 'Isp', unit: 'm/s' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toHaveLength(3);
    const x = r.value.map((s) => s.x[0]);
    for (const v of x) expect(v >= 10 && v <= 20).toBe(true);
    // the kriging believer does not propose the same point twice
    expect(Math.min(Math.abs(x[0] - x[1]), Math.abs(x[0] - x[2]), Math.abs(x[1] - x[2]))).toBeGreaterThan(0.05);
    expect(r.value[0].reason).toMatch(/^The Gaussian process of the 6 points expects to raise Isp by [\d.]+ m\/s on average against the best measured \([\d.]+ m\/s\)/);
    expect(r.value[1].reason).toContain('point 2 of a batch of 3');
    expect(r.value[0].score).toBeGreaterThan(0);
    // rounds of batches reach the maximum within 1 %
    const ys = xs.map((v) => -forrester((v - 10) / 10));
    for (let round = 0; round < 5; round++) {
      const q = suggestByGp({ x: xs.map((v) => [v]), y: ys, bounds: [{ name: 'x', min: 10, max: 20 }], goal: 'max', count: 3, seed: round + 3, name: 'Isp' });
      if (!q.ok) throw new Error(q.error.message);
      for (const s of q.value) {
        xs.push(s.x[0]);
        ys.push(-forrester((s.x[0] - 10) / 10));
      }
    }
    const best = Math.max(...ys);
    expect(Math.abs(best / 6.0207 - 1)).toBeLessThan(0.01);
    expect(Math.abs(xs[ys.indexOf(best)] - 17.572)).toBeLessThan(0.1);
  });

  it('refuses too few points or a bad row, naming it', () => {
    const b = [{ name: 'x', min: 0, max: 1 }];
    expect(suggestByGp({ x: [[0.1], [0.2]], y: [1, 2], bounds: b, goal: 'max', count: 1, seed: 1, name: 'y' })).toMatchObject({ ok: false, error: { field: 'x' } });
    expect(suggestByGp({ x: [[0.1], [0.2], [Number.NaN]], y: [1, 2, 3], bounds: b, goal: 'max', count: 1, seed: 1, name: 'y' })).toMatchObject({ ok: false, error: { field: 'x.2' } });
    expect(suggestByGp({ x: [[0.1], [0.2], [0.3]], y: [1, 2], bounds: b, goal: 'max', count: 1, seed: 1, name: 'y' })).toMatchObject({ ok: false, error: { field: 'y' } });
  });
});
