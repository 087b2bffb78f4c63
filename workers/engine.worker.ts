// Engine worker: owns one wasm core instance and exposes the engine API through Comlink.
import * as Comlink from 'comlink';
import wasmUrl from '../wasm-core/build/core.wasm?url';
import { instantiateCore } from '../wasm-core/index.ts';
import { makeEngineApi, type EngineApi } from './engine-api.ts';

const ready: Promise<EngineApi> = fetch(wasmUrl)
  .then((r) => {
    if (!r.ok) throw new Error(`could not load the engine (${wasmUrl}: HTTP ${r.status})`);
    return r.arrayBuffer();
  })
  .then((bytes) => instantiateCore(bytes))
  .then(makeEngineApi);

/** Every method waits for the wasm module, then runs synchronously in this worker. */
const api = {
  async idealRocket(input: unknown) {
    return (await ready).idealRocket(input);
  },
};

export type EngineWorkerApi = typeof api;
Comlink.expose(api);
