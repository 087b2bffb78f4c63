// Batch: the same grid on several experiments at once — one job each, each saved with its
// experiment (the refusal of a grid that does not fit a design is unit-tested in sweep.test.ts).
import { test, expect } from '@playwright/test';

test('a batch runs the grid on each chosen experiment and saves each sweep with its experiment', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(page.getByTestId('design-name')).toHaveText('LOX/RP-1 booster');
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  await page.getByLabel('Name of the new experiment').press('Enter'); // the proposed name
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toBeVisible();
  await page.getByLabel('Mixture ratio O/F').fill('2.2');
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  await page.getByLabel('Name of the new experiment').press('Enter'); // the proposed name
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “LOX/RP-1 booster (copy)”' })).toBeVisible();

  await page.getByRole('link', { name: 'Sweep', exact: true }).click();
  await page.getByRole('button', { name: 'Remove axis 2' }).click();
  await page.getByLabel('Points').fill('4');
  await page.getByLabel('Points').blur();
  await page.getByText('Batch: run this grid on several experiments').click();
  await page.getByRole('checkbox', { name: 'LOX/RP-1 booster', exact: true }).check();
  await page.getByRole('checkbox', { name: 'LOX/RP-1 booster (copy)' }).check();
  await page.getByRole('button', { name: 'Run on 2 experiments' }).click();
  await expect(page.getByText('2 sweeps queued')).toBeVisible();

  await page.getByRole('button', { name: /^Jobs/ }).click();
  const panel = page.getByRole('region', { name: 'Jobs' });
  await expect(panel.locator('li.job-done')).toHaveCount(2, { timeout: 60_000 });
  await expect(panel).toContainText('LOX/RP-1 booster (copy): sweep of O/F (4 points)');
  await panel.getByRole('button', { name: 'Close' }).click();

  // Each experiment lists its own sweep.
  await page.getByRole('link', { name: 'Experiments', exact: true }).click();
  for (const name of ['LOX/RP-1 booster', 'LOX/RP-1 booster (copy)']) {
    await page.getByRole('link', { name, exact: true }).first().click();
    const sweeps = page.getByRole('region', { name: 'Sweeps' }).getByRole('listitem');
    await expect(sweeps).toHaveCount(1);
    await expect(sweeps).toContainText('of, 4 points');
    await page.getByRole('link', { name: 'Experiments', exact: true }).click();
  }
});
