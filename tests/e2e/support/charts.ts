// Charts are drawn by the chart worker, whose script (chart.worker-<hash>.js in the build) a test can
// hold back to see the page before the drawing arrives.
import type { BrowserContext } from '@playwright/test';

/** The chart worker's script. */
export const CHART_WORKER = /\/chart\.worker-[^/]*\.js$/;

/** Holds the chart worker's script back in `context` until the returned function is called. */
export async function holdChartWorker(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await context.route(CHART_WORKER, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
