// An engine bridge for store tests in node: the same calls a store makes of the engine worker,
// answered by the real engine (wasm core in node) after a turn of the event loop, each call logged.
import { loadCoreNode } from '../../../wasm-core/loader-node.ts';
import { optimizeKernels } from '../../../wasm-core/optimize.ts';
import { findOptimumOfProblem, type OptimumOfProblemInput } from '../../../workers/optimize-api.ts';
import type { SweepInput } from '../../../workers/engine-api.ts';
import type { EngineBridge } from '../../../app/bridge/engine.ts';
import { loadNodeEngine, type NodeEngine } from './engine-node.ts';

export interface LoggedBridge {
  bridge: EngineBridge;
  /** Methods called, in order. */
  calls: string[];
  /** Most calls in flight at once. */
  maxInFlight: () => number;
}

export async function nodeEngineBridge(e?: NodeEngine): Promise<LoggedBridge & { engine: NodeEngine }> {
  const engine = e ?? (await loadNodeEngine());
  const opt = optimizeKernels(await loadCoreNode());
  const methods: Record<string, (input: never) => unknown> = {
    idealRocket: (x: unknown) => engine.engine.idealRocket(x),
    solveRocket: (x: unknown) => engine.engine.solveRocket(x),
    runSweep: (x: SweepInput) => engine.engine.runSweep(x),
    findOptimumOfProblem: (x: OptimumOfProblemInput) => findOptimumOfProblem(opt, x, (p) => engine.engine.solveRocket(p)),
  };
  return { ...logged((m, input) => methods[m](input as never)), engine };
}

/** A bridge whose answers come from `answer(method, input)` (a value or a promise), logged. */
export function logged(answer: (method: string, input: unknown) => unknown): LoggedBridge {
  const calls: string[] = [];
  let inFlight = 0;
  let most = 0;
  const call = async (method: string, input: unknown) => {
    calls.push(method);
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 0));
      return await answer(method, input);
    } finally {
      inFlight--;
    }
  };
  return { bridge: { call } as unknown as EngineBridge, calls, maxInFlight: () => most };
}
