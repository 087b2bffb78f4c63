// The guard that keeps a non-finite number out of an ok answer (wasm-core/thermo.ts nonFiniteField).
import { describe, expect, it } from 'vitest';
import { nonFiniteField, STATION_FIELDS } from '../../wasm-core/thermo.ts';
import type { Station } from '../../app/domain/problem.ts';

const station = (patch: Partial<Station> = {}): Station => ({
  ...(Object.fromEntries(STATION_FIELDS.map((f, i) => [f, i + 1])) as unknown as Station), moleFractions: { H2O: 0.5, CO2: 0.5 }, ...patch,
});

describe('nonFiniteField', () => {
  it('passes a finite station, even one whose fields would overflow if added up', () => {
    expect(nonFiniteField(station())).toBeNull();
    expect(nonFiniteField(station({ p: 1.7e308, rho: 1.7e308, h: -1e308 }))).toBeNull();
  });

  it('names the first field that is NaN or infinite', () => {
    expect(nonFiniteField(station({ cp: NaN }))).toBe('cp');
    expect(nonFiniteField(station({ isp: Infinity }))).toBe('isp');
    expect(nonFiniteField(station({ p: Infinity, h: -Infinity }))).toBe('p'); // their sum is NaN: still caught
    expect(nonFiniteField(station({ ispAmb: NaN }))).toBe('ispAmb');
    expect(nonFiniteField(station({ moleFractions: { H2O: 0.5, OH: Infinity } }))).toBe('moleFractions.OH');
  });
});
