// Optimize refuses what it cannot answer, and says why: a spec over the evaluation budget is
// refused before any job starts, naming population, generations and their product; a run in which
// the engine solved no design ends failed with the first engine error, not as an empty front.
import { test, expect } from '@playwright/test';

async function setNumber(page: import('@playwright/test').Page, testId: string, value: string) {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).dispatchEvent('change');
}

test('a spec over the evaluation budget is refused with the totals, and no job starts', async ({ page }) => {
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  await setNumber(page, 'population', '2000');
  await setNumber(page, 'generations', '101');
  await page.getByTestId('optimize-run').click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('2,000 × 101 = 202,000');
  await expect(alert).toContainText('over the budget of 200,000');
  await expect(page.getByTestId('optimize-progress')).not.toContainText('Generation');
  // Within the budget the same page runs.
  await setNumber(page, 'population', '8');
  await setNumber(page, 'generations', '1');
  await page.getByTestId('optimize-run').click();
  await expect(page.getByTestId('optimize-progress')).toContainText('Generation 1 of 1', { timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a run in which every design failed ends with the reason, not an empty front', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/#/optimize');
  await expect(page.getByRole('heading', { name: 'Optimize' })).toBeVisible();
  // LH2 alone with LOX at O/F 0.01–0.05: the mixture hardly burns, the chamber stays below 160 K.
  await page.getByLabel('RP-1 (kerosene)').uncheck();
  await page.getByLabel('Liquid methane (LCH4)').uncheck();
  await setNumber(page, 'of-lo', '0.01');
  await setNumber(page, 'of-hi', '0.05');
  await setNumber(page, 'population', '8');
  await setNumber(page, 'generations', '2');
  await page.getByTestId('optimize-run').click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('solved none of the 16 designs', { timeout: 60_000 });
  await expect(alert).toContainText('chamber temperature lies below the range of the thermo data');
  await expect(page.getByTestId('pareto-table')).toHaveCount(0);
});
