import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseTestFireCsv, guessMapping, csvHeaders, parseDecimal, splitDelimited, detectDelimiter } from '../../app/domain/testfire-csv.ts';
import { G0, PSI } from '../../app/domain/units.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const UNITS = { pc: 'bar', thrust: 'kN', isp: 's', pamb: 'bar' } as const;

describe('test-fire CSV (sanity)', () => {
  it('guesses the mapping from headers and converts to SI', () => {
    const text = fixture('testfire-good.csv');
    const map = guessMapping(csvHeaders(text));
    expect(map).toEqual({ testId: 0, of: 1, pc: 2, thrust: 3, mdot: 4, isp: 5, pamb: 6 });
    const r = parseTestFireCsv(text, { mapping: map, units: UNITS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.errors).toEqual([]);
    expect(r.value.rows).toHaveLength(3);
    const [a, , c] = r.value.rows;
    expect(a).toMatchObject({ line: 2, testId: 'T-01', of: 2.4, pc: 70e5, thrust: 100.5e3, mdot: 34.1 });
    expect(a.pamb).toBeCloseTo(1.013e5, 6);
    expect(a.isp).toBeCloseTo(300.4 * G0, 9);
    expect(c.testId).toBe('T-03, hot');
  });

  it('derives Isp from thrust and mass flow when there is no Isp column', () => {
    const text = fixture('testfire-good.csv');
    const r = parseTestFireCsv(text, { mapping: { of: 1, pc: 2, thrust: 3, mdot: 4 }, units: UNITS });
    expect(r.ok && r.value.rows[0].isp).toBeCloseTo(100.5e3 / 34.1, 9);
    expect(r.ok && r.value.rows[0].testId).toBe('1');
  });

  it('reads decimal commas with semicolons, quoted thousands groups and US units', () => {
    const text = fixture('testfire-decimal-comma.csv');
    expect(detectDelimiter(text)).toBe(';');
    const r = parseTestFireCsv(text, { mapping: { testId: 0, of: 1, pc: 2, isp: 3 }, units: { pc: 'psia', isp: 's' }, decimal: ',' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.errors).toEqual([]);
    expect(r.value.rows[0].of).toBe(2.4);
    expect(r.value.rows[0].pc).toBeCloseTo(1015.26 * PSI, 6);
    expect(r.value.rows[1].pc).toBeCloseTo(1051.5 * PSI, 6);
  });
});

describe('test-fire CSV (bad rows)', () => {
  it('rejects each bad row with its line, column and value, keeping the good rows', () => {
    const r = parseTestFireCsv(fixture('testfire-bad.csv'), { mapping: guessMapping(csvHeaders(fixture('testfire-bad.csv'))), units: UNITS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows.map((x) => x.testId)).toEqual(['T-01', 'T-05']);
    expect(r.value.errors).toEqual([
      { line: 3, column: 'O/F', value: 'abc', message: 'row 3, column "O/F": O/F must be a number (got "abc")' },
      { line: 4, column: 'Pc (bar)', value: '-5', message: 'row 4, column "Pc (bar)": chamber pressure must be > 0 bar (got -5)' },
      { line: 5, column: 'Pc (bar)', value: '', message: 'row 5, column "Pc (bar)": chamber pressure is missing' },
    ]);
  });

  it('hints at the decimal mark when a decimal comma is read with "."', () => {
    const r = parseTestFireCsv('of\tpc\n"2,5"\t70\n', { mapping: { of: 0, pc: 1 }, delimiter: '\t' });
    expect(r.ok && r.value.errors[0].message).toMatch(/choose "," as the decimal mark/);
  });

  it('reports option problems as one error value naming the field', () => {
    const text = fixture('testfire-good.csv');
    const a = parseTestFireCsv(text, { mapping: { pc: 2 } });
    expect(!a.ok && a.error).toEqual({ code: 'bad-input', message: 'choose the column that holds O/F', field: 'mapping.of' });
    const b = parseTestFireCsv(text, { mapping: { of: 1, pc: 2 }, units: { pc: 'furlong' } });
    expect(!b.ok && b.error.field).toBe('units.pc');
    const c = parseTestFireCsv(text, { mapping: { of: 1, pc: 12 } });
    expect(!c.ok && c.error.message).toBe('chamber pressure: column 12 is not in the file (it has 7 columns)');
    expect(parseTestFireCsv('of,pc\n', { mapping: { of: 0, pc: 1 } }).ok).toBe(false);
  });
});

describe('parsing primitives', () => {
  it('numbers with either decimal mark and grouping', () => {
    expect(parseDecimal('1,234.5', '.')).toBe(1234.5);
    expect(parseDecimal('1.234,5', ',')).toBe(1234.5);
    expect(parseDecimal('3,5', ',')).toBe(3.5);
    expect(parseDecimal('3,5', '.')).toBeNull();
    expect(parseDecimal('1e5', '.')).toBe(1e5);
    expect(parseDecimal('12,34.5', '.')).toBeNull();
    expect(parseDecimal('', '.')).toBeNull();
  });
  it('quoted fields with delimiters, quotes and newlines; blank lines skipped; BOM dropped', () => {
    const recs = splitDelimited('\ufeffa,b\r\n"x, ""y""",2\n\n"multi\nline",3\n', ',');
    expect(recs).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['x, "y"', '2'], line: 2 },
      { fields: ['multi\nline', '3'], line: 4 },
    ]);
  });
});
