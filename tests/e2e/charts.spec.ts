// Charts are drawn by the chart worker; vega never loads on the main thread. A first visit to
// Explore shows its numbers while the chart library is still on its way (its request held back
// here); a chart, once drawn, is an image named for what it shows, with the tooltip of the mark
// under the pointer; a heat map at 360 px thins its axis labels so that none overlap.
import { test, expect, type Page } from '@playwright/test';
import { CHART_WORKER, holdChartWorker } from './support/charts.ts';

/** A string from vega's own code (its headless renderer), to tell a script that carries vega. */
const VEGA_CODE = 'Unrecognized renderer type';

test('Explore shows its numbers before the chart library arrives, and vega never loads on the page', async ({ page }) => {
  test.setTimeout(90_000);
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  let chartAsked = false;
  await page.context().route(CHART_WORKER, async (route) => {
    chartAsked = true;
    await held;
    await route.continue();
  });
  const pageScripts: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && !CHART_WORKER.test(r.url())) pageScripts.push(r.text().catch(() => ''));
  });

  await page.goto('./#/explore');
  // The headline numbers come while the chart library is held back.
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/^\d{3}\.\d+ s$/);
  await expect(page.getByTestId('cstar')).toHaveText(/\d/);
  await expect(page.getByTestId('tc')).toHaveText(/\d/);
  const curve = page.getByRole('figure', { name: /Vacuum Isp and chamber temperature versus O\/F/ });
  await expect(curve).toBeVisible();
  await expect(curve.locator('svg, canvas')).toHaveCount(0);

  release();
  const img = curve.getByRole('img', { name: /Vacuum Isp and chamber temperature versus O\/F/ });
  await expect(img).toBeVisible({ timeout: 30_000 });
  expect(chartAsked).toBe(true);
  // The O/F axis is text in the drawing.
  await expect(img).toContainText('O/F');
  // No script the page itself ran carries vega.
  const bodies = await Promise.all(pageScripts);
  expect(bodies.length).toBeGreaterThan(0);
  expect(bodies.filter((b) => b.includes(VEGA_CODE))).toHaveLength(0);
});

test('the O/F curve shows the tooltip of the point under the pointer, and a click on it sets O/F', async ({ page }) => {
  await page.goto('./#/explore');
  const img = page.getByRole('figure', { name: /Vacuum Isp and chamber temperature versus O\/F/ }).getByRole('img');
  await expect(img).toBeVisible({ timeout: 30_000 });
  // A point of the curve: vega draws each as a path described by its tooltip fields ("of: 2.400; …").
  const point = img.locator('path[aria-roledescription="point"]').nth(3);
  const label = (await point.getAttribute('aria-label')) ?? '';
  const shown = /\bof: ([\d.]+)/.exec(label)?.[1] ?? '';
  expect(Number(shown)).toBeGreaterThan(0);
  await point.hover();
  await expect(page.getByRole('tooltip')).toContainText(`of: ${shown}`);
  await point.click();
  const field = page.getByLabel('Mixture ratio O/F');
  await expect.poll(async () => Math.abs(Number(await field.inputValue()) - Number(shown))).toBeLessThan(0.0006);
});

