import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fromDocument, intervalAt, parseThermoInp, polyHSCp, toDocument, ThermoInpError } from '../../app/domain/thermo-inp.ts';

const text = readFileSync(new URL('../fixtures/thermo-snippet.inp', import.meta.url), 'utf8');
const R = 8.31451;

describe('thermo.inp parser: sanity', () => {
  const parsed = parseThermoInp(text);
  const by = (n: string) => parsed.species.find((s) => s.name === n)!;

  it('reads the header and every record', () => {
    expect(parsed.commonT_K).toEqual([200, 1000, 6000, 20000]);
    expect(parsed.date).toBe('9/09/04');
    expect(parsed.species.map((s) => s.name)).toEqual(['CH4', 'H2O', 'AL2O3(a)', 'AL2O3(L)', 'Air', 'RP-1']);
  });

  it('reads formulas, phases, molar masses and sections', () => {
    expect(by('AL2O3(a)').elements).toEqual({ Al: 2, O: 3 });
    expect(by('AL2O3(L)').phase).toBe(3);
    expect(by('CH4').phase).toBe(0);
    expect(by('H2O').M).toBeCloseTo(18.01528, 8);
    expect(by('Air').elements).toEqual({ N: 1.5617, O: 0.41959, Ar: 0.00937, C: 0.00032 });
    expect(by('Air').reactantOnly).toBe(true);
    expect(by('CH4').reactantOnly).toBe(false);
  });

  it('reads reactant-only entries with their one temperature', () => {
    const rp1 = by('RP-1');
    expect(rp1.intervals).toHaveLength(0);
    expect(rp1.T_K).toBe(298.15);
    expect(rp1.hf_J_mol).toBe(-24717.7);
  });

  it('reads intervals and Fortran D exponents', () => {
    const a = by('AL2O3(a)');
    expect(a.intervals.map((i) => [i.Tlo_K, i.Thi_K])).toEqual([[200, 500], [500, 1200], [1200, 2327]]);
    expect(a.intervals[0].a[0]).toBe(-5.39154997e6);
    expect(a.intervals[0].a[8]).toBe(4.23550223e3);
  });

  it('the polynomials give the published H°(298.15) and S°(298.15)', () => {
    // Enthalpy of formation from the record; S° of H2O(g) 188.835 J/(mol K) (JANAF / TP-2002-211556).
    const ch4 = by('CH4');
    expect(polyHSCp(intervalAt(ch4, 298.15).a, 298.15).h * R * 298.15).toBeCloseTo(ch4.hf_J_mol, -1);
    expect(polyHSCp(intervalAt(by('H2O'), 298.15).a, 298.15).s * R).toBeCloseTo(188.835, 1);
    // Continuity at the 1000 K boundary.
    const lo = polyHSCp(ch4.intervals[0].a, 1000), hi = polyHSCp(ch4.intervals[1].a, 1000);
    expect(Math.abs(lo.cp - hi.cp)).toBeLessThan(1e-3);
    expect(Math.abs(lo.h - hi.h)).toBeLessThan(1e-3);
  });

  it('round-trips through the compact document', () => {
    const doc = toDocument(parsed, { source: 'x', sha256: 'y', date: 'z', reference: 'r' });
    expect(JSON.parse(JSON.stringify(fromDocument(JSON.parse(JSON.stringify(doc)))))).toEqual(JSON.parse(JSON.stringify(parsed.species)));
  });
});

describe('thermo.inp parser: special values', () => {
  it('names the line of a malformed record', () => {
    const bad = text.replace(' 2 g 8/99 C   1.00H   4.00', 'xx g 8/99 C   1.00H   4.00');
    expect(() => parseThermoInp(bad)).toThrow(ThermoInpError);
    expect(() => parseThermoInp(bad)).toThrow(/line 5/);
  });
  it('rejects a file without a thermo header', () => {
    expect(() => parseThermoInp('hello\n')).toThrow(/thermo/);
  });
});
