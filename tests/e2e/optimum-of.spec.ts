// Optimum O/F in the built app: Explore switched to density-Isp finds another O/F than vacuum Isp,
// where the engine's density-Isp peaks on a dense grid; Sweep lists the optimum along each O/F
// curve of an O/F × pc grid, each the O/F Explore finds at that pc.
import { test, expect, type Page } from '@playwright/test';
import { buildEngine } from './support/build-engine.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';
import { propellantDensity, reactantDensities } from '../../app/domain/propellants.ts';
import { axisValues, type SweepAxis } from '../../app/domain/sweep.ts';
import type { RocketProblem } from '../../app/domain/problem.ts';

const G0 = 9.80665;
/** Explore opens on the starter template (1 atm ambient when unset). */
const START = findTemplate(STARTER_TEMPLATE_ID)!.problem;

const nodeEngine = buildEngine;

/** The bold O/F of Explore's optimum line. */
async function exploreOptimum(page: Page): Promise<number> {
  return Number(await page.getByTestId('optimum-of').locator('strong').textContent());
}

test('Explore: the optimum for density-Isp is another O/F, where a dense sample of the engine’s density-Isp peaks', async ({ page }) => {
  await page.goto('./#/explore');
  const line = page.getByTestId('optimum-of');
  await expect(line).toContainText('Optimum O/F for vacuum Isp');
  const ofIsp = await exploreOptimum(page);

  await page.getByLabel('Optimum O/F maximises').selectOption('densityIsp');
  await expect(line).toContainText('Optimum O/F for density-Isp');
  await expect(line).toContainText('kg·s/m³');
  await expect(page.getByRole('figure', { name: /Density-Isp and chamber temperature versus O\/F/ }).locator('svg')).toBeVisible();
  const ofRho = await exploreOptimum(page);
  // LOX is denser than RP-1: density-Isp peaks at a clearly higher O/F.
  expect(ofRho).toBeGreaterThan(ofIsp * 1.05);

  // Density-Isp of the starter design on a 0.01 grid around both optima, from the node engine and
  // the library densities mixed by volume.
  const engine = await nodeEngine();
  const densities = reactantDensities(START.reactants)!;
  const problem: RocketProblem = { ...structuredClone(START), pamb: START.pamb ?? 101325, exits: START.exits?.slice(0, 1) };
  let peak = { of: NaN, v: -Infinity };
  for (let of = 1.5; of <= 4.5 + 1e-9; of += 0.01) {
    const r = engine.solveRocket({ ...problem, of });
    const e = r.ok ? r.value.exits[0] : undefined;
    const v = e && !('ok' in e) ? e.ispVac * propellantDensity(problem.reactants, densities, of) : NaN;
    if (v > peak.v) peak = { of, v };
  }
  expect(Math.abs(ofRho - peak.of)).toBeLessThanOrEqual(0.01);
  // The value shown (kg·s/m³) is the peak's to the digits shown.
  const shown = Number(/\(([\d.]+) kg·s\/m³\)/.exec((await line.textContent()) ?? '')?.[1]);
  expect(Math.abs(shown - peak.v / G0) / (peak.v / G0)).toBeLessThan(1e-4);

  // And back: vacuum Isp's optimum again.
  await page.getByLabel('Optimum O/F maximises').selectOption('ispVac');
  await expect(line).toContainText('Optimum O/F for vacuum Isp');
  expect(await exploreOptimum(page)).toBeCloseTo(ofIsp, 6);
});

test('Sweep: one optimum O/F per pc line of an O/F × pc grid, each the optimum Explore finds at that pc', async ({ page }) => {
  test.setTimeout(90_000);
  const OF: SweepAxis = { variable: 'of', from: 1.8, to: 3.4, count: 9, spacing: 'linear' };
  const PC: SweepAxis = { variable: 'pc', from: 2e6, to: 2e7, count: 3, spacing: 'log' };
  await page.goto('./#/sweep');
  for (const [k, n] of [[0, OF.count], [1, PC.count]]) {
    const field = page.locator(`#axis-${k}-count`);
    await field.fill(String(n));
    await field.press('Tab');
  }
  await expect(page.getByTestId('sweep-total')).toHaveText('27 points');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toHaveText('Done: 27 / 27 points', { timeout: 60_000 });

  const table = page.getByRole('table', { name: 'Optimum O/F along each curve' });
  await expect(table.getByRole('columnheader')).toHaveText(['chamber pressure (bar)', 'Optimum O/F', 'Isp vacuum (s)']);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(PC.count);
  await expect(table).not.toContainText('searching…', { timeout: 30_000 });
  const pcs = axisValues(PC);
  const optima: number[] = [];
  for (let i = 0; i < PC.count; i++) {
    const cells = rows.nth(i).locator('td');
    expect(Number(await cells.nth(0).textContent())).toBeCloseTo(pcs[i] / 1e5, 2);
    optima.push(Number(await cells.nth(1).textContent()));
    expect(Number(await cells.nth(2).textContent())).toBeGreaterThan(250);
  }
  // The optima differ from line to line (so Explore's answer below cannot be a stale one).
  for (let i = 1; i < optima.length; i++) expect(Math.abs(optima[i] - optima[i - 1]) / optima[i]).toBeGreaterThan(2e-3);
  // Marked on the line chart (one rule per line; the chart draws after the optima are in).
  await expect(page.getByRole('figure', { name: /over the sweep/ }).locator('svg')).toBeVisible();

  // Density-Isp along the same curves: richer in LOX than the vacuum-Isp optima.
  const quantity = page.getByLabel('Quantity the optimum O/F maximises');
  await quantity.selectOption('densityIsp');
  await expect(table.getByRole('columnheader').last()).toHaveText('Density-Isp (kg·s/m³)');
  await expect(table).not.toContainText('searching…', { timeout: 30_000 });
  for (let i = 0; i < PC.count; i++) expect(Number(await rows.nth(i).locator('td').nth(1).textContent())).toBeGreaterThan(optima[i] * 1.05);
  await quantity.selectOption('ispVac');
  await expect(table.getByRole('columnheader').last()).toHaveText('Isp vacuum (s)');
  await expect.poll(async () => Number(await rows.first().locator('td').nth(1).textContent())).toBe(optima[0]);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Explore' }).click();
  // Wait for Explore to replace Sweep (whose chart marks also carry "chamber pressure" labels).
  await expect(page).toHaveURL(/#\/explore/);
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  const pcField = page.getByRole('textbox', { name: /^Chamber pressure/ });
  for (let i = 0; i < PC.count; i++) {
    await pcField.fill(String(pcs[i] / 1e5));
    await expect.poll(async () => Math.abs((await exploreOptimum(page)) - optima[i]) / optima[i], { message: `Explore's optimum at ${pcs[i] / 1e5} bar`, timeout: 20_000 }).toBeLessThanOrEqual(1e-3);
  }
});
