// Units named in test-fire CSV headers, their conversion (exact definitions, hand calculations), and
// the consistency check run before training.
import { describe, it, expect } from 'vitest';
import { headerUnit, fieldUnitFromHeader, unitsFromHeaders, guessMapping, csvHeaders, parseTestFireCsv, checkTestFires } from '../../app/domain/testfire-csv.ts';
import { PSI, LBF, LBM, IN2, G0, temperatureToKelvin } from '../../app/domain/units.ts';

describe('header units', () => {
  it.each([
    ['Pc (psia)', 'psia', 'pressure'],
    ['pc[bar]', 'bar', 'pressure'],
    ['PC [PSI]', 'psia', 'pressure'],
    ['thrust_lbf', 'lbf', 'force'],
    ['Thrust (lbf)', 'lbf', 'force'],
    ['Isp, s', 's', 'specificImpulse'],
    ['Isp (sec)', 's', 'specificImpulse'],
    ['Isp (lbf-s/lbm)', 'lbf·s/lbm', 'specificImpulse'],
    ['mdot (lb/s)', 'lbm/s', 'massFlow'],
    ['mdot (lbm/s)', 'lbm/s', 'massFlow'],
    ['mdot [g/s]', 'g/s', 'massFlow'],
    ['mdot_kg/s', 'kg/s', 'massFlow'],
    ['T (degF)', '°F', 'temperature'],
    ['T (°F)', '°F', 'temperature'],
    ['°C', '°C', 'temperature'],
    ['K', 'K', 'temperature'],
    ['pc (MPa)', 'MPa', 'pressure'],
    ['pc (kpa)', 'kPa', 'pressure'],
    ['pamb (atm)', 'atm', 'pressure'],
    ['F (N)', 'N', 'force'],
    ['F (KN)', 'kN', 'force'],
    ['c* (m/s)', 'm/s', 'velocity'],
    ['cstar (ft/s)', 'ft/s', 'velocity'],
    ['At (in^2)', 'in²', 'area'],
  ])('%s → %s', (header, unit, quantity) => {
    expect(headerUnit(header)).toEqual({ raw: expect.any(String), unit, quantity });
  });

  it('a name with underscores is not a unit, and an unknown unit is reported as text, not guessed', () => {
    expect(headerUnit('p_c')).toEqual({ raw: null, unit: null, quantity: null });
    expect(headerUnit('m_dot')).toEqual({ raw: null, unit: null, quantity: null });
    expect(headerUnit('Pc')).toEqual({ raw: null, unit: null, quantity: null });
    expect(headerUnit('Pc (furlong)')).toEqual({ raw: 'furlong', unit: null, quantity: null });
    expect(headerUnit('Pc (psig)')).toEqual({ raw: 'psig', unit: null, quantity: null });
  });

  it('a unit of another quantity is not taken for a field', () => {
    expect(fieldUnitFromHeader('pc', 'Pc (lbf)')).toEqual({ unit: null, raw: 'lbf' });
    expect(fieldUnitFromHeader('pc', 'Pc (psia)')).toEqual({ unit: 'psia', raw: 'psia' });
    expect(fieldUnitFromHeader('isp', 'Isp (m/s)')).toEqual({ unit: 'm/s', raw: 'm/s' });
  });

  it('sets each mapped column’s unit from its header', () => {
    const headers = csvHeaders('Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s),T (°F)\n');
    const map = guessMapping(headers);
    expect(map).toEqual({ testId: 0, of: 1, pc: 2, thrust: 3, mdot: 4, isp: 5 });
    expect(unitsFromHeaders(headers, map)).toEqual({ pc: 'psia', thrust: 'lbf', mdot: 'lbm/s', isp: 's' });
  });
});

