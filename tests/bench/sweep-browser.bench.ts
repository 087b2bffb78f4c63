// Sweep throughput: a 10,000-point sweep (O/F 100 × chamber pressure 100 over the default design
// point, the Sweep page's default ranges) in the production build in Chromium, run by the job
// queue on the engine-worker pool; and the same grid, in the same chunks, through
// workers/sweep-chunk.ts in one node thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withBuiltApp } from './serve-dist.ts';
import { installSweepProbes, pageNow, sweepTiming } from '../e2e/support/sweep-timing.ts';
import { loadCoreNode } from '../../wasm-core/loader-node.ts';
import { makeEngineApi } from '../../workers/engine-api.ts';
import { runSweepChunkOn } from '../../workers/sweep-chunk.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';
import { chooseChunkSize, planChunks } from '../../app/domain/jobs.ts';
import { pointCount, type SweepSpec } from '../../app/domain/sweep.ts';
import type { Bench } from '../../scripts/bench.ts';

const root = new URL('../../', import.meta.url).pathname;
const COUNT = 100; // points per axis

/** The grid the browser runs: the Sweep page's default axes with 100 points each, on the design Explore opens on (the starter template). */
const spec: SweepSpec = {
  base: { ...structuredClone(findTemplate(STARTER_TEMPLATE_ID)!.problem) },
  axes: [
    { variable: 'of', from: 1.8, to: 3.4, count: COUNT, spacing: 'linear' },
    { variable: 'pc', from: 2e6, to: 2e7, count: COUNT, spacing: 'log' },
  ],
};



const sweepBrowser: Bench = {
  name: 'sweep-browser',
  run: () => withBuiltApp(async (page, url) => {
    await installSweepProbes(page);
    await page.goto(`${url}#/sweep`);
    for (const k of [0, 1]) {
      const field = page.locator(`#axis-${k}-count`);
      await field.fill(String(COUNT));
      await field.press('Tab');
    }
    await page.getByTestId('sweep-total').filter({ hasText: `${(COUNT * COUNT).toLocaleString('en')} points` }).waitFor();
    const t0 = await pageNow(page);
    await page.getByRole('button', { name: 'Run sweep' }).click();
    // Long tasks and the chart's drawing time (from Done to the chart painted), as tests/e2e/sweep.spec.ts prints them.
    const f = await sweepTiming(page, t0);
    const seconds = f.run_ms / 1000;
    const status = await page.getByTestId('sweep-status').textContent();
    const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1));
    const n = COUNT * COUNT;
    // The same sweep again on the page: its workers now run code V8 has compiled (as sweep-node's
    // figure, taken after a warm-up chunk), the figure issue 11 compares with workers × sweep-node.
    await page.waitForTimeout(500);
    const t1 = await pageNow(page);
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const again = (await sweepTiming(page, t1)).run_ms / 1000;
    return {
      pointsPerSecond: Math.round(n / seconds), workers, points: n, seconds: +seconds.toFixed(2), status,
      secondRunPointsPerSecond: Math.round(n / again), secondRunSeconds: +again.toFixed(2),
      longestTask_ms: f.longestTask_ms, longTasksOver50ms: f.longTasksOver50ms, longestWhileRunning_ms: f.longestWhileRunning_ms, longestDrawing_ms: f.longestDrawing_ms, chartDraw_ms: f.chartDraw_ms,
    };
  }),
};

const sweepNode: Bench = {
  name: 'sweep-node',
  async run() {
    const thermo = JSON.parse(readFileSync(join(root, 'wasm-core/data/thermo.json'), 'utf8'));
    const api = makeEngineApi(await loadCoreNode(), thermo);
    const n = pointCount(spec);
    // The browser's chunks (each chunk starts cold), for one worker.
    const chunks = planChunks(n, chooseChunkSize(n, 1));
    runSweepChunkOn(api, { spec, start: 0, end: 200 }); // species data loaded, JIT warm
    const t0 = performance.now();
    let failed = 0;
    for (const c of chunks) {
      const r = runSweepChunkOn(api, { spec, start: c.start, end: c.end });
      if (!r.ok) throw new Error(r.error.message);
      failed += r.value.failures.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { pointsPerSecond: Math.round(n / seconds), points: n, chunks: chunks.length, failedPoints: failed, seconds: +seconds.toFixed(2) };
  },
};

export const benches: Bench[] = [sweepBrowser, sweepNode];
