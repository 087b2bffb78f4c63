// A model's training range and the extrapolation check Explore shows: ranges of the rows the
// networks were fitted on, inputs outside them named with value and range in display units, models
// without a recorded range reported as unknown (null), bad ranges in a document refused by field.
import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { inputRanges, outsideTrainingRange, describeOutOfRange } from '../../app/domain/model-range.ts';
import { restoreModelDoc, type ModelDoc } from '../../app/domain/ml-model.ts';
import { fromDisplay, toDisplay } from '../../app/domain/units.ts';
import { trainModel } from '../../workers/ml/api.ts';
import { readFileSync } from 'node:fs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** The version-1 fixture (no recorded range) with the range O/F 1.5–3.5, pc 50–88.5 bar, ε 40 only. */
const ranged = (): ModelDoc => ({ ...fixture('model-v1-efficiency.json'), inputRanges: [{ min: 1.5, max: 3.5 }, { min: 5e6, max: 8.85e6 }, { min: 40, max: 40 }] });

describe('inputRanges', () => {
  it('gives each column its smallest and largest value', () => {
    expect(inputRanges([[2, 1e6, 40], [3.5, 5e6, 40], [1.5, 2e6, 40]])).toEqual([{ min: 1.5, max: 3.5 }, { min: 1e6, max: 5e6 }, { min: 40, max: 40 }]);
    expect(inputRanges([])).toEqual([]);
  });
});

describe('outsideTrainingRange', () => {
  it('is empty inside the range, bounds included', () => {
    expect(outsideTrainingRange(ranged(), [2.6, 7e6, 40])).toEqual([]);
    expect(outsideTrainingRange(ranged(), [1.5, 5e6, 40])).toEqual([]);
    expect(outsideTrainingRange(ranged(), [3.5, 8.85e6, 40])).toEqual([]);
  });

  it('keeps a bound typed in other units, or converged by the solver, inside', () => {
    const pc = fromDisplay('pressure', toDisplay('pressure', 8.85e6, 'US'), 'US');
    expect(outsideTrainingRange(ranged(), [3.5, pc, 39.99999958839678])).toEqual([]);
    expect(outsideTrainingRange(ranged(), [3.5, pc, 39.9999])).toHaveLength(1);
  });

  it('names every input outside, with its value and range', () => {
    expect(outsideTrainingRange(ranged(), [4.2, 7e6, 40])).toEqual([{ input: 'O/F', value: 4.2, min: 1.5, max: 3.5 }]);
    expect(outsideTrainingRange(ranged(), [1.2, 9e6, 16])).toEqual([
      { input: 'O/F', value: 1.2, min: 1.5, max: 3.5 },
      { input: 'pc', value: 9e6, min: 5e6, max: 8.85e6 },
      { input: 'eps', value: 16, min: 40, max: 40 },
    ]);
    expect(outsideTrainingRange(ranged(), [3.5001, 7e6, 40])).toHaveLength(1);
    expect(outsideTrainingRange(ranged(), [NaN, 7e6, 40])).toHaveLength(1);
  });

  it('is null for a model that does not record its range (older documents)', () => {
    const old = restoreModelDoc(fixture('model-v1-efficiency.json'));
    if (!old.ok) throw new Error(old.error.message);
    expect(outsideTrainingRange(old.value, [100, 1, 1])).toBeNull();
  });
});

describe('describeOutOfRange', () => {
  it('says which input, its value and the training range, in display units', () => {
    expect(describeOutOfRange({ input: 'O/F', value: 4.2, min: 1.5, max: 3.5 }, 'SI')).toBe('O/F 4.2 is outside the training range 1.5–3.5');
    expect(describeOutOfRange({ input: 'pc', value: 3e7, min: 5e6, max: 8.85e6 }, 'SI')).toBe('pc 300 bar is outside the training range 50–88.5 bar');
    // 3e7 Pa = 4351.1 psia, 5e6 Pa = 725.19 psia, 8.85e6 Pa = 1283.6 psia
    expect(describeOutOfRange({ input: 'pc', value: 3e7, min: 5e6, max: 8.85e6 }, 'US')).toBe('pc 4350 psia is outside the training range 725–1280 psia');
    expect(describeOutOfRange({ input: 'eps', value: 27.4, min: 40, max: 40 }, 'SI')).toBe('ε 27.4 is outside the training range (trained at 40 only)');
  });

  it('shows enough digits that a value just past a bound never reads as the bound', () => {
    expect(describeOutOfRange({ input: 'O/F', value: 3.5004, min: 1.5, max: 3.5 }, 'SI')).toBe('O/F 3.5004 is outside the training range 1.5–3.5');
    expect(describeOutOfRange({ input: 'O/F', value: 1.49, min: 1.5, max: 3.5 }, 'SI')).toBe('O/F 1.49 is outside the training range 1.5–3.5');
  });
});

describe('the training range in model documents', () => {
  it('is checked on restore: one finite min ≤ max per input', () => {
    const short = restoreModelDoc({ ...ranged(), inputRanges: [{ min: 1, max: 2 }] });
    expect(!short.ok && [short.error.field, short.error.message]).toEqual(['inputRanges', 'inputRanges must hold 3 ranges (got [{"min":1,"max":2}])']);
    const upside = restoreModelDoc({ ...ranged(), inputRanges: [{ min: 1, max: 2 }, { min: 3, max: 2 }, { min: 40, max: 40 }] });
    expect(!upside.ok && [upside.error.field, upside.error.message]).toEqual(['inputRanges.1', 'inputRanges.1 must have a finite min ≤ max (got {"min":3,"max":2})']);
    const ok = restoreModelDoc(ranged());
    expect(ok.ok && ok.value.inputRanges).toEqual([{ min: 1.5, max: 3.5 }, { min: 5e6, max: 8.85e6 }, { min: 40, max: 40 }]);
  });

  it('is recorded by training: the range of the rows fitted, not of the held-out ones', async () => {
    // ten rows: O/F 2.0 … 2.9, pc 1–10 MPa, ε 40; Isp a smooth function of them
    const x = Array.from({ length: 10 }, (_, i) => [2 + 0.1 * i, (i + 1) * 1e6, 40]);
    const y = x.map(([of, pc]) => [3000 + 100 * of + 1e-5 * pc]);
    const all = await trainModel('surrogate', { inputs: [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }], outputs: [{ name: 'Isp' }], x, y, members: 1, testFraction: 0, hyper: { epochs: 2 } });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.model.inputRanges!.map((r) => [r.min, r.max])).toEqual([[2, 2 + 0.1 * 9], [1e6, 1e7], [40, 40]]);
    const held = await trainModel('surrogate', { inputs: [{ name: 'O/F' }, { name: 'pc' }, { name: 'eps' }], outputs: [{ name: 'Isp' }], x, y, members: 1, testFraction: 0.2, hyper: { epochs: 2 } });
    if (!held.ok) throw new Error(held.error.message);
    // two rows held out: the recorded range is that of the other eight
    const heldOutY = new Set(held.value.heldOut.truth.map((t) => t[0]));
    const fitted = x.filter((_, i) => !heldOutY.has(y[i][0]));
    expect(fitted).toHaveLength(8);
    expect(held.value.model.inputRanges).toEqual(inputRanges(fitted));
  }, 60_000);
});
