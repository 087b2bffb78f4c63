// The optimiser bridge in node: a run steps generation by generation in its own (fake) worker over
// ports leased from the pool; cancelling a step stops the optimiser worker and the leased pool
// workers — and never Explore's engine worker, which answers as before.
import { describe, it, expect } from 'vitest';
import { EnginePool } from '../../app/bridge/engine-pool.ts';
import { OptimizerBridge } from '../../app/bridge/optimizer.ts';
import { WorkerBridge } from '../../app/bridge/worker-bridge.ts';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { optimizeKernels } from '../../wasm-core/optimize.ts';
import { makeOptimizerApi } from '../../workers/optimizer-api.ts';
import { servePort } from '../../workers/serve-port.ts';
import { solveRocketsWith, type SolveRocketsInput } from '../../workers/solve-rockets.ts';
import { fakeWorkers } from './support/fake-worker.ts';
import { loadNodeEngine } from './support/engine-node.ts';

const SPEC = {
  fuels: ['RP-1', 'CH4(L)'], oxidizers: ['O2(L)'],
  variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  population: 12, generations: 3, seed: 2,
};

const node = await loadNodeEngine();
const kernels = optimizeKernels(await loadCoreNode());

function setUp(slowPool = false) {
  const poolWorkers = fakeWorkers(() => {
    const solveRockets = async (x: SolveRocketsInput) => {
      if (slowPool) await new Promise(() => {}); // a generation that never finishes
      return solveRocketsWith(node.engine, x);
    };
    return { solveRockets, serve: (input: { port: MessagePort }) => servePort(input.port, { solveRockets }) };
  });
  const pool = new EnginePool({ size: 2, create: poolWorkers.create });
  const optimizerWorkers = fakeWorkers(() => makeOptimizerApi(async () => kernels, async () => async (problems) => solveRocketsWith(node.engine, { problems })));
  const explore = fakeWorkers(() => ({ async solveRocket(x: unknown) { return node.engine.solveRocket(x); } }));
  const engine = new WorkerBridge<{ solveRocket(x: unknown): Promise<ReturnType<typeof node.engine.solveRocket>> }>(explore.create);
  return { pool, poolWorkers, optimizer: new OptimizerBridge(() => pool, optimizerWorkers.create), optimizerWorkers, engine, explore };
}

const PROBLEM = { problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1 }], of: 2.6, pc: 7e6, exits: [{ areaRatio: 40 }] };

describe('OptimizerBridge', () => {
  it('runs every generation over the leased pool and ends with the front', async () => {
    const t = setUp();
    const started = await t.optimizer.start(SPEC);
    if (!started.ok) throw new Error(started.error.message);
    let last;
    for (let g = 0; g < 3; g++) last = await t.optimizer.step(started.value.runId);
    expect(last?.ok && last.value.done).toBe(true);
    expect(last?.ok && last.value.result!.evaluations).toBe(36);
    expect(last?.ok && last.value.front.length).toBeGreaterThan(0);
    t.pool.terminate();
  });

  it('a cancelled step stops the optimiser and the leased pool workers, never Explore\'s engine', async () => {
    const t = setUp(true);
    expect((await t.engine.call('solveRocket', PROBLEM)).ok).toBe(true);
    const started = await t.optimizer.start(SPEC);
    if (!started.ok) throw new Error(started.error.message);
    const ctl = new AbortController();
    const step = t.optimizer.step(started.value.runId, { signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 50));
    ctl.abort();
    expect(await step).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(t.optimizerWorkers.started[0].terminated).toBe(true);
    expect(t.poolWorkers.started.map((w) => w.terminated)).toEqual([true, true]);
    expect(t.explore.started).toHaveLength(1);
    expect(t.explore.started[0].terminated).toBe(false);
    expect((await t.engine.call('solveRocket', PROBLEM)).ok).toBe(true);
    expect(t.explore.started).toHaveLength(1);
  });
});
