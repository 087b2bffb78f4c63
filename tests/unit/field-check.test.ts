// The shared field check: limits in SI, compared in SI with a round-trip tolerance, messages in the
// field's display unit. Expected numbers are computed by hand from the conversion factors of
// NIST SP 811 (2008), Appendix B.8/B.9: bar = 1.0 E+05 Pa (exact); psi = lbf/in² = 6.894 757 E+03 Pa
// (from lbf = 4.448 221 615 260 5 N, in = 0.0254 m, both exact); degree Rankine = K × 1.8 (exact).
import { describe, expect, it } from 'vitest';
import { checkFieldRange, checkFieldText, checkFieldValue, formatForField, formatPlain, roundSig } from '../../app/domain/field-check.ts';
import { checkNumber, formatValue, withinBounds } from '../../app/domain/validate.ts';

const PC = { label: 'Chamber pressure', quantity: 'pressure' as const, min: 1000, max: 5e8 };

describe('formatting in the display unit', () => {
  it('1000 Pa is 0.01 bar; 1 bar is 14.5038 psia; 3600 K is 6480 °R', () => {
    // 1000 / 1e5 = 0.01
    expect(formatForField(1000, { quantity: 'pressure', system: 'SI' })).toBe('0.01 bar');
    // 1e5 / 6894.757293168 = 14.50377377… → 6 significant digits
    expect(formatForField(1e5, { quantity: 'pressure', system: 'US' })).toBe('14.5038 psia');
    // 3600 × 1.8 = 6480
    expect(formatForField(3600, { quantity: 'temperature', system: 'US' })).toBe('6480 °R');
    expect(formatForField(50, { unitText: '%' })).toBe('50 %');
    expect(formatForField(40, { quantity: 'dimensionless', system: 'SI' })).toBe('40');
  });

  it('float noise is rounded away, and limits round outwards so the shown limit is accepted', () => {
    expect(formatPlain(0.09999999999999999)).toBe('0.1');
    expect(formatPlain(-0)).toBe('0');
    // 1000 Pa = 0.1450377377… psia: a lower limit is shown rounded up, an upper one rounded down
    expect(roundSig(0.1450377377, 6, 'up')).toBe(0.145038);
    expect(roundSig(0.1450372, 6, 'up')).toBe(0.145038);
    expect(roundSig(0.1450378, 6, 'down')).toBe(0.145037);
    // no bump for a value that is the rounded one up to float noise
    expect(roundSig(0.01 + 1e-18, 6, 'up')).toBe(0.01);
  });
});

