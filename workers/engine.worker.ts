// Engine worker: owns one wasm core instance and exposes the engine API through Comlink.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
// The species data is a separate precached asset (a JSON import would bloat this chunk).
import thermoUrl from '../wasm-core/data/thermo.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { makeEngineApi, type Cancel, type EngineApi, type SweepInput } from './engine-api.ts';
import type { SweepChunkInput } from './sweep-chunk.ts';
import { optimizeKernels } from '../wasm-core/optimize.ts';
import { startNsga2, findOptimumOf, findOptimumOfProblem, type Nsga2Session, type OptimumOfInput, type OptimumOfProblemInput } from './optimize-api.ts';

const thermoDoc: Promise<ThermoDocument> = fetch(thermoUrl).then((r) => {
  if (!r.ok) throw new Error(`could not load the thermo data (${thermoUrl}: HTTP ${r.status})`);
  return r.json() as Promise<ThermoDocument>;
});

const ready: Promise<EngineApi> = fetch(wasmUrl)
  .then((r) => {
    if (!r.ok) throw new Error(`could not load the engine (${wasmUrl}: HTTP ${r.status})`);
    return r.arrayBuffer();
  })
  .then((bytes) => instantiateCore(bytes))
  .then(async (core) => makeEngineApi(core, await thermoDoc));

/** Every method waits for the wasm module, then runs synchronously in this worker. */
const api = {
  async idealRocket(input: unknown) {
    return (await ready).idealRocket(input);
  },
  /** Rocket performance for one problem of the `solve` format. */
  async solveRocket(input: unknown, cancel?: Cancel) {
    return (await ready).solveRocket(input, cancel);
  },
  /** hp / tp equilibrium state for one problem of the `solve` format. */
  async solveEquilibrium(input: unknown, cancel?: Cancel) {
    return (await ready).solveEquilibrium(input, cancel);
  },
  /** Many points in one call (warm-started); the typed arrays move back by transfer. */
  async runSweep(input: SweepInput, cancel?: Cancel, progress?: (done: number, total: number) => void) {
    const r = (await ready).runSweep(input, cancel, progress);
    return r.ok ? Comlink.transfer(r, [r.value.values.buffer, r.value.status.buffer]) : r;
  },
  /** One chunk of a sweep job; the result columns move back by transfer. */
  async runSweepChunk(input: SweepChunkInput, cancel?: Cancel) {
    const r = (await ready).runSweepChunk(input, cancel);
    return r.ok ? Comlink.transfer(r, Object.values(r.value.columns).map((c) => c.buffer)) : r;
  },
  /** Starts an NSGA-II rocket design run (spec of app/domain/optimize-spec.ts); step it with nsga2Step. */
  async nsga2Start(spec: unknown) {
    const engineApi = await ready;
    const s = startNsga2(await optimizer, spec, (problems, cancel) => problems.map((p) => engineApi.solveRocket(p, cancel)));
    if (!s.ok) return s;
    session = s.value;
    return { ok: true as const, value: { runId: ++runCount, generations: s.value.generations } };
  },
  /** Evaluates one more generation of run `runId`; the answer carries the current front (and the result when done). */
  async nsga2Step(input: { runId: number }) {
    if (!session || input?.runId !== runCount) return { ok: false as const, error: { code: 'no-run', message: `no optimisation run ${input?.runId} in this worker (restarted?)`, field: 'runId' } };
    const p = await session.step();
    if (!p.ok) return p;
    return { ok: true as const, value: { ...p.value, done: session.done, result: session.done ? session.result() : undefined } };
  },
  /** The O/F that maximises (or minimises) one quantity at fixed pc and area ratio (bracketing + Brent). */
  async findOptimumOf(input: OptimumOfInput) {
    const engineApi = await ready;
    return findOptimumOf(await optimizer, input, (p) => engineApi.solveRocket(p));
  },
  /** The O/F that maximises a quantity of any rocket problem (Explore's optimum marker). */
  async findOptimumOfProblem(input: OptimumOfProblemInput) {
    const engineApi = await ready;
    return findOptimumOfProblem(await optimizer, input, (p) => engineApi.solveRocket(p));
  },
};

// The optimiser keeps NSGA-II state in its own core instance, apart from the engine's.
const optimizer = fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => instantiateCore(b)).then(optimizeKernels);
let session: Nsga2Session | null = null;
let runCount = 0;

export type EngineWorkerApi = typeof api;
Comlink.expose(api);
