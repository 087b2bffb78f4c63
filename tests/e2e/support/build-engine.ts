// The engine in node on the very wasm and species data the build under test serves (E2E_DIST or
// dist/), not a fresher local build: e2e tests compare the page's numbers with it.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { instantiateCore } from '../../../wasm-core/index.ts';
import { makeEngineApi, type EngineApi } from '../../../workers/engine-api.ts';
import type { ThermoDocument } from '../../../app/domain/thermo-inp.ts';
import type { TransDocument } from '../../../app/domain/trans-inp.ts';

export const distDir = resolve(process.env.E2E_DIST || new URL('../../../dist', import.meta.url).pathname);

let engine: Promise<EngineApi> | null = null;
/** Loaded once per test file. */
export function buildEngine(): Promise<EngineApi> {
  engine ??= (async () => {
    const assets = join(distDir, 'assets');
    const files = readdirSync(assets);
    const wasm = files.find((f) => /^core-.*\.wasm$/.test(f));
    const thermo = files.find((f) => /^thermo-.*\.json$/.test(f));
    if (!wasm || !thermo) throw new Error(`no core-*.wasm or thermo-*.json in ${assets}`);
    const trans = files.find((f) => /^trans-.*\.json$/.test(f));
    const core = await instantiateCore(readFileSync(join(assets, wasm)));
    const transDoc = trans ? JSON.parse(readFileSync(join(assets, trans), 'utf8')) as TransDocument : undefined;
    return makeEngineApi(core, JSON.parse(readFileSync(join(assets, thermo), 'utf8')) as ThermoDocument, transDoc);
  })();
  return engine;
}
