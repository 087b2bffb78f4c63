// Command line: `npm run --silent optimize -- spec.json` (stdin when no file) runs a rocket design
// optimisation (spec format in app/domain/optimize-spec.ts, README "optimize") and prints
// {"ok":true,"pareto":[…],"hypervolume":…,"evaluations":…} or {"ok":false,"error":{…}} naming the
// field. `--progress` writes one line per generation to stderr. Exit status 0 when the spec was
// read (failures are values in the output), 2 when it was not valid JSON or could not be read.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../wasm-core/loader-node.ts';
import { makeEngineApi } from '../workers/engine-api.ts';
import { runNsga2 } from '../workers/optimize-api.ts';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('-'));
const progress = args.includes('--progress');
let input: unknown;
try {
  input = JSON.parse(readFileSync(path ?? 0, 'utf8'));
} catch (e) {
  console.error(`optimize: cannot read a JSON spec from ${path ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const thermo = JSON.parse(readFileSync(new URL('../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
const core = await loadCoreNode();
const engine = makeEngineApi(core, thermo);
const result = await runNsga2(core, input, {
  evaluate: (problems) => problems.map((p) => engine.solveRocket(p)),
  onProgress: progress
    ? (p) => console.error(`generation ${p.generation}/${p.generations}: ${p.front.length} on the front, hypervolume ${p.hypervolume?.toPrecision(6) ?? '–'}`)
    : undefined,
});
const out = result.ok ? { ok: true, ...result.value } : result;
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
