// Sweep in the built app: a 10,000-point sweep (O/F 100 × chamber pressure 100 of the default design
// point) runs as a job with progress, can be cancelled, survives a reload (interrupted → Resume →
// all points), exports a CSV with one row per point and units in the headers, opens a point in
// Explore; the page works at 360 × 640. Long tasks on the main thread during the sweep are printed.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { test, expect, type Page } from '@playwright/test';
import { parseCsv } from '../../app/domain/csv.ts';
import { axisValues, type SweepAxis } from '../../app/domain/sweep.ts';
import { installSweepProbes, pageNow, sweepTiming } from './support/sweep-timing.ts';

const N = 100;
const TOTAL = '10,000';
// The Sweep page's default axes (state/sweep-store.ts DEFAULT_AXES) with 100 points each.
const OF: SweepAxis = { variable: 'of', from: 1.8, to: 3.4, count: N, spacing: 'linear' };
const PC: SweepAxis = { variable: 'pc', from: 2e6, to: 2e7, count: N, spacing: 'log' };

/** Points done, read from the status line ("Running: 1,250 / 10,000 points"). */
async function pointsDone(page: Page): Promise<number> {
  const t = (await page.getByTestId('sweep-status').textContent()) ?? '';
  const m = /: ([\d,]+) \/ ([\d,]+) points/.exec(t);
  if (!m) throw new Error(`no progress in "${t}"`);
  return Number(m[1].replace(/,/g, ''));
}

async function setGrid(page: Page, count = N) {
  for (const k of [0, 1]) {
    const field = page.locator(`#axis-${k}-count`);
    await field.fill(String(count));
    await field.press('Tab');
  }
  await expect(page.getByTestId('sweep-total')).toHaveText(`${(count * count).toLocaleString('en')} points`);
}

/**
 * Arms the page to act the moment the status first shows more than `after` points while running:
 * press the Sweep page's Cancel (the button beside Run) or reload. A sweep is a second or two of
 * ten chunks; acting from Playwright after polling the status could come after the last one.
 */
