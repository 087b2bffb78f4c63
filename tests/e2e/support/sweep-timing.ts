// Main-thread timing of a sweep on the Sweep page, shared by the e2e test (which prints it) and the
// browser benchmark (which reports it): long tasks (PerformanceObserver 'longtask', from the first
// byte), when the status turns to "Done", and when the chart's SVG or canvas appears after that.
// The page code is a string: tsx would wrap named functions in a helper the page lacks.
import type { Page } from '@playwright/test';

export interface SweepTiming {
  /** Milliseconds from the click on Run (as the page receives it) to "Done". */
  run_ms: number;
  /** Milliseconds from "Done" to the chart on screen (data shaped, vega parsed and rendered, laid out and painted). */
  chartDraw_ms: number;
  /** Long tasks (> 50 ms) from the click on Run to the chart drawn. */
  longTasksOver50ms: number;
  /** The longest main-thread task from the click on Run to the chart drawn (0 if none over 50 ms). */
  longestTask_ms: number;
  /** The longest while the sweep runs, and the longest while the results are drawn. */
  longestWhileRunning_ms: number;
  longestDrawing_ms: number;
  /** Each long task while running: "77 ms at +1234 ms". */
  whileRunning: string[];
}

/** Installs the probes; call before the page is opened. */
export async function installSweepProbes(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    window.__longTasks = [];
    // The click on Run as the page receives it (Playwright's own latency before it is not the sweep's).
    // A click starts a new measurement (a page can run several sweeps): "Done" counts only once the
    // status has shown something else after it (an earlier job's "Done" may be on screen).
    window.__left = false;
    document.addEventListener('click', (e) => {
      if (!(e.target instanceof Element && e.target.closest('[data-testid="sweep-run"]'))) return;
      window.__runClickAt = performance.now();
      window.__doneAt = undefined;
      window.__chartSeen = false;
      window.__chartAt = undefined;
      window.__left = false;
    }, true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      if (window.__doneAt === undefined) {
        const status = document.querySelector('[data-testid="sweep-status"]')?.textContent;
        if (status && !status.startsWith('Done')) window.__left = true;
        else if (status && window.__left) window.__doneAt = performance.now();
      } else if (!window.__chartSeen && document.querySelector('figure[aria-label$="over the sweep"] svg, figure[aria-label$="over the sweep"] canvas')) {
        // In the page: the next frame has laid it out and painted it.
        window.__chartSeen = true;
        requestAnimationFrame(() => setTimeout(() => { window.__chartAt = performance.now(); }, 0));
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  })()`);
}

/** The page's clock now (call just before clicking Run). */
export const pageNow = (page: Page): Promise<number> => page.evaluate('performance.now()') as Promise<number>;

/** Waits for the chart after "Done" and one more frame, then reads the figures from `t0` (the click on Run). */
export async function sweepTiming(page: Page, t0: number): Promise<SweepTiming> {
  await page.waitForFunction('window.__chartAt !== undefined', undefined, { timeout: 300_000, polling: 200 });
  // Let a task that started with the chart (layout, paint) finish and be reported.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300)))');
  const { tasks, doneAt, chartAt, clickAt } = (await page.evaluate('({ tasks: window.__longTasks, doneAt: window.__doneAt, chartAt: window.__chartAt, clickAt: window.__runClickAt })')) as
    { tasks: { start: number; duration: number }[]; doneAt: number; chartAt: number; clickAt?: number };
  // From the click's arrival in the page when it was seen (the command bar runs a sweep without one).
  if (clickAt !== undefined && clickAt >= t0 && clickAt < doneAt) t0 = clickAt;
  const end = chartAt + 300;
  const within = (a: number, b: number) => tasks.filter((x) => x.start >= a && x.start < b);
  const longest = (a: number, b: number) => Math.round(within(a, b).reduce((m, x) => Math.max(m, x.duration), 0));
  return {
    run_ms: Math.round(doneAt - t0),
    chartDraw_ms: Math.round(chartAt - doneAt),
    longTasksOver50ms: within(t0, end).length,
    longestTask_ms: longest(t0, end),
    longestWhileRunning_ms: longest(t0, doneAt),
    longestDrawing_ms: longest(doneAt, end),
    whileRunning: within(t0, doneAt).map((x) => `${Math.round(x.duration)} ms at +${Math.round(x.start - t0)} ms`),
  };
}