describe('checkFieldText', () => {
  it('the limit itself, typed in bar, is accepted and stored as exactly the SI limit', () => {
    // 0.01 / (1/1e5) is 999.9999999999999 in floating point, 5000 bar 499999999.99999994 Pa
    expect(checkFieldText('0.01', { ...PC, system: 'SI' })).toEqual({ ok: true, si: 1000 });
    expect(checkFieldText('5000', { ...PC, system: 'SI' })).toEqual({ ok: true, si: 5e8 });
  });

  it('below the limit: the message quotes the limit and the value in bar', () => {
    expect(checkFieldText('0.001', { ...PC, system: 'SI' })).toEqual({ ok: false, message: 'Chamber pressure must be ≥ 0.01 bar (got 0.001 bar)' });
    expect(checkFieldText('6000', { ...PC, system: 'SI' })).toEqual({ ok: false, message: 'Chamber pressure must be ≤ 5000 bar (got 6000 bar)' });
  });

  it('in US units the limit is in psia, and the shown limit typed back is accepted', () => {
    const us = { ...PC, system: 'US' as const };
    expect(checkFieldText('0.1', us)).toEqual({ ok: false, message: 'Chamber pressure must be ≥ 0.145038 psia (got 0.1 psia)' });
    const r = checkFieldText('0.145038', us);
    expect(r.ok).toBe(true);
    // 0.145038 psia × 6894.757293 Pa/psia = 1000.0018 Pa
    if (r.ok) expect(r.si).toBeCloseTo(1000.0018, 3);
    // 5e8 Pa / 6894.757293 = 72518.869 psia: an upper limit is shown rounded down, 72518.8
    expect(checkFieldText('80000', us)).toEqual({ ok: false, message: 'Chamber pressure must be ≤ 72518.8 psia (got 80000 psia)' });
  });

  it('empty, junk, fractions where whole numbers are needed, odd where even', () => {
    expect(checkFieldText('  ', { ...PC, system: 'SI' })).toEqual({ ok: false, message: 'Chamber pressure is empty: enter a number in bar' });
    expect(checkFieldText('abc', { ...PC, system: 'SI' })).toEqual({ ok: false, message: 'Chamber pressure must be a number (got "abc")' });
    expect(checkFieldText('2.5', { label: 'Samples', integer: true, min: 8 })).toEqual({ ok: false, message: 'Samples must be a whole number (got 2.5)' });
    expect(checkFieldText('0', { label: 'Samples', integer: true, min: 8 })).toEqual({ ok: false, message: 'Samples must be ≥ 8 (got 0)' });
    expect(checkFieldText('51', { label: 'Population', even: true, min: 4 })).toEqual({ ok: false, message: 'Population must be an even number (got 51)' });
    expect(checkFieldText('3,5', { label: 'O/F', min: 0, minExclusive: true })).toEqual({ ok: true, si: 3.5 });
  });

  it('mass % of −50 is refused in %', () => {
    const pct = { label: 'Mass % of RP-1', unitText: '%', min: 0, max: 100 };
    expect(checkFieldText('-50', pct)).toEqual({ ok: false, message: 'Mass % of RP-1 must be ≥ 0 % (got -50 %)' });
    expect(checkFieldText('100', pct)).toEqual({ ok: true, si: 100 });
  });

  it('exclusive bounds refuse the bound itself, even after a unit round trip', () => {
    const of = { label: 'O/F', min: 0, minExclusive: true };
    expect(checkFieldText('0', of)).toEqual({ ok: false, message: 'O/F must be > 0 (got 0)' });
    expect(checkFieldValue(1, { label: 'pc/pe', min: 1, minExclusive: true }).ok).toBe(false);
  });
});

describe('ranges', () => {
  it('a reversed range names both ends in the field unit', () => {
    expect(checkFieldRange(2e6, 1e6, { label: 'Chamber pressure', quantity: 'pressure', system: 'SI' })).toBe('Chamber pressure: “from” 20 bar is above “to” 10 bar');
    expect(checkFieldRange(1e6, 2e6, { label: 'Chamber pressure', quantity: 'pressure', system: 'SI' })).toBeNull();
    // equal up to the round trip is not reversed
    expect(checkFieldRange(1000.0000000000001, 1000, { label: 'x' })).toBeNull();
  });
});

describe('the domain validators quote values without float noise', () => {
  it('checkNumber and formatValue', () => {
    const e = checkNumber(0.09999999999999999, { field: 'f', label: 'start', unit: 'Pa', ge: 1000 });
    expect(e?.error.message).toBe('start must be ≥ 1000 Pa (got 0.1)');
    expect(formatValue([])).toBe('an empty list');
  });
});

// withinBounds is checkNumber's verdict without the message (prepareProblem's fast path): the two
// must agree on every value and every kind of bound, edges and non-numbers included.
describe('withinBounds', () => {
  it('passes exactly the values checkNumber passes', () => {
    const rules = [{ gt: 0, le: 1e10 }, { ge: 0, le: 1e10 }, { ge: 1, le: 1e5 }, { gt: 1, lt: 5 }, {}];
    const values: unknown[] = [0, -0, 1, 1e-300, 5, 1e5, 1e5 + 1e-9, 1e10, 1e10 * (1 + 1e-15), -1, NaN, Infinity, -Infinity, '1', null, undefined, [], {}, true];
    for (const r of rules) for (const v of values) {
      expect(withinBounds(v, r), `${String(v)} ${JSON.stringify(r)}`).toBe(checkNumber(v, { field: 'x', label: 'x', ...r }) === null);
    }
  });
});
