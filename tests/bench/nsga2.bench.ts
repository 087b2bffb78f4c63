import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { optimizeKernels } from '../../wasm-core/optimize.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import { runNsga2 } from '../../workers/optimize-api.ts';
import type { ThermoDocument } from '../../app/domain/thermo-inp.ts';
import type { Bench } from '../../scripts/bench.ts';

export const benches: Bench[] = [
  {
    // The whole loop inside wasm: ask, ZDT1 evaluation, tell (sort, crowding, survival); no archive.
    name: 'nsga2-zdt1',
    async run() {
      const k = optimizeKernels(await loadCoreNode());
      const population = 100;
      const generations = 250;
      k.testProblem.setup('zdt1', 30, population, 1, 0);
      k.testProblem.run(20); // warm-up (tier-up of the wasm code)
      const reps = 4;
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) {
        k.testProblem.setup('zdt1', 30, population, r + 1, 0);
        k.testProblem.run(generations);
      }
      const dt = (performance.now() - t0) / 1000;
      const evaluations = reps * population * generations;
      const hv = k.hypervolume(k.nsga2.population().f, 2, [1.1, 1.1]) / (1.21 - 1 / 3);
      return { evaluationsPerSecond: Math.round(evaluations / dt), evaluations, population, generations, hypervolumeRatio: Number(hv.toFixed(4)) };
    },
  },
  {
    // The example spec (LOX with RP-1, CH4 or LH2; O/F, pc, ε; max Isp-vac and density-Isp;
    // Tc ≤ 3600 K), 100 × 100, engine in-process on one thread.
    name: 'nsga2-rocket',
    async run() {
      const core = await loadCoreNode();
      const thermo = JSON.parse(readFileSync(new URL('../../wasm-core/data/thermo.json', import.meta.url), 'utf8')) as ThermoDocument;
      const engine = makeEngineApi(core, thermo);
      const spec = {
        fuels: ['RP-1', 'CH4(L)', 'H2(L)'], oxidizers: ['O2(L)'],
        variables: { of: [1.5, 8], pc: [2e6, 2e7], areaRatio: [5, 100] },
        objectives: [{ maximize: 'ispVac' }, { maximize: 'densityIsp' }],
        constraints: [{ quantity: 'Tc', max: 3600 }],
        population: 100, generations: 100, seed: 1,
      };
      const t0 = performance.now();
      const r = await runNsga2(core, spec, { evaluate: (ps) => ps.map((p) => engine.solveRocket(p)) });
      const wall_s = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(r.error.message);
      return {
        wallTime_s: Number(wall_s.toFixed(2)),
        evaluations: r.value.evaluations,
        evaluationsPerSecond: Math.round(r.value.evaluations / wall_s),
        failedEvaluations: r.value.failedEvaluations,
        paretoSize: r.value.pareto.length,
        fuelsOnFront: [...new Set(r.value.pareto.map((d) => d.fuel))].join(' '),
      };
    },
  },
];
