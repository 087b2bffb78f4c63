// Learn's fields refuse what the issue found accepted: a sample count of 0 or "abc", reversed ranges,
// and name the limit in the field's unit (chamber pressure in bar: 1 bar = 1e5 Pa, NIST SP 811 B.8).
import { describe, expect, it } from 'vitest';
import { learnFormErrors } from '../../app/domain/learn-form.ts';
import { LEARN_DEFAULTS } from '../../app/state/learn-dataset-store.ts';

describe('learnFormErrors', () => {
  it('the defaults are valid', () => {
    expect(learnFormErrors(LEARN_DEFAULTS)).toEqual({});
  });

  it('sample count 0, "abc", 2.5 and empty are refused with the field named', () => {
    expect(learnFormErrors({ ...LEARN_DEFAULTS, samples: '0' }).samples).toBe('Samples must be ≥ 8 (got 0)');
    expect(learnFormErrors({ ...LEARN_DEFAULTS, samples: 'abc' }).samples).toBe('Samples must be a number (got "abc")');
    expect(learnFormErrors({ ...LEARN_DEFAULTS, samples: '2.5' }).samples).toBe('Samples must be a whole number (got 2.5)');
    expect(learnFormErrors({ ...LEARN_DEFAULTS, samples: '' }).samples).toBe('Samples is empty: enter a number');
    // samples only matter for simulated data
    expect(learnFormErrors({ ...LEARN_DEFAULTS, source: 'stored', samples: '0' })).toEqual({});
  });

  it('reversed ranges are reported on their "to" field, in the field unit', () => {
    expect(learnFormErrors({ ...LEARN_DEFAULTS, ofMin: '4', ofMax: '2' })).toEqual({ ofMax: 'O/F: “from” 4 is above “to” 2' });
    expect(learnFormErrors({ ...LEARN_DEFAULTS, pcMin_bar: '300', pcMax_bar: '250' })).toEqual({ pcMax_bar: 'Chamber pressure: “from” 300 bar is above “to” 250 bar' });
  });

  it('out-of-range values name the limit in bar, and an empty throat area means none', () => {
    expect(learnFormErrors({ ...LEARN_DEFAULTS, pcMin_bar: '0' }).pcMin_bar).toBe('Chamber pressure from must be > 0 bar (got 0 bar)');
    expect(learnFormErrors({ ...LEARN_DEFAULTS, epsMin: '0.5' }).epsMin).toBe('Area ratio from must be ≥ 1 (got 0.5)');
    expect(learnFormErrors({ ...LEARN_DEFAULTS, source: 'csv', csvAt_cm2: '' })).toEqual({});
    expect(learnFormErrors({ ...LEARN_DEFAULTS, source: 'csv', csvAt_cm2: '-2' }).csvAt_cm2).toBe('Throat area for the c* check must be > 0 cm² (got -2 cm²)');
  });

  it('with US units the pressure messages are in psia (1 bar = 14.50377 psia)', () => {
    // 20 bar = 290.0755 psia, 10 bar = 145.0377 psia, at six significant digits
    expect(learnFormErrors({ ...LEARN_DEFAULTS, pcMin_bar: '20', pcMax_bar: '10' }, 'US')).toEqual({ pcMax_bar: 'Chamber pressure: “from” 290.075 psia is above “to” 145.038 psia' });
    expect(learnFormErrors({ ...LEARN_DEFAULTS, pcMin_bar: '' }, 'US').pcMin_bar).toBe('Chamber pressure from is empty: enter a number in psia');
  });
});
