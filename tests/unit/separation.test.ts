// Schmucker's separation criterion, checked against hand calculations of (1.88·Me − 1)^−0.64.
import { describe, expect, it } from 'vitest';
import { ambientIsp, checkSeparation, separationPressureRatio } from '../../app/domain/separation.ts';

describe('separationPressureRatio (Schmucker)', () => {
  it('matches hand calculations', () => {
    // Me = 3: 1.88·3 − 1 = 4.64; ln 4.64 = 1.53471; ·(−0.64) = −0.982215; e^… = 0.37448
    expect(separationPressureRatio(3)).toBeCloseTo(0.37448, 4);
    // Me = 2: 2.76^−0.64; ln 2.76 = 1.015231; ·(−0.64) = −0.649748; e^… = 0.52217
    expect(separationPressureRatio(2)).toBeCloseTo(0.52217, 4);
    // Me = 5: 8.4^−0.64; ln 8.4 = 2.128232; ·(−0.64) = −1.362068; e^… = 0.25615
    expect(separationPressureRatio(5)).toBeCloseTo(0.25615, 4);
  });
  it('falls as the exit Mach number rises', () => {
    expect(separationPressureRatio(4)!).toBeLessThan(separationPressureRatio(3)!);
  });
  it('is not defined for a sonic or subsonic exit, or bad input', () => {
    expect(separationPressureRatio(1)).toBeNull();
    expect(separationPressureRatio(0.5)).toBeNull();
    expect(separationPressureRatio(Number.NaN)).toBeNull();
  });
});

describe('checkSeparation', () => {
  it('separates when pe/pa is below the limit, not above it', () => {
    // Me = 3, limit 0.3745: pe = 30 kPa at 101325 Pa → 0.296 < 0.3745 separated; 40 kPa → 0.395 not
    const a = checkSeparation(30000, 3, 101325)!;
    expect(a.peOverPamb).toBeCloseTo(0.29608, 4);
    expect(a.separated).toBe(true);
    expect(checkSeparation(40000, 3, 101325)!.separated).toBe(false);
  });
  it('has nothing to say in vacuum or for bad input', () => {
    expect(checkSeparation(1000, 3, 0)).toBeNull();
    expect(checkSeparation(Number.NaN, 3, 101325)).toBeNull();
    expect(checkSeparation(1000, 0.8, 101325)).toBeNull();
  });
});

describe('ambientIsp', () => {
  it('a separated exit has no ambient Isp to show', () => {
    // Me = 3 (limit 0.3745), pe = 1 kPa at sea level: pe/pa = 0.00987, far below
    const v = ambientIsp({ p: 1000, mach: 3, ispAmb: -5000, isp: 2000 }, 101325);
    expect(v.kind).toBe('separated');
    if (v.kind === 'separated') expect(v.check.limit).toBeCloseTo(0.37448, 4);
  });
  it('a full-flowing exit with Isp ≤ 0 gives no thrust; a positive one is shown', () => {
    // a sonic exit cannot separate, but 0.5 bar against 100 bar ambient pushes it backwards
    expect(ambientIsp({ p: 5e4, mach: 1, ispAmb: -300, isp: 1000 }, 1e7).kind).toBe('no-thrust');
    expect(ambientIsp({ p: 5e4, mach: 3, ispAmb: 2900, isp: 3000 }, 101325)).toEqual({ kind: 'ok', isp_m_s: 2900 });
    // in vacuum the Isp at pa = pe stands when no ambient Isp is given
    expect(ambientIsp({ p: 5e4, mach: 3, isp: 3000 }, 0)).toEqual({ kind: 'ok', isp_m_s: 3000 });
  });
});
