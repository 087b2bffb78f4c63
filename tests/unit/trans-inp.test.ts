// trans.inp parser and the committed transport document (wasm-core/data/trans.json).
// tests/fixtures/trans-snippet.inp: five records copied verbatim from NASA's trans.inp as distributed
// with CEA2 (sha256 77de02c1…949a69; Ar, C–O, H2O, N2, UF6 and the closing "end").
import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTransDocument, parseTransInp, TransInpError, type TransFit } from '../../app/domain/trans-inp.ts';

const text = readFileSync(new URL('../fixtures/trans-snippet.inp', import.meta.url), 'utf8');
const doc = JSON.parse(readFileSync(new URL('../../wasm-core/data/trans.json', import.meta.url), 'utf8'));
const fit = (fits: TransFit[], T: number) => {
  const f = fits.find((x) => T <= x[1]) ?? fits[fits.length - 1];
  return Math.exp(f[2] * Math.log(T) + f[3] / T + f[4] / (T * T) + f[5]);
};

describe('trans.inp parser: sanity', () => {
  const recs = parseTransInp(text);
  const by = (...names: string[]) => recs.find((r) => r.species.join('|') === names.join('|'))!;

  it('reads every record, pure and binary, up to "end"', () => {
    expect(recs.map((r) => r.species)).toEqual([['Ar'], ['C', 'O'], ['H2O'], ['N2'], ['UF6']]);
    expect(by('Ar').viscosity).toHaveLength(3);
    expect(by('Ar').conductivity).toHaveLength(3);
    expect(by('C', 'O').viscosity).toHaveLength(1);
    expect(by('C', 'O').conductivity).toHaveLength(0);
    expect(by('UF6').conductivity).toHaveLength(0);
    expect(by('H2O').source).toBe('SENGERS & WATSON (1986)  SVEHLA (1994)');
  });

  it('reads Fortran E fields with a blank exponent sign and signed coefficients', () => {
    expect(by('Ar').viscosity[0]).toEqual([200, 1000, 0.61205763, -67.714354, 190.4066, 2.1588272]);
    expect(by('H2O').conductivity[2]).toEqual([5000, 15000, -0.41858737, -14096.649, 19179190, 14.345613]);
  });

  // Dilute-gas values at 300 K from the NIST Chemistry WebBook (Lemmon & Jacobsen, Int. J.
  // Thermophys. 25 (2004) 21): Ar η 22.7 µPa·s, λ 17.8 mW/(m·K); N2 η 17.9 µPa·s, λ 26.0 mW/(m·K).
  it('fits give the published viscosity and conductivity of Ar and N2 at 300 K within 1 %', () => {
    const rel = (got: number, want: number) => Math.abs(got / want - 1);
    expect(rel(fit(by('Ar').viscosity, 300) * 1e-7, 22.7e-6)).toBeLessThan(0.01);
    expect(rel(fit(by('Ar').conductivity, 300) * 1e-4, 17.8e-3)).toBeLessThan(0.01);
    expect(rel(fit(by('N2').viscosity, 300) * 1e-7, 17.9e-6)).toBeLessThan(0.01);
    expect(rel(fit(by('N2').conductivity, 300) * 1e-4, 26.0e-3)).toBeLessThan(0.01);
  });
});

describe('trans.inp parser: special values', () => {
  it('names the line of a header without "VnCn"', () => {
    const bad = text.replace('V3C3  BICH', 'X3C3  BICH');
    expect(() => parseTransInp(bad)).toThrow(TransInpError);
    expect(() => parseTransInp(bad)).toThrow(/line 2:/);
  });

  it('names the line of a missing fit line', () => {
    const lines = text.split('\n');
    lines.splice(3, 1); // drop Ar's second V line
    expect(() => parseTransInp(lines.join('\n'))).toThrow(/line 4: Ar: expected a V line|line \d+: Ar: expected a [VC] line/);
  });

  it('names the line of an unreadable number', () => {
    expect(() => parseTransInp(text.replace('0.61205763E 00', '0.612x5763E 00'))).toThrow(/line 3: Ar: bad V fit/);
  });
});

describe('committed transport document', () => {
  it('is the converter output of NASA trans.inp, with provenance', () => {
    expect(isTransDocument(doc)).toBe(true);
    expect(doc.provenance.source).toBe('trans.inp');
    expect(doc.provenance.sha256).toBe('77de02c1393a05848359bf546f6af96e06f50e9d4c7798ebdd06c75c78949a69');
    expect(doc.provenance.reference).toMatch(/TM-4647/);
    const pure = doc.records.filter((r: { species: string[] }) => r.species.length === 1);
    expect(pure).toHaveLength(66);
    expect(doc.records).toHaveLength(66 + 41);
    for (const rec of parseTransInp(text)) {
      expect(doc.records.find((r: { species: string[] }) => r.species.join('|') === rec.species.join('|'))).toEqual(rec);
    }
  });
});

describe('npm run trans:convert', () => {
  it('writes the document with the source name, its sha256 and the references; every name matches a thermo species', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const src = fileURLToPath(new URL('../fixtures/trans-snippet.inp', import.meta.url));
    const out = join(mkdtempSync(join(tmpdir(), 'trans-')), 'trans.json');
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/trans-convert.ts', src, out], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(readFileSync(out, 'utf8'));
    expect(isTransDocument(d)).toBe(true);
    expect(d.provenance.source).toBe('trans-snippet.inp');
    expect(d.provenance.sha256).toBe(createHash('sha256').update(readFileSync(src)).digest('hex'));
    expect(d.provenance.reference).toMatch(/RP-1311/);
    expect(d.records).toEqual(parseTransInp(text));
    expect(d.provenance.notes).toEqual([]); // every name of the snippet is a gaseous product of thermo.json
  });
});
