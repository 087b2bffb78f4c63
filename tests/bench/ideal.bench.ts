import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { idealKernels } from '../../wasm-core/ideal.ts';
import type { Bench } from '../../scripts/bench.ts';

export const benches: Bench[] = [
  {
    name: 'ideal-rocket-node',
    async run() {
      const k = idealKernels(await loadCoreNode());
      const n = 200_000;
      let sink = 0;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const r = k.idealRocket(1.15 + (i % 100) * 0.003, 22, 3500, 7e6, 5 + (i % 50), 0, 101325);
        sink += r.out!.ispVac_m_s;
      }
      const dt = (performance.now() - t0) / 1000;
      if (!Number.isFinite(sink)) throw new Error('non-finite result');
      return { pointsPerSecond: Math.round(n / dt), points: n };
    },
  },
];
