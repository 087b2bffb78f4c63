// Issue 12 item 4, outside Explore: a design whose nozzle flow separates at ambient (Schmucker's
// criterion, app/domain/separation.ts) shows the separation statement, never the negative "ambient
// Isp" of a full-flowing nozzle — on Optimize's chart and CSV, the experiment's result table and
// Compare. The separated design is the one explore-separation.spec.ts uses: LOX/RP-1 at 0.011 bar
// with Ae/At 200 at sea level (pe/pa ≈ 2e-4, far below Schmucker's limit ~0.2 at Mach ~6).
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

test.use({ serviceWorkers: 'block' });

test('Optimize leaves separated designs off a chart coloured by ambient Isp, says so, and writes no negative Isp in its CSV', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./#/optimize');
  // vacuum Isp and density-Isp on the axes (large nozzles win, and separate at sea level), ambient Isp as the colour
  await page.getByTestId('objective-2').selectOption('maximize:ispAmb');
  await page.getByLabel('Designs whose nozzle flow separates at ambient').selectOption('mark');
  for (const [id, v] of [['population', '20'], ['generations', '5']]) {
    await page.getByTestId(id).fill(v);
    await page.getByTestId(id).dispatchEvent('change');
  }
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 90_000 });
  const marked = page.locator('[data-testid="pareto-table"] tbody tr[data-separated="true"]');
  await expect(marked.first()).toBeVisible();
  const n = await marked.count();
  await expect(page.getByTestId('separated-off-chart')).toContainText(`${n} design${n === 1 ? '' : 's'} whose nozzle flow separates`);
  await expect(page.getByTestId('separated-off-chart')).toContainText("Schmucker's criterion");
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
  const col = lines[0].split(',').findIndex((h) => h.startsWith('Isp amb'));
  expect(col).toBeGreaterThanOrEqual(0);
  const cells = lines.slice(1).map((l) => l.split(',')[col]);
  expect(cells.filter((c) => c === 'n/a: flow separates')).toHaveLength(n);
  for (const c of cells) if (c !== 'n/a: flow separates') expect(Number(c), `ambient Isp ${c}`).toBeGreaterThan(0);
});

async function saveSeparatedDesign(page: Page) {
  await page.goto('./#/explore');
  await expect(page.getByTestId('isp-vac-s')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('area ratio', { exact: true }).check();
  await page.getByLabel('Area ratio Ae/At').fill('200');
  await page.getByLabel('Chamber pressure').fill('0.011');
  await expect(page.getByTestId('isp-amb-na')).toHaveText('Not applicable: flow separates', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  await page.getByLabel('Name of the new experiment').press('Enter'); // the proposed name
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toBeVisible();
  await page.getByRole('button', { name: 'Open experiment' }).click();
  // the experiment's own result table
  await page.getByRole('button', { name: 'Compute', exact: true }).click();
  await expect(page.getByTestId('res-ispAmb-exit1')).toHaveText("n/a: flow separates (Schmucker's criterion)", { timeout: 30_000 });
}

test('the experiment page and Compare say the flow separates instead of a negative ambient Isp', async ({ page }) => {
  test.setTimeout(150_000);
  await saveSeparatedDesign(page);
  await saveSeparatedDesign(page);
  await page.goto('./#/experiments');
  const boxes = page.getByRole('checkbox', { name: /^Compare / });
  await expect(boxes).toHaveCount(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const row = page.getByRole('table', { name: 'Comparison' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Isp at ambient (exit 1)' }) });
  await expect(row.getByRole('cell')).toHaveText(["n/a: flow separates (Schmucker's criterion)", "n/a: flow separates (Schmucker's criterion)"]);
  expect(await page.getByRole('table', { name: 'Comparison' }).textContent()).not.toMatch(/(?<![A-Za-z])[-−]\d/); // no negative number anywhere (RP-1 is a name)
});
