// The rocket optimisation (LOX with RP-1, CH4 or LH2; O/F, pc, ε; max Isp-vac and
// density-Isp; Tc ≤ 3600 K; the Optimize page's defaults) at 100 × 100, run from the Optimize page
// of the production build in Chromium: the optimiser in the engine worker, each generation solved
// on the worker pool plus the engine worker. Wall time from the click to "done".
import { withBuiltApp } from './serve-dist.ts';
import type { Bench } from '../../scripts/bench.ts';

const optimizeBrowser: Bench = {
  name: 'nsga2-rocket-browser',
  run: () => withBuiltApp(async (page, url) => {
    await page.goto(`${url}#/optimize`);
    for (const [id, v] of [['population', 100], ['generations', 100], ['seed', 1]] as const) {
      await page.getByTestId(id).fill(String(v));
      await page.getByTestId(id).press('Tab');
    }
    // Timed in the page, from the click to the progress line saying done (a string: tsx would
    // wrap named functions in a helper the page does not have).
    const seconds = (await page.evaluate(`new Promise((resolve) => {
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        const s = document.querySelector('[data-testid="optimize-progress"]')?.textContent ?? '';
        if (s.endsWith('done')) {
          observer.disconnect();
          resolve((performance.now() - t0) / 1000);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      document.querySelector('[data-testid="optimize-run"]').click();
    })`)) as number;
    const progress = (await page.getByTestId('optimize-progress').textContent()) ?? '';
    const evaluations = Number(/([\d,]+) evaluations/.exec(progress)?.[1].replace(/,/g, '') ?? NaN);
    const workers = await page.evaluate(() => Math.max(1, (navigator.hardwareConcurrency || 2) - 1) + 1);
    return { wallTime_s: +seconds.toFixed(2), evaluations, evaluationsPerSecond: Math.round(evaluations / seconds), workers, progress };
  }),
};

export const benches: Bench[] = [optimizeBrowser];
