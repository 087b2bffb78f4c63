// Shared set-up for unit tests that run the real engine in node: the wasm core, the engine API over
// the shipped thermo data, and a rocket optimisation run through it.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../../wasm-core/loader-node.ts';
import { makeEngineApi, type EngineApi } from '../../../workers/engine-api.ts';
import { runNsga2, type Nsga2RunResult } from '../../../workers/optimize-api.ts';
import type { Core } from '../../../wasm-core/index.ts';
import type { ThermoDocument } from '../../../app/domain/thermo-inp.ts';

export interface NodeEngine {
  core: Core;
  engine: EngineApi;
}

export async function loadNodeEngine(): Promise<NodeEngine> {
  const core = await loadCoreNode();
  const thermo = JSON.parse(readFileSync(new URL('../../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
  return { core, engine: makeEngineApi(core, thermo) };
}

/** Runs an optimisation spec through the engine; throws on a refused spec (tests want the front). */
export async function runRocketOptimisation(e: NodeEngine, spec: unknown): Promise<Nsga2RunResult> {
  const r = await runNsga2(e.core, spec, { evaluate: (ps) => ps.map((p) => e.engine.solveRocket(p)) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
