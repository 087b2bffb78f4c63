// The rocket optimisation (LOX with RP-1, CH4 or LH2; O/F, pc, ε; max Isp-vac and
// density-Isp; Tc ≤ 3600 K; the Optimize page's defaults) at 100 × 100, run from the Optimize page
// of the production build in Chromium: the optimiser in its own worker, each generation solved on
// the worker pool (over MessagePorts) plus the optimiser worker. Wall time from the click to "done".
import { secondsUntil, withBuiltApp } from './serve-dist.ts';
import type { Bench } from '../../scripts/bench.ts';

const optimizeBrowser: Bench = {
  name: 'nsga2-rocket-browser',
  run: () => withBuiltApp(async (page, url) => {
    await page.goto(`${url}#/optimize`);
    for (const [id, v] of [['population', 100], ['generations', 100], ['seed', 1]] as const) {
      await page.getByTestId(id).fill(String(v));
      await page.getByTestId(id).press('Tab');
    }
    const seconds = await secondsUntil(page, `document.querySelector('[data-testid="optimize-run"]')`, '[data-testid="optimize-progress"]', 'endsWith:done');
    const progress = (await page.getByTestId('optimize-progress').textContent()) ?? '';
    const evaluations = Number(/([\d,]+) evaluations/.exec(progress)?.[1].replace(/,/g, '') ?? NaN);
    const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1) + 1);
    return { wallTime_s: +seconds.toFixed(2), evaluations, evaluationsPerSecond: Math.round(evaluations / seconds), workers, progress };
  }),
};

export const benches: Bench[] = [optimizeBrowser];
