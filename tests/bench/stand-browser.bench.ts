// Test-stand throughput: the simulator streams a 4.5 s firing over a WebSocket at rising sample
// rates to the Stand page of the production build in Chromium (parsed and analysed in the stand
// worker, stored in IndexedDB in chunks, the chart drawn at every update). A rate is sustained when
// every sample is counted on the page and stored, and the page has caught up within a second of the
// last sample was due (the stream's start seen on the page + its 4.5 s). Prints the highest sustained rate (goal: 10,000 samples/s on 2 cores) and each
// rate's figures.
import type { Page } from '@playwright/test';
import { withBuiltApp } from './serve-dist.ts';
import { startStandSim } from '../../scripts/stand-sim.ts';
import { SYNTH } from '../../app/domain/firing/synthetic.ts';
import type { Bench } from '../../scripts/bench.ts';

const RATES = [2_000, 5_000, 10_000, 20_000, 40_000];
/** How long after the last sample the page may take to show and store it all, ms. */
const CATCH_UP_MS = 1000;

/** Samples of the latest firing stored in IndexedDB (the stand database). */
async function storedSamples(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    const req = indexedDB.open('rfo-stand');
    req.onsuccess = () => {
      const d = req.result;
      const all = d.transaction('firings').objectStore('firings').getAll();
      all.onsuccess = () => {
        const list = all.result as { startedAt: string; samples: number }[];
        list.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
        resolve(list.at(-1)?.samples ?? 0);
        d.close();
      };
      all.onerror = () => resolve(-1);
    };
    req.onerror = () => resolve(-1);
  }));
}

const countOf = (text: string) => Number(text.replace(/^[^:]*:/, '').replace(/[^\d]/g, ''));

const standBrowser: Bench = {
  name: 'stand-browser',
  run: () => withBuiltApp(async (page, url) => {
    await page.goto(`${url}#/stand`);
    await page.getByRole('heading', { level: 1, name: 'Test stand' }).waitFor();
    const runs: Record<string, unknown>[] = [];
    let sustained = 0;
    for (const rate of RATES) {
      const sim = await startStandSim({ scenario: 'nominal', rate, seed: 1 });
      try {
        const n = Math.round(SYNTH.duration * rate) + 1;
        const status = page.getByTestId('stand-status');
        await page.getByLabel('WebSocket URL').fill(sim.url);
        const t0 = Date.now();
        await page.getByRole('button', { name: 'Connect', exact: true }).click();
        // the stream lasts SYNTH.duration; then the page has CATCH_UP_MS to count every sample
        const deadline = t0 + SYNTH.duration * 1000 + CATCH_UP_MS + 500;
        let shown = 0;
        let text = '';
        // the stream starts when the socket opens (the page says Live), not at the click
        let tLive = 0;
        while (Date.now() < deadline) {
          text = (await status.textContent()) ?? '';
          shown = countOf(text);
          if (!tLive && /^(Live|Ended)/.test(text)) tLive = Date.now();
          if (text.startsWith('Ended') && shown >= n) break;
          await page.waitForTimeout(50);
        }
        const lag_ms = Date.now() - (tLive || t0) - SYNTH.duration * 1000;
        // the last chunk is written right after the end: give storage the same second
        let stored = await storedSamples(page);
        for (let k = 0; k < 20 && stored < n; k++) {
          await page.waitForTimeout(50);
          stored = await storedSamples(page);
        }
        const ok = shown === n && stored === n && lag_ms <= CATCH_UP_MS;
        runs.push({ rate_per_s: rate, samples: n, shown, stored, lag_ms, ok });
        if (!ok) break;
        sustained = rate;
        if (text.startsWith('Live')) await page.getByRole('button', { name: 'Stop' }).click();
      } finally {
        await sim.close();
      }
    }
    return { samplesPerSecond: sustained, goal_per_s: 10_000, runs };
  }),
};

export const benches: Bench[] = [standBrowser];
