// Optimiser worker: holds the NSGA-II state of one run (its own wasm core), so cancelling an
// optimisation stops this worker only — never the engine worker Explore uses. Each generation is
// evaluated on the pool workers reached over MessagePorts the bridge hands over with the step
// (`serve` on the engine worker), plus a slice here: the designs never cross the main thread.
import wasmUrl from '../wasm-core/build/core.wasm?url';
import thermoUrl from '../wasm-core/data/thermo.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { makeEngineApi } from './engine-api.ts';
import { exposeApi } from './expose-api.ts';
import { solveRocketsWith } from './solve-rockets.ts';
import type { SliceSolver } from './split-evaluate.ts';
import { makeOptimizerApi } from './optimizer-api.ts';

async function fetchOk(url: string, what: string): Promise<Response> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load the ${what} (${url}: HTTP ${r.status})`);
  return r;
}
const compiled = fetchOk(wasmUrl, 'engine').then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
const optimizer = compiled.then((m) => instantiateCore(m)).then(optimizeKernels);
// This worker's own share of each generation: an engine of its own, started on the first step.
let localEngine: Promise<SliceSolver> | null = null;
const local = () => (localEngine ??= Promise.all([
  compiled.then((m) => instantiateCore(m)),
  fetchOk(thermoUrl, 'thermo data').then((r) => r.json() as Promise<ThermoDocument>),
]).then(([core, thermo]) => {
  const e = makeEngineApi(core, thermo);
  return async (problems) => solveRocketsWith(e, { problems });
}));

const api = makeOptimizerApi(() => optimizer, local);

export type OptimizerWorkerApi = typeof api;
exposeApi(api);
