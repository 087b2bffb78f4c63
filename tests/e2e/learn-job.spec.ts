// A training is a job of the app's queue: the Jobs panel shows it with progress counted in epochs
// (moving inside its single chunk), can cancel it (the Learn page stops, with no model), Resume
// starts it over and the Learn page follows it (and can cancel it too), and a new training (with a
// hyperparameter search first) ends Done with its model shown in Learn.
import { test, expect, type Page } from '@playwright/test';
import { loadFirings, trainOnCpu } from './support/learn.ts';

test.use({ serviceWorkers: 'block' });

const LABEL = 'Training: efficiency from firings.csv, 2 members';

async function jobRows(page: Page) {
  const toggle = page.getByRole('button', { name: /^Jobs/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: 'Jobs' });
  await expect(panel).toBeVisible();
  return panel.locator('li.job').filter({ hasText: LABEL });
}

const epochsShown = async (row: ReturnType<Page['locator']>) => Number(/^([\d,]+) \//.exec((await row.locator('.job-points').textContent()) ?? '')?.[1].replace(/,/g, '') ?? 0);

test('the Jobs panel shows a training in epochs and cancels it; Resume reruns it under Learn; a new training ends Done with its model', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByLabel('Epochs').fill('3000');
  await page.getByTestId('learn-train').click();

  // Progress in epochs, inside the job's one chunk.
  const rows = await jobRows(page);
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row.locator('.job-points')).toContainText(' / 6,000 epochs');
  await expect.poll(() => epochsShown(row), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('learn-status')).toHaveText(/^Training 1\/2, epoch \d+$/);

  // Cancel from the Jobs panel: the job and Learn both stop, with no model.
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row.locator('.job-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('learn-status')).toHaveText('Training cancelled.');
  await expect(page.getByTestId('learn-train')).toBeEnabled();
  await expect(page.getByTestId('learn-metrics')).toHaveCount(0);

  // Resume starts over, and Learn follows it; Learn's Cancel stops it again.
  await row.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Training 1\/2, epoch \d+$/, { timeout: 60_000 });
  await expect(page.getByTestId('learn-train')).toBeDisabled();
  await page.getByTestId('learn-cancel').click();
  await expect(row.locator('.job-status')).toHaveText('Cancelled');
  await expect(page.getByTestId('learn-status')).toHaveText('Training cancelled.');
  await expect(page.getByTestId('learn-metrics')).toHaveCount(0);

  // A quick training after a search of layers, width and learning rate (8 candidates × 10 epochs):
  // Done, 120 of 120 epochs, and the model in Learn.
  await page.getByLabel('Epochs').fill('20');
  await page.getByTestId('learn-search').check();
  await page.getByTestId('learn-train').click();
  await expect(rows).toHaveCount(2);
  const quick = rows.first(); // newest first
  await expect(quick.locator('.job-status')).toHaveText('Done', { timeout: 120_000 });
  await expect(quick).toContainText(`${LABEL}, after a search of layers, width and learning rate`);
  await expect(quick.locator('.job-points')).toContainText('120 / 120 epochs (100 %)');
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 2 networks on \d+ rows\. The search chose [12] × (16|32) neurons, learning rate 0\.0(1|03)\.( The firings give no ambient pressure: taken at sea level \(1\.01325 bar\)[^]*)?$/);
  await expect(page.getByTestId('learn-r2')).toHaveText(/^-?\d/);
  await expect(rows.nth(1).locator('.job-status')).toHaveText('Cancelled');
});

test('a training that ends while another section is open is shown on coming back to Learn', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/learn');
  await loadFirings(page);
  await trainOnCpu(page);
  await page.getByLabel('Epochs').fill('150'); // long enough to leave Learn while it trains
  await page.getByTestId('learn-train').click();
  await expect(page.getByTestId('learn-status')).toHaveText(/^Training 1\/2, epoch \d+$/, { timeout: 60_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Explore' }).first().click();
  await expect(page).toHaveURL(/#\/explore/);
  const row = (await jobRows(page)).first();
  await expect(row.locator('.job-status')).toHaveText('Done', { timeout: 100_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Learn' }).first().click();
  await expect(page).toHaveURL(/#\/learn/);
  await expect(page.getByTestId('learn-status')).toHaveText(/^Trained 2 networks on \d+ rows\.( The firings give no ambient pressure: taken at sea level \(1\.01325 bar\)[^]*)?$/);
  await expect(page.getByTestId('learn-r2')).toHaveText(/^-?\d/);
  // The imported firings are still there to train on again.
  await expect(page.getByTestId('learn-csv-summary')).toHaveText('12 firings accepted, 0 problems');
});
