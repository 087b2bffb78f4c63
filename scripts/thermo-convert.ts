// Converts a thermo.inp-format file into the project's compact species-data document.
// Usage: npm run thermo:convert -- <path/to/thermo.inp> [out.json] (default out: wasm-core/data/thermo.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseThermoInp, toDocument } from '../app/domain/thermo-inp.ts';

// CEA2 does not use the rounded formula printed in the `Air` record (N 1.5617 O .41959 AR .00937
// C .00032); it uses these values (see the CEA reference README-tp-hp.md). Keeping them makes Air
// mixtures agree with CEA's O/F to 2e-6.
const FORMULA_OVERRIDES: Record<string, Record<string, number>> = {
  Air: { N: 1.56168, O: 0.41959, Ar: 0.009365, C: 0.000319 },
};

const [inPath, outPath = new URL('../wasm-core/data/thermo.json', import.meta.url).pathname] = process.argv.slice(2);
if (!inPath) {
  console.error('usage: npm run thermo:convert -- <thermo.inp> [out.json]');
  process.exit(2);
}
const bytes = readFileSync(inPath);
const parsed = parseThermoInp(bytes.toString('latin1'));
const notes: string[] = [];
for (const sp of parsed.species) {
  const o = FORMULA_OVERRIDES[sp.name];
  if (o) {
    notes.push(`${sp.name}: formula ${JSON.stringify(sp.elements)} replaced by ${JSON.stringify(o)} as used by CEA2`);
    sp.elements = { ...o };
  }
}
const doc = toDocument(parsed, {
  source: basename(inPath),
  sha256: createHash('sha256').update(bytes).digest('hex'),
  date: `thermo.inp header date ${parsed.date}`,
  reference: 'McBride, Zehe & Gordon, NASA Glenn Coefficients for Calculating Thermodynamic Properties of Individual Species, NASA TP-2002-211556 (2002)',
  notes,
});
const json = JSON.stringify(doc);
writeFileSync(outPath, json + '\n');
const nProd = parsed.species.filter((s) => !s.reactantOnly).length;
console.error(`${outPath}: ${parsed.species.length} species (${nProd} products), ${json.length} bytes, ${gzipSync(json).length} bytes gzipped`);
