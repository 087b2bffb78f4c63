// Converts a trans.inp-format file into the project's transport-data document.
// Usage: npm run trans:convert -- <path/to/trans.inp> [out.json] (default out: wasm-core/data/trans.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parseTransInp, toTransDocument } from '../app/domain/trans-inp.ts';
import { fromDocument, type ThermoDocument } from '../app/domain/thermo-inp.ts';

const [inPath, outPath = new URL('../wasm-core/data/trans.json', import.meta.url).pathname] = process.argv.slice(2);
if (!inPath) {
  console.error('usage: npm run trans:convert -- <trans.inp> [out.json]');
  process.exit(2);
}
const bytes = readFileSync(inPath);
const records = parseTransInp(bytes.toString('latin1'));
// Names must match the thermo data's gas species exactly (as CEA matches them); say which do not.
const thermo = JSON.parse(readFileSync(new URL('../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
const gas = new Set(fromDocument(thermo).filter((s) => s.phase === 0 && !s.reactantOnly).map((s) => s.name));
const notes: string[] = [];
const unmatched = [...new Set(records.flatMap((r) => r.species).filter((n) => !gas.has(n)))];
if (unmatched.length) notes.push(`names without a gaseous product in thermo.json (records unused): ${unmatched.join(', ')}`);
const doc = toTransDocument(records, {
  source: basename(inPath),
  sha256: createHash('sha256').update(bytes).digest('hex'),
  reference: 'McBride, Gordon & Reno, Thermodynamic and Transport Properties for the CEA Program, NASA TM-4647 (1993); '
    + 'Gordon & McBride, Computer Program for Calculation of Complex Chemical Equilibrium Compositions and Applications, '
    + 'NASA RP-1311 (1994), ch. 5; fits by Svehla (1994, 1995) and the sources cited per record',
  notes,
});
const json = JSON.stringify(doc);
writeFileSync(outPath, json + '\n');
const pure = records.filter((r) => r.species.length === 1).length;
console.error(`${outPath}: ${pure} species, ${records.length - pure} binary interactions, ${json.length} bytes${unmatched.length ? `; unmatched: ${unmatched.join(', ')}` : ''}`);
