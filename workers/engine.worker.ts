// Engine worker: owns one wasm core instance and exposes the engine API through Comlink.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
// The species data is a separate precached asset (a JSON import would bloat this chunk).
import thermoUrl from '../wasm-core/data/thermo.json?url';
import type { ThermoDocument } from '../app/domain/thermo-inp.ts';
import { instantiateCore } from '../wasm-core/index.ts';
import { makeEngineApi, type Cancel, type EngineApi, type SweepInput } from './engine-api.ts';

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
};

export type EngineWorkerApi = typeof api;
Comlink.expose(api);
