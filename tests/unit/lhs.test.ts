import { describe, it, expect } from 'vitest';
import { latinHypercube, validateDims, toUnit, fromUnit, type SampleDim } from '../../app/domain/lhs.ts';
import { sobolSequence } from '../../app/domain/analysis/sobol-sequence.ts';
import { createRng } from '../../app/domain/ml-random.ts';

const DIMS: SampleDim[] = [
  { name: 'O/F', min: 1.5, max: 3.5 },
  { name: 'pc', min: 1e5, max: 250e5, log: true },
  { name: 'eps', min: 5, max: 150, log: true },
];

describe('seeded random numbers', () => {
  it('repeats for a seed and has the moments of U(0,1) and N(0,1)', () => {
    const a = createRng(42);
    const b = createRng(42);
    let s = 0, s2 = 0, n1 = 0, n2 = 0;
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const u = a.next();
      expect(u).toBe(b.next());
      s += u;
      s2 += u * u;
      const z = a.normal();
      b.normal();
      n1 += z;
      n2 += z * z;
    }
    expect(s / N).toBeCloseTo(0.5, 2);
    expect(s2 / N - (s / N) ** 2).toBeCloseTo(1 / 12, 2);
    expect(n1 / N).toBeCloseTo(0, 1);
    expect(n2 / N).toBeCloseTo(1, 1);
  });
});

describe('latin hypercube', () => {
  it('puts exactly one point in each of the n strata of every dimension', () => {
    const n = 50;
    const rows = latinHypercube(DIMS, n, 7);
    expect(rows).toHaveLength(n);
    DIMS.forEach((d, j) => {
      const strata = rows.map((r) => Math.floor(toUnit(d, r[j]) * n)).sort((p, q) => p - q);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const r of rows) {
        expect(r[j]).toBeGreaterThanOrEqual(d.min);
        expect(r[j]).toBeLessThanOrEqual(d.max);
      }
    });
  });
  it('is deterministic for a seed and centred when asked', () => {
    expect(latinHypercube(DIMS, 10, 3)).toEqual(latinHypercube(DIMS, 10, 3));
    expect(latinHypercube(DIMS, 10, 3)).not.toEqual(latinHypercube(DIMS, 10, 4));
    const c = latinHypercube([{ name: 'x', min: 0, max: 1 }], 4, 1, true).map((r) => r[0]).sort();
    expect(c).toEqual([0.125, 0.375, 0.625, 0.875]);
  });
  it('maps log axes geometrically', () => {
    expect(fromUnit(DIMS[1], 0.5)).toBeCloseTo(Math.sqrt(1e5 * 250e5), 3);
    expect(toUnit(DIMS[2], fromUnit(DIMS[2], 0.3))).toBeCloseTo(0.3, 12);
  });
});

// The Sobol' sequence itself lives in app/domain/analysis/sobol-sequence.ts (one implementation);
// its published first points are checked here too, through the unit box that sampling maps from.
describe('Sobol sequence through fromUnit', () => {
  it('gives the published first points (Joe–Kuo, dims 1–3; the origin first, values are 2^-32 cell centres)', () => {
    const unit = [0, 1, 2].map((i) => ({ name: `x${i}`, min: 0, max: 1 }));
    const pts = sobolSequence(5, 3, null).map((row) => row.map((u, j) => fromUnit(unit[j], u)));
    const want = [[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625]];
    pts.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(want[i][j], 9)));
  });
  it('is balanced: 2^k points put 2^(k-1) in each half of every axis', () => {
    const pts = sobolSequence(256, 8, null);
    for (let j = 0; j < 8; j++) expect(pts.filter((p) => p[j] < 0.5).length).toBe(128);
  });
});

describe('validateDims', () => {
  it('names the dimension and the values at fault', () => {
    const r = validateDims([{ name: 'pc', min: 0, max: 10, log: true }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ code: 'bad-input', message: 'pc: a log axis needs a minimum > 0 (got 0)', field: 'dims.0' });
    const r2 = validateDims([{ name: 'O/F', min: 3, max: 2 }]);
    expect(!r2.ok && r2.error.message).toBe('O/F: minimum must be below maximum (got 3 to 2)');
  });
});
