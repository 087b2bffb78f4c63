// The guard that keeps a non-finite number out of an ok answer (wasm-core/thermo.ts nonFiniteField).
import { describe, expect, it } from 'vitest';
import { nonFiniteField, readStation, ST_FIXED, STATION_FIELDS } from '../../wasm-core/thermo.ts';
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

// readStation and nonFiniteField name the station fields one by one (for speed): a field added to
// STATION_FIELDS must be added to both, which these checks make sure of.
describe('every station field', () => {
  it('is read from its slot by readStation, in STATION_FIELDS order', () => {
    const len = ST_FIXED + 2;
    const view = new Float64Array(2 * len);
    STATION_FIELDS.forEach((_, i) => { view[len + i] = 100 + i; });
    view[len + ST_FIXED] = 0.25;
    view[len + ST_FIXED + 1] = 1e-6; // below the 1e-5 reported
    const st = readStation(view, len, 1, ['H2O', 'OH']);
    expect(Object.keys(st)).toEqual([...STATION_FIELDS, 'moleFractions']);
    STATION_FIELDS.forEach((f, i) => expect(st[f]).toBe(100 + i));
    expect(st.moleFractions).toEqual({ H2O: 0.25 });
  });

  it('is checked by nonFiniteField', () => {
    for (const f of STATION_FIELDS) expect(nonFiniteField(station({ [f]: NaN }))).toBe(f);
  });
});
