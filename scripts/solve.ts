// Command line: `npm run --silent solve -- [file.json]` (stdin when no file). Input: one problem or
// an array (format in app/domain/problem.ts); output: one result or an array, same order, on stdout.
// Exit status 0 when the input was read (failures are values in the output), 2 when it was not
// valid JSON or could not be read.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../wasm-core/loader-node.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import type { TransDocument } from '../app/domain/trans-inp.ts';

function readInput(path: string | undefined): string {
  return readFileSync(path ?? 0, 'utf8');
}

const path = process.argv.slice(2).find((a) => !a.startsWith('-'));
let text: string;
try {
  text = readInput(path);
} catch (e) {
  console.error(`solve: cannot read ${path ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
let input: unknown;
try {
  input = JSON.parse(text);
} catch (e) {
  console.error(`solve: input is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const thermo = JSON.parse(readFileSync(new URL('../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
const trans = JSON.parse(readFileSync(new URL('../wasm-core/data/trans.json', import.meta.url), 'utf8')) as TransDocument;
const api = makeEngineApi(await loadCoreNode(), thermo, trans);
const out = Array.isArray(input) ? input.map((p) => api.solveProblem(p)) : api.solveProblem(input);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
