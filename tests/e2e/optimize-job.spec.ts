// An optimisation is a job of the app's queue: the Jobs panel shows it with progress counted in
// evaluations, can cancel it (the Optimize page stops too), and Resume runs it again from the
// start — also after a reload, when the Optimize page picks the resumed run up and shows its front.
import { test, expect, type Page } from '@playwright/test';

test.use({ serviceWorkers: 'block' });

const POP = 40;
const GENS = 60; // short enough for CI (the resumed run goes to the end), long enough to cancel mid-run (~15 generations in)
const TOTAL = (POP * GENS).toLocaleString('en');

async function jobRow(page: Page) {
  const toggle = page.getByRole('button', { name: /^Jobs/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: 'Jobs' });
  await expect(panel).toBeVisible();
  return panel.locator('li.job').filter({ hasText: `Optimisation: RP-1 / CH4(L) / H2(L) with O2(L), ${POP} × ${GENS}` });
}

const generation = async (page: Page) => Number(/^Generation (\d+)/.exec((await page.getByTestId('optimize-progress').textContent()) ?? '')?.[1] ?? 0);

test('the Jobs panel shows, cancels and resumes an optimisation; after a reload the resumed run comes back to the Optimize page', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#/optimize');
  for (const [id, v] of [['population', POP], ['generations', GENS]] as const) {
    await page.getByTestId(id).fill(String(v));
    await page.getByTestId(id).press('Tab');
  }
  // The Jobs panel open before the run, so the Cancel below lands early in it.
  const row = await jobRow(page);
  await page.getByTestId('optimize-run').click();
  await expect.poll(() => generation(page), { timeout: 60_000 }).toBeGreaterThan(2);
  await expect(row.locator('.job-points')).toContainText(` / ${TOTAL} evaluations`);

  // Cancel from the Jobs panel: the job and the page both stop.
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row.locator('.job-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('optimize-run')).toBeEnabled();
  const atCancel = await generation(page);
  expect(atCancel).toBeLessThan(GENS);
  await page.waitForTimeout(1500);
  expect(await generation(page)).toBe(atCancel);

  // Resume starts over (the optimiser's state lived in the worker): generation 1 again, then on.
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => generation(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.reload();
  const after = await jobRow(page);
  await expect(after.locator('.job-status')).toHaveText('Interrupted — can resume');
  await page.getByRole('navigation').getByRole('link', { name: 'Optimize' }).first().click();
  await expect(page).toHaveURL(/#\/optimize/);
  await after.getByRole('button', { name: 'Resume' }).click();
  await expect(after.locator('.job-status')).toHaveText('Done', { timeout: 120_000 });
  await expect(after.locator('.job-points')).toContainText(`${TOTAL} / ${TOTAL} evaluations (100 %)`);
  // The page shows the resumed run to the end, with its front.
  await expect(page.getByTestId('optimize-progress')).toHaveText(new RegExp(`^Generation ${GENS} of ${GENS} · ${TOTAL} evaluations · \\d+ designs on the front · done$`));
  expect(await page.getByTestId('pareto-table').locator('tbody tr').count()).toBeGreaterThan(2);
});
