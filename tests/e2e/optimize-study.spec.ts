// Optimize → "Save to experiment" → the experiment lists the study → "Open in Optimize" shows the
// same spec and stored front, and Run reproduces that front (same seed) in the browser.
import { test, expect, type Page } from '@playwright/test';

const POP = 12;
const GENS = 4;

async function setField(page: Page, id: string, v: number) {
  await page.getByTestId(id).fill(String(v));
  await page.getByTestId(id).dispatchEvent('change');
}

const tableRows = (page: Page) => page.getByTestId('pareto-table').locator('tbody tr').allInnerTexts();

test('a run saved to an experiment reopens from it and reruns to the same front', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await setField(page, 'population', POP);
  await setField(page, 'generations', GENS);
  await setField(page, 'seed', 5);
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 90_000 });
  const saved = await tableRows(page);
  expect(saved.length).toBeGreaterThan(0);

  await page.getByTestId('optimize-save').click();
  const link = page.getByTestId('optimize-saved').getByRole('link');
  await expect(link).toBeVisible();
  await link.click();

  // The link is a hash route: wait for it before reading the address.
  await expect(page).toHaveURL(/#\/experiments\/./);
  const experimentUrl = page.url();
  const studies = page.getByTestId('optimisation-studies');
  await expect(studies).toContainText('seed 5');
  await expect(studies).toContainText(`${POP} × ${GENS}`);
  await expect(studies).toContainText(`${saved.length} Pareto designs`);

  // Start from a different spec, so that the reopen visibly restores it.
  await page.goto('/#/optimize');
  await setField(page, 'seed', 99);
  await page.goto(experimentUrl);
  await expect(studies).toBeVisible();
  await studies.getByRole('button', { name: 'Open in Optimize' }).click();
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await expect(page.getByTestId('seed')).toHaveValue('5');
  await expect(page.getByTestId('population')).toHaveValue(String(POP));
  expect(await tableRows(page)).toEqual(saved);

  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('done', { timeout: 90_000 });
  expect(await tableRows(page)).toEqual(saved);
});