async function armAt(page: Page, after: number, action: 'cancel' | 'reload') {
  await page.evaluate(([after, action]) => {
    const status = () => document.querySelector('[data-testid="sweep-status"]')?.textContent ?? '';
    const obs = new MutationObserver(() => {
      const m = /^running: ([\d,]+) \//i.exec(status());
      if (!m || Number(m[1].replace(/,/g, '')) <= Number(after)) return;
      obs.disconnect();
      if (action === 'reload') return location.reload();
      const run = document.querySelector('[data-testid="sweep-run"]');
      const cancel = [...(run?.parentElement?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Cancel');
      (cancel as HTMLButtonElement | undefined)?.click();
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, [after, action] as const);
}

async function openSweep(page: Page) {
  await page.goto('./#/sweep');
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
}

/** The job's row in the Jobs panel (the panel opened from the top bar). */
async function jobRow(page: Page) {
  const toggle = page.getByRole('button', { name: /^Jobs/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: 'Jobs' });
  await expect(panel).toBeVisible();
  return panel.locator('li.job').filter({ hasText: `Sweep of O/F × chamber pressure (${TOTAL} points)` });
}

test('10,000 points: progress, done, CSV rows and units, Open in Explore; long tasks printed', async ({ page }) => {
  test.setTimeout(180_000);
  // Long tasks from the first byte, the moment of Done and of the chart drawn (shared with the benchmark).
  await installSweepProbes(page);
  await openSweep(page);
  await setGrid(page);
  const t0 = await pageNow(page);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  // Progress is shown while it runs (some points done, not all).
  await expect.poll(async () => {
    const s = (await page.getByTestId('sweep-status').textContent()) ?? '';
    if (!s.startsWith('Running')) return false;
    const d = await pointsDone(page);
    return d > 0 && d < 10_000;
  }, { timeout: 60_000 }).toBe(true);
  await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute('max', '10000');
  await expect(page.getByTestId('sweep-status')).toHaveText(`Done: ${TOTAL} / ${TOTAL} points`, { timeout: 150_000 });
  // Every point has a result: the table counts all 10,000 rows (points without results are left out),
  // shown 50 at a time.
  await expect(page.getByTestId('sweep-rows')).toHaveText(`Showing rows 1–50 of ${TOTAL}; the CSV has all of them.`);
  const chart = page.getByRole('figure', { name: /over the sweep/ });
  await expect(chart.locator('svg, canvas').first()).toBeVisible();
  // A 100-line family is thinned for drawing, and the page says so.
  await expect(page.getByText('The chart draws 10 of the 100 chamber pressure values')).toBeVisible();
  const f = await sweepTiming(page, t0);
  console.log(`sweep: ${TOTAL} points in ${(f.run_ms / 1000).toFixed(1)} s; long tasks while running: ${f.whileRunning.length} [${f.whileRunning.join(', ')}], longest ${f.longestWhileRunning_ms} ms; ` +
    `chart drawn ${f.chartDraw_ms} ms after Done; longest task drawing the results (chart, table): ${f.longestDrawing_ms} ms`);

  // CSV: one row per point, the swept inputs first, units in the headers, values on the grid.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('sweep.csv');
  const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
  const header = rows[0];
  expect(header.slice(0, 3)).toEqual(['point', 'O/F', 'chamber pressure [bar]']);
  for (const h of ['Isp vacuum [m/s]', 'Isp at ambient [m/s]', 'c* [m/s]', 'Chamber temperature [K]', 'Exit pressure [bar]', 'M (chamber) [kg/kmol]']) expect(header).toContain(h);
  const data = rows.slice(1).filter((r) => r.length > 1);
  expect(data).toHaveLength(10_000);
  const ofs = axisValues(OF);
  const pcs = axisValues(PC);
  const isp = header.indexOf('Isp vacuum [m/s]');
  for (const i of [0, 1, 99, 100, 5050, 9999]) {
    const r = data[i];
    expect(Number(r[0])).toBe(i + 1);
    expect(Number(r[1])).toBeCloseTo(ofs[i % N], 6);
    expect(Number(r[2])).toBeCloseTo(pcs[Math.floor(i / N)] / 1e5, 4);
    expect(Number(r[isp])).toBeGreaterThan(3000);
  }

  // Paging: the next 50 rows are points 51 to 100 (sorted by point); back again to 1 to 50.
  const table = page.getByRole('table', { name: 'Sweep results' });
  await expect(table.locator('tbody tr')).toHaveCount(50);
  await expect(page.getByRole('button', { name: 'Previous rows' })).toBeDisabled();
  await page.getByRole('button', { name: 'Next rows' }).click();
  await expect(page.getByTestId('sweep-rows')).toHaveText(`Showing rows 51–100 of ${TOTAL}; the CSV has all of them.`);
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('51');
  await expect(table.locator('tbody tr').last().locator('td').first()).toHaveText('100');
  await page.getByRole('button', { name: 'Previous rows' }).click();
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('1');

  // Sort by chamber pressure (descending) and open the first row: Explore shows its O/F and pc.
  await table.getByRole('button', { name: 'chamber pressure (bar)' }).click();
  await table.getByRole('button', { name: 'chamber pressure (bar)' }).click();
  await expect(table.getByRole('columnheader', { name: 'chamber pressure (bar)' })).toHaveAttribute('aria-sort', 'descending');
  const first = table.locator('tbody tr').first();
  const point = Number(await first.locator('td').first().textContent());
  expect(Math.floor((point - 1) / N)).toBe(N - 1); // a point of the highest pc
  await first.getByRole('button', { name: `Open point ${point} in Explore` }).click();
  await expect(page).toHaveURL(/#\/explore/);
  await expect(page.getByLabel('Mixture ratio O/F')).toHaveValue(String(+ofs[(point - 1) % N].toPrecision(8)));
  await expect(page.getByLabel('Chamber pressure')).toHaveValue(String(+(pcs[N - 1] / 1e5).toPrecision(8)));
  await expect(page.getByTestId('isp-vac-s')).toBeVisible();
});

test('cancel stops the sweep; a reload mid-run offers Resume, which finishes every point', async ({ page }) => {
  test.setTimeout(240_000);
  await openSweep(page);
  await setGrid(page);
  // Cancel as the first points arrive: the status says so, and no more points arrive.
  await armAt(page, 0, 'cancel');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText(/^cancelled: [\d,]+ \/ 10,000 points/, { timeout: 60_000 });
  const atCancel = await pointsDone(page);
  expect(atCancel).toBeLessThan(10_000);
  await page.waitForTimeout(2000); // long enough for several chunks, had any kept running
  expect(await pointsDone(page)).toBe(atCancel);
  const row = await jobRow(page);
  await expect(row.locator('.job-status')).toHaveText('Cancelled');
  await expect(row.locator('.job-points')).toContainText(`${atCancel.toLocaleString('en')} / ${TOTAL} points`);

  // Resume it, then reload while it runs: the job is interrupted, its finished chunks kept.
  await armAt(page, atCancel, 'reload');
  await row.getByRole('button', { name: 'Resume' }).click();
  await page.waitForEvent('load', { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
  const after = await jobRow(page);
  await expect(after.locator('.job-status')).toHaveText('Interrupted — can resume');
  const kept = Number(/([\d,]+) \//.exec((await after.locator('.job-points').textContent()) ?? '')![1].replace(/,/g, ''));
  expect(kept).toBeGreaterThan(atCancel);
  expect(kept).toBeLessThan(10_000);

  await after.getByRole('button', { name: 'Resume' }).click();
  await expect(after.locator('.job-status')).toHaveText('Done', { timeout: 200_000 });
  await expect(after.locator('.job-points')).toContainText(`${TOTAL} / ${TOTAL} points (100 %)`);
  // The Sweep page shows the resumed job: every point has a result, and the CSV has them all.
  await expect(page.getByTestId('sweep-status')).toHaveText(`Done: ${TOTAL} / ${TOTAL} points`);
  await expect(page.getByTestId('sweep-rows')).toHaveText(`Showing rows 1–50 of ${TOTAL}; the CSV has all of them.`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const rows = parseCsv(readFileSync((await download.path())!, 'utf8')).slice(1).filter((r) => r.length > 1);
  expect(rows).toHaveLength(10_000);
  const isp = parseCsv(readFileSync((await download.path())!, 'utf8'))[0].indexOf('Isp vacuum [m/s]');
  expect(rows.filter((r) => !(Number(r[isp]) > 0))).toHaveLength(0);
});

test('360 × 640: the grid editor, progress, chart and table fit the width', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await openSweep(page);
  // The first visit's "Ready to work offline" notice covers the bottom of a phone screen until dismissed.
  await page.getByRole('status').filter({ hasText: 'Ready to work offline.' }).getByRole('button', { name: 'OK' }).click();
  await setGrid(page, 10);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText('Done: 100 / 100 points', { timeout: 60_000 });
  await expect(page.getByRole('figure', { name: /over the sweep/ }).locator('svg, canvas').first()).toBeVisible();
  // No sideways scrolling of the page; wide content (the table) scrolls in its own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const name of ['Run sweep', 'Export CSV']) {
    const box = (await page.getByRole('button', { name }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeGreaterThanOrEqual(32); // touch-sized
  }
  const chart = (await page.getByRole('figure', { name: /over the sweep/ }).boundingBox())!;
  expect(chart.x + chart.width).toBeLessThanOrEqual(360);
  const scroller = page.locator('.table-scroll', { has: page.getByRole('table', { name: 'Sweep results' }) });
  expect(await scroller.evaluate((e) => e.clientWidth)).toBeLessThanOrEqual(360);
  // What the numbers say, from this sweep: the grid's best vacuum Isp (the table's largest, sorted);
  // and the PDF report of it downloads with that explanation and the page numbers.
  const best = page.getByTestId('sweep-explanations').locator('li[data-claim="grid-best"]');
  await expect(best).toContainText("The grid's best vacuum Isp is");
  const table = page.getByRole('table', { name: 'Sweep results' });
  await table.getByRole('button', { name: 'Isp vacuum (s)' }).click();
  await table.getByRole('button', { name: 'Isp vacuum (s)' }).click();
  const top = Number(await table.locator('tbody tr').first().locator('td').nth(3).textContent());
  const stated = /best vacuum Isp is ([\d.]+) s/.exec((await best.textContent()) ?? '')![1];
  expect(Math.abs(Number(stated) - top)).toBeLessThanOrEqual(0.051); // 4 digits of the table's 5
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sweep-pdf').click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', (await pdf.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(`The grid's best vacuum Isp is ${stated} s`);
  expect(text).toContain('Axis 1: O/F 1.8 to 3.4, 10 points');
  expect(text).toMatch(/Page 1 of \d/);
  await page.screenshot({ path: 'test-results/screenshots/sweep-360x640.png', fullPage: true });
  await testInfo.attach('sweep-360x640', { path: 'test-results/screenshots/sweep-360x640.png', contentType: 'image/png' });
});
