// Schmucker's separation criterion, checked against hand calculations of (1.88·Me − 1)^−0.64.
import { describe, expect, it } from 'vitest';
import { checkSeparation, separationPressureRatio } from '../../app/domain/separation.ts';

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