/** Boxes of the labels an axis of the heat map draws (vega names each axis group "X-axis …" / "Y-axis …"). */
async function labelBoxes(page: Page, axis: 'X' | 'Y') {
  const chart = page.getByRole('figure', { name: /over the sweep/ }).getByRole('img');
  // The heat map, not the line chart it replaces: its cells are rect marks.
  await expect(chart.locator('path[aria-roledescription="rect mark"]').first()).toBeAttached({ timeout: 30_000 });
  return chart.evaluate((svg, name) => [...svg.querySelectorAll(`g[aria-label^="${name}-axis"] .role-axis-label text`)]
    .filter((t) => getComputedStyle(t).opacity !== '0')
    .map((t) => { const b = t.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, height: b.height }; })
    .filter((b) => b.width > 0), axis);
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const overlapping = (boxes: Box[]) => boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${JSON.stringify(a)} × ${JSON.stringify(b)}`));

for (const width of [360, 1280]) {
  test(`a heat map ${width} px wide thins its axis labels: no two visible labels of an axis overlap`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('./#/sweep');
    const notice = page.getByRole('status').filter({ hasText: 'Ready to work offline.' }).getByRole('button', { name: 'OK' });
    if (await notice.isVisible().catch(() => false)) await notice.click();
    // 12 O/F values × 40 pressures: an SVG heat map (under the 500-mark canvas threshold) with 40 rows in 320 px.
    for (const [k, count] of [[0, 12], [1, 40]] as const) {
      const field = page.locator(`#axis-${k}-count`);
      await field.fill(String(count));
      await field.press('Tab');
    }
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect(page.getByTestId('sweep-status')).toHaveText('Done: 480 / 480 points', { timeout: 60_000 });
    await page.getByLabel('Chart type').selectOption('heatmap');
    for (const axis of ['X', 'Y'] as const) {
      // Read again while the chart is being redrawn (the optima arrive after Done): thinned, not emptied.
      let boxes: Box[] = [];
      await expect.poll(async () => (boxes = await labelBoxes(page, axis)).length, { message: `${axis} labels drawn`, timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      expect(overlapping(boxes), `${axis}-axis labels that overlap`).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

// A chart comes from the worker a moment after the page around it is laid out. The page keeps the
// chart's room free meanwhile, so its arrival moves nothing under it: here Optimize's "Save to
// experiment" row, which a user (or a test) may be tapping just then. (Before, the row jumped ~200 px
// when the Pareto chart arrived and such a tap landed elsewhere.)
test('a chart arriving late moves nothing under it: the Save row of Optimize stays where it was', async ({ page }) => {
  test.setTimeout(90_000);
  const release = await holdChartWorker(page.context());
  await page.goto('./#/optimize');
  for (const [id, v] of [['population', 12], ['generations', 4]] as const) {
    await page.getByTestId(id).fill(String(v));
    await page.getByTestId(id).dispatchEvent('change');
  }
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 60_000 });
  const save = page.getByTestId('optimize-save');
  await expect(save).toBeEnabled();
  const chart = page.getByRole('figure', { name: 'Pareto front of the designs' });
  await expect(chart.getByRole('img')).toHaveCount(0);
  const before = (await save.boundingBox())!.y;

  release();
  await expect(chart.getByRole('img')).toBeVisible();
  const after = (await save.boundingBox())!.y;
  expect(Math.abs(after - before), `the Save row moved from y = ${before} to ${after} px when the chart arrived`).toBeLessThanOrEqual(1);
});

// The same in Explore: the products' mole-fraction bars (14 px a bar, two per species) and their axis
// have a height given as a number, so their card is as high before the drawing arrives as after it
// (it grew from 187 to 396 px before).
test('Explore keeps the room of the products chart free until it is drawn: the card does not grow', async ({ page }) => {
  test.setTimeout(90_000);
  const release = await holdChartWorker(page.context());
  await page.goto('./#/explore');
  await expect(page.getByTestId('isp-vac-s')).toHaveText(/^\d{3}\.\d+ s$/);
  const card = page.getByRole('region', { name: 'Composition' });
  const chart = card.getByRole('figure', { name: 'Mole fractions of the products in the chamber and at the exit' });
  await expect(chart).toBeVisible();
  await expect(chart.getByRole('img')).toHaveCount(0);
  const before = (await card.boundingBox())!.height;
  release();
  await expect(chart.getByRole('img')).toBeVisible({ timeout: 30_000 });
  // the bars are there: one label per species on the drawing's axis
  await expect(chart.getByRole('img')).toContainText('H2O');
  const after = (await card.boundingBox())!.height;
  expect(Math.abs(after - before), `the products card went from ${before} to ${after} px high when its chart arrived`).toBeLessThanOrEqual(1);
});
