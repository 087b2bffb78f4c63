import { describe, it, expect } from 'vitest';
import { toDisplay, fromDisplay, unitLabel, withUnit, PSI, LBF, LBM_PER_FT3, kelvinToFahrenheit, fahrenheitToKelvin, ispSeconds, ispScale, type Quantity } from '../../app/domain/units.ts';

describe('US customary units from exact definitions', () => {
  it('derived constants', () => {
    // lbf = 0.45359237 kg × 9.80665 m/s² = 4.4482216152605 N
    expect(LBF).toBeCloseTo(4.4482216152605, 13);
    // psi = lbf / (0.0254 m)² = 6894.757293168361 Pa
    expect(PSI).toBeCloseTo(6894.757293168361, 9);
    // lbm/ft³ = 0.45359237 / 0.3048³ = 16.018463373960138 kg/m³
    expect(LBM_PER_FT3).toBeCloseTo(16.018463373960138, 12);
  });

  it('pressure', () => {
    expect(toDisplay('pressure', 101325, 'US')).toBeCloseTo(14.6959487755, 9); // 1 atm in psia
    expect(toDisplay('pressure', 6.805e6, 'SI')).toBeCloseTo(68.05, 12);
    // 987 psia ≈ 68.05 bar (the reference-data chamber pressure)
    expect(fromDisplay('pressure', 987, 'US') / 1e5).toBeCloseTo(68.05125448, 7);
    expect(unitLabel('pressure', 'US')).toBe('psia');
  });

  it('temperature', () => {
    expect(toDisplay('temperature', 300, 'US')).toBeCloseTo(540, 12);
    expect(kelvinToFahrenheit(273.15)).toBeCloseTo(32, 12);
    expect(kelvinToFahrenheit(373.15)).toBeCloseTo(212, 12);
    expect(fahrenheitToKelvin(-459.67)).toBeCloseTo(0, 12);
  });

  it('specific impulse: lbf·s/lbm equals seconds numerically', () => {
    expect(toDisplay('specificImpulse', 9.80665 * 300, 'US')).toBeCloseTo(300, 12);
    expect(ispSeconds(4413)).toBeCloseTo(450.001, 3);
  });

  it('velocity, density, enthalpy, cost', () => {
    expect(toDisplay('velocity', 0.3048, 'US')).toBeCloseTo(1, 14);
    expect(toDisplay('density', 1000, 'US')).toBeCloseTo(62.427960576, 8); // water ≈ 62.43 lbm/ft³
    expect(toDisplay('specificEnthalpy', 2326, 'US')).toBeCloseTo(1, 14);
    expect(toDisplay('specificEnthalpy', 2326, 'SI')).toBeCloseTo(2.326, 14);
    expect(toDisplay('costPerMass', 10, 'US')).toBeCloseTo(4.5359237, 12);
    expect(toDisplay('specificHeat', 4186.8, 'US')).toBeCloseTo(1, 12); // 1 BTU/(lbm·°R) = 4186.8 J/(kg·K)
  });

  it('density-Isp: Isp in seconds times density, kg·s/m³ or lbf·s/ft³', () => {
    // 300 s × 1000 kg/m³ = 300,000 kg·s/m³, held as 300 · g0 m/s × 1000 kg/m³ in N·s/m³;
    // in US units 300 s × 62.42796 lbm/ft³ = 18,728.39 lbf·s/ft³.
    const si = 300 * 9.80665 * 1000;
    expect(toDisplay('densityImpulse', si, 'SI')).toBeCloseTo(300_000, 8);
    expect(toDisplay('densityImpulse', si, 'US')).toBeCloseTo(300 * 62.427960576, 5);
    expect(unitLabel('densityImpulse', 'SI')).toBe('kg·s/m³');
    expect(unitLabel('densityImpulse', 'US')).toBe('lbf·s/ft³');
  });

  it('every quantity round-trips', () => {
    const qs: Quantity[] = ['pressure', 'temperature', 'specificImpulse', 'velocity', 'density', 'densityImpulse', 'specificEnthalpy', 'specificHeat', 'molarEnthalpy', 'mass', 'force', 'length', 'area', 'costPerMass', 'dimensionless', 'molarMass', 'time'];
    for (const q of qs) for (const s of ['SI', 'US'] as const) expect(fromDisplay(q, toDisplay(q, 1234.5, s), s), `${q} ${s}`).toBeCloseTo(1234.5, 9);
  });

  it('labels', () => {
    expect(withUnit('Isp, vacuum', 'specificImpulse', 'US')).toBe('Isp, vacuum [lbf·s/lbm]');
    expect(withUnit('Mach', 'dimensionless', 'SI')).toBe('Mach');
  });
});

describe('ispScale (how an Isp or an Isp error is shown)', () => {
  it('seconds divide by standard gravity g0 = 9.80665 m/s² (BIPM SI Brochure, 2019)', () => {
    expect(ispScale('s', 'SI')).toEqual({ perMs: 1 / 9.80665, unit: 's' });
    expect(ispScale('s', 'US').unit).toBe('s');
  });
  it('exhaust velocity in m/s, or ft/s with 1 ft = 0.3048 m exactly (NIST SP 811, B.8)', () => {
    expect(ispScale('velocity', 'SI')).toEqual({ perMs: 1, unit: 'm/s' });
    const us = ispScale('velocity', 'US');
    expect(us.unit).toBe('ft/s');
    expect(us.perMs).toBeCloseTo(1 / 0.3048, 12);
  });
});