describe('conversions (exact definitions, by hand)', () => {
  it('psi, lbf, lbm, in² and g0', () => {
    expect(PSI).toBeCloseTo(6894.757293168, 9);
    expect(LBF).toBeCloseTo(4.4482216152605, 12);
    expect(LBM).toBe(0.45359237);
    expect(IN2).toBeCloseTo(6.4516e-4, 15);
    expect(G0).toBe(9.80665);
    // 902 psia = 902 × 6894.757293168 / 1e5 bar = 62.1907 bar
    expect((902 * PSI) / 1e5).toBeCloseTo(62.1907, 4);
  });

  it('temperatures: °F → K = (F − 32)·5/9 + 273.15, °R = K·9/5', () => {
    expect(temperatureToKelvin(212, '°F')).toBeCloseTo(373.15, 10);
    expect(temperatureToKelvin(32, '°F')).toBeCloseTo(273.15, 10);
    expect(temperatureToKelvin(-40, '°F')).toBeCloseTo(233.15, 10);
    expect(temperatureToKelvin(491.67, '°R')).toBeCloseTo(273.15, 10);
    expect(temperatureToKelvin(25, '°C')).toBeCloseTo(298.15, 10);
    expect(temperatureToKelvin(1, 'furlong')).toBeNull();
  });

  it('a psia file is read as psia: 902 psia is 62.19 bar, not 902 bar', () => {
    const text = 'Test ID,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)\nA,2.4,902,3000,10,300\n';
    const headers = csvHeaders(text);
    const mapping = guessMapping(headers);
    const r = parseTestFireCsv(text, { mapping, units: unitsFromHeaders(headers, mapping), requireUnits: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a] = r.value.rows;
    expect(a.pc / 1e5).toBeCloseTo(62.1907, 4);
    expect(a.thrust).toBeCloseTo(3000 * 4.4482216152605, 8); // 13344.66 N
    expect(a.mdot).toBeCloseTo(4.5359237, 12);
    expect(a.isp).toBeCloseTo(300 * 9.80665, 10);
  });

  it('a dimensional column without a unit is not given one silently', () => {
    const text = 'O/F,Pc\n2.4,902\n';
    const r = parseTestFireCsv(text, { mapping: { of: 0, pc: 1 }, units: {}, requireUnits: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.field).toBe('units.pc');
    expect(r.error.message).toBe('choose the unit of chamber pressure: the column "Pc" names no unit');
    const f = parseTestFireCsv('O/F,Pc (furlong)\n2.4,902\n', { mapping: { of: 0, pc: 1 }, units: {}, requireUnits: true });
    expect(!f.ok && f.error.message).toMatch(/^choose the unit of chamber pressure: the column "Pc \(furlong\)" says "furlong", not a unit of chamber pressure/);
  });
});

describe('consistency before training', () => {
  const US = { pc: 'psia', thrust: 'lbf', mdot: 'lbm/s', isp: 's', cstar: 'm/s', at: 'in²' };
  const read = (text: string, units: Record<string, string>) => {
    const headers = csvHeaders(text);
    const r = parseTestFireCsv(text, { mapping: guessMapping(headers), units });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows;
  };

  it('flags a row whose Isp differs from thrust ÷ (mass flow · g0) by more than 5 %, in the user’s units', () => {
    // 3000 lbf / 10 lbm/s = 300 lbf·s/lbm = 300 s; 290 s is 3.3 % off (kept), 250 s is 20 % off (flagged)
    const rows = read('Test,O/F,Pc (psia),Thrust (lbf),mdot (lbm/s),Isp (s)\nA,2.4,902,3000,10,290\nB,2.4,902,3000,10,250\n', US);
    expect(checkTestFires(rows, US)).toEqual([
      { line: 3, field: 'isp', message: 'row 3: the Isp column says 250 s but thrust ÷ mass flow gives 300 s (20 % apart)' },
    ]);
  });

  it('compares pc·At/ṁ with the c* column when a throat area is given', () => {
    // 1000 psia × 2 in² / 10 lbm/s = 200 lbf·s/lbm = 200 × 9.80665 = 1961.33 m/s
    const rows = read('Test,O/F,Pc (psia),mdot (lbm/s),At (in²),c* (m/s)\nA,2.4,1000,10,2,1961\nB,2.4,1000,10,2,1500\n', US);
    const w = checkTestFires(rows, US);
    expect(w).toEqual([{ line: 3, field: 'cstar', message: 'row 3: the c* column says 1500 m/s but pc·At ÷ mass flow gives 1961 m/s (30.76 % apart)' }]);
  });

  it('uses a throat area typed in the form when the file has none', () => {
    const rows = read('Test,O/F,Pc (psia),mdot (lbm/s),c* (m/s)\nA,2.4,1000,10,1500\n', US);
    expect(checkTestFires(rows, US)).toEqual([]);
    // 2 in² = 12.9032 cm²: the same 1961.33 m/s as above
    expect(checkTestFires(rows, US, { throatArea_m2: 2 * 6.4516e-4 }).map((w) => w.message)).toEqual(['row 2: the c* column says 1500 m/s but pc·At ÷ mass flow gives 1961 m/s (30.76 % apart)']);
  });

  it('flags values implausible for their unit with the unit that fits', () => {
    const units = { pc: 'bar', isp: 'm/s' };
    const rows = read('Test,O/F,Pc (bar),Isp (m/s)\nA,2.4,902,300\nB,2.6,1015,301\nC,2.8,60,305\n', units);
    const w = checkTestFires(rows, units);
    expect(w.map((x) => x.message)).toEqual([
      'chamber pressure: 1 of 3 values are outside 0.1 bar to 1000 bar, implausible for a chemical rocket (first: row 3, 1015 bar); did you mean psia?',
      'Isp: 3 of 3 values are outside 490.3 m/s to 4903 m/s, implausible for a chemical rocket (first: row 2, 300 m/s); did you mean s?',
    ]);
  });

  it('a plausible file has no warnings', () => {
    const units = { pc: 'bar', isp: 's' };
    const rows = read('Test,O/F,Pc (bar),Isp (s)\nA,2.4,62.19,300\n', units);
    expect(checkTestFires(rows, units)).toEqual([]);
  });
});
