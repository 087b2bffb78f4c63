// Node-side loading of core.wasm for tests, benchmarks and the command line.
import { readFile } from 'node:fs/promises';
import { instantiateCore, type Core } from './index.ts';

let cached: Promise<Core> | null = null;

/** Loads wasm-core/build/core.wasm once per process (run `npm run asbuild` first). */
export function loadCoreNode(): Promise<Core> {
  cached ??= readFile(new URL('./build/core.wasm', import.meta.url)).then((b) => instantiateCore(b));
  return cached;
}
