// A sweep run on an experiment's design is saved with that experiment when it finishes, and
// reopens from the experiment with its stored results and axes.
import { test, expect } from '@playwright/test';

test('a finished sweep is saved with its experiment and reopens from it', async ({ page }) => {
  await page.goto('./#/explore');
  await expect(page.getByTestId('design-name')).toHaveText('LOX/RP-1 booster');
  await page.getByRole('button', { name: 'Save as new experiment' }).click();
  await page.getByLabel('Name of the new experiment').press('Enter'); // the proposed name
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “LOX/RP-1 booster”' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open experiment' })).toBeVisible();

  await page.getByRole('link', { name: 'Sweep', exact: true }).click();
  await page.getByRole('button', { name: 'Remove axis 2' }).click();
  await page.getByLabel('Points').fill('5');
  await page.getByLabel('Points').blur();
  await expect(page.getByTestId('sweep-total')).toHaveText(/^5 points/);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByTestId('sweep-status')).toContainText('Done: 5 / 5 points');
  const firstIsp = await page.getByRole('table', { name: 'Sweep results' }).locator('tbody tr').first().locator('td').nth(2).textContent();

  // The study appears in the experiment (saved in the background when the job ended).
  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  await page.getByRole('button', { name: 'Open experiment' }).click();
  const study = page.getByRole('region', { name: 'Sweeps' }).getByRole('listitem');
  await expect(study).toHaveCount(1);
  await expect(study).toContainText('of, 5 points');
  await expect(study).toContainText('best vacuum Isp');

  // After a reload (the job list is not needed: results come from the experiment) it reopens in Sweep.
  await page.reload();
  await page.getByRole('region', { name: 'Sweeps' }).getByRole('button', { name: 'Open in Sweep' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sweep' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Sweep results' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first().locator('td').nth(2)).toHaveText(firstIsp!);
  await expect(page.getByTestId('sweep-total')).toHaveText(/^5 points/);
  await expect(page.locator('body')).not.toContainText(/NaN|undefined/);
});
