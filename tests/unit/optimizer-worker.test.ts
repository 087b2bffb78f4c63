// The optimiser worker's API in node: NSGA-II state held apart from the engine, each generation
// evaluated on a pool of (fake, MessageChannel) engine workers reached over leased ports plus a
// local slice — the same front as the in-process run with the same seed, every pool worker used
// and freed after each step; failures of a generation numbered within it.
import { describe, it, expect } from 'vitest';
import { EnginePool } from '../../app/bridge/engine-pool.ts';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { optimizeKernels } from '../../wasm-core/optimize.ts';
import { makeOptimizerApi } from '../../workers/optimizer-api.ts';
import { servePort } from '../../workers/serve-port.ts';
import { solveRocketsWith, type SolveRocketsInput } from '../../workers/solve-rockets.ts';
import { generationFailures, solveSplit } from '../../workers/split-evaluate.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';
import { fakeWorkers } from './support/fake-worker.ts';
import { loadNodeEngine, runRocketOptimisation } from './support/engine-node.ts';

const SPEC = {
  fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
  variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
  objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
  constraints: [{ quantity: 'Tc', max: 3600 }],
  population: 20, generations: 5, seed: 3,
};

const node = await loadNodeEngine();

describe('optimiser worker API over a leased pool', () => {
  it('gives the in-process front, the designs solved by every pool worker and the local engine', async () => {
    const solvedBy: number[] = [0, 0, 0];
    let n = 0;
    const w = fakeWorkers(() => {
      const me = ++n;
      const solveRockets = async (x: SolveRocketsInput) => {
        solvedBy[me] += x.problems.length;
        return solveRocketsWith(node.engine, x);
      };
      return { solveRockets, serve: (input: { port: MessagePort }) => servePort(input.port, { solveRockets }) };
    });
    const pool = new EnginePool({ size: 2, create: w.create });
    const k = optimizeKernels(await loadCoreNode());
    const api = makeOptimizerApi(async () => k, async () => async (problems) => {
      solvedBy[0] += problems.length;
      return solveRocketsWith(node.engine, { problems });
    });
    const started = await api.nsga2Start(SPEC);
    if (!started.ok) throw new Error(started.error.message);
    let last;
    for (let g = 0; g < SPEC.generations; g++) {
      const lease = pool.lease();
      last = await api.nsga2Step({ runId: started.value.runId, pool: lease.ports });
      await lease.done; // the step lets go of every port
      if (!last.ok) throw new Error(last.error.message);
      expect(last.value.generation).toBe(g + 1);
    }
    expect(last!.ok && last!.value.done).toBe(true);
    const mine = last!.ok ? last!.value.result! : null;
    const reference = await runRocketOptimisation(node, SPEC);
    expect(mine!.pareto).toEqual(reference.pareto);
    expect(mine!.hypervolume).toBe(reference.hypervolume);
    // 3 solvers share each generation of 20: 7 + 7 + 6
    expect(solvedBy).toEqual([6 * 5, 7 * 5, 7 * 5]);
    pool.terminate();
  });

  it('refuses a step of a run it does not hold, naming the run', async () => {
    const api = makeOptimizerApi(async () => optimizeKernels(await loadCoreNode()), async () => async () => ({ ok: true, value: [] }));
    expect(await api.nsga2Step({ runId: 9 })).toEqual({ ok: false, error: { code: 'no-run', message: 'no optimisation run 9 in this worker (restarted?)', field: 'runId' } });
  });
});

describe('splitting a generation', () => {
  const problems = Array.from({ length: 5 }, (_, i) => ({ of: i }) as unknown as RocketProblem);
  it('keeps the order across slices and reports a slice failure', async () => {
    const echo = (tag: string) => async (ps: RocketProblem[]) => ({ ok: true as const, value: ps.map((p) => ({ ok: false as const, error: { code: tag, message: `${tag}${p.of}` } })) });
    const r = await solveSplit(problems, [echo('a'), echo('b')]);
    expect(r.ok && r.value.map((x) => (x.ok ? '' : x.error.message))).toEqual(['a0', 'a1', 'a2', 'b3', 'b4']);
    const failing = await solveSplit(problems, [echo('a'), async () => ({ ok: false as const, error: { code: 'worker-crashed', message: 'gone' } })]);
    expect(failing).toEqual({ ok: false, error: { code: 'worker-crashed', message: 'gone' } });
  });
  it('numbers failures within the generation, with the engine\'s message', () => {
    const good = node.engine.solveRocket({ problem: 'rocket', reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1 }], of: 2.5, pc: 7e6, exits: [{ areaRatio: 40 }] });
    expect(good.ok).toBe(true);
    const f = generationFailures([good, { ok: false, error: { code: 'no-convergence', message: 'did not converge' } }, good]);
    expect(f).toEqual([{ point: 1, message: 'did not converge' }]);
  });
});
