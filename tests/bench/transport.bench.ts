// Cost of transport properties: LOX/RP-1 rocket problems (chamber, throat, 3 exits, shifting
// equilibrium) solved one by one through solveProblem, without and with `transport: true`, over a
// 20 × 20 O/F × pc grid; warm JIT, one thread, node.
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import type { Bench } from '../../scripts/bench.ts';

const read = (p: string) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));

function problems(transport: boolean): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      out.push({
        problem: 'rocket', of: 1.8 + 1.6 * j / 19, pc: 1e6 * 20 ** (i / 19), transport,
        reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 }],
        exits: [{ pcOverPe: 68.05 }, { areaRatio: 10 }, { areaRatio: 40 }],
      });
    }
  }
  return out;
}

export const benches: Bench[] = [{
  name: 'transport-lox-rp1-solve',
  async run() {
    const api = makeEngineApi(await loadCoreNode(), read('../../wasm-core/data/thermo.json'), read('../../wasm-core/data/trans.json'));
    // wall and CPU seconds of this process (the steadier figure on a shared machine)
    const time = (ps: unknown[]) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const p of ps) if (!api.solveProblem(p).ok) throw new Error('a point failed');
      const c = process.cpuUsage(c0);
      return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
    };
    const off = problems(false), on = problems(true);
    time(off.slice(0, 50)); time(on.slice(0, 50)); // load the system, JIT warm-up
    const tOff = time(off), tOn = time(on);
    return {
      pointsPerSecondWithout: Math.round(off.length / tOff.wall), pointsPerSecondWith: Math.round(on.length / tOn.wall),
      cpuPointsPerSecondWithout: Math.round(off.length / tOff.cpu), cpuPointsPerSecondWith: Math.round(on.length / tOn.cpu),
      cpuTransportMsPerStation: +((tOn.cpu - tOff.cpu) / (on.length * 5) * 1000).toFixed(4), points: off.length,
    };
  },
}];
